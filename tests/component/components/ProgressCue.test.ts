import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ProgressCue from '../../../src/components/ProgressCue.vue';

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

/** Every fill the bar shows while a slide of `seconds` runs, sampled every 100 ms. */
async function fills(seconds: number): Promise<string[]> {
  const cue = mount(ProgressCue, { props: { durationSec: seconds } });
  const seen: string[] = [];
  for (let t = 0; t <= seconds * 1000; t += 100) {
    const transform = (cue.find('.fill').element as HTMLElement).style.transform;
    if (seen.at(-1) !== transform) seen.push(transform);
    await vi.advanceTimersByTimeAsync(100);
  }
  cue.unmount();
  return seen;
}

describe('ProgressCue', () => {
  it('moves in quarters of the slide, so that a wall without a GPU redraws the screen rarely', async () => {
    const shown = await fills(20);
    // the empty bar, then one step every 5 s up to full
    expect(shown).toHaveLength(5);
    expect(shown.at(-1)).toBe('scaleX(1)');
  });

  it('never waits longer than 5 s between steps on a long slide', async () => {
    const shown = await fills(60);
    expect(shown).toHaveLength(13);
  });
});
