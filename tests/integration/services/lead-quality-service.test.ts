import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { LeadQualitySource, ReasonCount } from '@shared/figures';
import { getLeadQuality } from '../../../electron/core/services/reads/lead-quality-service';
import {
  contextAt,
  insertPerson,
  openTempDatabase,
  seededRandom,
  setRoom,
  testId,
  type TempDatabase,
} from './figures-fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Wednesday 18 Nov 2026, 11:00 in Berlin.
const NOW = Date.parse('2026-11-18T10:00:00Z');
const FROM = NOW - 90 * DAY;

/* Plain INSERTs, on purpose not the app's repositories. */

function addCampaign(db: Database.Database, name: string, team: 'sales' | 'marketing', updatedAt = 0): string {
  const id = testId('campaign');
  db.prepare(
    `INSERT INTO campaigns (id, name, channel, source_team, created_at, updated_at) VALUES (?, ?, 'paid', ?, 0, ?)`,
  ).run(id, name, team, updatedAt);
  return id;
}

function addLead(
  db: Database.Database,
  lead: { campaignId: string | null; team: 'sales' | 'marketing'; deletedAt?: number | null },
): string {
  const id = testId('lead');
  db.prepare(
    `INSERT INTO leads (id, name, stage, source_team, campaign_id, lead_at, created_at, updated_at, deleted_at)
     VALUES (?, ?, 'mql', ?, ?, 0, 0, 0, ?)`,
  ).run(id, `Lead ${id}`, lead.team, lead.campaignId, lead.deletedAt ?? null);
  return id;
}

function addReview(
  db: Database.Database,
  review: { leadId: string; rating: number; at: number; deletedAt?: number | null },
): void {
  db.prepare(`INSERT INTO lead_reviews (id, lead_id, rating, reviewed_at, deleted_at) VALUES (?, ?, ?, ?, ?)`).run(
    testId('review'),
    review.leadId,
    review.rating,
    review.at,
    review.deletedAt ?? null,
  );
}

function addClosedDeal(
  db: Database.Database,
  deal: { status: 'won' | 'lost' | 'open'; reason: string | null; closedAt: number | null; deletedAt?: number | null },
): void {
  const id = testId('deal');
  const stage = deal.status === 'open' ? 'discovery' : deal.status;
  db.prepare(
    `INSERT INTO deals (id, title, amount_minor, currency, stage_id, status, created_at, stage_entered_at, closed_at,
                        close_reason, updated_at, deleted_at)
     VALUES (?, ?, 100, 'EUR', ?, ?, 0, 0, ?, ?, ?, ?)`,
  ).run(id, `Deal ${id}`, stage, deal.status, deal.closedAt, deal.reason, deal.closedAt ?? 0, deal.deletedAt ?? null);
}

interface ReviewRecord {
  rating: number;
  reviewed_at: number;
  review_deleted: number | null;
  campaign_id: string | null;
  lead_team: 'sales' | 'marketing';
  lead_deleted: number | null;
}

/**
 * The sources computed the plain way: every review with its lead fetched, grouped and averaged in JS. The
 * group's team and name come from a separate look-up of the campaigns table.
 */
function referenceSources(db: Database.Database): Omit<LeadQualitySource, never>[] {
  const rows = db
    .prepare(
      `SELECT r.rating, r.reviewed_at, r.deleted_at AS review_deleted, l.campaign_id, l.source_team AS lead_team,
              l.deleted_at AS lead_deleted
         FROM lead_reviews r, leads l WHERE l.id = r.lead_id`,
    )
    .all() as ReviewRecord[];
  const campaigns = new Map(
    (
      db.prepare('SELECT id, name, source_team FROM campaigns').all() as {
        id: string;
        name: string;
        source_team: 'sales' | 'marketing';
      }[]
    ).map((c) => [c.id, c]),
  );
  const groups = new Map<string, { campaignId: string | null; team: 'sales' | 'marketing'; ratings: number[] }>();
  for (const row of rows) {
    if (row.review_deleted !== null || row.lead_deleted !== null) continue;
    if (row.reviewed_at < FROM || row.reviewed_at > NOW) continue;
    const team = row.campaign_id === null ? row.lead_team : campaigns.get(row.campaign_id)!.source_team;
    const key = `${row.campaign_id ?? 'none'}|${row.campaign_id === null ? team : ''}`;
    const group = groups.get(key) ?? { campaignId: row.campaign_id, team, ratings: [] };
    group.ratings.push(row.rating);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({
    campaignId: group.campaignId,
    campaignName: group.campaignId === null ? 'No campaign' : campaigns.get(group.campaignId)!.name,
    sourceTeam: group.team,
    reviews: group.ratings.length,
    averageRating: group.ratings.reduce((a, b) => a + b, 0) / group.ratings.length,
    tooFew: group.ratings.length < 3,
  }));
}

