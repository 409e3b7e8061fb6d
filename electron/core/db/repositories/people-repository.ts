import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { Person, Team } from '@shared/domain';
import { prepared } from './statements';
import { getLiveRow, insertLiveRow, listLiveRows, softDeleteLiveRow, updateLiveRow } from './live-rows';

/** A person to add; `id` defaults to a new UUIDv7. */
export interface NewPerson {
  id?: string;
  name: string;
  team: Team;
  email?: string | null;
  externalSource?: string | null;
  externalId?: string | null;
}

const COLUMNS = 'id, name, team';

/** Adds a person and returns it. */
export function insertPerson(db: Database.Database, person: NewPerson, at: number): Person {
  const id = person.id ?? uuidv7();
  const columns = {
    name: person.name,
    team: person.team,
    email: person.email ?? null,
    external_source: person.externalSource ?? null,
    external_id: person.externalId ?? null,
  };
  insertLiveRow(db, 'people', id, columns, at);
  return { id, name: person.name, team: person.team };
}

/** Everyone not deleted, sales first, then by name. */
export function listPeople(db: Database.Database): Person[] {
  return listLiveRows<Person>(db, 'people', COLUMNS, 'team DESC, name, id');
}

/** One person that is not deleted, or undefined. */
export function getPerson(db: Database.Database, id: string): Person | undefined {
  return getLiveRow<Person>(db, 'people', COLUMNS, id);
}

/** How many people exist (deleted ones included: the database is not empty if it ever had any). */
export function countPeople(db: Database.Database): number {
  return (prepared(db, `SELECT count(*) AS n FROM people`).get() as { n: number }).n;
}

/** Changes a person's name and team; returns whether a person that is not deleted matched. */
export function updatePerson(
  db: Database.Database,
  id: string,
  fields: { name: string; team: Team },
  at: number,
): boolean {
  return updateLiveRow(db, 'people', id, { name: fields.name, team: fields.team }, at);
}

/** Marks a person deleted (soft: the row stays, so that undo can bring it back); returns whether it changed. */
export function softDeletePerson(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'people', id, at);
}
