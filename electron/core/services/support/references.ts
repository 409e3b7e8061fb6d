/**
 * Look-ups of rows a command refers to by id: each returns the row or throws `not_found` naming the input
 * field, in plain words, before the command has written anything.
 */
import type Database from 'better-sqlite3';
import { ApiError } from '@shared/contract';
import type { Campaign, Person } from '@shared/domain';
import { getCampaign } from '../../db/repositories/campaigns-repository';
import { getLead, type Lead } from '../../db/repositories/leads-repository';
import { getPerson } from '../../db/repositories/people-repository';

/** A `not_found` error naming the input field. */
export function notFound(field: string, message: string): ApiError {
  return new ApiError('not_found', message, field);
}

/** The person (not deleted) with `id`, else `not_found` on `field`. */
export function requirePerson(db: Database.Database, id: string, field: string): Person {
  const person = getPerson(db, id);
  if (person === undefined) throw notFound(field, `There is no person with the id "${id}".`);
  return person;
}

/** The person with `id`, or null when `id` is null; `not_found` on `field` when it names nobody. */
export function optionalPerson(db: Database.Database, id: string | null | undefined, field: string): Person | null {
  return id == null ? null : requirePerson(db, id, field);
}

/** The campaign (not deleted) with `id`, else `not_found` on `field`. */
export function requireCampaign(db: Database.Database, id: string, field: string): Campaign {
  const campaign = getCampaign(db, id);
  if (campaign === undefined) throw notFound(field, `There is no campaign with the id "${id}".`);
  return campaign;
}

/** The campaign with `id`, or null when `id` is null; `not_found` on `field` when it names none. */
export function optionalCampaign(db: Database.Database, id: string | null | undefined, field: string): Campaign | null {
  return id == null ? null : requireCampaign(db, id, field);
}

/** The lead (not deleted) with `id`, else `not_found` on `field`. */
export function requireLead(db: Database.Database, id: string, field: string): Lead {
  const lead = getLead(db, id);
  if (lead === undefined) throw notFound(field, `There is no lead with the id "${id}".`);
  return lead;
}
