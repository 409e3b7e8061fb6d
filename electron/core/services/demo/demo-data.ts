/**
 * The demo generator: a believable quarter for a 6-person sales team and a 4-person marketing team,
 * ending at `now`. Deterministic: every choice comes from one seeded PRNG and every time from `now`, so the
 * same seed and `now` give identical rows (ids included), which tests and benchmarks rely on. Rows are
 * written through the repositories' reused prepared statements in one transaction, and leads are streamed
 * (each lead is written together with its deals, nothing big is kept in memory), so the `deals` option can
 * go to a million.
 *
 * This module is the writer: it runs the generators of the folder in order, in one transaction, with
 * indexes and figure aggregates built once at the end.
 */
import type Database from 'better-sqlite3';
import type { CoreContext } from '../../context';
import { withIndexesDeferred } from '../../db/repositories/bulk-load';
import { countDeals } from '../../db/repositories/deals-repository';
import { withFigureAggregatesDeferred } from '../../db/repositories/figure-aggregates-repository';
import { countPeople } from '../../db/repositories/people-repository';
import { setSetting } from '../../db/repositories/settings-repository';
import { leadExitAnchorAt } from '../support/figure-maintenance';
import { SETTING_KEYS } from '../support/settings-service';
import { writeActivity } from './activity';
import { writeCampaigns } from './campaigns';
import { DEFAULT_DEMO_DEALS, DEFAULT_DEMO_SEED, DemoRun, type DemoOptions, type DemoSummary } from './demo-run';
import { writeGlossary } from './glossary';
import { writeLeadsAndDeals, writeScenarioLeads } from './leads';
import { writeMeetings } from './meetings';
import { writePeople } from './people';
import { writeSprints } from './sprints';
import { writeKpiTargets, writeSlaTerms } from './targets';

export { DEFAULT_DEMO_DEALS, DEFAULT_DEMO_SEED, type DemoOptions, type DemoSummary } from './demo-run';

/** the tables that grow with the `deals` option: their indexes are built once, after the rows */
const BULK_TABLES = ['leads', 'lead_transitions', 'deals', 'lead_reviews'] as const;
/** page cache while generating, in KiB */
const DEMO_CACHE_KIB = 256 * 1024;

/**
 * Fills `db` with a generated quarter ending at `options.now` and marks it as demo data (setting
 * 'data.demo' = true). Runs in one transaction: it either writes everything or nothing. Does not check
 * that the database is empty (see {@link ensureDemoData}); ids are deterministic, so running it twice on
 * the same file fails on the first duplicate id rather than doubling the data.
 */
export function generateDemoData(db: Database.Database, options: DemoOptions): DemoSummary {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const targetDeals = options.deals ?? DEFAULT_DEMO_DEALS;
  if (!Number.isInteger(targetDeals) || targetDeals < 0) throw new RangeError('deals must be a whole number ≥ 0');
  if (!Number.isFinite(options.now)) throw new RangeError('now must be a time in epoch milliseconds');
  // A bigger page cache for the run keeps the growing B-trees in memory instead of spilling and re-reading
  // pages; the connection's own setting is restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${Math.trunc(DEMO_CACHE_KIB) * -1}`);
  try {
    // Indexes and figure aggregates are both built once over the loaded rows rather than row by row.
    return db.transaction(() =>
      withIndexesDeferred(db, BULK_TABLES, () =>
        withFigureAggregatesDeferred(db, () => writeDemoRun(new DemoRun(db, options, seed, targetDeals)), {
          anchorAt: leadExitAnchorAt(options.now),
        }),
      ),
    )();
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
}

/**
 * Fills the database with demo data when it is empty (no people and no deals) and returns whether it did.
 * The time is the context's clock; the zone is the room's.
 */
export function ensureDemoData(ctx: CoreContext, timezone: string): boolean {
  if (countPeople(ctx.db) > 0 || countDeals(ctx.db) > 0) return false;
  generateDemoData(ctx.db, { now: ctx.clock.now(), timezone, machineId: ctx.machineId });
  return true;
}

/** The generators in the order the rows depend on each other; the activity log goes last, in time order. */
function writeDemoRun(run: DemoRun): DemoSummary {
  run.loadPipeline();
  writePeople(run);
  writeCampaigns(run);
  writeLeadsAndDeals(run);
  writeScenarioLeads(run);
  writeSlaTerms(run);
  writeKpiTargets(run);
  writeSprints(run);
  writeMeetings(run);
  writeGlossary(run);
  writeActivity(run);
  setSetting(run.db, SETTING_KEYS.demo, true, run.now);
  return run.summary;
}
