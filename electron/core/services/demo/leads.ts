/**
 * The demo leads: each lead's way through the lifecycle (follow-ups, reviews, qualification), written together
 * with its deals, and the few leads that set the SLA's scene.
 */
import type { LeadStage } from '@shared/domain';
import { insertLeadReview } from '../../db/repositories/lead-reviews-repository';
import { insertLead, insertLeadTransition } from '../../db/repositories/leads-repository';
import { DAY, HOUR, MINUTE } from './calendar';
import { arrivalTime } from './campaigns';
import { planDeals, writeDeal } from './deals';
import type { DemoRun } from './demo-run';
import { pickRep } from './people';
import { ms } from './random';
import { COMPANY_HEADS, COMPANY_TAILS, FIRST_NAMES, LAST_NAMES, LEGAL_FORMS, LOW_REVIEW_REASONS } from './vocabulary';

/** Writes leads, each with its deals, until the run has as many deals as it was asked for. */
export function writeLeadsAndDeals(run: DemoRun): void {
  let guard = 0;
  while (run.summary.deals < run.targetDeals) {
    writeOneLead(run);
    // A pipeline without open stages or a broken weight table must not spin forever.
    if (++guard > run.targetDeals * 50 + 1000) throw new Error('demo generator made no progress');
  }
}

/** Writes one lead from its arrival to where it is now, and its deals. */
function writeOneLead(run: DemoRun): void {
  const rng = run.rng;
  const now = run.now;
  const campaign = rng.weighted(run.campaigns, (c) => c.weight);
  const leadAt = arrivalTime(run, campaign);
  const marketing = campaign.sourceTeam === 'marketing';
  const q = campaign.quality;
  const transitions: { from: LeadStage | null; to: LeadStage; at: number; actorId: string | null }[] = [];
  const marketerId = marketing ? campaign.ownerId : null;
  let ownerId: string | null = marketing ? null : pickRep(run).id;
  transitions.push({ from: null, to: 'lead', at: leadAt, actorId: marketing ? marketerId : ownerId });

  // `enter` changes it from closures, so it must not be narrowed to 'lead' here.
  let stage = 'lead' as LeadStage;
  let mqlAt: number | null = null;
  let sqlAt: number | null = null;
  let opportunityAt: number | null = null;
  let disqualifiedAt: number | null = null;
  let disqualifiedReason: string | null = null;
  let firstFollowUpAt: number | null = null;
  let review: { at: number; rating: number; reasons: string[] } | null = null;
  const enter = (to: LeadStage, at: number, actorId: string | null) => {
    transitions.push({ from: stage, to, at, actorId });
    stage = to;
  };
  const disqualify = (at: number, reason: string, actorId: string | null) => {
    disqualifiedAt = at;
    disqualifiedReason = reason;
    enter('disqualified', at, actorId);
  };

  if (marketing) {
    const directToSales = campaign.channel === 'inbound' && rng.chance(0.3);
    if (directToSales) {
      // A demo request goes straight to a rep: the lead skips MQL.
      const at = ms(leadAt + rng.between(20 * MINUTE, 6 * HOUR));
      if (at < now) {
        ownerId = pickRep(run).id;
        firstFollowUpAt = at;
        enter('sql', at, ownerId);
        sqlAt = at;
      }
    } else if (rng.chance(0.06)) {
      const at = ms(leadAt + rng.expo(1.5 * DAY));
      if (at < now)
        disqualify(at, rng.pick(['Spam or fake contact', 'Student', 'Competitor', 'Outside our markets']), marketerId);
    } else if (rng.chance(0.75)) {
      const at = ms(leadAt + Math.max(10 * MINUTE, rng.expo(2 * DAY)));
      if (at < now) {
        mqlAt = at;
        ownerId = pickRep(run).id;
        enter('mql', at, marketerId);
      }
    }
  } else {
    firstFollowUpAt = leadAt;
    if (rng.chance(0.05)) {
      const at = ms(leadAt + rng.between(1 * DAY, 10 * DAY));
      if (at < now) disqualify(at, 'No interest', ownerId);
    } else if (campaign.channel === 'referral' && rng.chance(0.25)) {
      // A warm referral goes straight to an opportunity.
      const at = ms(leadAt + rng.between(1 * DAY, 5 * DAY));
      if (at < now) {
        opportunityAt = at;
        enter('opportunity', at, ownerId);
      }
    } else if (rng.chance(0.78)) {
      const at = ms(leadAt + rng.between(2 * HOUR, 4 * DAY));
      if (at < now) {
        sqlAt = at;
        enter('sql', at, ownerId);
      }
    }
  }

  if (mqlAt !== null) {
    run.summary.mqls++;
    const forgotten = mqlAt > now - 6 * DAY && mqlAt < now - 26 * HOUR && rng.chance(0.06);
    const followUp = ms(
      mqlAt + (rng.chance(0.84) ? rng.between(20 * MINUTE, 22 * HOUR) : rng.between(25 * HOUR, 80 * HOUR)),
    );
    if (!forgotten && followUp < now) {
      firstFollowUpAt = followUp;
      const good = rng.next() < 0.5 + 0.4 * q;
      if (!good && rng.chance(0.4)) {
        // Disqualifying counts as the follow-up (METRICS), so it happens at the follow-up time.
        const reasons = [rng.pick(LOW_REVIEW_REASONS)];
        disqualify(followUp, run.reasonLabels.get(reasons[0]!) ?? reasons[0]!, ownerId);
        if (rng.chance(0.35)) review = { at: followUp, rating: rng.int(1, 2), reasons };
      } else {
        const at = ms(followUp + rng.between(0, good ? 3 * DAY : 8 * DAY));
        const qualifies = good || rng.chance(0.25);
        if (qualifies && at < now) {
          sqlAt = at;
          enter('sql', at, ownerId);
        }
        if (rng.chance(0.3)) {
          review = qualifies
            ? { at: followUp, rating: rng.int(4, 5), reasons: ['good_fit'] }
            : { at: followUp, rating: 3, reasons: [rng.pick(['bad_timing', 'no_authority', 'no_budget'])] };
        }
      }
    }
  }

  if (sqlAt !== null && opportunityAt === null && stage === 'sql') {
    if (rng.chance(0.05)) {
      const at = ms(sqlAt + rng.between(1 * DAY, 8 * DAY));
      if (at < now) disqualify(at, 'No budget this year', ownerId);
    } else if (rng.chance(0.6 + 0.3 * q)) {
      const at = ms(sqlAt + rng.between(1 * DAY, 10 * DAY));
      if (at < now) {
        opportunityAt = at;
        enter('opportunity', at, ownerId);
      }
    }
  }

  const leadId = run.ids.next();
  const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const company = `${rng.pick(COMPANY_HEADS)} ${rng.pick(COMPANY_TAILS)} ${rng.pick(LEGAL_FORMS)}`;
  const deals = opportunityAt === null ? [] : planDeals(run, opportunityAt, campaign);
  const firstWin = deals
    .filter((deal) => deal.status === 'won')
    .reduce<number | null>((min, deal) => (min === null || deal.closedAt! < min ? deal.closedAt! : min), null);
  if (firstWin !== null) {
    enter('customer', firstWin, ownerId);
    run.summary.customers++;
    run.customersByDay[run.calendar.dayIndex(firstWin)]!++;
  }
  if (disqualifiedAt !== null) run.summary.disqualified++;

  insertLead(
    run.db,
    {
      id: leadId,
      name,
      company,
      stage,
      sourceTeam: campaign.sourceTeam,
      campaignId: campaign.id,
      marketerId,
      ownerId,
      leadAt,
      mqlAt,
      sqlAt,
      opportunityAt,
      customerAt: firstWin,
      disqualifiedAt,
      disqualifiedReason,
      firstFollowUpAt,
    },
    leadAt,
  );
  run.summary.leads++;
  for (const t of transitions) {
    insertLeadTransition(run.db, {
      id: run.ids.next(),
      leadId,
      fromStage: t.from,
      toStage: t.to,
      at: t.at,
      actorId: t.actorId,
    });
  }
  if (review !== null) {
    const { at, rating, reasons } = review;
    insertLeadReview(run.db, {
      id: run.ids.next(),
      leadId,
      reviewerId: ownerId,
      rating,
      reviewedAt: at,
      reasonCodes: reasons,
      notes: '',
    });
    run.summary.leadReviews++;
  }
  for (const deal of deals)
    writeDeal(run, deal, { id: leadId, name, company, ownerId, marketerId, campaign, firstWin });
}

