/**
 * The slides the kiosk can show, by the ids the playlist uses (src/shared/slides.ts). Each entry names
 * its title, its default duration, its component, the options it understands with their defaults
 * (documented next to them, like MagicMirror² modules' `defaults`), and how to load its data ahead of
 * time so that a slide never rotates in empty.
 */
import type { Component } from 'vue';
import type { SlideId } from '@shared/slides';
import { useActivityStore } from '../stores/activity';
import { useFunnelStore } from '../stores/funnel';
import { useSprintStore } from '../stores/sprint';
import ActivitySlide from './ActivitySlide.vue';
import FunnelSlide from './FunnelSlide.vue';
import SprintSlide from './SprintSlide.vue';

export interface FunnelSlideOptions {
  /** show the open deal pipeline (count and value per stage) beside the lifecycle funnel */
  showPipeline: boolean;
  /** show the stage-to-stage conversion between the lifecycle bars */
  showConversion: boolean;
}

export interface SprintSlideOptions {
  /** goals shown at most on a landscape screen; the rest are summed up as "+N more goals" */
  maxGoals: number;
  /** goals shown at most on a portrait screen, where each goal needs more height */
  maxGoalsPortrait: number;
}

export interface ActivitySlideOptions {
  /** events shown at most on a landscape screen, newest at the top */
  maxItems: number;
  /** events shown at most on a portrait screen, where headlines wrap */
  maxItemsPortrait: number;
  /** how long a newly arrived event stays highlighted, in seconds */
  highlightSec: number;
}

export interface SlideDefinition<Options extends object = object> {
  id: SlideId;
  title: string;
  defaultDurationSec: number;
  component: Component;
  defaults: Options;
  /** loads the slide's data; called for every enabled slide when the kiosk starts */
  preload(): Promise<void>;
}

const funnel: SlideDefinition<FunnelSlideOptions> = {
  id: 'funnel',
  title: 'Pipeline funnel',
  defaultDurationSec: 20,
  component: FunnelSlide,
  defaults: {
    showPipeline: true,
    showConversion: true,
  },
  preload: () => useFunnelStore().ensureLoaded(),
};

const sprint: SlideDefinition<SprintSlideOptions> = {
  id: 'sprint',
  title: 'Sprint goals',
  defaultDurationSec: 20,
  component: SprintSlide,
  defaults: {
    maxGoals: 6,
    maxGoalsPortrait: 4,
  },
  preload: () => useSprintStore().ensureLoaded(),
};

const activity: SlideDefinition<ActivitySlideOptions> = {
  id: 'activity',
  title: 'Live activity',
  defaultDurationSec: 20,
  component: ActivitySlide,
  defaults: {
    maxItems: 6,
    maxItemsPortrait: 5,
    highlightSec: 30,
  },
  preload: () => useActivityStore().ensureLoaded(),
};

export const SLIDES: Readonly<Record<SlideId, SlideDefinition>> = { funnel, sprint, activity };

/** The slide with this id, or undefined for an id this version does not know (a newer server's). */
export function findSlide(id: string): SlideDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(SLIDES, id) ? SLIDES[id as SlideId] : undefined;
}
