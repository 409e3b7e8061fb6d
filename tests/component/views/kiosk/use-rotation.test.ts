import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { useRotation, type Rotation, type RotationStop } from '../../../../src/views/kiosk/use-rotation';

const PAUSE_MS = 30 * 60_000;
const UPCOMING_MS = 1_000;

function stop(slideId: string, durationSec: number, empty = false): RotationStop {
  return { entry: { slideId, durationSec }, slide: { isEmpty: () => empty } };
}

function rotationOver(initial: RotationStop[], options: { pinned?: boolean; skipEmpty?: boolean } = {}) {
  const stops = ref(initial);
  const onScreen = ref(true);
  let rotation: Rotation<RotationStop> | undefined;
  const Host = defineComponent({
    setup() {
      rotation = useRotation({
        stops,
        onScreen,
        pinned: () => options.pinned === true,
        skipEmpty: () => options.skipEmpty === true,
        resumeAfterMs: PAUSE_MS,
        upcomingMs: UPCOMING_MS,
      });
      return () => h('div');
    },
  });
  const wrapper = mount(Host);
  if (!rotation) throw new Error('the host did not set up');
  const on = rotation;
  return {
    rotation: on,
    stops,
    onScreen,
    wrapper,
    slide: () => on.current.value?.entry.slideId,
    upcoming: () => on.upcoming.value?.entry.slideId,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => vi.useRealTimers());

describe('useRotation', () => {
  it('shows each stop for its own duration, then starts over', async () => {
    const { rotation, slide, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 20)]);
    rotation.begin();
    await nextTick();
    expect(slide()).toBe('kpi');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(slide()).toBe('kpi');
    await vi.advanceTimersByTimeAsync(1);
    expect(slide()).toBe('funnel');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(slide()).toBe('kpi');
    expect(rotation.shown.value).toBe(3);
    wrapper.unmount();
  });

  it('passes over empty slides when the room says so, unless every slide is empty', async () => {
    const { rotation, slide, wrapper } = rotationOver(
      [stop('kpi', 10, true), stop('funnel', 10), stop('sla', 10, true)],
      {
        skipEmpty: true,
      },
    );
    rotation.begin();
    await nextTick();
    expect(slide()).toBe('funnel');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(slide()).toBe('funnel');
    wrapper.unmount();

    const allEmpty = rotationOver([stop('kpi', 10, true), stop('sla', 10, true)], { skipEmpty: true });
    allEmpty.rotation.begin();
    expect(allEmpty.slide()).toBe('sla');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(allEmpty.slide()).toBe('kpi');
    allEmpty.wrapper.unmount();
  });

  it('keeps the time a slide had left across a pause, and resumes a forgotten pause by itself', async () => {
    const { rotation, slide, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 10)]);
    rotation.begin();
    await vi.advanceTimersByTimeAsync(6_000);
    rotation.togglePause();
    await nextTick();
    await vi.advanceTimersByTimeAsync(PAUSE_MS - 1);
    expect(rotation.paused.value).toBe(true);
    expect(slide()).toBe('kpi');
    await vi.advanceTimersByTimeAsync(1);
    expect(rotation.paused.value).toBe(false);
    await vi.advanceTimersByTimeAsync(3_999);
    expect(slide()).toBe('kpi');
    await vi.advanceTimersByTimeAsync(1);
    expect(slide()).toBe('funnel');
    wrapper.unmount();
  });

  it('moves both ways and jumps, but not while pinned or off screen', async () => {
    const { rotation, slide, onScreen, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 10), stop('sla', 10)]);
    rotation.begin();
    rotation.move(-1);
    expect(slide()).toBe('sla');
    rotation.move(1);
    expect(slide()).toBe('kpi');
    rotation.jump(1);
    expect(slide()).toBe('funnel');
    rotation.jump(5);
    expect(slide()).toBe('funnel');
    onScreen.value = false;
    await nextTick();
    rotation.move(1);
    expect(slide()).toBe('funnel');
    wrapper.unmount();

    const pinned = rotationOver([stop('kpi', 10), stop('funnel', 10)], { pinned: true });
    pinned.rotation.begin();
    pinned.rotation.move(1);
    pinned.rotation.togglePause();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pinned.slide()).toBe('kpi');
    expect(pinned.rotation.paused.value).toBe(false);
    expect(pinned.rotation.rotating.value).toBe(false);
    pinned.wrapper.unmount();
  });

  it('comes back on screen unpaused, on the same slide from its start', async () => {
    const { rotation, slide, onScreen, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 10)]);
    rotation.begin();
    rotation.move(1);
    rotation.togglePause();
    await nextTick();
    onScreen.value = false;
    await nextTick();
    await vi.advanceTimersByTimeAsync(60_000);
    onScreen.value = true;
    await nextTick();
    expect(rotation.paused.value).toBe(false);
    expect(slide()).toBe('funnel');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(slide()).toBe('funnel');
    await vi.advanceTimersByTimeAsync(1);
    expect(slide()).toBe('kpi');
    wrapper.unmount();
  });

  it('restarts the slide on screen when the playlist changes, and starts over when that slide is gone', async () => {
    const { rotation, slide, stops, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 10)]);
    rotation.begin();
    rotation.move(1);
    await vi.advanceTimersByTimeAsync(6_000);
    stops.value = [stop('kpi', 10), stop('funnel', 20), stop('sla', 10)];
    await nextTick();
    expect(slide()).toBe('funnel');
    await vi.advanceTimersByTimeAsync(19_999);
    expect(slide()).toBe('funnel');
    rotation.jump(2);
    stops.value = [stop('kpi', 10), stop('funnel', 20)];
    await nextTick();
    expect(slide()).toBe('kpi');
    expect(rotation.index.value).toBe(0);
    wrapper.unmount();
  });

  it('names the next stop shortly before it shows (half a short slide), and none while paused or moved by hand', async () => {
    const { rotation, slide, upcoming, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 10), stop('sla', 1)]);
    rotation.begin();
    await vi.advanceTimersByTimeAsync(10_000 - UPCOMING_MS - 1);
    expect(upcoming()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(upcoming()).toBe('funnel');
    expect(slide()).toBe('kpi');
    await vi.advanceTimersByTimeAsync(UPCOMING_MS);
    expect(slide()).toBe('funnel');
    expect(upcoming()).toBeUndefined();

    await vi.advanceTimersByTimeAsync(10_000 - UPCOMING_MS / 2);
    expect(upcoming()).toBe('sla');
    rotation.togglePause();
    await nextTick();
    expect(upcoming()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(slide()).toBe('funnel');
    // Resumed with less time left than the lead: named again at once, shown when its time is up.
    rotation.togglePause();
    await nextTick();
    expect(upcoming()).toBe('sla');
    await vi.advanceTimersByTimeAsync(UPCOMING_MS / 2);
    expect(slide()).toBe('sla');
    // A one-second slide names the next one after half its time.
    await vi.advanceTimersByTimeAsync(499);
    expect(upcoming()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(upcoming()).toBe('kpi');

    // A move by hand shows its slide at once and names nothing ahead.
    rotation.move(-1);
    expect(slide()).toBe('funnel');
    expect(upcoming()).toBeUndefined();
    wrapper.unmount();
  });

  it('stops its timer when the host unmounts', async () => {
    const { rotation, slide, wrapper } = rotationOver([stop('kpi', 10), stop('funnel', 10)]);
    rotation.begin();
    wrapper.unmount();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(slide()).toBe('kpi');
    expect(vi.getTimerCount()).toBe(0);
  });
});
