import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref, useTemplateRef } from 'vue';
import { useSlideFade } from '../../../../src/views/kiosk/use-slide-fade';

/** A host with the holder around a slide named by `slide`, styled as base.css does (or not: reduced motion). */
function fadeHost(options: { transition: boolean }) {
  const slide = ref('kpi');
  const shown = ref(true);
  const Host = defineComponent({
    setup() {
      const holder = useTemplateRef<HTMLElement>('holder');
      const fade = useSlideFade(() => slide.value, holder);
      return () =>
        shown.value
          ? h(
              'div',
              {
                ref: 'holder',
                class: fade.classes.value,
                // happy-dom applies no stylesheet: the fade's transition is given inline, as base.css would
                style: options.transition ? { transitionDuration: '0.15s' } : {},
                onTransitionend: fade.onTransitionEnd,
              },
              [h('section', { 'data-testid': `slide-${slide.value}` })],
            )
          : h('p', 'night');
    },
  });
  const wrapper = mount(Host, { attachTo: document.body });
  const holder = () => wrapper.find('div');
  const frames = (count: number) => vi.advanceTimersByTimeAsync(count * 16 + 1);
  return { slide, shown, wrapper, holder, frames };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

describe('useSlideFade', () => {
  it('shows the first slide without a fade', () => {
    const { holder, wrapper } = fadeHost({ transition: true });
    expect(holder().classes()).toEqual([]);
    wrapper.unmount();
  });

  it('puts a new slide in transparent, fades it in two frames later, and ends with its transition', async () => {
    const { slide, holder, frames, wrapper } = fadeHost({ transition: true });
    slide.value = 'funnel';
    await nextTick();
    // the render that brings the new slide in already has it transparent
    expect(holder().find('[data-testid="slide-funnel"]').exists()).toBe(true);
    expect(holder().classes()).toEqual(['slide-holder--preparing']);
    await frames(1);
    expect(holder().classes()).toEqual(['slide-holder--preparing']);
    await frames(1);
    expect(holder().classes()).toEqual(['fade-enter-active']);
    // a transition of something inside the slide is not the fade's end
    holder()
      .find('section')
      .element.dispatchEvent(new Event('transitionend', { bubbles: true }));
    await nextTick();
    expect(holder().classes()).toEqual(['fade-enter-active']);
    holder().element.dispatchEvent(new Event('transitionend'));
    await nextTick();
    expect(holder().classes()).toEqual([]);
    wrapper.unmount();
  });

  it('starts over when the slide changes again while preparing', async () => {
    const { slide, holder, frames, wrapper } = fadeHost({ transition: true });
    slide.value = 'funnel';
    await nextTick();
    await frames(1);
    slide.value = 'sla';
    await nextTick();
    await frames(1);
    expect(holder().classes()).toEqual(['slide-holder--preparing']);
    await frames(1);
    expect(holder().classes()).toEqual(['fade-enter-active']);
    wrapper.unmount();
  });

  it('shows the slide at once after its frames when no transition runs (reduced motion)', async () => {
    const { slide, holder, frames, wrapper } = fadeHost({ transition: false });
    slide.value = 'funnel';
    await nextTick();
    expect(holder().classes()).toEqual(['slide-holder--preparing']);
    await frames(2);
    await nextTick();
    expect(holder().classes()).toEqual([]);
    wrapper.unmount();
  });

  it('ends the fade when the holder leaves the page, and leaves no frame pending', async () => {
    const { slide, shown, holder, frames, wrapper } = fadeHost({ transition: true });
    slide.value = 'funnel';
    await nextTick();
    shown.value = false;
    await nextTick();
    expect(vi.getTimerCount()).toBe(0);
    shown.value = true;
    await nextTick();
    await frames(3);
    expect(holder().classes()).toEqual([]);
    wrapper.unmount();
  });
});
