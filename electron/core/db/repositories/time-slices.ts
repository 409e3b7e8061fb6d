/**
 * How a time range is read from the bucketed aggregates (migration 0002): whole UTC days from the day
 * buckets, whole hours at the two ends from the hour buckets, and the minutes left over at each end
 * straight from the source rows. A year-long range costs about 400 bucket rows, a 90-day window about 140,
 * and the count is exact for any boundary.
 */

/** Bucket width of the hourly aggregates, in ms (UTC hours since the epoch). */
export const HOUR_GRAIN = 3_600_000;
/** Bucket width of the daily aggregates, in ms (UTC days since the epoch). */
export const DAY_GRAIN = 86_400_000;

/** Buckets [from, to) of one grain: `bucket = floor(at / grain)`. */
export interface BucketSlice {
  grain: number;
  from: number;
  to: number;
}

/** A piece of the range read from the source rows: [from, to), or [from, to] when `toInclusive`. */
export interface RawSlice {
  from: number;
  to: number;
  toInclusive: boolean;
}

/** A time range cut into bucket slices and raw slices that together cover it exactly once. */
export interface TimeSlices {
  buckets: BucketSlice[];
  raw: RawSlice[];
}

/**
 * Cuts [start, end) — or [start, end] when `endInclusive` — into day buckets, hour buckets and raw edges.
 * Times are epoch ms; a range before 1970 is read raw (SQLite truncates the bucket division towards zero,
 * which is the floor only for times ≥ 0).
 */
export function sliceTimeRange(start: number, end: number, endInclusive = false): TimeSlices {
  const empty = endInclusive ? end < start : end <= start;
  if (empty) return { buckets: [], raw: [] };
  const firstHour = Math.ceil(start / HOUR_GRAIN);
  const endHour = Math.floor(end / HOUR_GRAIN);
  if (start < 0 || firstHour >= endHour) {
    return { buckets: [], raw: [{ from: start, to: end, toInclusive: endInclusive }] };
  }
  const raw: RawSlice[] = [];
  if (start < firstHour * HOUR_GRAIN) raw.push({ from: start, to: firstHour * HOUR_GRAIN, toInclusive: false });
  if (endHour * HOUR_GRAIN < end || endInclusive) {
    raw.push({ from: endHour * HOUR_GRAIN, to: end, toInclusive: endInclusive });
  }
  const hoursPerDay = DAY_GRAIN / HOUR_GRAIN;
  const firstDay = Math.ceil(firstHour / hoursPerDay);
  const endDay = Math.floor(endHour / hoursPerDay);
  const buckets: BucketSlice[] = [];
  if (firstDay < endDay) {
    if (firstHour < firstDay * hoursPerDay) {
      buckets.push({ grain: HOUR_GRAIN, from: firstHour, to: firstDay * hoursPerDay });
    }
    buckets.push({ grain: DAY_GRAIN, from: firstDay, to: endDay });
    if (endDay * hoursPerDay < endHour) buckets.push({ grain: HOUR_GRAIN, from: endDay * hoursPerDay, to: endHour });
  } else {
    buckets.push({ grain: HOUR_GRAIN, from: firstHour, to: endHour });
  }
  return { buckets, raw };
}

/** The SQL comparison that closes a raw slice on the right: `<` or `<=`. */
export function rawEnd(slice: RawSlice): '<' | '<=' {
  return slice.toInclusive ? '<=' : '<';
}