/**
 * A few MQLs right at `now` so that the SLA slide always has some waiting and some breached. The oldest
 * is breached even when the SLA counts business hours: six days hold at least four working days.
 */
export function writeScenarioLeads(run: DemoRun): void {
  const inbound = run.campaigns.filter((campaign) => campaign.sourceTeam === 'marketing' && campaign.burstDay === null);
  const ages = [2 * HOUR, 7 * HOUR, 19 * HOUR, 31 * HOUR, 55 * HOUR, 6 * DAY];
  for (const age of ages) {
    const campaign = run.rng.pick(inbound);
    const mqlAt = ms(run.now - age - run.rng.between(0, 40 * MINUTE));
    const leadAt = ms(mqlAt - run.rng.between(2 * HOUR, 3 * DAY));
    const owner = pickRep(run);
    const lead = insertLead(
      run.db,
      {
        id: run.ids.next(),
        name: `${run.rng.pick(FIRST_NAMES)} ${run.rng.pick(LAST_NAMES)}`,
        company: `${run.rng.pick(COMPANY_HEADS)} ${run.rng.pick(COMPANY_TAILS)} ${run.rng.pick(LEGAL_FORMS)}`,
        stage: 'mql',
        sourceTeam: 'marketing',
        campaignId: campaign.id,
        marketerId: campaign.ownerId,
        ownerId: owner.id,
        leadAt,
        mqlAt,
      },
      leadAt,
    );
    insertLeadTransition(run.db, {
      id: run.ids.next(),
      leadId: lead.id,
      fromStage: null,
      toStage: 'lead',
      at: leadAt,
      actorId: campaign.ownerId,
    });
    insertLeadTransition(run.db, {
      id: run.ids.next(),
      leadId: lead.id,
      fromStage: 'lead',
      toStage: 'mql',
      at: mqlAt,
      actorId: campaign.ownerId,
    });
    run.summary.leads++;
    run.summary.mqls++;
  }
}
