/** The people of both teams: the list the wall and the forms read, and their upkeep. */
import { z } from 'zod';
import type { Person } from '../domain';
import { byId, name, none, optionalId, read, team, write } from './define';

/** Create (no id) or update (id) a person. */
export const personSaveInput = z.object({ id: optionalId, name, team }).strict();

/** The people domain: name (domain.verb) → kind, input schema, result type. */
export const peopleMethods = {
  'people.list': read<Person[]>('viewer')(none),
  'people.save': write<Person>('admin')(personSaveInput),
  'people.delete': write<{ id: string }>('admin')(byId),
} as const;