/** The top reasons computed the plain way: every deal fetched, counted in JS, labels looked up. */
function referenceReasons(db: Database.Database, status: 'won' | 'lost'): ReasonCount[] {
  const labels = new Map(
    (db.prepare('SELECT code, label FROM reason_codes').all() as { code: string; label: string }[]).map((r) => [
      r.code,
      r.label,
    ]),
  );
  const deals = db.prepare('SELECT status, close_reason, closed_at, deleted_at FROM deals').all() as {
    status: string;
    close_reason: string | null;
    closed_at: number | null;
    deleted_at: number | null;
  }[];
  const counts = new Map<string, number>();
  for (const deal of deals) {
    if (deal.status !== status || deal.deleted_at !== null || deal.close_reason === null) continue;
    if (deal.closed_at === null || deal.closed_at < FROM || deal.closed_at > NOW) continue;
    counts.set(deal.close_reason, (counts.get(deal.close_reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([code, count]) => ({ code, label: labels.get(code) ?? code, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, 5);
}

const byKey = (sources: LeadQualitySource[]) =>
  [...sources].sort((a, b) => (`${a.campaignId}|${a.sourceTeam}` < `${b.campaignId}|${b.sourceTeam}` ? -1 : 1));

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
  setRoom(temp.db, { timezone: 'Europe/Berlin' });
});
afterEach(() => temp.close());

describe('getLeadQuality', () => {
  it('says nothing is there on an empty database', () => {
    const result = getLeadQuality(contextAt(temp, NOW));
    expect(result.window).toEqual({ days: 90, from: FROM, to: NOW });
    expect(result.sources).toEqual([]);
    expect(result.winReasons).toEqual([]);
    expect(result.lossReasons).toEqual([]);
    expect(result.freshness).toEqual({ computedAt: NOW, latestChangeAt: null, source: 'Local database' });
  });

  it('averages ratings per campaign over the last 90 days, edges and deletions included', () => {
    const { db } = temp;
    const webinar = addCampaign(db, 'Webinar', 'marketing');
    const outbound = addCampaign(db, 'Outbound', 'sales');
    const webinarLead = addLead(db, { campaignId: webinar, team: 'marketing' });
    const outboundLead = addLead(db, { campaignId: outbound, team: 'sales' });
    const deletedLead = addLead(db, { campaignId: webinar, team: 'marketing', deletedAt: NOW - DAY });
    addReview(db, { leadId: webinarLead, rating: 5, at: FROM }); // exactly 90 days ago: in
    addReview(db, { leadId: webinarLead, rating: 4, at: NOW }); // now: in
    addReview(db, { leadId: webinarLead, rating: 2, at: NOW - 10 * DAY });
    addReview(db, { leadId: webinarLead, rating: 1, at: FROM - 1 }); // just too old
    addReview(db, { leadId: webinarLead, rating: 1, at: NOW - DAY, deletedAt: NOW - HOUR }); // deleted review
    addReview(db, { leadId: deletedLead, rating: 1, at: NOW - DAY }); // deleted lead
    addReview(db, { leadId: outboundLead, rating: 3, at: NOW - 5 * DAY });
    addReview(db, { leadId: outboundLead, rating: 4, at: NOW - 6 * DAY });

    const { sources } = getLeadQuality(contextAt(temp, NOW));
    expect(sources).toEqual([
      {
        campaignId: webinar,
        campaignName: 'Webinar',
        sourceTeam: 'marketing',
        reviews: 3,
        averageRating: 11 / 3,
        tooFew: false,
      },
      {
        campaignId: outbound,
        campaignName: 'Outbound',
        sourceTeam: 'sales',
        reviews: 2,
        averageRating: 3.5,
        tooFew: true,
      },
    ]);
  });

  it('groups leads without a campaign as "No campaign" per source team', () => {
    const { db } = temp;
    const mine = addLead(db, { campaignId: null, team: 'marketing' });
    const theirs = addLead(db, { campaignId: null, team: 'sales' });
    for (const rating of [2, 3, 4]) addReview(db, { leadId: mine, rating, at: NOW - DAY });
    addReview(db, { leadId: theirs, rating: 5, at: NOW - DAY });
    const { sources } = getLeadQuality(contextAt(temp, NOW));
    expect(sources).toEqual([
      {
        campaignId: null,
        campaignName: 'No campaign',
        sourceTeam: 'marketing',
        reviews: 3,
        averageRating: 3,
        tooFew: false,
      },
      {
        campaignId: null,
        campaignName: 'No campaign',
        sourceTeam: 'sales',
        reviews: 1,
        averageRating: 5,
        tooFew: true,
      },
    ]);
  });

  it('matches a plain computation over random reviews and deals, ordered judged-first and best-first', () => {
    const { db } = temp;
    const random = seededRandom(7);
    const campaigns = [
      addCampaign(db, 'Google Ads', 'marketing'),
      addCampaign(db, 'LinkedIn Ads', 'marketing'),
      addCampaign(db, 'Referrals', 'sales'),
      addCampaign(db, 'Events', 'marketing'),
      addCampaign(db, 'Cold calls', 'sales'),
    ];
    const leads: string[] = [];
    for (let i = 0; i < 120; i++) {
      const r = random();
      const campaignId = r < 0.15 ? null : campaigns[Math.floor(random() * campaigns.length)]!;
      leads.push(
        addLead(db, {
          campaignId,
          team: random() < 0.5 ? 'sales' : 'marketing',
          deletedAt: random() < 0.05 ? NOW - DAY : null,
        }),
      );
    }
    for (let i = 0; i < 300; i++) {
      addReview(db, {
        leadId: leads[Math.floor(random() * leads.length)]!,
        rating: 1 + Math.floor(random() * 5),
        at: NOW - Math.floor(random() * 120 * DAY),
        deletedAt: random() < 0.05 ? NOW - HOUR : null,
      });
    }
    const won = ['won_product_fit', 'won_price', 'won_relationship', 'won_speed'];
    const lost = ['lost_price', 'lost_competitor', 'lost_no_decision', 'lost_features', 'lost_timing'];
    for (let i = 0; i < 400; i++) {
      const status = random() < 0.45 ? 'won' : random() < 0.9 ? 'lost' : 'open';
      const codes = status === 'won' ? won : lost;
      addClosedDeal(db, {
        status,
        reason: status === 'open' || random() < 0.1 ? null : codes[Math.floor(random() * codes.length)]!,
        closedAt: status === 'open' ? null : NOW - Math.floor(random() * 120 * DAY),
        deletedAt: random() < 0.05 ? NOW - HOUR : null,
      });
    }

    const result = getLeadQuality(contextAt(temp, NOW));
    const reference = referenceSources(db);
    expect(reference.length).toBeGreaterThan(5);
    expect(byKey(result.sources)).toEqual(
      byKey(reference).map((s) => ({ ...s, averageRating: expect.closeTo(s.averageRating, 12) })),
    );
    // Judged sources first, by average rating from the best down; the greyed ones last.
    const judged = result.sources.filter((s) => !s.tooFew);
    expect(result.sources.slice(0, judged.length)).toEqual(judged);
    for (let i = 1; i < judged.length; i++) {
      expect(judged[i - 1]!.averageRating).toBeGreaterThanOrEqual(judged[i]!.averageRating);
    }
    expect(result.winReasons).toEqual(referenceReasons(db, 'won'));
    expect(result.lossReasons).toEqual(referenceReasons(db, 'lost'));
    expect(result.winReasons).toHaveLength(4);
    expect(result.lossReasons).toHaveLength(5);
  });

  it('keeps the five most frequent reasons, most frequent first, with their labels', () => {
    const { db } = temp;
    const counts: [string, number][] = [
      ['lost_timing', 1],
      ['lost_price', 6],
      ['lost_features', 2],
      ['lost_competitor', 4],
      ['lost_no_decision', 3],
    ];
    for (const [code, n] of counts) {
      for (let i = 0; i < n; i++) addClosedDeal(db, { status: 'lost', reason: code, closedAt: NOW - DAY });
    }
    // A won deal's reason and an old loss do not count among this window's losses.
    addClosedDeal(db, { status: 'won', reason: 'won_price', closedAt: NOW - DAY });
    for (let i = 0; i < 9; i++) addClosedDeal(db, { status: 'lost', reason: 'lost_timing', closedAt: FROM - 1 });
    const { lossReasons, winReasons } = getLeadQuality(contextAt(temp, NOW));
    expect(lossReasons).toEqual([
      { code: 'lost_price', label: 'Price too high', count: 6 },
      { code: 'lost_competitor', label: 'Chose a competitor', count: 4 },
      { code: 'lost_no_decision', label: 'No decision', count: 3 },
      { code: 'lost_features', label: 'Missing features', count: 2 },
      { code: 'lost_timing', label: 'Timing', count: 1 },
    ]);
    expect(winReasons).toEqual([{ code: 'won_price', label: 'Price', count: 1 }]);
  });

  it('dates its data by the newest review, reviewed lead, campaign or closed deal', () => {
    const { db } = temp;
    insertPerson(db, { name: 'Unrelated', team: 'sales', updatedAt: NOW - HOUR });
    const campaign = addCampaign(db, 'Webinar', 'marketing', NOW - 5 * DAY);
    const lead = addLead(db, { campaignId: campaign, team: 'marketing' });
    addReview(db, { leadId: lead, rating: 4, at: NOW - 3 * DAY });
    addClosedDeal(db, { status: 'won', reason: null, closedAt: NOW - 2 * DAY });
    setRoom(db, { demo: true });
    const { freshness } = getLeadQuality(contextAt(temp, NOW));
    expect(freshness).toEqual({ computedAt: NOW, latestChangeAt: NOW - 2 * DAY, source: 'Demo data' });
  });
});
