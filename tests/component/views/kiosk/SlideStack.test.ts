import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { whileShown } from '../../../../src/lib/while-shown';
import type { SlideDefinition } from '../../../../src/slides/registry';
import SlideStack from '../../../../src/views/kiosk/SlideStack.vue';
import { stubMatchMedia } from '../../support/match-media';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** A slide whose component notes when it is created and when its work runs (whileShown). */
function slide(id: string, log: string[]): SlideDefinition {
  const component = defineComponent({
    setup() {
      log.push(`${id} created`);
      whileShown(() => {
        log.push(`${id} starts`);
        return () => log.push(`${id} stops`);
      });
      return () => h('section', { 'data-testid': `slide-${id}` }, id);
    },
  });
  return {
    id: id as SlideDefinition['id'],
    title: id,
    defaultDurationSec: 10,
    component,
    defaults: {},
    preload: async () => {},
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('SlideStack', () => {
  it('creates a slide once, draws the next one ahead, and keeps the ones shown without their work', async () => {
    stubMatchMedia();
    const log: string[] = [];
    const [kpi, funnel] = [slide('kpi', log), slide('funnel', log)];
    const wrapper = mount(SlideStack, { props: { current: kpi, upcoming: null, change: 1, crmSources: [] } });
    const states = () => wrapper.findAll('.kept-slide').map((el) => `${el.text()}:${el.attributes('data-state')}`);
    expect(states()).toEqual(['kpi:current']);
    expect(log).toEqual(['kpi created', 'kpi starts']);

    // The next slide comes up ahead of the change: created and at work, not yet on screen.
    await wrapper.setProps({ upcoming: funnel });
    expect(states()).toEqual(['kpi:current', 'funnel:upcoming']);
    expect(wrapper.find('.kept-slide[data-state="upcoming"]').attributes('aria-hidden')).toBe('true');
    expect(log.slice(2)).toEqual(['funnel created', 'funnel starts']);

    await wrapper.setProps({ current: funnel, upcoming: null, change: 2 });
    expect(states()).toEqual(['kpi:kept', 'funnel:current']);
    expect(log.slice(4)).toEqual(['kpi stops']);

    // Shown again: the same element, its work started again, nothing created.
    const kpiElement = wrapper.find('[data-testid="slide-kpi"]').element;
    await wrapper.setProps({ upcoming: kpi });
    await wrapper.setProps({ current: kpi, upcoming: null, change: 3 });
    expect(wrapper.find('[data-testid="slide-kpi"]').element).toBe(kpiElement);
    expect(states()).toEqual(['kpi:current', 'funnel:kept']);
    expect(log.slice(5)).toEqual(['kpi starts', 'funnel stops']);

    wrapper.unmount();
    expect(log.slice(7)).toEqual(['kpi stops']);
  });

  it('clears a cover at each change after the first, and gives a cut to a viewer who asked for less motion', async () => {
    const log: string[] = [];
    const [kpi, funnel] = [slide('kpi', log), slide('funnel', log)];
    stubMatchMedia();
    const moving = mount(SlideStack, { props: { current: kpi, upcoming: null, change: 1, crmSources: [] } });
    const cover = () => moving.find('.slide-cover');
    expect(cover().classes()).not.toContain('slide-cover--clearing');
    await moving.setProps({ current: funnel, change: 2 });
    expect(cover().classes()).toContain('slide-cover--clearing');
    expect(cover().attributes('style')).toContain('animation-duration: 300ms');
    await cover().trigger('animationend');
    expect(cover().classes()).not.toContain('slide-cover--clearing');
    moving.unmount();

    stubMatchMedia(REDUCED_MOTION);
    const still = mount(SlideStack, { props: { current: kpi, upcoming: null, change: 1, crmSources: [] } });
    await still.setProps({ current: funnel, change: 2 });
    await nextTick();
    expect(still.find('.slide-cover').classes()).not.toContain('slide-cover--clearing');
    still.unmount();
  });
});
