/**
 * The benchmark database: the demo generator at a million deals, with the activity log filled up to five
 * million events. Generating it takes minutes, so the finished file is cached in the OS temp dir under a key
 * made of the sizes and the source of everything that decides its contents (generator, schema, this file);
 * a second `npm run bench` copies the cached file instead of generating again. Every run works on its own
 * copy, because the benchmarks write (new deals) and the cache must stay as generated.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UUID } from 'uuidv7';
import { openDatabase } from '../../electron/core/db/open-database';
import {
  appendActivityEvents,
  countActivityEvents,
  type NewActivityEvent,
} from '../../electron/core/db/repositories/activity-repository';
import { withIndexesDeferred } from '../../electron/core/db/repositories/bulk-load';
import { setSetting } from '../../electron/core/db/repositories/settings-repository';
import { dealEventPayload } from '../../electron/core/services/writes/deal-commands';
import { generateDemoData, type DemoSummary } from '../../electron/core/services/demo-data';
import { SETTING_KEYS } from '../../electron/core/services/support/settings-service';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The generated quarter ends here: a Wednesday afternoon in the middle of a month (Berlin). */
export const BENCH_NOW = Date.UTC(2026, 10, 18, 14, 30);
export const BENCH_TIMEZONE = 'Europe/Berlin';
export const BENCH_MACHINE_ID = 'bench-machine';

/** Sizes of the benchmark database; small ones are for developing the benchmarks themselves. */
export interface DatasetSizes {
  deals: number;
  /** total activity events wanted; the generator's own are topped up with older history */
  events: number;
}

/** The sizes the issue asks for, unless BENCH_DEALS / BENCH_EVENTS say otherwise. */
export function datasetSizes(): DatasetSizes {
  return {
    deals: readSize('BENCH_DEALS', 1_000_000),
    events: readSize('BENCH_EVENTS', 5_000_000),
  };
}

