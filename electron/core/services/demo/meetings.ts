/**
 * The demo meetings: the daily stand-up and its past runs, the other rituals, and the retrospectives with their
 * action items.
 */
import { SLIDE_IDS } from '@shared/slides';
import { insertMeeting, insertMeetingRun } from '../../db/repositories/meetings-repository';
import { HOUR } from './calendar';
import type { DemoRun } from './demo-run';

/** Writes the recurring meetings, the past stand-up runs, the retrospectives and their action items. */
export function writeMeetings(run: DemoRun): void {
  // A meeting repeats on its weekdays every week (there is no every-other-week), so the sprint meetings
  // are named without a rhythm the wall could not keep.
  const meetings = [
    {
      kind: 'standup' as const,
      title: 'Daily stand-up',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '09:30',
      durationMin: 15,
      slideIds: [...SLIDE_IDS],
    },
    {
      kind: 'lead_review' as const,
      title: 'Weekly lead review',
      weekdays: [2],
      startTime: '14:00',
      durationMin: 45,
      slideIds: ['funnel'],
    },
    {
      kind: 'retro' as const,
      title: 'Sprint retro',
      weekdays: [5],
      startTime: '16:00',
      durationMin: 60,
      slideIds: ['sprint'],
    },
    {
      kind: 'planning' as const,
      title: 'Sprint planning',
      weekdays: [1],
      startTime: '10:00',
      durationMin: 60,
      slideIds: ['sprint', 'funnel'],
    },
  ];
  const chosen = run.options.slides;
  for (const meeting of meetings) {
    const slideIds = chosen ? meeting.slideIds.filter((slideId) => chosen.includes(slideId)) : meeting.slideIds;
    const id = run.ids.next();
    insertMeeting(run.db, { ...meeting, slideIds, id }, run.setupAt);
    run.summary.meetings++;
    if (meeting.kind === 'standup') writeStandupRuns(run, id);
  }
}

/**
 * The stand-ups of the last two working weeks as held, so that the Meetings slide's trend of their length
 * has something to show: lengths from a fixed pattern around the planned 15 minutes (no draw from the
 * generator, which would change every figure after it).
 */
function writeStandupRuns(run: DemoRun, meetingId: string): void {
  const minutes = [14, 12, 17, 13, 11, 16, 12, 19, 13, 12];
  const held = run.calendar.days
    .filter((day) => day.start < run.calendar.today.start && day.weekday <= 5)
    .slice(-minutes.length);
  held.forEach((day, index) => {
    const startedAt = day.start + 9.5 * HOUR + (index % 3) * 60_000;
    insertMeetingRun(run.db, {
      id: run.ids.next(),
      meetingId,
      startedAt,
      endedAt: startedAt + minutes[index]! * 60_000,
    });
  });
}
