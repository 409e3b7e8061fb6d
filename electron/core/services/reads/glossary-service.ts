/**
 * The glossary slide: the definitions both teams agreed on, each in its current version with when and by
 * whom it last changed, so that nobody argues from an old definition.
 */
import { LIFECYCLE_STAGES, type LifecycleStage } from '@shared/domain';
import type { GlossaryEntry, GlossaryResult } from '@shared/figures';
import type { CoreContext } from '../../context';
import { getGlossaryLatestChange, listCurrentGlossaryEntries } from '../../db/repositories/glossary-repository';
import { describeFreshness } from '../support/freshness';

/** Position of a lifecycle stage key in funnel order, or null for any other key (or none). */
function lifecyclePosition(stageKey: string | null): number | null {
  const index = LIFECYCLE_STAGES.indexOf(stageKey as LifecycleStage);
  return index < 0 ? null : index;
}

/**
 * The current version of every glossary term. Terms that define a lifecycle stage come first, in funnel
 * order (lead, MQL, SQL, opportunity, customer), so the slide reads like the funnel; every other term
 * follows alphabetically (case-insensitive).
 */
export function listGlossary(ctx: CoreContext): GlossaryResult {
  const { db, clock } = ctx;
  const now = clock.now();
  return db
    .transaction((): GlossaryResult => {
      const rows = listCurrentGlossaryEntries(db).map((row) => ({ row, position: lifecyclePosition(row.stageKey) }));
      rows.sort((a, b) => {
        if (a.position !== null || b.position !== null) {
          if (a.position === null) return 1;
          if (b.position === null) return -1;
          if (a.position !== b.position) return a.position - b.position;
        }
        const x = a.row.term;
        const y = b.row.term;
        return x.localeCompare(y, 'en', { sensitivity: 'base' }) || (x < y ? -1 : x > y ? 1 : 0);
      });
      const terms: GlossaryEntry[] = rows.map(({ row }) => ({
        term: row.term,
        definition: row.definition,
        version: row.version,
        changedAt: row.changedAt,
        changedByName: row.changedByName,
      }));
      return { terms, freshness: describeFreshness(db, now, getGlossaryLatestChange(db)) };
    })
    .deferred();
}
