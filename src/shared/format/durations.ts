/**
 * Spans of time in the fewest words a wall needs, one way everywhere: "3 h 05 min", "45 min", "1 d 3 h",
 * "45 s". Minutes after hours are always two digits, so a countdown's width does not jump.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span in days, hours and minutes: "3 h 12 min", "3 h 05 min", "45 min", "1 d 3 h". Minutes are rounded
 * up for a countdown (it never says "0 min" while time is left), down for time already passed (it was
 * overdue for at least that long) and to the nearest for a length that was measured.
 */
export function formatDuration(ms: number, round: 'up' | 'down' | 'nearest'): string {
  const exact = ms / MINUTE;
  const minutes = Math.max(
    0,
    round === 'up' ? Math.ceil(exact) : round === 'down' ? Math.floor(exact) : Math.round(exact),
  );
  const days = Math.floor(minutes / (DAY / MINUTE));
  const hours = Math.floor((minutes % (DAY / MINUTE)) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return rest > 0 ? `${hours} h ${String(rest).padStart(2, '0')} min` : `${hours} h`;
  return `${rest} min`;
}

/**
 * A measured length such as a meeting's: "45 s" under a minute, else to the nearest minute ("12 min",
 * "1 h 05 min"); with `seconds`, minutes keep their seconds ("12 min 05 s").
 */
export function formatLength(ms: number, options: { seconds?: boolean } = {}): string {
  const totalSeconds = Math.max(0, Math.round(ms / SECOND));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  if (options.seconds) {
    return `${Math.floor(totalSeconds / 60)} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  return formatDuration(ms, 'nearest');
}

/** A running timer: "3:07" (minutes and seconds). */
export function formatTimer(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A countdown to a due time: "due in 3 h 12 min", or "due now" once the time has come. */
export function dueIn(dueAt: number, now: number): string {
  return dueAt > now ? `due in ${formatDuration(dueAt - now, 'up')}` : 'due now';
}

/** How long something has been overdue: "overdue by 2 h 05 min", "overdue by 0 min" right at the due time. */
export function overdueBy(dueAt: number, now: number): string {
  return `overdue by ${formatDuration(now - dueAt, 'down')}`;
}

/** A median time in hours, roughly: "<1 h", "~5 h", "~2.5 d", "~12 d"; empty when there is none. */
export function formatStageTime(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return '';
  if (hours < 1) return '<1 h';
  if (hours < 48) return `~${Math.round(hours)} h`;
  const days = hours / 24;
  if (days < 10) return `~${Number(days.toFixed(1))} d`;
  return `~${Math.round(days)} d`;
}

/** How long ago, in the fewest words: "just now", "3 min ago", "2 h ago", "yesterday", "4 days ago". */
export function formatRelative(at: number, now: number): string {
  const age = now - at;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  if (age < 2 * DAY) return 'yesterday';
  return `${Math.floor(age / DAY)} days ago`;
}
