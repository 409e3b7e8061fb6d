/** Marketing campaigns: the list the wall and the forms read, and their upkeep. */
import { z } from 'zod';
import type { Campaign } from '../domain';
import { byId, name, none, optionalId, read, team, write } from './define';

export const campaignSaveInput = z
  .object({
    id: optionalId,
    name,
    channel: z.string().trim().min(1, 'is required').max(40, 'must be at most 40 characters'),
    sourceTeam: team,
    ownerId: optionalId,
  })
  .strict();

/** The campaigns domain: name (domain.verb) → kind, input schema, result type. */
export const campaignsMethods = {
  'campaigns.list': read<Campaign[]>('viewer')(none),
  'campaigns.save': write<Campaign>('admin')(campaignSaveInput),
  'campaigns.delete': write<{ id: string }>('admin')(byId),
} as const;
