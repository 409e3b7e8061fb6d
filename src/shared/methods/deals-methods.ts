/** Deals through the pipeline: the list the wall and the forms read, creating, moving, editing, deleting. */
import { z } from 'zod';
import type { Deal, PipelineStage } from '../domain';
import { byId, currency, id, listLimit, name, none, optionalId, read, wholeNumber, write } from './define';

/** A deal's amount in minor units (cents), so that no float rounding reaches the database. */
const amountMinor = wholeNumber('must be a whole number of cents')
  .nonnegative('must not be negative')
  .max(1e13, 'is too large');

/** Input of `deals.create`. */
export const dealCreateInput = z
  .object({
    title: name,
    amountMinor,
    currency,
    stageId: id,
    closingRepId: optionalId,
    sourcingMarketerId: optionalId,
    campaignId: optionalId,
    leadId: optionalId,
  })
  .strict();

/**
 * Input of `deals.moveStage`. A move to a won or lost stage closes the deal with the reason; a move to a
 * won stage names the closing rep when the deal has none yet (or to change who closed it).
 */
export const dealMoveStageInput = z
  .object({
    dealId: id,
    stageId: id,
    reason: z.string().max(64).nullable().optional(),
    closingRepId: id.optional(),
  })
  .strict();

/** Updates a deal's fields (its stage moves through `deals.moveStage`). */
export const dealUpdateInput = z
  .object({
    id,
    title: name,
    amountMinor,
    currency,
    closingRepId: optionalId,
    sourcingMarketerId: optionalId,
    campaignId: optionalId,
    leadId: optionalId,
  })
  .strict();

/** Input of `deals.list`: open, won or lost deals, or all. */
export const dealListInput = z
  .object({ status: z.enum(['open', 'won', 'lost']).optional(), limit: listLimit(500, 100) })
  .strict();

/** The deals domain: name (domain.verb) → kind, input schema, result type. */
export const dealsMethods = {
  'pipeline.stages': read<PipelineStage[]>('viewer')(none),
  'deals.list': read<Deal[]>('viewer')(dealListInput),
  'deals.create': write<Deal>('admin')(dealCreateInput),
  'deals.moveStage': write<Deal>('admin')(dealMoveStageInput),
  'deals.update': write<Deal>('admin')(dealUpdateInput),
  'deals.delete': write<{ id: string }>('admin')(byId),
} as const;
