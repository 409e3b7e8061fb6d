/** The demo campaigns, each with its channel, owner, share of the leads and quality, and when their leads arrive. */
import type { Person } from '@shared/domain';
import { insertCampaign } from '../../db/repositories/campaigns-repository';
import { HISTORY_DAYS, HOUR, MINUTE } from './calendar';
import type { DemoCampaign, DemoRun } from './demo-run';
import { ms } from './random';

/** Writes the campaigns and lays out when their leads arrive over the history days. */
export function writeCampaigns(run: DemoRun): void {
  const [tom, elena, mia, daniel] = run.marketing as [Person, Person, Person, Person];
  const [ana, jonas] = run.sales as [Person, Person];
  const todayIndex = run.calendar.days.length - 1;
  const specs: Omit<DemoCampaign, 'id'>[] = [
    {
      name: 'Webinar: Forecasts without spreadsheets',
      channel: 'webinar',
      sourceTeam: 'marketing',
      ownerId: tom.id,
      weight: 11,
      quality: 0.7,
      burstDay: todayIndex - 33,
    },
    {
      name: 'Google Ads – brand search',
      channel: 'paid',
      sourceTeam: 'marketing',
      ownerId: elena.id,
      weight: 15,
      quality: 0.6,
      burstDay: null,
    },
    {
      name: 'LinkedIn Ads – operations leaders',
      channel: 'paid',
      sourceTeam: 'marketing',
      ownerId: elena.id,
      weight: 10,
      quality: 0.35,
      burstDay: null,
    },
    {
      name: 'Blog & guides',
      channel: 'content',
      sourceTeam: 'marketing',
      ownerId: mia.id,
      weight: 13,
      quality: 0.45,
      burstDay: null,
    },
    {
      name: 'SaaS Summit Berlin',
      channel: 'event',
      sourceTeam: 'marketing',
      ownerId: daniel.id,
      weight: 7,
      quality: 0.55,
      burstDay: todayIndex - 52,
    },
    {
      name: 'Newsletter nurture',
      channel: 'email',
      sourceTeam: 'marketing',
      ownerId: mia.id,
      weight: 8,
      quality: 0.5,
      burstDay: null,
    },
    {
      name: 'Website demo requests',
      channel: 'inbound',
      sourceTeam: 'marketing',
      ownerId: tom.id,
      weight: 10,
      quality: 0.8,
      burstDay: null,
    },
    {
      name: 'Partner co-marketing',
      channel: 'partner',
      sourceTeam: 'marketing',
      ownerId: daniel.id,
      weight: 4,
      quality: 0.65,
      burstDay: null,
    },
    {
      name: 'Outbound – mid-market',
      channel: 'outbound',
      sourceTeam: 'sales',
      ownerId: ana.id,
      weight: 15,
      quality: 0.5,
      burstDay: null,
    },
    {
      name: 'Customer referrals',
      channel: 'referral',
      sourceTeam: 'sales',
      ownerId: jonas.id,
      weight: 7,
      quality: 0.9,
      burstDay: null,
    },
  ];
  run.campaigns = specs.map((spec) => {
    const startedOn = spec.burstDay === null ? run.calendar.days[0]!.date : run.calendar.dayAt(spec.burstDay - 21).date;
    const endedOn = spec.burstDay === null ? null : run.calendar.dayAt(spec.burstDay + 3).date;
    const campaign = insertCampaign(
      run.db,
      {
        id: run.ids.next(),
        name: spec.name,
        channel: spec.channel,
        sourceTeam: spec.sourceTeam,
        ownerId: spec.ownerId,
        startedOn,
        endedOn,
      },
      run.setupAt,
    );
    run.names.set(campaign.id, campaign.name);
    return { ...spec, id: campaign.id };
  });
  run.summary.campaigns = run.campaigns.length;

  const first = run.calendar.days.length - 1 - HISTORY_DAYS;
  let total = 0;
  for (let i = first; i < run.calendar.days.length; i++) {
    total += run.calendar.days[i]!.weekday >= 6 ? 0.25 : 1;
    run.arrivalWeights.push(total);
  }
}

/** a time of arrival for a new lead of `campaign`, before now */
export function arrivalTime(run: DemoRun, campaign: DemoCampaign): number {
  let index: number;
  if (campaign.burstDay !== null && run.rng.chance(0.85)) {
    index = campaign.burstDay + run.rng.int(-6, 2);
  } else {
    const total = run.arrivalWeights[run.arrivalWeights.length - 1]!;
    const r = run.rng.next() * total;
    let lo = 0;
    let hi = run.arrivalWeights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (run.arrivalWeights[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    index = run.calendar.days.length - 1 - HISTORY_DAYS + lo;
  }
  const day = run.calendar.dayAt(index);
  const at = day.start + run.rng.between(7 * HOUR, 20 * HOUR);
  return ms(at < run.now ? at : day.start + run.rng.next() * Math.max(MINUTE, run.now - day.start - MINUTE));
}
