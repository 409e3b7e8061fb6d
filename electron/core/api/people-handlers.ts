/** Handlers of the people methods (src/shared/methods/people-methods.ts). */
import type { peopleMethods } from '@shared/methods/people-methods';
import { listPeople } from '../db/repositories/people-repository';
import { deletePerson, savePerson } from '../services/writes/people-commands';
import type { HandlerGroup } from './handler-types';

/** The people of both teams. */
export const peopleHandlers = {
  'people.list': (ctx) => listPeople(ctx.db),
  'people.save': (ctx, input) => savePerson(ctx, input),
  'people.delete': (ctx, input) => deletePerson(ctx, input),
} satisfies HandlerGroup<typeof peopleMethods>;
