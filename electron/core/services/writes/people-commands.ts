/**
 * Commands for the people on both teams. Each is one transaction through {@link runCommand} that records
 * one event carrying the changed row (the undo convention in activity-recorder.ts).
 */
import { uuidv7 } from 'uuidv7';
import type { MethodParsedInput } from '@shared/contract';
import type { Person } from '@shared/domain';
import type { CoreContext } from '../../context';
import { insertPerson, softDeletePerson, updatePerson } from '../../db/repositories/people-repository';
import { runCommand } from '../support/activity-recorder';
import { requirePerson } from '../support/references';

/**
 * Adds a person (no `id`) or renames / moves one to the other team (`id`; `not_found` on 'id' when there is
 * no such person). Names need not be unique. Events: 'person.created' or 'person.updated'; nothing is
 * recorded when an update changes nothing.
 */
export function savePerson(ctx: CoreContext, input: MethodParsedInput<'people.save'>): Person {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    if (input.id == null) {
      const person = insertPerson(db, { id: uuidv7(), name: input.name, team: input.team }, now);
      record({ type: 'person.created', ...personEvent(person) });
      return person;
    }
    const existing = requirePerson(db, input.id, 'id');
    if (existing.name === input.name && existing.team === input.team) return existing;
    updatePerson(db, existing.id, { name: input.name, team: input.team }, now);
    const person: Person = { id: existing.id, name: input.name, team: input.team };
    record({
      type: 'person.updated',
      ...personEvent(person),
      payload: { ...personEvent(person).payload, previousName: existing.name, previousTeam: existing.team },
    });
    return person;
  });
}

/**
 * Deletes a person softly (`not_found` on 'id' when there is none): they leave every list and form, while
 * leads, deals and goals they own keep pointing at them, and undo brings them back. Event: 'person.deleted'.
 */
export function deletePerson(ctx: CoreContext, input: MethodParsedInput<'people.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const person = requirePerson(db, input.id, 'id');
    softDeletePerson(db, person.id, ctx.clock.now());
    record({ type: 'person.deleted', ...personEvent(person) });
    return { id: person.id };
  });
}

function personEvent(person: Person) {
  return {
    entity: 'person',
    entityId: person.id,
    payload: { personId: person.id, name: person.name, team: person.team },
  };
}
