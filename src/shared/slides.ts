/**
 * Slide ids and their default playlist entries. The renderer's slide registry maps these ids to
 * components; the main side uses the defaults when settings hold no playlist yet.
 */
import type { PlaylistEntry, WeeklyMorning } from './domain';

export const SLIDE_IDS = [
  'kpi',
  'funnel',
  'sprint',
  'activity',
  'sla',
  'lead-quality',
  'meetings',
  'glossary',
  'credit',
] as const;

/**
 * Slides for certain hours only: off until someone switches them on, and even then the rotation passes
 * over them outside their hours (a setting). Not in the default playlist.
 */
export const TIMED_SLIDE_IDS = ['last-week'] as const;

/** Every slide the wall knows: the everyday ones, then the timed ones. */
export const ALL_SLIDE_IDS = [...SLIDE_IDS, ...TIMED_SLIDE_IDS] as const;
export type SlideId = (typeof ALL_SLIDE_IDS)[number];

/** Whether a string is a known slide id. */
export function isSlideId(value: string): value is SlideId {
  return (ALL_SLIDE_IDS as readonly string[]).includes(value);
}

/** Default rotation: every everyday slide enabled, 20 s each. */
export const DEFAULT_PLAYLIST: PlaylistEntry[] = SLIDE_IDS.map((slideId) => ({
  slideId,
  enabled: true,
  durationSec: 20,
}));

/** When the "Last week" slide shows unless the room says otherwise: Monday mornings, until noon. */
export const DEFAULT_LAST_WEEK_SLIDE: WeeklyMorning = { weekday: 1, until: '12:00' };
