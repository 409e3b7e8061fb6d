/** Handlers of the glossary methods (src/shared/methods/glossary-methods.ts). */
import type { glossaryMethods } from '@shared/methods/glossary-methods';
import { glossaryHistory, saveGlossaryTerm } from '../services/writes/glossary-commands';
import { listGlossary } from '../services/reads/glossary-service';
import type { HandlerGroup } from './handler-types';

/** The glossary and its versioned definitions. */
export const glossaryHandlers = {
  'glossary.list': (ctx) => listGlossary(ctx),
  'glossary.history': (ctx, input) => glossaryHistory(ctx, input),
  'glossary.save': (ctx, input) => saveGlossaryTerm(ctx, input),
} satisfies HandlerGroup<typeof glossaryMethods>;
