import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import type { SetupStatus } from '@shared/methods/setup-methods';
import type { PairingInfo } from '../../../src/api';
import { setApi } from '../../../src/api';
import App from '../../../src/App.vue';
import TeamMarker from '../../../src/components/TeamMarker.vue';
import { SETUP_POLL_MS, useSetupStore } from '../../../src/stores/setup';
import { createFakeApi, type FakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

// The wall itself has tests of its own; here it only has to show the team names it is given.
const KioskStub = defineComponent({
  name: 'KioskView',
  setup: () => () =>
    h('main', { 'data-testid': 'kiosk' }, [
      h(TeamMarker, { team: 'sales', label: true }),
      h(TeamMarker, { team: 'marketing', label: true }),
    ]),
});

function app(options: { transport: 'ipc' | 'http'; admin?: boolean; status?: SetupStatus }) {
  const state = { status: options.status ?? { needed: true, completedAt: null }, settings: data.settings([]) };
  const api: FakeApi & { pairing?: () => Promise<PairingInfo> } = createFakeApi(
    {
      'setup.status': () => state.status,
      'settings.display': () => state.settings,
      'app.info': () => data.appInfo,
    },
    options.transport,
  );
  if (options.transport === 'http') {
    const link = { url: 'http://127.0.0.1/', svg: '<svg/>' };
    api.pairing = async () => ({ viewer: link, admin: options.admin ? link : null });
  }
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(App, {
    global: { plugins: [pinia], stubs: { KioskView: KioskStub } },
    attachTo: document.body,
  });
  return { wrapper, state };
}

async function shown(testId: string): Promise<void> {
  await vi.waitFor(() => expect(document.querySelector(`[data-testid="${testId}"]`)).not.toBeNull(), {
    timeout: 5_000,
  });
}

beforeEach(() => {
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  useSetupStore().stop();
  vi.useRealTimers();
  setApi(undefined);
  document.body.innerHTML = '';
});

describe('App: the first run stands in for the wall', () => {
  it('shows the wizard instead of the wall in the kiosk window while setup is needed', async () => {
    const { wrapper } = app({ transport: 'ipc' });
    await shown('setup');
    expect(wrapper.find('[data-testid="kiosk"]').exists()).toBe(false);
  });

  it('shows the wizard on the admin route too, to a browser with the admin link', async () => {
    window.history.replaceState(null, '', '/admin');
    const { wrapper } = app({ transport: 'http', admin: true });
    await shown('setup');
    expect(wrapper.find('[data-testid="setup-waiting"]').exists()).toBe(false);
  });

  it('shows a viewer the waiting screen, then the wall with the team names set, without a reload', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { wrapper, state } = app({ transport: 'http', admin: false });
    await vi.waitFor(() => expect(wrapper.find('[data-testid="setup-waiting"]').exists()).toBe(true));
    expect(wrapper.get('[data-testid="setup-waiting"]').text()).toContain('admin link');
    expect(wrapper.find('[data-testid="setup"]').exists()).toBe(false);

    state.status = { needed: false, completedAt: data.NOW };
    state.settings = { ...state.settings, teamNames: { sales: 'Closers', marketing: 'Growth' } };
    await vi.advanceTimersByTimeAsync(SETUP_POLL_MS);
    await flushPromises();
    expect(wrapper.find('[data-testid="setup-waiting"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="kiosk"]').text()).toBe('ClosersGrowth');
  });

  it('shows the wall at once when no setup is needed, with the default team names', async () => {
    const { wrapper } = app({ transport: 'http', admin: true, status: { needed: false, completedAt: null } });
    await flushPromises();
    expect(wrapper.get('[data-testid="kiosk"]').text()).toBe('SalesMarketing');
  });
});
