import type { TimeWindow } from '../domain';

/** Whether `now` falls in a daily 'HH:MM'–'HH:MM' window of the given zone (the window may wrap midnight). */
export function inTimeWindow(window: TimeWindow, now: number, timeZone: string): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(now)
    .split(':');
  const minutes = Number(parts[0]) * 60 + Number(parts[1]);
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = toMinutes(window.start);
  const end = toMinutes(window.end);
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
