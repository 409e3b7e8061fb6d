/**
 * Whether a media query matches, kept current by the browser's change event (no polling). Slides use
 * it where CSS alone cannot decide, e.g. how many items fit on a portrait screen.
 */
import { getCurrentInstance, onBeforeUnmount, readonly, ref, type Ref } from 'vue';

export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : undefined;
  const matches = ref(list?.matches ?? false);
  if (list && getCurrentInstance()) {
    const onChange = (event: MediaQueryListEvent) => {
      matches.value = event.matches;
    };
    list.addEventListener('change', onChange);
    onBeforeUnmount(() => list.removeEventListener('change', onChange));
  }
  return readonly(matches);
}

/** Portrait screens (1080x1920) fit fewer rows of large text than landscape ones. */
export function usePortrait(): Readonly<Ref<boolean>> {
  return useMediaQuery('(orientation: portrait)');
}
