/** The funnel from lead to customer, as the wall shows it. */
import type { FunnelResult } from '../domain';
import { none, read } from './define';

/** The funnel domain: name (domain.verb) → kind, input schema, result type. */
export const funnelMethods = {
  'funnel.get': read<FunnelResult>('viewer')(none),
} as const;
