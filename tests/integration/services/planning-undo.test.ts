/**
 * The planning commands' `changes` are complete: undoing any of them (history.undo, the generic undo of
 * the activity log) puts every planning table back exactly as it was before the command.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MethodInput, MethodName } from '@shared/contract';
import { dumpPlanningTables, onlyEvent, planningHarness, type PlanningHarness } from './planning-support';

const NOW = Date.parse('2026-11-18T10:00:00Z');

let h: PlanningHarness;
let sprintId: string;
let goalId: string;
let itemId: string;
let meetingId: string;
const ana = 'person-ana';
const tom = 'person-tom';

/** The planning tables without the log (undo appends to it). */
function tables(): Record<string, unknown[]> {
  const all = dumpPlanningTables(h.temp.db);
  delete all.activity_events;
  return all;
}

beforeEach(async () => {
  h = planningHarness(NOW);
  const person = h.temp.db.prepare(
    `INSERT INTO people (id, name, team, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`,
  );
  person.run(ana, 'Ana Lima', 'sales');
  person.run(tom, 'Tom Berg', 'marketing');
  sprintId = (await h.ok('sprints.save', { name: 'Sprint 14', startsOn: '2026-11-16', endsOn: '2026-11-27' })).id;
  goalId = (
    await h.ok('sprintGoals.save', { sprintId, title: 'Demos', ownerTeam: 'sales', target: 10, ownerIds: [ana] })
  ).id;
  await h.ok('sprintGoals.updateProgress', { goalId, current: 3 });
  const retro = await h.ok('retros.save', { heldOn: '2026-11-13', wentWell: 'a', toImprove: 'b' });
  itemId = (await h.ok('actionItems.save', { retrospectiveId: retro.id, title: 'Fix the form', ownerId: tom })).id;
  await h.ok('sla.saveTerms', { mqlsPerPeriod: 40, periodKind: 'month', followUpHours: 48 });
  await h.ok('kpi.setTarget', { periodKind: 'month', periodStart: '2026-11-01', target: 12 });
  meetingId = (
    await h.ok('meetings.save', {
      kind: 'standup',
      title: 'Stand-up',
      weekdays: [1, 3],
      startTime: '09:30',
      durationMin: 15,
    })
  ).id;
  await h.ok('glossary.save', { term: 'MQL', definition: 'Version one.' });
  await h.ok('settings.save', { theme: 'light' });
  h.clock.advance(60_000);
});
afterEach(() => h.temp.cleanup());

const COMMANDS: { name: string; run: () => [MethodName, unknown] }[] = [
  {
    name: 'sprints.save (create)',
    run: () => ['sprints.save', { name: 'Sprint 15', startsOn: '2026-11-30', endsOn: '2026-12-11' }],
  },
  {
    name: 'sprints.save (change)',
    run: () => ['sprints.save', { id: sprintId, name: 'Sprint 14!', startsOn: '2026-11-16', endsOn: '2026-11-28' }],
  },
  { name: 'sprints.delete', run: () => ['sprints.delete', { id: sprintId }] },
  {
    name: 'sprintGoals.save (owners replaced, current changed)',
    run: () => [
      'sprintGoals.save',
      { id: goalId, sprintId, title: 'Demos', ownerTeam: 'sales', target: 12, current: 5, ownerIds: [tom] },
    ],
  },
  { name: 'sprintGoals.updateProgress (same day)', run: () => ['sprintGoals.updateProgress', { goalId, current: 7 }] },
  { name: 'sprintGoals.delete', run: () => ['sprintGoals.delete', { id: goalId }] },
  { name: 'actionItems.setDone', run: () => ['actionItems.setDone', { id: itemId, done: true }] },
  { name: 'actionItems.delete', run: () => ['actionItems.delete', { id: itemId }] },
  { name: 'sla.saveTerms', run: () => ['sla.saveTerms', { mqlsPerPeriod: 50, periodKind: 'week', followUpHours: 24 }] },
  {
    name: 'kpi.setTarget (update)',
    run: () => ['kpi.setTarget', { periodKind: 'month', periodStart: '2026-11-01', target: 20 }],
  },
  { name: 'meetings.delete', run: () => ['meetings.delete', { id: meetingId }] },
  { name: 'glossary.save (v2)', run: () => ['glossary.save', { term: 'MQL', definition: 'Version two.' }] },
  {
    name: 'settings.save',
    run: () => [
      'settings.save',
      { theme: 'dark', periodKind: 'week', playlist: [{ slideId: 'kpi', enabled: true, durationSec: 30 }] },
    ],
  },
];

describe('undoing a planning command', () => {
  test.each(COMMANDS)('$name: undo restores every planning table', async ({ run }) => {
    const before = tables();
    const seq = h.lastSeq();
    const [method, input] = run();
    await h.ok(method, input as MethodInput<typeof method>);
    const event = onlyEvent(h, seq);
    expect(tables()).not.toEqual(before);

    h.clock.advance(60_000);
    await h.ok('history.undo', {
      eventId: h.temp.db.prepare('SELECT id FROM activity_events WHERE seq = ?').pluck().get(event.seq) as string,
    });

    expect(tables()).toEqual(before);
  });
});
