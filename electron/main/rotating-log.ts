/**
 * A small size-capped log for a machine no one watches: one line per record (time, message, JSON fields),
 * appended to `<dir>/<name>`; when the file would pass `maxBytes` it becomes `<name>.1`, the older ones
 * shift up, and only `keep` old files remain. Synchronous: a few lines an hour, and a line written just
 * before a crash must be on disk.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingLogOptions {
  dir: string;
  name?: string;
  /** the largest a file may grow (bytes) */
  maxBytes?: number;
  /** how many old files are kept besides the current one */
  keep?: number;
  now?: () => Date;
}

export class RotatingLog {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;

  constructor(private readonly options: RotatingLogOptions) {
    this.file = join(options.dir, options.name ?? 'alignboard.log');
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 5;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends one record. Never throws: logging must not take the wall down. */
  write(message: string, fields?: Record<string, unknown>): void {
    const suffix = fields === undefined ? '' : ` ${safeJson(fields)}`;
    const line = `${this.now().toISOString()} ${message.replace(/[\r\n]+/g, ' ')}${suffix}\n`;
    try {
      mkdirSync(this.options.dir, { recursive: true });
      if (exists(this.file) && this.sizeOf(this.file) + Buffer.byteLength(line) > this.maxBytes) this.rotate();
      appendFileSync(this.file, line.length > this.maxBytes ? line.slice(0, this.maxBytes - 1) + '\n' : line);
    } catch (error) {
      console.error('could not write the log:', error);
    }
  }

  /** The current file and the old ones, newest first, that exist now. */
  files(): string[] {
    const all = [this.file];
    for (let n = 1; n <= this.keep; n += 1) all.push(`${this.file}.${n}`);
    return all.filter(exists);
  }

  private rotate(): void {
    // rename replaces an existing target, so the oldest file (.keep) is overwritten, not left behind.
    for (let n = this.keep - 1; n >= 1; n -= 1) {
      if (exists(`${this.file}.${n}`)) renameSync(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    if (this.keep >= 1) renameSync(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
  }

  private sizeOf(file: string): number {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  }
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '"<unserialisable>"';
  }
}
