import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  appendActivityEvent,
  countActivityEvents,
  getLatestActivityAt,
  listActivityEvents,
  listActivityEventsForEntity,
} from '../../../electron/core/db/repositories/activity-repository';
import { withIndexesDeferred } from '../../../electron/core/db/repositories/bulk-load';
import {
  getCampaign,
  insertCampaign,
  listCampaigns,
} from '../../../electron/core/db/repositories/campaigns-repository';
import {
  countDeals,
  getDeal,
  insertDeal,
  listDeals,
  listDealsForLead,
  updateDealStage,
} from '../../../electron/core/db/repositories/deals-repository';
import {
  addGlossaryTermVersion,
  listGlossaryTermVersions,
  listGlossaryTerms,
} from '../../../electron/core/db/repositories/glossary-repository';
import { getKpiTarget, listKpiTargets, upsertKpiTarget } from '../../../electron/core/db/repositories/kpi-repository';
import {
  insertLeadReview,
  listLeadReviews,
  listLeadReviewsForLead,
} from '../../../electron/core/db/repositories/lead-reviews-repository';
import {
  countLeads,
  getLead,
  insertLead,
  insertLeadTransition,
  listLeadTransitions,
  markLeadCustomer,
  updateLeadLifecycle,
} from '../../../electron/core/db/repositories/leads-repository';
import { insertMeeting, listMeetings } from '../../../electron/core/db/repositories/meetings-repository';
import {
  countPeople,
  getPerson,
  insertPerson,
  listPeople,
} from '../../../electron/core/db/repositories/people-repository';
import {
  archivePipelineStage,
  getPipelineStage,
  getReasonCode,
  insertPipelineStage,
  listPipelineStages,
  listReasonCodes,
} from '../../../electron/core/db/repositories/pipeline-repository';
import {
  getRetrospective,
  insertActionItem,
  insertRetrospective,
  listActionItems,
  listRetrospectives,
  setActionItemDone,
} from '../../../electron/core/db/repositories/retrospectives-repository';
import { getSlaTermsAt, insertSlaTerms, listSlaTerms } from '../../../electron/core/db/repositories/sla-repository';
import {
  addSprintGoalOwner,
  getSprint,
  insertSprint,
  insertSprintGoal,
  listSprintGoalOwnerIds,
  listSprintGoalProgress,
  listSprintGoals,
  listSprints,
  recordSprintGoalProgress,
  setSprintGoalCurrent,
} from '../../../electron/core/db/repositories/sprints-repository';
import { prepared } from '../../../electron/core/db/repositories/statements';
import { openTempDatabase, type TempDatabase } from './temp-database';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const HOUR = 3_600_000;

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.cleanup());

/** A rep, a marketer, a campaign and a lead to hang other rows on. */
function seed() {
  const { db } = temp;
  const rep = insertPerson(db, { name: 'Ana Lima', team: 'sales', email: 'ana@example.com' }, T0);
  const marketer = insertPerson(db, { name: 'Tom Berg', team: 'marketing' }, T0);
  const campaign = insertCampaign(
    db,
    { name: 'Webinar Q1', channel: 'webinar', sourceTeam: 'marketing', ownerId: marketer.id, startedOn: '2026-02-01' },
    T0,
  );
  const lead = insertLead(
    db,
    {
      name: 'Eva Keller',
      company: 'Kestrel Logistics GmbH',
      stage: 'mql',
      sourceTeam: 'marketing',
      campaignId: campaign.id,
      marketerId: marketer.id,
      ownerId: rep.id,
      leadAt: T0,
      mqlAt: T0 + HOUR,
    },
    T0,
  );
  return { rep, marketer, campaign, lead };
}

