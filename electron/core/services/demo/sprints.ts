/** The demo sprints: two-week sprints with joint goals and their daily progress. */
import { TZDate } from '@date-fns/tz';
import type { Person } from '@shared/domain';
import { addDays, format, getISODay, getISOWeek } from 'date-fns';
import { insertActionItem, insertRetrospective } from '../../db/repositories/retrospectives-repository';
import {
  addSprintGoalOwner,
  insertSprint,
  insertSprintGoal,
  recordSprintGoalProgress,
  setSprintGoalCurrent,
} from '../../db/repositories/sprints-repository';
import { DAY, HOUR, maxDate } from './calendar';
import type { DemoRun } from './demo-run';
import { customersInRange } from './targets';

/** Writes the past sprints and the current one, each with joint goals. */
export function writeSprints(run: DemoRun): void {
  const todayDate = new TZDate(run.calendar.today.start, run.tz);
  // Sprints start on Mondays of even ISO weeks and last two weeks (Monday to Sunday, inclusive).
  const monday = addDays(todayDate, 1 - getISODay(todayDate));
  const currentStart = getISOWeek(monday) % 2 === 0 ? monday : addDays(monday, -7);
  const previousStart = addDays(currentStart, -14);
  const [ana, jonas, priya, mateo, sophie, lukas] = run.sales as [Person, Person, Person, Person, Person, Person];
  const [tom, elena, mia, daniel] = run.marketing as [Person, Person, Person, Person];
  // Every sprint carries the shared KPI as a goal that the customers of its weeks drive.
  const customersGoal = (start: Date) => ({
    title: 'New paying customers',
    unit: 'customers',
    target: Math.max(4, Math.round((customersInRange(run, start.getTime() - 28 * DAY, start.getTime()) / 2) * 1.1)),
    owners: [ana, tom],
    actual: 'customers' as const,
  });

  const previous = writeSprint(run, previousStart, [
    customersGoal(previousStart),
    { title: 'Qualified demos booked', unit: 'demos', target: 30, owners: [priya, elena], finalShare: 1.1 },
    {
      title: 'MQLs followed up within 24 h',
      unit: '%',
      target: 100,
      owners: [mateo, mia],
      finalShare: 0.92,
      level: true,
    },
    { title: 'Customer stories published', unit: 'stories', target: 3, owners: [sophie, daniel], finalShare: 0.67 },
  ]);
  writeSprint(run, currentStart, [
    customersGoal(currentStart),
    { title: 'Webinar sign-ups', unit: 'sign-ups', target: 150, owners: [jonas, tom], finalShare: 0.8 },
    { title: 'MQLs reviewed together', unit: 'reviews', target: 40, owners: [lukas, mia], finalShare: 0.95 },
    {
      title: 'Demo requests answered within 2 h',
      unit: '%',
      target: 100,
      owners: [priya, elena],
      finalShare: 0.88,
      level: true,
    },
    { title: 'Stale opportunities cleaned up', unit: 'deals', target: 60, owners: [mateo, daniel], finalShare: 1.05 },
  ]);

  const heldOn = format(addDays(previousStart, 11), 'yyyy-MM-dd');
  const retroAt = run.calendar.localTime(heldOn, 17);
  const retro = insertRetrospective(
    run.db,
    {
      id: run.ids.next(),
      sprintId: previous,
      heldOn,
      wentWell: 'Demo requests reached a rep within the hour. The webinar brought our best MQLs this quarter.',
      toImprove:
        'Sales and marketing still count MQLs differently. Leads from LinkedIn Ads waited too long for a first call.',
    },
    retroAt,
  );
  const items: { title: string; owner: Person; dueOffset: number; done: boolean }[] = [
    { title: 'Agree one MQL definition and put it in the glossary', owner: tom, dueOffset: -5, done: true },
    { title: 'Route website demo requests to the rep on duty', owner: ana, dueOffset: -4, done: false },
    { title: 'Add a reason code to every lost deal', owner: jonas, dueOffset: -1, done: false },
    { title: 'Share the LinkedIn Ads lead list with sales every Monday', owner: elena, dueOffset: -2, done: true },
    { title: 'Review the follow-up SLA after two sprints', owner: sophie, dueOffset: 4, done: false },
  ];
  for (const item of items) {
    // Never due before the retro that created it.
    const dueOn = maxDate(
      run.calendar.dateFromToday(item.dueOffset),
      run.calendar.dateFromToday(run.calendar.dayIndex(retroAt) + 1 - (run.calendar.days.length - 1)),
    );
    const doneAt = item.done
      ? Math.min(run.now - HOUR, Math.max(retroAt + DAY, run.calendar.localTime(dueOn, 11) - DAY))
      : null;
    insertActionItem(
      run.db,
      { id: run.ids.next(), retrospectiveId: retro.id, title: item.title, ownerId: item.owner.id, dueOn, doneAt },
      retroAt,
    );
    run.summary.actionItems++;
  }
}

/** Writes one two-week sprint with its goals and daily progress; returns its id. */
function writeSprint(
  run: DemoRun,
  start: Date,
  goals: {
    title: string;
    unit: string;
    target: number;
    owners: Person[];
    finalShare?: number;
    level?: boolean;
    actual?: 'customers';
  }[],
): string {
  const startsOn = format(start, 'yyyy-MM-dd');
  const endsOn = format(addDays(start, 13), 'yyyy-MM-dd');
  const createdAt = start.getTime() - 3 * DAY;
  const number = Math.ceil(getISOWeek(start) / 2);
  const sprint = insertSprint(run.db, { id: run.ids.next(), name: `Sprint ${number}`, startsOn, endsOn }, createdAt);
  run.summary.sprints++;
  const lastDay = Math.min(13, Math.floor((run.calendar.today.start - start.getTime()) / DAY + 0.5));
  goals.forEach((spec, position) => {
    // The value at the end of each day so far: cumulative goals grow, level goals (a rate) move around.
    const progress: { onDate: string; value: number }[] = [];
    let value = 0;
    for (let d = 0; d <= lastDay; d++) {
      const day = addDays(start, d);
      const share = (d + 1) / 14;
      if (spec.actual === 'customers') {
        value += run.customersByDay[run.calendar.dayIndex(day.getTime())] ?? 0;
      } else if (spec.level) {
        value = Math.max(
          0,
          Math.min(spec.target, Math.round(spec.target * (spec.finalShare ?? 1) + run.rng.between(-6, 6))),
        );
      } else {
        const planned = spec.target * (spec.finalShare ?? 1) * share ** run.rng.between(0.9, 1.2);
        value = Math.max(value, Math.round(planned));
      }
      progress.push({ onDate: format(day, 'yyyy-MM-dd'), value });
    }
    const goal = insertSprintGoal(
      run.db,
      {
        id: run.ids.next(),
        sprintId: sprint.id,
        title: spec.title,
        ownerTeam: 'joint',
        target: spec.target,
        current: value,
        unit: spec.unit,
        position,
      },
      createdAt,
    );
    run.summary.sprintGoals++;
    for (const owner of spec.owners) addSprintGoalOwner(run.db, goal.id, owner.id);
    for (const day of progress) recordSprintGoalProgress(run.db, { goalId: goal.id, ...day });
    // The goal was last updated when its last progress was recorded, not when it was set up.
    const lastUpdate = Math.min(run.now - HOUR, addDays(start, lastDay).getTime() + 17 * HOUR);
    if (lastDay >= 0 && lastUpdate > createdAt) setSprintGoalCurrent(run.db, goal.id, value, lastUpdate);
  });
  return sprint.id;
}
