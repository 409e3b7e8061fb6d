/** Handlers of the campaign methods (src/shared/methods/campaigns-methods.ts). */
import type { campaignsMethods } from '@shared/methods/campaigns-methods';
import { listCampaigns } from '../db/repositories/campaigns-repository';
import { deleteCampaign, saveCampaign } from '../services/writes/campaign-commands';
import type { HandlerGroup } from './handler-types';

/** Marketing campaigns. */
export const campaignsHandlers = {
  'campaigns.list': (ctx) => listCampaigns(ctx.db),
  'campaigns.save': (ctx, input) => saveCampaign(ctx, input),
  'campaigns.delete': (ctx, input) => deleteCampaign(ctx, input),
} satisfies HandlerGroup<typeof campaignsMethods>;
