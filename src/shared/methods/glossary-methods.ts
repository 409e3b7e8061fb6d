/** The shared glossary: the terms the wall shows and their versioned definitions. */
import { z } from 'zod';
import type { GlossaryResult } from '../figures';
import type { GlossaryVersionRecord } from '../records';
import { name, none, read, write } from './define';

/** A new definition adds a version; the previous one is kept. */
export const glossarySaveInput = z
  .object({
    term: name,
    definition: z.string().trim().min(1, 'is required').max(5000, 'must be at most 5000 characters'),
    stageKey: z.string().max(40).nullable().optional(),
  })
  .strict();

/** The glossary domain: name (domain.verb) → kind, input schema, result type. */
export const glossaryMethods = {
  'glossary.list': read<GlossaryResult>('viewer')(none),
  'glossary.history': read<GlossaryVersionRecord[]>('viewer')(z.object({ term: name }).strict()),
  'glossary.save': write<GlossaryVersionRecord>('admin')(glossarySaveInput),
} as const;
