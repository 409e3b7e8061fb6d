/**
 * Like-for-like comparison with the previous period (METRICS: "against the previous period"): the current
 * period so far is compared with the previous period up to the same elapsed share of working days, never
 * with the whole previous period — otherwise the first days of every month read as a collapse.
 */
import type { Period } from '../domain';
import { atTimeOfDay, datesBetween, isWorkingDate, localDate, localDayStart } from './days';
import { elapsedWorkingShare, previousPeriod } from './periods';

/** The stretch of the previous period that the current period so far is compared with. */
export interface ComparableStretch {
  /** the previous period as a whole */
  period: Period;
  /** the start of the previous period */
  start: number;
  /** the end (exclusive) of its comparable stretch: the same elapsed share of its working days */
  end: number;
}

/**
 * The stretch of the period before `current` that matches how much of `current` has elapsed at `now`.
 * With a share s of the current period's working days elapsed (today counted, METRICS: elapsed share), the
 * previous period's j = round(s × its working days) th working day is "the same point". On a working day
 * the stretch ends on that day at the time of day it is now, so both sides hold a part of their last day;
 * on a weekend day it ends where the next working day begins, so both sides hold their weekend. With no
 * working day elapsed yet (a month that starts on a Saturday) the stretch ends where the first working
 * day begins. The end never passes the previous period's end.
 */
export function comparableStretch(current: Period, now: number, timezone: string): ComparableStretch {
  const previous = previousPeriod(current, timezone);
  const share = elapsedWorkingShare(current, now, timezone);
  const days = datesBetween(localDate(previous.start, timezone), localDate(previous.end - 1, timezone));
  const working = days.filter(isWorkingDate);
  const j = Math.round(share * working.length);
  const today = localDate(now, timezone);
  const todayWorks = isWorkingDate(today);
  let end: number;
  if (j >= working.length && !todayWorks) end = previous.end;
  else if (todayWorks && j >= 1) end = atTimeOfDay(working[j - 1]!, now, timezone);
  else end = j < working.length ? localDayStart(working[j]!, timezone) : previous.end;
  return { period: previous, start: previous.start, end: Math.min(Math.max(end, previous.start), previous.end) };
}
