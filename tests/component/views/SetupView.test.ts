import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api-error';
import type { SetupStatus } from '@shared/methods/setup-methods';
import { ALL_SLIDE_IDS, SLIDE_IDS } from '@shared/slides';
import { setApi } from '../../../src/api';
import { useRoute } from '../../../src/router';
import { SLIDES } from '../../../src/slides/registry';
import { useSetupStore } from '../../../src/stores/setup';
import SetupView from '../../../src/views/SetupView.vue';
import { createFakeApi, type FakeApi, type FakeHandlers } from '../support/fake-api';
import * as data from '../support/fixtures';

const NEEDED: SetupStatus = { needed: true, completedAt: null };

async function setup(handlers: FakeHandlers = {}): Promise<{ wrapper: VueWrapper; api: FakeApi }> {
  const api = createFakeApi(
    {
      'setup.status': () => NEEDED,
      'setup.complete': () => ({ needed: false, completedAt: data.NOW }),
      'settings.display': () => data.settings([]),
      'app.info': () => data.appInfo,
      ...handlers,
    },
    'ipc',
  );
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  await useSetupStore().ensureLoaded();
  const wrapper = mount(SetupView, { global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return { wrapper, api };
}

const focusedTestId = () => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null;
const step = (wrapper: VueWrapper) => Number(wrapper.get('[data-testid="setup"]').attributes('data-step'));

/** Presses Enter where the focus is, as the keyboard would. */
async function enter(): Promise<void> {
  const target = document.activeElement as HTMLElement;
  target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await flushPromises();
}

/** Types into the focused box (replacing what is there). */
async function type(wrapper: VueWrapper, text: string): Promise<void> {
  const testid = focusedTestId();
  expect(testid, 'a text box has the focus').not.toBeNull();
  await wrapper.get(`[data-testid="${testid}"]`).setValue(text);
}

async function tab(wrapper: VueWrapper, testid: string): Promise<void> {
  (wrapper.get(`[data-testid="${testid}"]`).element as HTMLElement).focus();
  await flushPromises();
}

beforeEach(() => {
  window.history.replaceState(null, '', '/admin');
});
afterEach(() => {
  useSetupStore().stop();
  setApi(undefined);
  document.body.innerHTML = '';
});

describe('SetupView (the first-run wizard)', () => {
  it('walks through every step by keyboard, checking each, and sends one setup with what was chosen', async () => {
    const { wrapper, api } = await setup();
    // step 1: demo data is preselected and has the focus
    expect(step(wrapper)).toBe(1);
    expect(focusedTestId()).toBe('setup-data-demo');
    await wrapper.get('[data-testid="setup-data-empty"]').setValue(true);
    await enter();

    // step 2: the PIN, twice
    expect(step(wrapper)).toBe(2);
    expect(focusedTestId()).toBe('setup-pin');
    await enter();
    expect(step(wrapper)).toBe(2);
    expect(wrapper.get('[data-testid="error-adminPin"]').text()).toBe('The PIN is required.');
    expect(wrapper.get('[data-testid="setup-pin"]').attributes('aria-invalid')).toBe('true');
    await type(wrapper, '12a');
    await enter();
    expect(wrapper.get('[data-testid="error-adminPin"]').text()).toBe('The PIN must be 4 to 12 digits.');
    await type(wrapper, '482913');
    await tab(wrapper, 'setup-pin-repeat');
    await type(wrapper, '482914');
    await enter();
    expect(wrapper.find('[data-testid="error-adminPin"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="error-pinRepeat"]').text()).toBe('The two PINs are not the same.');
    expect(focusedTestId()).toBe('setup-pin-repeat');
    await type(wrapper, '482913');
    await enter();

    // step 3: team names, defaults filled in
    expect(step(wrapper)).toBe(3);
    expect(focusedTestId()).toBe('setup-team-sales');
    expect((wrapper.get('[data-testid="setup-team-sales"]').element as HTMLInputElement).value).toBe('Sales');
    expect((wrapper.get('[data-testid="setup-team-marketing"]').element as HTMLInputElement).value).toBe('Marketing');
    await type(wrapper, '   ');
    await enter();
    expect(wrapper.get('[data-testid="error-teamNames.sales"]').text()).toBe("The sales team's name is required.");
    await type(wrapper, '  Closers ');
    await tab(wrapper, 'setup-team-marketing');
    await type(wrapper, 'Growth');
    await enter();

    // step 4: the shared KPI
    expect(step(wrapper)).toBe(4);
    expect(focusedTestId()).toBe('setup-period-month');
    await wrapper.get('[data-testid="setup-period-quarter"]').setValue(true);
    expect(wrapper.text()).toContain('Target: new paying customers per quarter');
    await enter();
    expect(wrapper.get('[data-testid="error-kpi.target"]').text()).toBe('The target is required.');
    expect(focusedTestId()).toBe('setup-target');
    await type(wrapper, '0');
    await enter();
    expect(wrapper.get('[data-testid="error-kpi.target"]').text()).toBe('The target must be at least 1.');
    await type(wrapper, '2.5');
    await enter();
    expect(wrapper.get('[data-testid="error-kpi.target"]').text()).toBe('The target must be a whole number.');
    await type(wrapper, '30');
    await enter();

    // step 5: every slide of the registry, all on, in its order; ↓/↑ move between them
    expect(step(wrapper)).toBe(5);
    const boxes = wrapper.findAll('[data-testid^="setup-slide-"]');
    expect(boxes.map((box) => box.attributes('data-testid')!.slice('setup-slide-'.length))).toEqual(
      SLIDE_IDS.map((id) => SLIDES[id].id),
    );
    expect(wrapper.findAll('[data-testid="setup-slides"] label').map((label) => label.text())).toEqual(
      SLIDE_IDS.map((id) => SLIDES[id].title),
    );
    expect(boxes.every((box) => (box.element as HTMLInputElement).checked)).toBe(true);
    expect(focusedTestId()).toBe('setup-slide-kpi');
    await wrapper.get('[data-testid="setup-slide-kpi"]').trigger('keydown', { key: 'ArrowDown' });
    expect(focusedTestId()).toBe('setup-slide-funnel');
    await wrapper.get('[data-testid="setup-slide-funnel"]').trigger('keydown', { key: 'ArrowUp' });
    await wrapper.get('[data-testid="setup-slide-kpi"]').trigger('keydown', { key: 'ArrowUp' });
    // ↑ from the first wraps round to the last slide of the registry
    expect(focusedTestId()).toBe(`setup-slide-${SLIDE_IDS.at(-1)!}`);
    for (const box of boxes) await box.setValue(false);
    await enter();
    expect(wrapper.get('[data-testid="error-slides"]').text()).toBe('Pick at least one slide.');
    expect(focusedTestId()).toBe('setup-slide-kpi');
    await wrapper.get('[data-testid="setup-slide-sla"]').setValue(true);
    await wrapper.get('[data-testid="setup-slide-kpi"]').setValue(true);
    await enter();

    // the summary, then "Start the wall"
    expect(step(wrapper)).toBe(6);
    expect(focusedTestId()).toBe('setup-start');
    expect(wrapper.get('[data-testid="summary-data"]').text()).toBe('An empty database');
    expect(wrapper.get('[data-testid="summary-pin"]').text()).toBe('Set, 6 digits');
    expect(wrapper.get('[data-testid="summary-teams"]').text()).toBe('Closers and Growth');
    expect(wrapper.get('[data-testid="summary-kpi"]').text()).toBe('30 new paying customers per quarter');
    expect(wrapper.get('[data-testid="summary-slides"]').text()).toBe('Shared KPI, Two-way SLA');
    expect(api.callsOf('setup.complete')).toEqual([]);
    await wrapper.get('[data-testid="setup-form"]').trigger('submit');
    await flushPromises();

    expect(api.callsOf('setup.complete')).toEqual([
      {
        data: 'empty',
        adminPin: '482913',
        teamNames: { sales: 'Closers', marketing: 'Growth' },
        kpi: { periodKind: 'quarter', target: 30 },
        // in the registry's order, not the order they were ticked in
        slides: ['kpi', 'sla'],
      },
    ]);
    // the admin link opened the wizard; the wall is what comes after it
    expect(useSetupStore().screen).toBe('wall');
    expect(useRoute().value.view).toBe('kiosk');
  });

  it('goes back with Esc and with the list of steps, keeping what was typed', async () => {
    const { wrapper } = await setup();
    await enter();
    await type(wrapper, '1234');
    await tab(wrapper, 'setup-pin-repeat');
    await type(wrapper, '1234');
    await enter();
    expect(step(wrapper)).toBe(3);
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(step(wrapper)).toBe(2);
    expect((wrapper.get('[data-testid="setup-pin"]').element as HTMLInputElement).value).toBe('1234');
    expect(focusedTestId()).toBe('setup-pin');
    await enter();
    await wrapper.get('[data-testid="setup-progress-1"] button').trigger('click');
    await flushPromises();
    expect(step(wrapper)).toBe(1);
    expect(focusedTestId()).toBe('setup-data-demo');
    // the steps ahead cannot be jumped to: they need the ones before
    expect(wrapper.find('[data-testid="setup-progress-3"] button').exists()).toBe(false);
    // Enter on the Back button goes back (once), and the first step has no Back
    await enter();
    expect(step(wrapper)).toBe(2);
    await tab(wrapper, 'setup-back');
    await enter();
    expect(step(wrapper)).toBe(1);
    expect(focusedTestId()).toBe('setup-data-demo');
    expect(wrapper.find('[data-testid="setup-back"]').exists()).toBe(false);
  });

  async function toSummary(wrapper: VueWrapper): Promise<void> {
    await enter();
    await type(wrapper, '1234');
    await tab(wrapper, 'setup-pin-repeat');
    await type(wrapper, '1234');
    await enter();
    await enter();
    await tab(wrapper, 'setup-target');
    await type(wrapper, '12');
    await enter();
    await enter();
    expect(step(wrapper)).toBe(6);
  }

  it("sends the wizard back to the step of the field the server refused, with the server's words", async () => {
    const { wrapper, api } = await setup({
      'setup.complete': () => {
        throw new ApiError('forbidden', 'adminPin is not the admin PIN already set on this machine', 'adminPin');
      },
    });
    await toSummary(wrapper);
    await wrapper.get('[data-testid="setup-start"]').trigger('click');
    await wrapper.get('[data-testid="setup-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('setup.complete')).toHaveLength(1);
    expect(step(wrapper)).toBe(2);
    expect(wrapper.get('[data-testid="error-adminPin"]').text()).toBe(
      'The PIN is not the admin PIN already set on this machine.',
    );
    expect(focusedTestId()).toBe('setup-pin');
    expect(useSetupStore().screen).toBe('wizard');
  });

  it('says on the summary what went wrong when the refusal names no field', async () => {
    const { wrapper } = await setup({
      'setup.complete': () => {
        throw new ApiError('conflict', 'This wall is already set up; change its settings in the admin instead.');
      },
    });
    await toSummary(wrapper);
    await wrapper.get('[data-testid="setup-form"]').trigger('submit');
    await flushPromises();
    expect(step(wrapper)).toBe(6);
    expect(wrapper.get('[data-testid="setup-error"]').text()).toBe(
      'This wall is already set up; change its settings in the admin instead.',
    );
  });

  it('offers every everyday slide id the contract knows (a slide for certain hours is set up in the admin)', async () => {
    const { wrapper } = await setup();
    expect(Object.values(SLIDES).map((slide) => slide.id)).toEqual([...ALL_SLIDE_IDS]);
    await toSummary(wrapper);
    expect(wrapper.get('[data-testid="summary-slides"]').text()).toBe(
      SLIDE_IDS.map((id) => SLIDES[id].title).join(', '),
    );
  });
});
