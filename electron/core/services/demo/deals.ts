/** The demo deals: a deal's outcome, its path through the pipeline stages and its rows and events. */
import type { DealStatus } from '@shared/domain';
import { insertDeal } from '../../db/repositories/deals-repository';
import { type DealEventNames, customerEventPayload, dealEventPayload } from '../writes/deal-commands';
import { DAY, HOUR } from './calendar';
import type { DemoCampaign, DemoRun } from './demo-run';
import { ms } from './random';
import { LOST_REASONS, OPEN_STAGE_WEIGHTS, PRODUCTS, WON_REASONS } from './vocabulary';

/** A deal decided before it is written: its outcome, amounts and stage path. */
export interface PlannedDeal {
  id: string;
  title: string;
  amountMinor: number;
  currency: string;
  createdAt: number;
  status: DealStatus;
  closedAt: number | null;
  closeReason: string | null;
  /** stages in the order the deal went through them, the last being where it is now */
  path: { stageId: string; at: number }[];
}

/** Decides a lead's deals: outcome, stage path and times. */
export function planDeals(run: DemoRun, opportunityAt: number, campaign: DemoCampaign): PlannedDeal[] {
  const rng = run.rng;
  const remaining = run.targetDeals - run.summary.deals;
  const count = Math.min(remaining, rng.chance(0.2) ? 2 : 1);
  const planned: PlannedDeal[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = i === 0 ? opportunityAt : ms(opportunityAt + rng.between(5 * DAY, 30 * DAY));
    if (createdAt >= run.now) break;
    const age = run.now - createdAt;
    const usd = rng.chance(0.08);
    const big = campaign.channel === 'referral' || campaign.channel === 'event' ? 1.6 : 1;
    const amountMajor = Math.round((Math.exp(rng.between(Math.log(3000), Math.log(60000))) * big) / 100) * 100;
    const product = i === 0 ? rng.pick(PRODUCTS) : 'Expansion';
    const closable = age > 4 * DAY + HOUR;
    const closed = closable && rng.chance(Math.min(0.65, age / (50 * DAY)));
    const path: { stageId: string; at: number }[] = [];
    let status: DealStatus = 'open';
    let closedAt: number | null = null;
    let closeReason: string | null = null;
    if (closed) {
      const won = rng.chance(campaign.channel === 'referral' ? 0.7 : 0.55);
      status = won ? 'won' : 'lost';
      closedAt = ms(createdAt + rng.between(4 * DAY, Math.min(age - HOUR, 45 * DAY)));
      // Won deals usually went through proposal or negotiation; lost ones fell out anywhere.
      const reached = won
        ? Math.min(run.openStageIds.length - 1, rng.chance(0.7) ? 3 : 2)
        : rng.int(0, run.openStageIds.length - 1);
      openPath(run, path, createdAt, closedAt, reached);
      path.push({ stageId: won ? run.wonStageId : run.lostStageId, at: closedAt });
      if (rng.chance(0.9)) {
        const table = won ? WON_REASONS : LOST_REASONS;
        closeReason = rng.weighted(table, ([, weight]) => weight)[0];
      }
    } else {
      let stageIndex = run.openStageIds.indexOf(
        rng.weighted(run.openStageIds, (id) => OPEN_STAGE_WEIGHTS[run.openStageIds.indexOf(id)] ?? 0.2),
      );
      const maxIndex = age < 2 * DAY ? 0 : age < 5 * DAY ? 1 : age < 9 * DAY ? 2 : run.openStageIds.length - 1;
      stageIndex = Math.min(stageIndex, maxIndex);
      openPath(run, path, createdAt, createdAt + age * rng.between(0.3, 0.95), stageIndex);
    }
    planned.push({
      id: run.ids.next(),
      title: `${product}`,
      amountMinor: amountMajor * 100,
      currency: usd ? 'USD' : 'EUR',
      createdAt,
      status,
      closedAt,
      closeReason,
      path,
    });
  }
  return planned;
}

