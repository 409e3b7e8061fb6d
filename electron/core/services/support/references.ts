/**
 * Look-ups of rows a command refers to by id: each returns the row or throws `not_found` naming the input
 * field, in plain words, before the command has written anything.
 */
import type Database from 'better-sqlite3';
import { ApiError } from '@shared/contract';
import { getCampaign } from '../../db/repositories/campaigns-repository';
import { getLead } from '../../db/repositories/leads-repository';
import { getPerson } from '../../db/repositories/people-repository';

/** A `not_found` error naming the input field. */
export function notFound(field: string, message: string): ApiError {
  return new ApiError('not_found', message, field);
}

/** The look-ups of one kind of row by its repository's getter: one that must find it, one that may skip it. */
function lookups<T>(noun: string, get: (db: Database.Database, id: string) => T | undefined) {
  function required(db: Database.Database, id: string, field: string): T {
    const row = get(db, id);
    if (row === undefined) throw notFound(field, `There is no ${noun} with the id "${id}".`);
    return row;
  }
  function optional(db: Database.Database, id: string | null | undefined, field: string): T | null {
    return id == null ? null : required(db, id, field);
  }
  return { required, optional };
}

const people = lookups('person', getPerson);
const campaigns = lookups('campaign', getCampaign);

/** The person (not deleted) with `id`, else `not_found` on `field`. */
export const requirePerson = people.required;
/** The person with `id`, or null when `id` is null; `not_found` on `field` when it names nobody. */
export const optionalPerson = people.optional;
/** The campaign (not deleted) with `id`, else `not_found` on `field`. */
export const requireCampaign = campaigns.required;
/** The campaign with `id`, or null when `id` is null; `not_found` on `field` when it names none. */
export const optionalCampaign = campaigns.optional;
/** The lead (not deleted) with `id`, else `not_found` on `field`. */
export const requireLead = lookups('lead', getLead).required;
