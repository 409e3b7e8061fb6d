import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo, MappingPreview } from '@shared/connections';
import { ApiError } from '@shared/contract';
import { setApi } from '../../../../src/api';
import ConnectionsSection from '../../../../src/views/admin/ConnectionsSection.vue';
import { createFakeApi, type FakeHandlers } from '../../support/fake-api';
import { NOW, stages } from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555566667777';

function hubspot(overrides: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return {
    vendor: 'hubspot',
    label: 'HubSpot',
    state: 'idle',
    paused: false,
    lastSuccessAt: NOW - 40_000,
    nextRunAt: NOW + 20_000,
    lastError: null,
    failingSince: null,
    baseUrl: 'https://api.hubapi.com',
    pollIntervalSec: 60,
    credentials: [{ field: 'accessToken', hint: '…7777' }],
    mappingConfirmedAt: NOW - 86_400_000,
    teamRule: { defaultTeam: 'sales', rules: [] },
    allowance: null,
    unknownStages: [],
    stoppedReason: null,
    entryMatches: [],
    objects: [
      {
        object: 'deals',
        crmName: 'Deals',
        enabled: true,
        lastSuccessAt: NOW - 40_000,
        records: 1240,
        syncedThrough: NOW - 45_000,
        initialSyncDone: true,
        lastError: null,
      },
      {
        object: 'leads',
        crmName: 'Contacts',
        enabled: true,
        lastSuccessAt: NOW - 5 * 60_000,
        records: 8311,
        syncedThrough: NOW - 5 * 60_000,
        initialSyncDone: true,
        lastError: { message: 'HubSpot did not answer within 30 s; trying again at the next run.', at: NOW - 60_000 },
      },
      {
        object: 'campaigns',
        crmName: 'Original sources',
        enabled: false,
        lastSuccessAt: null,
        records: 0,
        syncedThrough: null,
        initialSyncDone: false,
        lastError: null,
      },
    ],
    ...overrides,
  };
}

const PREVIEW: MappingPreview = {
  vendor: 'hubspot',
  stages: [
    stage('appointmentscheduled', 'Appointment scheduled', 1, 14, 'discovery'),
    stage('closedwon', 'Closed won', 6, 302, 'won', true),
    stage('custom-9', 'Legal review', 4, 3, null),
  ],
  owners: [
    owner('o1', 'Ana Lima', ['Inside sales'], 'p-ana'),
    owner('o2', 'Noor Haddad', ['Field Marketing EMEA'], null),
    owner('o3', 'Jon Berg', ['Inside sales'], null),
  ],
  campaigns: [],
  teamRule: { defaultTeam: 'sales', rules: [] },
};

function stage(crmStageId: string, label: string, order: number, deals: number, stageId: string | null, won = false) {
  return {
    crmStageId,
    label,
    pipelineLabel: 'Sales Pipeline',
    order,
    probability: won ? 1 : 0.2,
    isClosed: won,
    isWon: won,
    deals,
    stageId,
    confirmed: false,
  };
}

function owner(crmOwnerId: string, name: string, crmTeams: string[], personId: string | null) {
  return {
    crmOwnerId,
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    crmTeams,
    personId,
    personName: personId ? name : null,
    team: 'sales' as const,
    action: personId ? ('matched' as const) : ('create' as const),
  };
}