function readSize(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** What {@link prepareDataset} hands back. */
export interface Dataset {
  /** a fresh copy of the cached database, for this run only */
  file: string;
  sizes: DatasetSizes;
  /** what the generator wrote (as recorded when the cache was made) */
  summary: DemoSummary;
  activityEvents: number;
  /** whether the cached file was reused */
  cached: boolean;
  /** seconds spent generating (0 when cached) and copying */
  generateSeconds: number;
  copySeconds: number;
  /** size of the database file in bytes */
  bytes: number;
  /** removes the working copy */
  cleanup(): void;
}

/** The source files whose contents decide the generated database. */
function keyFiles(): string[] {
  const migrations = path.join(ROOT, 'electron/core/db/migrations');
  return [
    path.join(ROOT, 'electron/core/services/demo-data.ts'),
    path.join(ROOT, 'electron/core/services/writes/deal-commands.ts'),
    path.join(ROOT, 'electron/core/db/repositories/bulk-load.ts'),
    path.join(ROOT, 'electron/core/db/repositories/activity-repository.ts'),
    path.join(ROOT, 'electron/core/db/repositories/leads-repository.ts'),
    path.join(ROOT, 'electron/core/db/repositories/deals-repository.ts'),
    import.meta.filename,
    ...fs
      .readdirSync(migrations)
      .filter((name) => name.endsWith('.sql'))
      .sort()
      .map((name) => path.join(migrations, name)),
  ];
}

/** A short hash of the sizes and of every file that decides the data. */
export function datasetKey(sizes: DatasetSizes): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(sizes));
  for (const file of keyFiles()) {
    hash.update(path.relative(ROOT, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

const CACHE_PREFIX = 'alignboard-bench-db-';

/**
 * Returns a working copy of the benchmark database for `sizes`, generating and caching it first when no
 * cached file matches. Older cached files of the same sizes (other keys) are removed.
 */
export function prepareDataset(sizes: DatasetSizes, log: (line: string) => void = () => {}): Dataset {
  const key = datasetKey(sizes);
  const dir = os.tmpdir();
  const cacheFile = path.join(dir, `${cachePrefix(sizes)}${key}.db`);
  const metaFile = `${cacheFile}.json`;
  let generateSeconds = 0;
  const cached = fs.existsSync(cacheFile) && fs.existsSync(metaFile);
  if (!cached) {
    removeStaleCaches(dir, sizes, key);
    log(`generating the benchmark database (${sizes.deals} deals, ${sizes.events} events); cached afterwards`);
    const started = performance.now();
    const meta = generate(cacheFile, sizes);
    generateSeconds = (performance.now() - started) / 1000;
    fs.writeFileSync(metaFile, JSON.stringify({ ...meta, generateSeconds }));
    log(`generated in ${generateSeconds.toFixed(0)} s: ${cacheFile}`);
  } else {
    log(`reusing the cached benchmark database ${cacheFile}`);
  }
  const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { summary: DemoSummary; activityEvents: number };

  const workDir = fs.mkdtempSync(path.join(dir, 'alignboard-bench-run-'));
  const file = path.join(workDir, 'alignboard.db');
  const copyStarted = performance.now();
  fs.copyFileSync(cacheFile, file);
  // Wait for the copy to reach the disk: gigabytes of dirty pages being written back would otherwise slow
  // every commit (fsync) measured in the next minutes.
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const copySeconds = (performance.now() - copyStarted) / 1000;
  return {
    file,
    sizes,
    summary: meta.summary,
    activityEvents: meta.activityEvents,
    cached,
    generateSeconds,
    copySeconds,
    bytes: fs.statSync(file).size,
    cleanup: () => fs.rmSync(workDir, { recursive: true, force: true }),
  };
}

/** Cached files of one size share a prefix, so that a small development run never evicts the big one. */
function cachePrefix(sizes: DatasetSizes): string {
  return `${CACHE_PREFIX}${sizes.deals}-${sizes.events}-`;
}

/** Removes cached files of the same sizes made from other sources: they would only fill the disk. */
function removeStaleCaches(dir: string, sizes: DatasetSizes, key: string): void {
  const prefix = cachePrefix(sizes);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix) && !name.startsWith(`${prefix}${key}.`)) {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

/**
 * Writes the database to `<file>.partial` and renames it into place when complete, so that an interrupted
 * run never leaves a half-made cache behind.
 */
function generate(file: string, sizes: DatasetSizes): { summary: DemoSummary; activityEvents: number } {
  const partial = `${file}.partial`;
  for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) {
    fs.rmSync(leftover, { force: true });
  }
  const db = openDatabase(partial);
  try {
    // A throwaway file being built: a rollback journal (a WAL would hold every page of the one big
    // transaction until its commit) and no fsync.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    setSetting(db, SETTING_KEYS.timezone, BENCH_TIMEZONE, BENCH_NOW);
    setSetting(db, SETTING_KEYS.machineId, BENCH_MACHINE_ID, BENCH_NOW);

    // Older history first, so that sequence numbers follow time as they do in a log that grew for years:
    // the generator's own events (the last hours) stay the newest.
    const generatorEvents = expectedGeneratorEvents(sizes.deals);
    const filler = Math.max(0, sizes.events - generatorEvents);
    db.transaction(() =>
      withIndexesDeferred(db, ['activity_events'], () => appendActivityEvents(db, historyEvents(filler))),
    )();
    const summary = generateDemoData(db, {
      now: BENCH_NOW,
      timezone: BENCH_TIMEZONE,
      deals: sizes.deals,
      machineId: BENCH_MACHINE_ID,
    });
    const activityEvents = countActivityEvents(db);
    db.pragma('journal_mode = WAL');
    db.close();
    fs.renameSync(partial, file);
    return { summary, activityEvents };
  } catch (error) {
    if (db.open) db.close();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * About how many events the generator writes itself: at large sizes it keeps only the last six hours, about
 * six events per thousand deals. Deliberately a little low, so that the total comes out at or just above the
 * wanted count; the benchmark reports the real count.
 */
function expectedGeneratorEvents(deals: number): number {
  return Math.floor(deals * 0.005);
}

const FILLER_MACHINE = 'bench-history';
const HISTORY_YEARS = 2;
const HOUR = 3_600_000;
const STAGES = [
  { id: 'discovery', name: 'Discovery' },
  { id: 'demo', name: 'Demo' },
  { id: 'proposal', name: 'Proposal' },
  { id: 'negotiation', name: 'Negotiation' },
];
const REPS = ['Ana Lima', 'Jonas Weber', 'Priya Nair', 'Mateo García', 'Sophie Martin', 'Lukas Novak'];
const MARKETERS = ['Tom Berg', 'Elena Rossi', 'Mia Schneider', 'Daniel Okafor'];
const CAMPAIGNS = ['Google Ads – brand search', 'Webinar: Forecasts without spreadsheets', 'Blog & guides'];
const COMPANIES = ['Nordwind Logistics GmbH', 'Bluefield Software AG', 'Kestrel Health Ltd', 'Lumen Foods BV'];

/**
 * `count` deal events spread evenly over the two years before the generator's own window, oldest first,
 * shaped like the commands' events (the same payload builder, so the same size on disk). Deterministic:
 * ids and contents follow from the index alone.
 */
function* historyEvents(count: number): Generator<NewActivityEvent> {
  const end = BENCH_NOW - 7 * HOUR;
  const start = end - HISTORY_YEARS * 365 * 24 * HOUR;
  const step = count === 0 ? 0 : (end - start) / count;
  for (let i = 0; i < count; i++) {
    const at = Math.round(start + i * step);
    const dealNo = Math.floor(i / 4);
    const phase = i % 4;
    const from = phase === 0 ? null : STAGES[phase - 1]!;
    const to = STAGES[phase]!;
    const won = phase === 3 && dealNo % 3 === 0;
    const dealId = UUID.fromFieldsV7(Math.floor(start + dealNo * step * 4), 0, dealNo % 0x40000000, 0x1234).toString();
    const payload = dealEventPayload(
      {
        id: dealId,
        title: `${COMPANIES[dealNo % COMPANIES.length]} – Business plan`,
        amountMinor: 300_000 + (dealNo % 97) * 10_000,
        currency: dealNo % 12 === 0 ? 'USD' : 'EUR',
        status: won ? 'won' : 'open',
        closingRepId: null,
        sourcingMarketerId: null,
        campaignId: null,
        leadId: null,
        closeReason: won ? 'won_product_fit' : null,
      },
      {
        fromStage: from,
        toStage: won ? { id: 'won', name: 'Won' } : to,
        closingRepName: REPS[dealNo % REPS.length]!,
        sourcingMarketerName: MARKETERS[dealNo % MARKETERS.length]!,
        campaignName: CAMPAIGNS[dealNo % CAMPAIGNS.length]!,
        leadName: null,
        closeReasonLabel: won ? 'Product fit' : null,
      },
      from === null ? undefined : { before: { stageId: from.id }, after: { stageId: won ? 'won' : to.id } },
    );
    yield {
      id: UUID.fromFieldsV7(at, Math.floor(i / 0x40000000) & 0xfff, i % 0x40000000, 0x5678).toString(),
      at,
      machineId: FILLER_MACHINE,
      type: phase === 0 ? 'deal.created' : won ? 'deal.won' : 'deal.stage_changed',
      entity: 'deal',
      entityId: dealId,
      actorId: null,
      payload,
    };
  }
}
