/**
 * The reads a wall makes before it can paint its first slide, so that the server can answer them in the
 * page itself: the page then arrives with its first slide's figures, and the first paint waits for no
 * request. The client answers a call from the page's data only when the method and input are exactly
 * these, and only once (src/api/first-paint.ts).
 */
import type { MethodInput, MethodName } from './contract';
import type { PlaylistEntry } from './domain';
import { isSlideId, type SlideId } from './slides';

/** One read the page brings, with the answer the server gave when it sent the page. */
export interface FirstPaintReply {
  method: MethodName;
  input: unknown;
  result: unknown;
}

/** A read the first paint needs: a method and the exact input its store sends. */
export interface FirstPaintRead<M extends MethodName = MethodName> {
  method: M;
  input: MethodInput<M>;
}

/** The id of the `<script type="application/json">` element that carries the replies in the page. */
export const FIRST_PAINT_ELEMENT_ID = 'alignboard-first-paint';

/** How many activity events the feed keeps; the activity store asks for exactly this many. */
export const ACTIVITY_FEED_LENGTH = 30;

/**
 * What the frame around every slide reads at start: the setup check, the app and display settings, the
 * CRM sources of the freshness line, the KPI of the status strip and the meeting banner.
 */
export const FRAME_READS: readonly FirstPaintRead[] = [
  { method: 'setup.status', input: {} },
  { method: 'app.info', input: {} },
  { method: 'settings.display', input: {} },
  { method: 'connections.status', input: {} },
  { method: 'kpi.get', input: {} },
  { method: 'meetings.today', input: {} },
];

/** The read behind each slide (its store's load). */
export const SLIDE_READS: Readonly<Record<SlideId, FirstPaintRead>> = {
  kpi: { method: 'kpi.get', input: {} },
  funnel: { method: 'funnel.get', input: {} },
  sprint: { method: 'sprints.current', input: {} },
  activity: { method: 'activity.list', input: { limit: ACTIVITY_FEED_LENGTH } },
  sla: { method: 'sla.get', input: {} },
  'lead-quality': { method: 'leadQuality.get', input: {} },
  meetings: { method: 'meetings.today', input: {} },
  glossary: { method: 'glossary.list', input: {} },
  credit: { method: 'credit.get', input: {} },
};

/**
 * The slide a wall shows first: the pinned one (`?slide=`), else the first enabled playlist entry with a
 * duration, as the kiosk picks it. A running meeting's own slide set is not foreseen here; the wall then
 * simply loads that slide's data itself.
 */
export function firstSlideOf(playlist: readonly PlaylistEntry[], pinned: string | null): SlideId | null {
  if (pinned !== null) return isSlideId(pinned) ? pinned : null;
  const entry = playlist.find((item) => item.enabled && item.durationSec > 0 && isSlideId(item.slideId));
  return entry ? (entry.slideId as SlideId) : null;
}

/**
 * The newest activity event when the page was made. Every write records one, so the page's data is still
 * current when the server's newest event is the same once the event stream is open.
 */
export const NEWEST_EVENT_READ: FirstPaintRead<'activity.list'> = { method: 'activity.list', input: { limit: 1 } };

/** The `seq` of the newest event in an `activity.list` answer, or 0 when there is none. */
export function newestEventSeq(result: unknown): number {
  const items = (result as { items?: Array<{ seq?: unknown }> } | null)?.items;
  const seq = items?.[0]?.seq;
  return typeof seq === 'number' ? seq : 0;
}

/**
 * The reads the page brings: the frame's, the first slide's (without repeating one the frame already
 * makes), and the newest event.
 */
export function firstPaintReads(firstSlide: SlideId | null): FirstPaintRead[] {
  const reads = [...FRAME_READS, NEWEST_EVENT_READ];
  const slide = firstSlide ? SLIDE_READS[firstSlide] : undefined;
  if (slide && !reads.some((read) => sameRead(read, slide))) reads.push(slide);
  return reads;
}

/** Whether two reads are the same call (same method, same input as JSON). */
export function sameRead(a: { method: string; input: unknown }, b: { method: string; input: unknown }): boolean {
  return a.method === b.method && JSON.stringify(a.input ?? {}) === JSON.stringify(b.input ?? {});
}
