/**
 * What every slide sets up before it draws: it follows its store's figures while it is on screen (and only
 * then, see `followWhileMounted`; a slide the kiosk keeps alive off screen neither follows nor renders),
 * and reads privacy mode, the shared "now" and the screen's orientation. It also reads the slides' count
 * options, which come in landscape and portrait pairs.
 */
import { computed, type ComputedRef, type Ref } from 'vue';
import type { Freshness } from '@shared/domain';
import type { SlideId } from '@shared/slides';
import { usePortrait } from '../lib/media';
import { useNow } from '../lib/now';
import type { RoomWords } from '@shared/format';
import { useRoomWords } from '../lib/room-format';
import { pauseRenderWhileHidden } from '../lib/while-shown';
import { followWhileMounted, type LiveLoader } from '../stores/live';
import { usePrivacyStore } from '../stores/privacy';

/** The props every slide takes: its title and its options as the playlist gives them. */
export interface SlideProps<O> {
  title?: string;
  options?: Partial<O>;
}

/** The defaults of {@link SlideProps}: the slide's own title, and no options given. */
export function slideDefaults(title: string): { title: string; options: () => Record<never, never> } {
  return { title, options: () => ({}) };
}

/** Option keys that have a portrait twin (`maxItems` and `maxItemsPortrait`). */
export type CountOptionKey<O> = {
  [K in keyof O & string]: `${K}Portrait` extends keyof O ? K : never;
}[keyof O & string];

export interface SlideFigures<O> {
  privacy: ReturnType<typeof usePrivacyStore>;
  now: Readonly<Ref<number>>;
  portrait: Readonly<Ref<boolean>>;
  /**
   * A count option (`key` on landscape screens, `key` + `Portrait` on portrait ones), its default when the
   * slide's options leave it out, and never below `min`.
   */
  countOption(key: CountOptionKey<O>, landscape: number, portrait: number, min?: number): ComputedRef<number>;
}

/**
 * Sets up a slide showing `store`'s figures: follows the store while the slide is mounted and returns
 * what the slide reads besides (see {@link SlideFigures}). `options` returns the slide's options as given.
 */
export function useSlideFigures<O extends object>(
  store: Pick<LiveLoader, 'follow'>,
  options: () => Partial<O>,
): SlideFigures<O> {
  const privacy = usePrivacyStore();
  const now = useNow();
  const portrait = usePortrait();
  followWhileMounted(store);
  // The kiosk keeps shown slides alive: one off screen re-renders once when it shows again, if at all.
  pauseRenderWhileHidden();

  function countOption(key: CountOptionKey<O>, landscape: number, upright: number, min = 1): ComputedRef<number> {
    return computed(() => {
      const given = options() as Record<string, number | undefined>;
      const value = portrait.value ? (given[`${key}Portrait`] ?? upright) : (given[key] ?? landscape);
      return Math.max(min, value);
    });
  }

  return { privacy, now, portrait, countOption };
}

/** What every slide's store offers: it can be followed, and holds its figures or why they failed. */
export interface SlideStore extends Pick<LiveLoader, 'follow'> {
  data: unknown;
  error: string | null;
}

/** What each slide's frame says when its figures cannot be fetched (the reason is shown under it). */
export const SLIDE_FAILED: Readonly<Record<SlideId, string>> = {
  kpi: 'The shared KPI cannot be shown',
  funnel: 'The funnel cannot be shown',
  sprint: 'The sprint cannot be shown',
  activity: 'The activity cannot be shown',
  sla: 'The SLA cannot be shown',
  'lead-quality': 'Lead quality cannot be shown',
  meetings: 'The meetings cannot be shown',
  glossary: 'The glossary cannot be shown',
  credit: 'The wins cannot be shown',
  'last-week': "Last week's report cannot be shown",
};

/** The props every slide hands its SlideFrame the same way (the rest, such as `subtitle`, are its own). */
export interface SlideFrameProps<D> {
  /** `slide-` and the slide's id */
  testid: string;
  /** what the slide says when its figures cannot be fetched */
  failed: string;
  title: string;
  now: number;
  data: D;
  error: string | null;
  freshness: Freshness | null;
}

/**
 * {@link useSlideFigures}, plus what nearly every slide reads besides: the room's words, its store's
 * figures, and the props of its SlideFrame (bound with `v-bind="frame"`). `shown` picks the figures the
 * frame hands its body when they are not the store's own (a slide that derives them); their freshness is
 * always the store's.
 */
export function useSlide<O extends object, S extends SlideStore, D = S['data']>(
  id: SlideId,
  store: S,
  props: { title: string; options: Partial<O> },
  shown?: () => D,
): SlideFigures<O> & {
  words: ComputedRef<RoomWords>;
  data: ComputedRef<S['data']>;
  frame: ComputedRef<SlideFrameProps<D>>;
} {
  const figures = useSlideFigures<O>(store, () => props.options);
  const data = computed(() => store.data as S['data']);
  const frame = computed(() => ({
    testid: `slide-${id}`,
    failed: SLIDE_FAILED[id],
    title: props.title,
    now: figures.now.value,
    data: shown ? shown() : (data.value as D),
    error: store.error,
    freshness: (data.value as { freshness?: Freshness } | null)?.freshness ?? null,
  }));
  return { ...figures, words: useRoomWords(), data, frame };
}

/**
 * How a `wall-spread` list (src/styles/base.css) of `count` items is laid out, as a binding for its
 * element: more than three items go in two columns, except on a portrait screen, and the rows follow.
 */
export function useSpread(
  count: () => number,
  portrait: Readonly<Ref<boolean>>,
): ComputedRef<{ class: (string | Record<string, boolean>)[]; style: Record<string, number> }> {
  return computed(() => {
    const two = !portrait.value && count() > 3;
    return {
      class: ['wall-spread', { 'wall-spread--two': two }],
      style: { '--rows': two ? Math.ceil(count() / 2) : count() },
    };
  });
}
