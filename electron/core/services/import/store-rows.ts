/**
 * Writes an analysed file in one transaction: creates or updates each lead and deal by its external id,
 * keeps the stored values of the columns the file lacks, and builds indexes and figure aggregates once after
 * a bulk load.
 */
import { ApiError } from '@shared/contract';
import type { ImportFormat, ImportResult } from '@shared/import-types';
import { randomBytes } from 'node:crypto';
import { UUID } from 'uuidv7';
import type { CoreContext } from '../../context';
import { withIndexesDeferred } from '../../db/repositories/bulk-load';
import { countDeals } from '../../db/repositories/deals-repository';
import { withFigureAggregatesDeferred } from '../../db/repositories/figure-aggregates-repository';
import {
  importedDeals,
  ImportedDealWriter,
  importedLeads,
  type ImportedLeadUpdate,
  listMatchablePeople,
  updateImportedDeal,
  updateImportedLead,
} from '../../db/repositories/import-repository';
import { countLeads, insertLead } from '../../db/repositories/leads-repository';
import { insertPerson } from '../../db/repositories/people-repository';
import { runCommand, type RecordActivity } from '../support/activity-recorder';
import { followWonDealsInBulk } from '../support/customer-state';
import type { Analysis } from './analyse-file';
import { externalSource } from './detect-format';
import { newDealProblem, wonWithoutRepProblem } from './import-problems';
import { refuse, report } from './import-report';
import type { ResolvedMapping } from './map-rows';
import { matchOwners, ownersOf } from './match-owners';
import type { DealDraft, Draft, LeadDraft } from './row-drafts';
import { storeMapping } from './saved-mappings';

/** Imports of at most this many rows carry their row changes in the activity event, so undo can revert them. */
export const UNDOABLE_ROW_LIMIT = 500;

/**
 * From this many rows on, and when the import brings a good share of the rows leads and deals hold, the
 * target table's indexes and the figure aggregates are built once after the rows instead of row by row
 * (as the demo generator does): the rebuild costs as much as the tables hold, the row-by-row upkeep
 * several times more per row.
 */
const BULK_ROWS = 5_000;

/**
 * "A good share": at least one row in this many of those leads and deals hold. The rebuild per stored row
 * costs about a fourth of the upkeep per imported row, so a re-import of every row (all updates) is a bulk
 * load too.
 */
const BULK_SHARE = 4;

/** Writes the analysed rows in one transaction and records the import; refuses it at the first problem. */
export function writeImport(
  ctx: CoreContext,
  importId: string,
  fileName: string,
  analysis: Analysis,
  format: ImportFormat,
  resolved: ResolvedMapping,
): ImportResult {
  const { db } = ctx;
  const mapping = analysis.mapping;
  const source = externalSource(format, mapping);
  const undoable = analysis.drafts.length <= UNDOABLE_ROW_LIMIT;
  // The write helpers journal what a small import changes, so that its event carries the rows for undo; a
  // larger one is not undone row by row, and none of its rows go into the event.
  const work = (record: RecordActivity): ImportResult => {
    const now = ctx.clock.now();
    // Matched again inside the transaction: the people may have changed while the file was being read.
    const owners = matchOwners(ownersOf(analysis), listMatchablePeople(db), mapping, resolved);
    if (owners.problems.length > 0) refuse(report(owners.problems), analysis.rows);

    let peopleCreated = 0;
    const ownerIds = new Map<string, string>();
    for (const [text, match] of owners.byText) {
      if (typeof match === 'string') {
        ownerIds.set(text, match);
        continue;
      }
      const person = insertPerson(db, { name: match.name, team: 'sales', email: match.email }, now);
      ownerIds.set(text, person.id);
      peopleCreated += 1;
    }
    const ownerOf = (draft: Draft) => (draft.owner === null ? null : (ownerIds.get(draft.owner.text) ?? null));
    // A column the file lacks says nothing about its field: stored values stay.
    const has = (field: keyof ResolvedMapping['indexes']) => resolved.indexes[field] !== undefined;

    let imported = 0;
    let updated = 0;
    /** leads whose customer state the written rows may move */
    const touchedLeads: string[] = [];
    const ids = new RowIds(now);
    const writeRows = () => {
      if (mapping.target === 'deals') {
        const existing = importedDeals(db, source);
        const inserts = new ImportedDealWriter(db, now);
        for (const draft of analysis.drafts as DealDraft[]) {
          const known = existing.get(draft.externalId);
          const entered = draft.closedAt ?? draft.createdAt;
          const needsRep = draft.status === 'won' && !has('owner') && (known?.closingRepId ?? null) === null;
          if (needsRep) refuse(report([wonWithoutRepProblem(draft)]), analysis.rows);
          if (known === undefined) {
            if (!has('amount')) refuse(report([newDealProblem(analysis, draft)]), analysis.rows);
            const id = ids.next();
            inserts.add({
              id,
              title: draft.title,
              amountMinor: draft.amountMinor,
              currency: draft.currency,
              stageId: draft.stageId,
              status: draft.status,
              closingRepId: ownerOf(draft),
              createdAt: draft.createdAt,
              stageEnteredAt: entered,
              closedAt: draft.closedAt,
              externalSource: source,
              externalId: draft.externalId,
            });
            imported += 1;
          } else {
            if (known.leadId !== null) touchedLeads.push(known.leadId);
            updateImportedDeal(
              db,
              known.id,
              {
                title: draft.title,
                ...(has('amount') ? { amountMinor: draft.amountMinor, currency: draft.currency } : {}),
                stageId: draft.stageId,
                status: draft.status,
                ...(has('owner') ? { closingRepId: ownerOf(draft) } : {}),
                createdAt: draft.createdAt,
                stageEnteredAt:
                  known.stageId === draft.stageId ? known.stageEnteredAt : draft.status === 'open' ? now : entered,
                closedAt: draft.closedAt,
              },
              now,
            );
            updated += 1;
          }
        }
        inserts.flush();
      } else {
        const existing = importedLeads(db, source);
        for (const draft of analysis.drafts as LeadDraft[]) {
          const knownId = existing.get(draft.externalId);
          const fields = {
            name: draft.name,
            company: draft.company,
            stage: draft.stage,
            sourceTeam: draft.sourceTeam,
            ownerId: ownerOf(draft),
            leadAt: draft.leadAt,
            mqlAt: draft.mqlAt,
            sqlAt: draft.sqlAt,
            opportunityAt: draft.opportunityAt,
            customerAt: draft.customerAt,
            firstFollowUpAt: draft.firstFollowUpAt,
          };
          if (knownId === undefined) {
            const lead = insertLead(
              db,
              { ...fields, id: ids.next(), externalSource: source, externalId: draft.externalId },
              now,
            );
            touchedLeads.push(lead.id);
            imported += 1;
          } else {
            updateImportedLead(db, knownId, keptWhereMissing(fields, has), now);
            touchedLeads.push(knownId);
            updated += 1;
          }
        }
      }
    };
    const bulk =
      analysis.drafts.length >= BULK_ROWS && analysis.drafts.length * BULK_SHARE >= countLeads(db) + countDeals(db);
    if (bulk) withIndexesDeferred(db, [mapping.target], () => withFigureAggregatesDeferred(db, writeRows));
    else writeRows();
    // A file's customer stage or date does not make a customer; the lead's won deals here do.
    followWonDealsInBulk(db, now, touchedLeads);
    storeMapping(ctx, analysis.layout.headers, mapping);
    const result: ImportResult = {
      importId,
      format,
      target: mapping.target,
      rows: analysis.drafts.length,
      imported,
      updated,
      skipped: 0,
      peopleCreated,
      footerLines: analysis.footer?.lines ?? 0,
    };
    record({
      type: 'import.completed',
      entity: 'import',
      entityId: importId,
      payload: {
        fileName,
        format,
        target: mapping.target,
        imported,
        updated,
        peopleCreated,
        undoable,
      },
    });
    return result;
  };
  return runCommand(ctx, work, { undoable });
}