describe('people and campaigns', () => {
  test('people round-trip; list puts sales first, then by name', () => {
    const { db } = temp;
    const zoe = insertPerson(db, { name: 'Zoe Adler', team: 'sales' }, T0);
    const tom = insertPerson(db, { name: 'Tom Berg', team: 'marketing' }, T0);
    const ana = insertPerson(db, { id: 'ana', name: 'Ana Lima', team: 'sales' }, T0);

    expect(ana.id).toBe('ana');
    expect(zoe.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(listPeople(db)).toEqual([ana, zoe, tom]);
    expect(getPerson(db, tom.id)).toEqual({ id: tom.id, name: 'Tom Berg', team: 'marketing' });
    expect(getPerson(db, 'nobody')).toBeUndefined();
    expect(countPeople(db)).toBe(3);
  });

  test('a person must have a name and a known team', () => {
    expect(() => insertPerson(temp.db, { name: '', team: 'sales' }, T0)).toThrow(/CHECK/);
    expect(() => insertPerson(temp.db, { name: 'X', team: 'finance' as 'sales' }, T0)).toThrow(/CHECK/);
  });

  test('campaigns round-trip', () => {
    const { db } = temp;
    const owner = insertPerson(db, { name: 'Tom Berg', team: 'marketing' }, T0);
    const webinar = insertCampaign(
      db,
      { name: 'Webinar', channel: 'webinar', sourceTeam: 'marketing', ownerId: owner.id },
      T0,
    );
    const outbound = insertCampaign(db, { name: 'Outbound', channel: 'outbound', sourceTeam: 'sales' }, T0);

    expect(listCampaigns(db)).toEqual([outbound, webinar]);
    expect(getCampaign(db, webinar.id)).toEqual({
      id: webinar.id,
      name: 'Webinar',
      channel: 'webinar',
      sourceTeam: 'marketing',
      ownerId: owner.id,
    });
    expect(getCampaign(db, 'none')).toBeUndefined();
    expect(() =>
      insertCampaign(db, { name: 'Bad owner', channel: 'paid', sourceTeam: 'marketing', ownerId: 'ghost' }, T0),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('leads', () => {
  test('a lead round-trips with every lifecycle column', () => {
    const { lead, rep, marketer, campaign } = seed();
    expect(getLead(temp.db, lead.id)).toEqual({
      id: lead.id,
      name: 'Eva Keller',
      company: 'Kestrel Logistics GmbH',
      stage: 'mql',
      sourceTeam: 'marketing',
      campaignId: campaign.id,
      marketerId: marketer.id,
      ownerId: rep.id,
      leadAt: T0,
      mqlAt: T0 + HOUR,
      sqlAt: null,
      opportunityAt: null,
      customerAt: null,
      disqualifiedAt: null,
      disqualifiedReason: null,
      firstFollowUpAt: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(getLead(temp.db, 'missing')).toBeUndefined();
    expect(countLeads(temp.db)).toBe(1);
  });

  test('lifecycle updates change only the given columns', () => {
    const { lead } = seed();
    expect(
      updateLeadLifecycle(
        temp.db,
        lead.id,
        { stage: 'sql', sqlAt: T0 + 5 * HOUR, firstFollowUpAt: T0 + 2 * HOUR },
        T0 + 5 * HOUR,
      ),
    ).toBe(true);
    const updated = getLead(temp.db, lead.id)!;
    expect(updated).toMatchObject({
      stage: 'sql',
      sqlAt: T0 + 5 * HOUR,
      firstFollowUpAt: T0 + 2 * HOUR,
      mqlAt: T0 + HOUR,
    });
    expect(updated.updatedAt).toBe(T0 + 5 * HOUR);
    expect(updateLeadLifecycle(temp.db, 'missing', { stage: 'sql' }, T0)).toBe(false);
  });

  test('a lead becomes a customer only once', () => {
    const { lead } = seed();
    expect(markLeadCustomer(temp.db, lead.id, T0 + 10 * HOUR)).toBe(true);
    expect(markLeadCustomer(temp.db, lead.id, T0 + 20 * HOUR)).toBe(false);
    expect(getLead(temp.db, lead.id)).toMatchObject({ stage: 'customer', customerAt: T0 + 10 * HOUR });
  });

  test('transitions round-trip in time order', () => {
    const { lead, rep } = seed();
    const second = insertLeadTransition(temp.db, { leadId: lead.id, fromStage: 'lead', toStage: 'mql', at: T0 + HOUR });
    const first = insertLeadTransition(temp.db, {
      leadId: lead.id,
      fromStage: null,
      toStage: 'lead',
      at: T0,
      actorId: rep.id,
    });
    expect(listLeadTransitions(temp.db, lead.id)).toEqual([first, second]);
    expect(first).toMatchObject({ leadId: lead.id, fromStage: null, toStage: 'lead', at: T0, actorId: rep.id });
    expect(() => insertLeadTransition(temp.db, { leadId: 'ghost', fromStage: null, toStage: 'lead', at: T0 })).toThrow(
      /FOREIGN KEY/,
    );
  });
});

describe('pipeline', () => {
  test('stages come in pipeline order; archived ones only on request', () => {
    const { db } = temp;
    expect(listPipelineStages(db).map((s) => [s.id, s.kind])).toEqual([
      ['discovery', 'open'],
      ['demo', 'open'],
      ['proposal', 'open'],
      ['negotiation', 'open'],
      ['won', 'won'],
      ['lost', 'lost'],
    ]);
    const trial = insertPipelineStage(db, {
      id: 'trial',
      name: 'Trial',
      position: 2.5,
      kind: 'open',
      probability: 0.4,
    });
    expect(listPipelineStages(db).map((s) => s.id)).toEqual([
      'discovery',
      'demo',
      'trial',
      'proposal',
      'negotiation',
      'won',
      'lost',
    ]);
    expect(getPipelineStage(db, 'trial')).toEqual(trial);

    expect(archivePipelineStage(db, 'trial', T0)).toBe(true);
    expect(archivePipelineStage(db, 'trial', T0)).toBe(false);
    expect(listPipelineStages(db).map((s) => s.id)).not.toContain('trial');
    expect(getPipelineStage(db, 'trial')).toBeUndefined();
    expect(getPipelineStage(db, 'trial', { includeArchived: true })).toMatchObject({ id: 'trial', archivedAt: T0 });
  });

  test('reason codes by kind', () => {
    const won = listReasonCodes(temp.db, 'won');
    expect(won.length).toBeGreaterThan(0);
    expect(won.every((r) => r.kind === 'won')).toBe(true);
    expect(listReasonCodes(temp.db).length).toBe(
      won.length + listReasonCodes(temp.db, 'lost').length + listReasonCodes(temp.db, 'review').length,
    );
    expect(getReasonCode(temp.db, 'lost_price')).toEqual({ code: 'lost_price', kind: 'lost', label: 'Price too high' });
    expect(getReasonCode(temp.db, 'nope')).toBeUndefined();
  });
});

describe('deals', () => {
  test('a deal round-trips; lists are newest first and filter by status', () => {
    const { db } = temp;
    const { lead, rep, marketer, campaign } = seed();
    const older = insertDeal(db, {
      title: 'Kestrel – Team plan',
      leadId: lead.id,
      amountMinor: 1_200_000,
      currency: 'EUR',
      stageId: 'won',
      status: 'won',
      closingRepId: rep.id,
      sourcingMarketerId: marketer.id,
      campaignId: campaign.id,
      createdAt: T0,
      closedAt: T0 + 48 * HOUR,
      closeReason: 'won_price',
    });
    const newer = insertDeal(db, {
      title: 'Other',
      amountMinor: 500,
      currency: 'USD',
      stageId: 'demo',
      status: 'open',
      createdAt: T0 + HOUR,
    });

    expect(getDeal(db, older.id)).toEqual({
      id: older.id,
      title: 'Kestrel – Team plan',
      leadId: lead.id,
      amountMinor: 1_200_000,
      currency: 'EUR',
      stageId: 'won',
      status: 'won',
      closingRepId: rep.id,
      sourcingMarketerId: marketer.id,
      campaignId: campaign.id,
      createdAt: T0,
      closedAt: T0 + 48 * HOUR,
      closeReason: 'won_price',
      stageEnteredAt: T0,
      closeNote: null,
      updatedAt: T0,
    });
    expect(listDeals(db, { limit: 10 }).map((d) => d.id)).toEqual([newer.id, older.id]);
    expect(listDeals(db, { limit: 1 }).map((d) => d.id)).toEqual([newer.id]);
    expect(listDeals(db, { status: 'won', limit: 10 }).map((d) => d.id)).toEqual([older.id]);
    expect(listDeals(db, { status: 'lost', limit: 10 })).toEqual([]);
    expect(listDealsForLead(db, lead.id).map((d) => d.id)).toEqual([older.id]);
    expect(countDeals(db)).toBe(2);
  });

  test('a stage move writes the stage, status and close columns', () => {
    const { db } = temp;
    const deal = insertDeal(db, {
      title: 'D',
      amountMinor: 1,
      currency: 'EUR',
      stageId: 'demo',
      status: 'open',
      createdAt: T0,
    });
    expect(
      updateDealStage(
        db,
        deal.id,
        { stageId: 'lost', status: 'lost', stageEnteredAt: T0 + HOUR, closedAt: T0 + HOUR, closeReason: 'lost_timing' },
        T0 + HOUR,
      ),
    ).toBe(true);
    expect(getDeal(db, deal.id)).toMatchObject({
      stageId: 'lost',
      status: 'lost',
      stageEnteredAt: T0 + HOUR,
      closedAt: T0 + HOUR,
      closeReason: 'lost_timing',
      updatedAt: T0 + HOUR,
    });
    expect(
      updateDealStage(
        db,
        'ghost',
        { stageId: 'demo', status: 'open', stageEnteredAt: T0, closedAt: null, closeReason: null },
        T0,
      ),
    ).toBe(false);
  });

  test('the schema keeps deals consistent', () => {
    const { db } = temp;
    // open deals have no close time, closed ones must have one
    expect(() =>
      insertDeal(db, {
        title: 'D',
        amountMinor: 1,
        currency: 'EUR',
        stageId: 'demo',
        status: 'open',
        createdAt: T0,
        closedAt: T0,
      }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertDeal(db, { title: 'D', amountMinor: 1, currency: 'EUR', stageId: 'won', status: 'won', createdAt: T0 }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertDeal(db, { title: 'D', amountMinor: -1, currency: 'EUR', stageId: 'demo', status: 'open', createdAt: T0 }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertDeal(db, {
        title: 'D',
        amountMinor: 1,
        currency: 'EUR',
        stageId: 'nowhere',
        status: 'open',
        createdAt: T0,
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(countDeals(db)).toBe(0);
  });
});

describe('activity log', () => {
  const event = (n: number) => ({
    id: `event-${n}`,
    at: T0 + n * 1000,
    machineId: 'machine-a',
    type: 'deal.created',
    entity: 'deal',
    entityId: n % 2 === 0 ? 'deal-even' : 'deal-odd',
    actorId: null,
    payload: { title: `Deal ${n}`, amountMinor: n * 100 },
  });

  test('events round-trip newest first, with paging back by sequence', () => {
    const { db } = temp;
    expect(getLatestActivityAt(db)).toBeNull();
    const stored = [1, 2, 3, 4, 5].map((n) => appendActivityEvent(db, event(n)));
    expect(stored.map((e) => e.seq)).toEqual([...stored.map((e) => e.seq)].sort((a, b) => a - b));

    expect(listActivityEvents(db, { limit: 10 })).toEqual([...stored].reverse());
    expect(listActivityEvents(db, { limit: 2 }).map((e) => e.id)).toEqual(['event-5', 'event-4']);
    expect(listActivityEvents(db, { limit: 2, beforeSeq: stored[3]!.seq }).map((e) => e.id)).toEqual([
      'event-3',
      'event-2',
    ]);
    expect(listActivityEventsForEntity(db, 'deal', 'deal-even').map((e) => e.id)).toEqual(['event-2', 'event-4']);
    expect(getLatestActivityAt(db)).toBe(T0 + 5000);
    expect(countActivityEvents(db)).toBe(5);
  });

  test('the log is append-only: UPDATE and DELETE are rejected', () => {
    const { db } = temp;
    appendActivityEvent(db, event(1));
    expect(() => db.prepare(`UPDATE activity_events SET type = 'tampered'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM activity_events`).run()).toThrow(/append-only/);
    expect(listActivityEvents(db, { limit: 10 })).toMatchObject([{ id: 'event-1', type: 'deal.created' }]);
  });

  test('event ids are unique across the log', () => {
    appendActivityEvent(temp.db, event(1));
    expect(() => appendActivityEvent(temp.db, event(1))).toThrow(/UNIQUE/);
  });
});

describe('sprints', () => {
  test('sprints, goals, owners and daily progress round-trip', () => {
    const { db } = temp;
    const { rep, marketer } = seed();
    const older = insertSprint(db, { name: 'Sprint 4', startsOn: '2026-02-16', endsOn: '2026-03-01' }, T0);
    const sprint = insertSprint(db, { name: 'Sprint 5', startsOn: '2026-03-02', endsOn: '2026-03-15' }, T0);
    const second = insertSprintGoal(
      db,
      { sprintId: sprint.id, title: 'Demos', ownerTeam: 'joint', target: 30, unit: 'demos', position: 1 },
      T0,
    );
    const first = insertSprintGoal(
      db,
      { sprintId: sprint.id, title: 'Customers', ownerTeam: 'sales', target: 12, position: 0 },
      T0,
    );
    addSprintGoalOwner(db, second.id, rep.id);
    addSprintGoalOwner(db, second.id, marketer.id);
    addSprintGoalOwner(db, second.id, rep.id);
    recordSprintGoalProgress(db, { goalId: second.id, onDate: '2026-03-03', value: 4 });
    recordSprintGoalProgress(db, { goalId: second.id, onDate: '2026-03-02', value: 1 });
    recordSprintGoalProgress(db, { goalId: second.id, onDate: '2026-03-03', value: 6 });
    expect(setSprintGoalCurrent(db, second.id, 6, T0 + HOUR)).toBe(true);

    expect(getSprint(db, sprint.id)).toEqual(sprint);
    expect(listSprints(db)).toEqual([sprint, older]);
    expect(listSprintGoals(db, sprint.id)).toEqual([first, { ...second, current: 6 }]);
    expect(listSprintGoalOwnerIds(db, second.id)).toEqual([rep.id, marketer.id].sort());
    expect(listSprintGoalProgress(db, second.id)).toEqual([
      { goalId: second.id, onDate: '2026-03-02', value: 1 },
      { goalId: second.id, onDate: '2026-03-03', value: 6 },
    ]);
    expect(() => insertSprint(db, { name: 'Backwards', startsOn: '2026-03-10', endsOn: '2026-03-01' }, T0)).toThrow(
      /CHECK/,
    );
    expect(() =>
      insertSprintGoal(db, { sprintId: sprint.id, title: 'Zero', ownerTeam: 'joint', target: 0 }, T0),
    ).toThrow(/CHECK/);
  });
});

describe('meetings, SLA, KPI, glossary', () => {
  test('meetings keep weekdays and slides', () => {
    const { db } = temp;
    const standup = insertMeeting(
      db,
      {
        kind: 'standup',
        title: 'Stand-up',
        weekdays: [1, 2, 3, 4, 5],
        startTime: '09:30',
        durationMin: 15,
        slideIds: ['funnel'],
      },
      T0,
    );
    const review = insertMeeting(
      db,
      { kind: 'lead_review', title: 'Lead review', weekdays: [2], startTime: '14:00', durationMin: 45 },
      T0,
    );
    expect(listMeetings(db)).toEqual([standup, review]);
    expect(standup.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(review.slideIds).toEqual([]);
    expect(() =>
      insertMeeting(db, { kind: 'other', title: 'x', weekdays: [0], startTime: '10:00', durationMin: 5 }, T0),
    ).toThrow(RangeError);
    expect(() =>
      insertMeeting(db, { kind: 'other', title: 'x', weekdays: [1], startTime: '9:30', durationMin: 5 }, T0),
    ).toThrow(/CHECK/);
  });

  test('the SLA terms in force are the newest valid at the time', () => {
    const { db } = temp;
    const first = insertSlaTerms(db, { validFrom: T0, mqlsPerPeriod: 100, periodKind: 'month', followUpHours: 48 }, T0);
    const second = insertSlaTerms(
      db,
      {
        validFrom: T0 + 240 * HOUR,
        mqlsPerPeriod: 120,
        periodKind: 'month',
        followUpHours: 24,
        businessHoursOnly: true,
      },
      T0,
    );
    expect(getSlaTermsAt(db, T0 - 1)).toBeUndefined();
    expect(getSlaTermsAt(db, T0 + HOUR)).toEqual(first);
    expect(getSlaTermsAt(db, T0 + 240 * HOUR)).toEqual(second);
    expect(second.businessHoursOnly).toBe(true);
    expect(listSlaTerms(db)).toEqual([first, second]);
  });

  test('a KPI target per period is replaced, not duplicated', () => {
    const { db } = temp;
    const march = upsertKpiTarget(
      db,
      { kpiId: 'new_paying_customers', periodKind: 'month', periodStart: '2026-03-01', target: 10 },
      T0,
    );
    const updated = upsertKpiTarget(
      db,
      { kpiId: 'new_paying_customers', periodKind: 'month', periodStart: '2026-03-01', target: 12 },
      T0 + HOUR,
    );
    const feb = upsertKpiTarget(
      db,
      { kpiId: 'new_paying_customers', periodKind: 'month', periodStart: '2026-02-01', target: 9 },
      T0,
    );
    expect(updated).toEqual({ ...march, target: 12, updatedAt: T0 + HOUR });
    expect(getKpiTarget(db, 'new_paying_customers', 'month', '2026-03-01')).toEqual(updated);
    expect(listKpiTargets(db, 'new_paying_customers')).toEqual([feb, updated]);
    expect(() =>
      upsertKpiTarget(db, { kpiId: 'made_up', periodKind: 'month', periodStart: '2026-03-01', target: 1 }, T0),
    ).toThrow(/FOREIGN KEY/);
  });

  test('glossary terms are versioned; the list shows the current version', () => {
    const { db } = temp;
    const { marketer } = seed();
    const mql1 = addGlossaryTermVersion(db, { term: 'MQL', definition: 'Downloaded something.', stageKey: 'mql' }, T0);
    const sql1 = addGlossaryTermVersion(db, { term: 'SQL', definition: 'Spoken to.', stageKey: 'sql' }, T0);
    const mql2 = addGlossaryTermVersion(
      db,
      { term: 'MQL', definition: 'Fits and asked for a demo.', stageKey: 'mql', changedBy: marketer.id },
      T0 + HOUR,
    );
    expect([mql1.version, sql1.version, mql2.version]).toEqual([1, 1, 2]);
    expect(listGlossaryTerms(db)).toEqual([mql2, sql1]);
    expect(listGlossaryTermVersions(db, 'MQL')).toEqual([mql1, mql2]);
    expect(mql2).toMatchObject({ changedBy: marketer.id, changedAt: T0 + HOUR, stageKey: 'mql' });
  });
});

describe('retrospectives and lead reviews', () => {
  test('retrospectives and action items round-trip', () => {
    const { db } = temp;
    const { rep } = seed();
    const retro = insertRetrospective(
      db,
      { heldOn: '2026-03-13', wentWell: 'Fast follow-ups', toImprove: 'MQL definition' },
      T0,
    );
    const later = insertActionItem(
      db,
      { retrospectiveId: retro.id, title: 'Later', ownerId: rep.id, dueOn: '2026-03-20' },
      T0,
    );
    const undated = insertActionItem(db, { retrospectiveId: retro.id, title: 'Someday' }, T0);
    const sooner = insertActionItem(db, { retrospectiveId: retro.id, title: 'Sooner', dueOn: '2026-03-16' }, T0);
    const loose = insertActionItem(db, { title: 'No retro', dueOn: '2026-03-17' }, T0);

    expect(getRetrospective(db, retro.id)).toEqual(retro);
    expect(listRetrospectives(db)).toEqual([retro]);
    expect(listActionItems(db, { retrospectiveId: retro.id })).toEqual([sooner, later, undated]);
    expect(listActionItems(db).map((i) => i.id)).toEqual([sooner.id, loose.id, later.id, undated.id]);
    expect(setActionItemDone(db, later.id, T0 + HOUR, T0 + HOUR)).toBe(true);
    expect(listActionItems(db, { retrospectiveId: retro.id })[1]).toEqual({ ...later, doneAt: T0 + HOUR });
    expect(setActionItemDone(db, 'ghost', T0, T0)).toBe(false);
  });

  test('lead reviews keep their reason codes', () => {
    const { db } = temp;
    const { lead, rep } = seed();
    const old = insertLeadReview(db, {
      leadId: lead.id,
      reviewerId: rep.id,
      rating: 2,
      reviewedAt: T0,
      reasonCodes: ['no_budget', 'bad_timing'],
    });
    const recent = insertLeadReview(db, {
      leadId: lead.id,
      rating: 5,
      reviewedAt: T0 + 10 * HOUR,
      notes: 'Great fit',
      reasonCodes: ['good_fit'],
    });
    const bare = insertLeadReview(db, { leadId: lead.id, rating: 3, reviewedAt: T0 + 5 * HOUR });

    expect(old.reasonCodes).toEqual(['bad_timing', 'no_budget']);
    expect(listLeadReviews(db)).toEqual([recent, bare, old]);
    expect(listLeadReviews(db, { since: T0 + HOUR })).toEqual([recent, bare]);
    expect(listLeadReviewsForLead(db, lead.id)).toEqual([old, bare, recent]);
    expect(bare.reasonCodes).toEqual([]);
    expect(() => insertLeadReview(db, { leadId: lead.id, rating: 6, reviewedAt: T0 })).toThrow(/CHECK/);
    expect(() =>
      insertLeadReview(db, { leadId: lead.id, rating: 3, reviewedAt: T0, reasonCodes: ['made_up'] }),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('statement cache and bulk loading', () => {
  test('a statement is prepared once per connection', () => {
    const sql = 'SELECT count(*) AS n FROM people';
    expect(prepared(temp.db, sql)).toBe(prepared(temp.db, sql));
    const other = openTempDatabase();
    try {
      expect(prepared(other.db, sql)).not.toBe(prepared(temp.db, sql));
    } finally {
      other.cleanup();
    }
  });

  test('deferred indexes are rebuilt after the load, and restored when it fails', () => {
    const { db } = temp;
    const indexSql = () =>
      db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'leads' ORDER BY name`).all();
    const before = indexSql();
    expect(before.length).toBeGreaterThan(2);

    const seen = db.transaction(() => withIndexesDeferred(db, ['leads'], () => indexSql()))();
    expect(seen).toEqual(before.filter((index) => (index as { sql: string | null }).sql === null));
    expect(indexSql()).toEqual(before);

    expect(() =>
      db.transaction(() =>
        withIndexesDeferred(db, ['leads'], () => {
          throw new Error('load failed');
        }),
      )(),
    ).toThrow('load failed');
    expect(indexSql()).toEqual(before);
    expect(() => withIndexesDeferred(db, ['leads'], () => 1)).toThrow(/inside a transaction/);
  });
});
