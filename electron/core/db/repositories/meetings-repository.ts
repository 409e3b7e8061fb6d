import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { journalRow } from './change-journal';
import { getLiveRow, insertLiveRow, listLiveRows, softDeleteLiveRow, updateLiveRow } from './live-rows';
import { prepared } from './statements';

export type MeetingKind = 'standup' | 'lead_review' | 'retro' | 'planning' | 'other';

/** A recurring meeting. */
export interface Meeting {
  id: string;
  kind: MeetingKind;
  title: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  weekdays: number[];
  /** 'HH:MM' in the room's zone */
  startTime: string;
  durationMin: number;
  /** slides shown while the meeting runs */
  slideIds: string[];
}

interface MeetingRow {
  id: string;
  kind: MeetingKind;
  title: string;
  weekdays: string;
  start_time: string;
  duration_min: number;
  slide_ids: string;
}

function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    weekdays: row.weekdays === '' ? [] : row.weekdays.split(',').map(Number),
    startTime: row.start_time,
    durationMin: row.duration_min,
    slideIds: JSON.parse(row.slide_ids) as string[],
  };
}

const MEETING_COLUMNS = 'id, kind, title, weekdays, start_time, duration_min, slide_ids';

/** A meeting's columns as stored: weekdays as '1,3,5', the slide ids as JSON. */
function meetingColumns(meeting: Meeting) {
  return {
    kind: meeting.kind,
    title: meeting.title,
    weekdays: meeting.weekdays.join(','),
    start_time: meeting.startTime,
    duration_min: meeting.durationMin,
    slide_ids: JSON.stringify(meeting.slideIds),
  };
}

/** Adds a recurring meeting; `id` defaults to a new UUIDv7. */
export function insertMeeting(
  db: Database.Database,
  meeting: Omit<Meeting, 'id' | 'slideIds'> & { id?: string; slideIds?: string[] },
  at: number,
): Meeting {
  for (const day of meeting.weekdays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) throw new RangeError(`weekday must be 1–7, got ${day}`);
  }
  const row: Meeting = { ...meeting, id: meeting.id ?? uuidv7(), slideIds: meeting.slideIds ?? [] };
  insertLiveRow(db, 'meetings', row.id, meetingColumns(row), at);
  return row;
}

/** Every meeting not deleted, by start time. */
export function listMeetings(db: Database.Database): Meeting[] {
  return listLiveRows<MeetingRow>(db, 'meetings', MEETING_COLUMNS, 'start_time, id').map(toMeeting);
}

/** One meeting that is not deleted, or undefined. */
export function getMeeting(db: Database.Database, id: string): Meeting | undefined {
  const row = getLiveRow<MeetingRow>(db, 'meetings', MEETING_COLUMNS, id);
  return row === undefined ? undefined : toMeeting(row);
}

/** One held meeting: when it started and ended. */
export interface MeetingRun {
  id: string;
  /** null for a meeting held without a recurring meeting behind it (an ad-hoc stand-up) */
  meetingId: string | null;
  startedAt: number;
  endedAt: number | null;
  notes: string;
}

/** Records a held meeting; `id` defaults to a new UUIDv7. */
export function insertMeetingRun(
  db: Database.Database,
  run: { id?: string; meetingId: string | null; startedAt: number; endedAt: number | null; notes?: string },
): MeetingRun {
  const row: MeetingRun = {
    id: run.id ?? uuidv7(),
    meetingId: run.meetingId,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    notes: run.notes ?? '',
  };
  journalRow(db, 'meeting_runs', row.id);
  prepared(db, `INSERT INTO meeting_runs (id, meeting_id, started_at, ended_at, notes) VALUES (?, ?, ?, ?, ?)`).run(
    row.id,
    row.meetingId,
    row.startedAt,
    row.endedAt,
    row.notes,
  );
  return row;
}

/** Changes a recurring meeting; returns whether it existed (and was not deleted). */
export function updateMeeting(db: Database.Database, meeting: Meeting, at: number): boolean {
  return updateLiveRow(db, 'meetings', meeting.id, meetingColumns(meeting), at);
}

/** Marks a meeting deleted at `at`; returns whether it existed. */
export function softDeleteMeeting(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'meetings', id, at);
}

/** A held stand-up: when it started and how long it took. */
export interface StandupRunLength {
  startedAt: number;
  durationMs: number;
}

/**
 * The last `limit` stand-ups held (runs of a stand-up meeting, or ad-hoc ones without a meeting) that have
 * an end, oldest first.
 */
export function listRecentStandupRuns(db: Database.Database, limit: number): StandupRunLength[] {
  const rows = prepared(
    db,
    `SELECT r.started_at AS startedAt, r.ended_at - r.started_at AS durationMs
       FROM meeting_runs r LEFT JOIN meetings m ON m.id = r.meeting_id
      WHERE r.ended_at IS NOT NULL AND (r.meeting_id IS NULL OR m.kind = 'standup')
      ORDER BY r.started_at DESC, r.id DESC
      LIMIT ?`,
  ).all(limit) as StandupRunLength[];
  return rows.reverse();
}
