import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
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
  prepared(
    db,
    `INSERT INTO meetings (id, kind, title, weekdays, start_time, duration_min, slide_ids, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.kind,
    row.title,
    row.weekdays.join(','),
    row.startTime,
    row.durationMin,
    JSON.stringify(row.slideIds),
    at,
    at,
  );
  return row;
}

/** Every meeting not deleted, by start time. */
export function listMeetings(db: Database.Database): Meeting[] {
  const rows = prepared(
    db,
    `SELECT id, kind, title, weekdays, start_time, duration_min, slide_ids FROM meetings
     WHERE deleted_at IS NULL ORDER BY start_time, id`,
  ).all() as MeetingRow[];
  return rows.map(toMeeting);
}
