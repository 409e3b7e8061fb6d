import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../../src/api';
import AdminView from '../../../src/views/AdminView.vue';
import { ADMIN_SECTIONS } from '../../../src/views/admin/sections';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

function setup() {
  const api = createFakeApi({
    'settings.display': () => data.settings([]),
    'people.list': () => data.people,
    'campaigns.list': () => data.campaigns,
    'pipeline.stages': () => data.stages,
    'deals.list': () => [],
    'leads.list': () => [],
    'reasonCodes.list': () => [],
    'history.recent': () => [],
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(AdminView, { global: { plugins: [pinia] }, attachTo: document.body });
}

/** Lazy sections load through dynamic imports (the first one slowly): wait until one has rendered. */
async function shown(testId: string): Promise<void> {
  await vi.waitFor(() => expect(document.querySelector(`[data-testid="${testId}"]`)).not.toBeNull(), {
    timeout: 5_000,
  });
  await flushPromises();
}

function altDigit(digit: string): void {
  document.body.dispatchEvent(
    new KeyboardEvent('keydown', { key: digit, code: `Digit${digit}`, altKey: true, bubbles: true, cancelable: true }),
  );
}

beforeEach(() => {
  window.history.replaceState(null, '', '/admin');
});
afterEach(() => {
  setApi(undefined);
  document.body.innerHTML = '';
});

describe('AdminView (the admin shell)', () => {
  it('lists every section in the navigation, with a shortcut for the first ten', async () => {
    const wrapper = setup();
    await shown('person-form');
    const links = wrapper.findAll('[data-testid="admin-nav"] a');
    expect(links.map((link) => link.find('span').text())).toEqual(ADMIN_SECTIONS.map((section) => section.title));
    expect(links.slice(0, 10).map((link) => link.attributes('aria-keyshortcuts'))).toEqual(
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((digit) => `Alt+${digit}`),
    );
    // the navigation is one Tab stop: the open section
    expect(links.filter((link) => link.attributes('tabindex') === '0').map((link) => link.text())).toEqual([
      expect.stringContaining('People & teams'),
    ]);
    expect(wrapper.find('[data-testid="person-form"]').exists()).toBe(true);
    expect(document.activeElement).toBe(wrapper.find('[data-testid="person-name"]').element);
  });

  it('opens a section with Alt+digit, keeps it in the address and focuses its first field', async () => {
    const wrapper = setup();
    await shown('person-form');
    altDigit('4');
    await shown('deal-form');
    expect(wrapper.find('[data-testid="deal-form"]').exists()).toBe(true);
    expect(window.location.search).toBe('?section=deals');
    expect(wrapper.find('[data-testid="nav-deals"]').attributes('aria-current')).toBe('page');
    expect(document.activeElement).toBe(wrapper.find('[data-testid="deal-title"]').element);

    altDigit('2');
    await shown('campaign-form');
    expect(wrapper.find('[data-testid="campaign-form"]').exists()).toBe(true);
    expect(document.activeElement).toBe(wrapper.find('[data-testid="campaign-name"]').element);
  });

  it('moves through the navigation with the arrow keys, Home and End, and opens a section', async () => {
    const wrapper = setup();
    await shown('person-form');
    const first = wrapper.get('[data-testid="nav-people"]');
    (first.element as HTMLElement).focus();
    await first.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement).toBe(wrapper.get('[data-testid="nav-campaigns"]').element);
    await wrapper.get('[data-testid="nav-campaigns"]').trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement).toBe(wrapper.get('[data-testid="nav-leads"]').element);
    await wrapper.get('[data-testid="nav-leads"]').trigger('keydown', { key: 'End' });
    expect(document.activeElement).toBe(wrapper.get('[data-testid="nav-reports"]').element);
    await wrapper.get('[data-testid="nav-reports"]').trigger('keydown', { key: 'Home' });
    expect(document.activeElement).toBe(first.element);
    // a link: Enter on it is a click
    await wrapper.get('[data-testid="nav-leads"]').trigger('click');
    await shown('lead-form');
    expect(wrapper.find('[data-testid="lead-form"]').exists()).toBe(true);
  });

  it('opens the section the address names, and shows the undo bar on every section', async () => {
    window.history.replaceState(null, '', '/admin?section=leads');
    const wrapper = setup();
    await shown('lead-form');
    expect(wrapper.find('[data-testid="lead-form"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="undo-bar"]').exists()).toBe(true);
  });
});