/**
 * A lead's update without the fields whose columns the file lacks. The name counts as present when a name
 * column is (an email alone would replace a stored name); the stage when its column or a stage date's is.
 */
function keptWhereMissing(
  fields: Required<ImportedLeadUpdate>,
  has: (field: keyof ResolvedMapping['indexes']) => boolean,
): ImportedLeadUpdate {
  const kept: ImportedLeadUpdate = { leadAt: fields.leadAt, firstFollowUpAt: fields.firstFollowUpAt };
  if (has('name') || has('firstName') || has('lastName')) kept.name = fields.name;
  if (has('company')) kept.company = fields.company;
  if (has('source')) kept.sourceTeam = fields.sourceTeam;
  if (has('owner')) kept.ownerId = fields.ownerId;
  if (has('stage') || has('mqlDate') || has('sqlDate') || has('opportunityDate') || has('customerDate')) {
    kept.stage = fields.stage;
  }
  if (has('mqlDate')) kept.mqlAt = fields.mqlAt;
  if (has('sqlDate')) kept.sqlAt = fields.sqlAt;
  if (has('opportunityDate')) kept.opportunityAt = fields.opportunityAt;
  if (has('customerDate')) kept.customerAt = fields.customerAt;
  return kept;
}

/** Turns SQLite's busy and full errors into messages a person can act on; the transaction has rolled back. */
export function translateDatabaseErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      throw new ApiError(
        'conflict',
        'The database is busy (another program or a backup is writing to it); nothing was imported. Try again in a moment.',
      );
    }
    if (code === 'SQLITE_FULL') {
      throw new ApiError(
        'internal',
        'The disk is full, or the database has reached its size limit; nothing was imported. Free some space and try again.',
      );
    }
    throw error;
  }
}

/**
 * UUIDv7 ids for the rows of one import, stamped with the import's time and made strictly increasing by a
 * counter in the bits after the timestamp (RFC 9562, method 1), with a random tail: rows append to the
 * primary-key B-tree instead of landing all over it, and drawing the randomness in one piece saves a
 * system call per row.
 */
class RowIds {
  private counter = 0;
  private random = randomBytes(0);

  constructor(private readonly at: number) {}

  next(): string {
    const n = this.counter++;
    const slot = n % 4096;
    if (slot === 0) this.random = randomBytes(4 * 4096);
    return UUID.fromFieldsV7(
      this.at,
      Math.floor(n / 0x40000000) & 0xfff,
      n % 0x40000000,
      this.random.readUInt32LE(slot * 4),
    ).toString();
  }
}
