/**
 * Durability under SIGKILL: a child process writes rows in transactions with the app's own connection
 * settings and acknowledges each after its commit; it is killed mid-run, and every acknowledged row must
 * be in the file afterwards, which must pass `integrity_check`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_PRAGMAS } from '../../../electron/core/db/pragmas';

const WRITER = path.join(import.meta.dirname, 'ack-writer.mjs');

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs the writer until it has acknowledged `atLeast` rows, then SIGKILLs it; returns the acknowledged ids. */
function writeAndKill(file: string, atLeast: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, JSON.stringify(CONNECTION_PRAGMAS)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) acked.push(Number(line));
      if (!killed && acked.length >= atLeast) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself: ${stderr}`));
      // Only whole lines count: a half-printed id was never acknowledged.
      else resolve(acked);
    });
  });
}

describe('SIGKILL during writes', () => {
  it('keeps every acknowledged row and an intact file', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-sigkill-'));
    const file = path.join(dir, 'alignboard.db');

    const first = await writeAndKill(file, 300);
    // A second run on the file the first one left (hot WAL and all), killed again.
    const second = await writeAndKill(file, first.length + 300);
    expect(first.length).toBeGreaterThanOrEqual(300);

    // The kill left a hot WAL behind: the acknowledged rows live there until recovery.
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    const db = new Database(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set((db.prepare('SELECT id FROM acked').pluck().all() as number[]).map(Number));
      const missing = [...first, ...second].filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
    } finally {
      db.close();
    }
  });
});
