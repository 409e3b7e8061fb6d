/**
 * Slide ids and their default playlist entries. The renderer's slide registry maps these ids to
 * components; the main side uses the defaults when settings hold no playlist yet.
 */
import type { PlaylistEntry } from './domain';

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
export type SlideId = (typeof SLIDE_IDS)[number];

/** Whether a string is a known slide id. */
export function isSlideId(value: string): value is SlideId {
  return (SLIDE_IDS as readonly string[]).includes(value);
}

/** Default rotation: every slide enabled, 20 s each. */
export const DEFAULT_PLAYLIST: PlaylistEntry[] = SLIDE_IDS.map((slideId) => ({
  slideId,
  enabled: true,
  durationSec: 20,
}));
