import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { setApi } from '../../../src/api';
import type { ActivitySlideOptions } from '../../../src/slides/registry';
import { useSlideFigures, type SlideFigures } from '../../../src/slides/use-slide-figures';
import { createFakeApi } from '../support/fake-api';
import { stubMatchMedia } from '../support/match-media';

function fakeMatchMedia(portrait: boolean): void {
  if (portrait) stubMatchMedia('(orientation: portrait)');
  else stubMatchMedia();
}

/** A store stand-in that counts who follows it. */
function followedStore() {
  let followers = 0;
  return {
    follow() {
      followers += 1;
      return () => {
        followers -= 1;
      };
    },
    followers: () => followers,
  };
}

function mountWith(store: ReturnType<typeof followedStore>, options: Partial<ActivitySlideOptions>) {
  let figures: SlideFigures<ActivitySlideOptions> | undefined;
  const Slide = defineComponent({
    setup() {
      figures = useSlideFigures<ActivitySlideOptions>(store, () => options);
      return () => h('div');
    },
  });
  const wrapper = mount(Slide);
  if (!figures) throw new Error('the slide did not set up');
  return { wrapper, figures };
}

// Privacy words follow the room's settings, so the display store (and the api behind it) is there.
beforeEach(() => {
  setActivePinia(createPinia());
  setApi(createFakeApi({}));
});
afterEach(() => {
  setApi(undefined);
  vi.unstubAllGlobals();
});

describe('useSlideFigures', () => {
  it('follows the store only while the slide is mounted', () => {
    fakeMatchMedia(false);
    const store = followedStore();
    const { wrapper } = mountWith(store, {});
    expect(store.followers()).toBe(1);
    wrapper.unmount();
    expect(store.followers()).toBe(0);
  });

  it('reads a count option on a landscape screen, its default, and never below the minimum', () => {
    fakeMatchMedia(false);
    const given = mountWith(followedStore(), { maxItems: 9, maxItemsPortrait: 2 });
    expect(given.figures.portrait.value).toBe(false);
    expect(given.figures.countOption('maxItems', 6, 5).value).toBe(9);
    const defaults = mountWith(followedStore(), {});
    expect(defaults.figures.countOption('maxItems', 6, 5).value).toBe(6);
    const tiny = mountWith(followedStore(), { maxItems: 0 });
    expect(tiny.figures.countOption('maxItems', 6, 5).value).toBe(1);
    expect(tiny.figures.countOption('maxItems', 6, 5, 3).value).toBe(3);
  });

  it('reads the portrait twin of a count option on a portrait screen', () => {
    fakeMatchMedia(true);
    const given = mountWith(followedStore(), { maxItems: 9, maxItemsPortrait: 2 });
    expect(given.figures.portrait.value).toBe(true);
    expect(given.figures.countOption('maxItems', 6, 5).value).toBe(2);
    const defaults = mountWith(followedStore(), { maxItems: 9 });
    expect(defaults.figures.countOption('maxItems', 6, 5).value).toBe(5);
  });
});