function setup(handlers: FakeHandlers) {
  const api = createFakeApi({ 'pipeline.stages': () => stages, ...handlers });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(ConnectionsSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests();

describe('ConnectionsSection', () => {
  it('offers to connect when no CRM is connected, keeps the HubSpot token and tests it', async () => {
    let list: ConnectionInfo[] = [];
    const { api, wrapper } = setup({
      'connections.list': () => list,
      'connections.save': () => {
        list = [hubspot({ state: 'needs_mapping', mappingConfirmedAt: null })];
        return list[0]!;
      },
      'connections.test': () => ({
        ok: true,
        message: 'Connected to HubSpot: 12 owners, 2 pipelines.',
        allowance: null,
      }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="connections-empty"]').exists()).toBe(true);
    await wrapper.find('[data-testid="connect-token"]').setValue(TOKEN);
    await wrapper.find('[data-testid="connect-test"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('connections.save')).toEqual([
      { vendor: 'hubspot', baseUrl: 'https://api.hubapi.com', credentials: { accessToken: TOKEN } },
    ]);
    expect(api.callsOf('connections.test')).toEqual([{ vendor: 'hubspot' }]);
    expect(wrapper.find('[data-testid="connect-tested"]').text()).toBe('Connected to HubSpot: 12 owners, 2 pipelines.');
  });

  it('asks Salesforce for its connected app, with the login address as a field', async () => {
    const { api, wrapper } = setup({
      'connections.list': () => [],
      'connections.save': () => hubspot({ vendor: 'salesforce', label: 'Salesforce' }),
      'connections.test': () => ({ ok: true, message: 'ok', allowance: null }),
    });
    await flushPromises();
    await wrapper.find('[data-testid="connect-vendor-salesforce"]').setValue(true);
    expect(wrapper.find('[data-testid="connect-token"]').exists()).toBe(false);
    expect((wrapper.find('[data-testid="connect-base-url"]').element as HTMLInputElement).value).toBe(
      'https://login.salesforce.com',
    );
    await wrapper.find('[data-testid="connect-client-id"]').setValue('3MVG9-client');
    await wrapper.find('[data-testid="connect-client-secret"]').setValue('s3cr3t-XYZ1');
    await wrapper.find('[data-testid="connect-base-url"]').setValue('https://test.salesforce.com');
    await wrapper.find('[data-testid="connect-test"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('connections.save')).toEqual([
      {
        vendor: 'salesforce',
        baseUrl: 'https://test.salesforce.com',
        credentials: { clientId: '3MVG9-client', clientSecret: 's3cr3t-XYZ1' },
      },
    ]);
  });

  it("shows the CRM's refusal in plain words, and a field error next to its field", async () => {
    const { wrapper } = setup({
      'connections.list': () => [],
      'connections.save': (input) => {
        if (input.baseUrl === 'api.hubapi')
          throw new ApiError('invalid_input', 'baseUrl must be an http(s) address', 'baseUrl');
        return hubspot({ state: 'stopped' });
      },
      'connections.test': () => ({
        ok: false,
        message: 'HubSpot refused the token: create a new private app token.',
        allowance: null,
      }),
    });
    await flushPromises();
    await wrapper.find('[data-testid="connect-token"]').setValue('wrong');
    await wrapper.find('[data-testid="connect-base-url"]').setValue('api.hubapi');
    await wrapper.find('[data-testid="connect-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="error-baseUrl"]').text()).toBe('The address must be an http(s) address.');

    await wrapper.find('[data-testid="connect-base-url"]').setValue('https://api.hubapi.com');
    await wrapper.find('[data-testid="connect-form"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="connect-tested"]').text()).toBe(
      'HubSpot refused the token: create a new private app token.',
    );
    expect(wrapper.find('[data-testid="mapping-form"]').exists()).toBe(false);
  });

  it('connects, then shows the mapping with counts, the new people and their team by rule, and starts syncing', async () => {
    let list: ConnectionInfo[] = [];
    const { api, wrapper } = setup({
      'connections.list': () => list,
      'connections.save': (input) => {
        list = [hubspot({ state: 'needs_mapping', mappingConfirmedAt: null, ...(input.objects ? {} : {}) })];
        return list[0]!;
      },
      'connections.test': () => ({ ok: true, message: 'Connected to HubSpot: 3 owners, 1 pipeline.', allowance: null }),
      'connections.previewMapping': () => PREVIEW,
      'connections.confirmMapping': () => {
        list = [hubspot()];
        return list[0]!;
      },
    });
    await flushPromises();
    await wrapper.find('[data-testid="connect-token"]').setValue(TOKEN);
    await wrapper.find('[data-testid="connect-form"]').trigger('submit');
    await flushPromises();

    const stagesTable = wrapper.find('[data-testid="mapping-stages"]');
    expect(stagesTable.find('[data-testid="mapping-stage-closedwon"]').text()).toContain('302');
    expect((wrapper.find('[data-testid="map-stage-closedwon"]').element as HTMLSelectElement).value).toBe('won');
    // a stage the CRM's metadata does not place is not guessed: the admin chooses
    expect(wrapper.find('[data-testid="mapping-save"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="mapping-unmapped"]').text()).toBe('Choose a stage for Legal review.');

    expect(wrapper.find('[data-testid="mapping-matched"]').text()).toContain('1 of 3 HubSpot users match');
    const newPeople = () => wrapper.find('[data-testid="mapping-new-people"]');
    expect(newPeople().find('[data-testid="new-person-o2"]').text()).toContain('Marketing');
    expect(newPeople().find('[data-testid="new-person-o3"]').text()).toContain('Sales');
    expect(newPeople().find('[data-testid="new-person-o1"]').exists()).toBe(false);
    await wrapper.find('[data-testid="rule-group-Inside sales"]').setValue('marketing');
    expect(newPeople().find('[data-testid="new-person-o3"]').text()).toContain('Marketing');

    await wrapper.find('[data-testid="map-stage-custom-9"]').setValue('proposal');
    await wrapper.find('[data-testid="map-object-leads"]').setValue(false);
    await wrapper.find('[data-testid="mapping-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('connections.save').at(-1)).toEqual({ vendor: 'hubspot', objects: ['deals'] });
    expect(api.callsOf('connections.confirmMapping')).toEqual([
      {
        vendor: 'hubspot',
        stages: [
          { crmStageId: 'appointmentscheduled', stageId: 'discovery' },
          { crmStageId: 'closedwon', stageId: 'won' },
          { crmStageId: 'custom-9', stageId: 'proposal' },
        ],
        teamRule: {
          defaultTeam: 'sales',
          rules: [
            { contains: 'Field Marketing EMEA', team: 'marketing' },
            { contains: 'Inside sales', team: 'marketing' },
          ],
        },
      },
    ]);
    expect(wrapper.find('[data-testid="connections-status"]').text()).toContain('HubSpot is syncing');
    expect(wrapper.find('[data-testid="connection-hubspot"]').exists()).toBe(true);
  });

  it("shows each object's status and the credential only by its last four characters", async () => {
    const { wrapper } = setup({ 'connections.list': () => [hubspot()] });
    await flushPromises();
    const card = wrapper.find('[data-testid="connection-hubspot"]');
    expect(card.find('[data-testid="connection-secret-accessToken"]').text()).toBe('••••7777');
    expect(document.body.innerHTML).not.toContain(TOKEN.slice(0, -4));
    const cells = (object: string) =>
      card
        .find(`[data-testid="object-status-${object}"]`)
        .findAll('th, td')
        .map((cell) => cell.text());
    // 09:30 UTC is 10:30 in Berlin
    expect(cells('deals')).toEqual(['Deals', '40 s ago (10:29:20)', '1,240', 'in 20 s', 'None']);
    expect(cells('leads')[4]).toBe('HubSpot did not answer within 30 s; trying again at the next run. (10:29:00)');
    expect(card.find('[data-testid="object-status-campaigns"]').exists()).toBe(false);
    expect(card.find('[data-testid="connection-state"]').text()).toBe('Up to date');
  });

  it("shows Salesforce's daily API allowance, a stopped connection's reason and unknown stages", async () => {
    const salesforce = hubspot({
      vendor: 'salesforce',
      label: 'Salesforce',
      baseUrl: 'https://login.salesforce.com',
      state: 'stopped',
      credentials: [
        { field: 'clientId', hint: '…ient' },
        { field: 'clientSecret', hint: '…XYZ1' },
      ],
      allowance: { used: 1234, max: 15000, window: 'day', at: NOW },
      failingSince: NOW - 3_600_000,
      stoppedReason: 'Salesforce refused the client secret: copy it again from the connected app.',
      unknownStages: [{ crmStageId: 'x', label: 'Legal review', deals: 3, firstSeenAt: NOW - 60_000 }],
    });
    const { wrapper } = setup({ 'connections.list': () => [salesforce] });
    await flushPromises();
    const card = wrapper.find('[data-testid="connection-salesforce"]');
    expect(card.find('[data-testid="connection-api-usage"]').text()).toContain('1,234 of 15,000 (8%)');
    expect(card.find('[data-testid="connection-problem"]').text()).toContain(
      'Salesforce refused the client secret: copy it again from the connected app. Since 09:30:00.',
    );
    expect(card.find('[data-testid="connection-secret-clientSecret"]').text()).toBe('••••XYZ1');
    expect(card.find('[data-testid="connection-state"]').text()).toBe('Stopped');
    expect(card.find('[data-testid="connection-unknown-stages"]').text()).toContain('Legal review (3 deals)');
    expect(card.find('[data-testid="object-status-deals"]').text()).toContain('Stopped');
    expect(card.find('[data-testid="connection-sync-now"]').attributes('disabled')).toBeDefined();
  });

  it('links or replaces entered deals that the CRM has too', async () => {
    const match = {
      enteredDealId: 'd-1',
      enteredTitle: 'Acme renewal',
      enteredAmountMinor: 1_200_000,
      syncedDealId: 'd-hs-1',
      syncedTitle: 'Acme renewal',
      syncedAmountMinor: 1_250_000,
      currency: 'EUR',
    };
    const { api, wrapper } = setup({
      'connections.list': () => [
        hubspot({ entryMatches: [match, { ...match, enteredDealId: 'd-2', syncedDealId: 'd-hs-2' }] }),
      ],
      'connections.linkEntered': () => ({ linked: 1, replaced: 1 }),
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="entry-match-d-1"]').text()).toContain('€12,000.00');
    await wrapper.find('[data-testid="entry-choice-d-2"]').setValue('replace');
    await wrapper.find('[data-testid="entry-matches"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('connections.linkEntered')).toEqual([
      {
        vendor: 'hubspot',
        links: [
          { enteredDealId: 'd-1', syncedDealId: 'd-hs-1', action: 'link' },
          { enteredDealId: 'd-2', syncedDealId: 'd-hs-2', action: 'replace' },
        ],
      },
    ]);
    expect(wrapper.find('[data-testid="connections-status"]').text()).toBe(
      'Linked 1 and replaced 1 entered deals; none counts twice now.',
    );
  });

  it('syncs now, pauses, changes the interval and disconnects only after a confirmation that keeps the data', async () => {
    let current: ConnectionInfo[] = [hubspot()];
    const { api, wrapper } = setup({
      'connections.list': () => current,
      'connections.syncNow': () => current[0]!,
      'connections.pause': () => (current = [{ ...current[0]!, paused: true, nextRunAt: null }])[0]!,
      'connections.save': (input) => (current = [{ ...current[0]!, pollIntervalSec: input.pollIntervalSec ?? 60 }])[0]!,
      'connections.disconnect': () => {
        current = [];
        return { vendor: 'hubspot', keptRecords: 9551 };
      },
    });
    await flushPromises();
    await wrapper.find('[data-testid="connection-sync-now"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('connections.syncNow')).toEqual([{ vendor: 'hubspot' }]);

    await wrapper.find('[data-testid="connection-pause"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="connections-status"]').text()).toBe(
      'HubSpot is paused; the wall keeps its data.',
    );
    expect(wrapper.find('[data-testid="object-status-deals"]').text()).toContain('Paused');
    expect(wrapper.find('[data-testid="connection-resume"]').exists()).toBe(true);

    await wrapper.find('[data-testid="connection-interval"]').setValue('soon');
    await wrapper.find('[data-testid="connection-interval-save"]').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="error-pollIntervalSec"]').text()).toBe(
      'The interval must be a whole number of seconds.',
    );
    await wrapper.find('[data-testid="connection-interval"]').setValue('30');
    await wrapper.find('[data-testid="connection-interval-save"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('connections.save')).toEqual([{ vendor: 'hubspot', pollIntervalSec: 30 }]);

    await wrapper.find('[data-testid="connection-disconnect"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="disconnect-dialog"]').text()).toContain('Every deal and lead it brought stays');
    expect(api.callsOf('connections.disconnect')).toEqual([]);
    await wrapper.find('[data-testid="disconnect-confirm"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('connections.disconnect')).toEqual([{ vendor: 'hubspot' }]);
    expect(wrapper.find('[data-testid="connections-status"]').text()).toBe(
      'HubSpot is disconnected. Its 9551 records stay on the wall and can be edited here now.',
    );
  });

  it('reads the connections again when the server says one changed', async () => {
    let state: ConnectionInfo['state'] = 'idle';
    const { api, wrapper } = setup({ 'connections.list': () => [hubspot({ state })] });
    await flushPromises();
    state = 'syncing';
    api.emit({
      name: 'connection.changed',
      data: { ...hubspot(), state: 'syncing' },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="connection-state"]').text()).toBe('Syncing now');
  });
});