/** Appends the open stages up to `reachedIndex`, the first at `from`, the last at or before `until`. */
function openPath(
  run: DemoRun,
  path: { stageId: string; at: number }[],
  from: number,
  until: number,
  reachedIndex: number,
): void {
  path.push({ stageId: run.openStageIds[0]!, at: from });
  const steps: number[] = [];
  for (let i = 1; i <= reachedIndex; i++) {
    // Now and then a stage is skipped (a demo that turns straight into a proposal).
    if (i < reachedIndex && run.rng.chance(0.12)) continue;
    steps.push(i);
  }
  const span = Math.max(0, until - from);
  steps.forEach((index, n) => {
    const at = from + (span * (n + 1)) / (steps.length + 1) + run.rng.between(-0.3, 0.3) * (span / (steps.length + 1));
    path.push({ stageId: run.openStageIds[index]!, at: Math.min(until, Math.max(from, Math.round(at))) });
  });
}

/** Writes a planned deal: its row, its stage changes, its close and the events kept for the log. */
export function writeDeal(
  run: DemoRun,
  deal: PlannedDeal,
  lead: {
    id: string;
    name: string;
    company: string;
    ownerId: string | null;
    marketerId: string | null;
    campaign: DemoCampaign;
    firstWin: number | null;
  },
): void {
  const last = deal.path[deal.path.length - 1]!;
  const record = insertDeal(run.db, {
    id: deal.id,
    title: `${lead.company} – ${deal.title}`,
    leadId: lead.id,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    stageId: last.stageId,
    status: deal.status,
    closingRepId: lead.ownerId,
    sourcingMarketerId: lead.marketerId,
    campaignId: lead.campaign.id,
    createdAt: deal.createdAt,
    stageEnteredAt: last.at,
    closedAt: deal.closedAt,
    closeReason: deal.closeReason,
    updatedAt: last.at,
  });
  run.summary.deals++;
  run.summary.dealsByStage[last.stageId] = (run.summary.dealsByStage[last.stageId] ?? 0) + 1;
  if (last.at < run.eventsFrom) return;

  // The deal's recent history, told the way the commands tell it.
  const names = (from: string | null, to: string, closeReason: string | null): DealEventNames => ({
    fromStage: from === null ? null : { id: from, name: run.stageNames.get(from) ?? from },
    toStage: { id: to, name: run.stageNames.get(to) ?? to },
    closingRepName: lead.ownerId === null ? null : (run.names.get(lead.ownerId) ?? null),
    sourcingMarketerName: lead.marketerId === null ? null : (run.names.get(lead.marketerId) ?? null),
    campaignName: lead.campaign.name,
    leadName: lead.name,
    closeReasonLabel: closeReason === null ? null : (run.reasonLabels.get(closeReason) ?? null),
  });
  let state = {
    stageId: deal.path[0]!.stageId,
    status: 'open' as DealStatus,
    stageEnteredAt: deal.createdAt,
    closedAt: null as number | null,
    closeReason: null as string | null,
  };
  deal.path.forEach((step, index) => {
    const snapshot = { ...record, status: state.status, closeReason: state.closeReason };
    if (index === 0) {
      if (step.at >= run.eventsFrom) {
        run.events.push({
          at: step.at,
          type: 'deal.created',
          entity: 'deal',
          entityId: deal.id,
          actorId: lead.ownerId,
          payload: dealEventPayload(snapshot, names(null, step.stageId, null)),
        });
      }
      return;
    }
    const isClose = index === deal.path.length - 1 && deal.status !== 'open';
    const next = {
      stageId: step.stageId,
      status: isClose ? deal.status : ('open' as DealStatus),
      stageEnteredAt: step.at,
      closedAt: isClose ? deal.closedAt : null,
      closeReason: isClose ? deal.closeReason : null,
    };
    if (step.at >= run.eventsFrom) {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of Object.keys(next) as (keyof typeof next)[]) {
        if (state[key] !== next[key]) {
          before[key] = state[key];
          after[key] = next[key];
        }
      }
      const payload = dealEventPayload(
        { ...record, status: next.status, closeReason: next.closeReason },
        names(state.stageId, step.stageId, next.closeReason),
        { before, after },
      );
      const type = isClose ? `deal.${deal.status}` : 'deal.stage_changed';
      run.events.push({ at: step.at, type, entity: 'deal', entityId: deal.id, actorId: lead.ownerId, payload });
      if (isClose && deal.status === 'won' && lead.firstWin === deal.closedAt) {
        run.events.push({
          at: step.at,
          type: 'lead.became_customer',
          entity: 'lead',
          entityId: lead.id,
          actorId: lead.ownerId,
          payload: customerEventPayload(
            { id: lead.id, name: lead.name, stage: 'opportunity', customerAt: null },
            step.at,
            payload,
          ),
        });
      }
    }
    state = next;
  });
}
