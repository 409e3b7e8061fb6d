import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '@shared/connections';
import { LONG_FAILURE_MS } from '../../../src/lib/freshness-words';
import type { FakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';
import { useKioskClock, kioskApi, mountKiosk } from '../support/kiosk-harness';

function hubspot(overrides: Partial<ConnectionStatus> = {}): ConnectionStatus {
  return {
    vendor: 'hubspot',
    label: 'HubSpot',
    state: 'idle',
    paused: false,
    lastSuccessAt: data.NOW - 40_000,
    nextRunAt: data.NOW + 20_000,
    lastError: null,
    failingSince: null,
    ...overrides,
  };
}

function fakeApi(statuses: ConnectionStatus[]): FakeApi {
  return kioskApi({ handlers: { 'connections.status': () => statuses } });
}

useKioskClock();

describe('the freshness line of a wall fed by a CRM', () => {
  it('names the CRM and the age of its last sync on a pipeline slide', async () => {
    const wrapper = await mountKiosk(fakeApi([hubspot()]), 'funnel');
    expect(wrapper.find('[data-testid="freshness-line"]').text()).toBe('HubSpot · 40 s ago');
    expect(wrapper.find('[data-testid="freshness-failing"]').exists()).toBe(false);
  });

  it('leaves a slide of local data as it was', async () => {
    const wrapper = await mountKiosk(fakeApi([hubspot()]), 'sprint');
    expect(wrapper.find('[data-testid="freshness-line"]').text()).toMatch(/^Updated .* · /);
    expect(wrapper.text()).not.toContain('HubSpot');
  });

  it('follows the connection as it changes, and mentions a long failure quietly', async () => {
    const api = fakeApi([hubspot()]);
    const wrapper = await mountKiosk(api, 'activity');
    const failingSince = data.NOW - LONG_FAILURE_MS - 60_000;
    api.emit({
      name: 'connection.changed',
      data: hubspot({ state: 'failing', lastSuccessAt: failingSince, failingSince }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="freshness-line"]').text()).toBe('HubSpot · 11 min ago');
    // 09:19 UTC is 10:19 in Berlin
    expect(wrapper.find('[data-testid="freshness-failing"]').text()).toBe('· HubSpot sync failing since 10:19');
  });

  it('ignores a connection still waiting for its mapping', async () => {
    const wrapper = await mountKiosk(fakeApi([hubspot({ state: 'needs_mapping', lastSuccessAt: null })]), 'funnel');
    expect(wrapper.find('[data-testid="freshness-line"]').text()).not.toContain('HubSpot');
  });
});
