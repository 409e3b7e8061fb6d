import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api-error';
import type { DisplaySettings } from '@shared/domain';
import type { SetupStatus } from '@shared/methods/setup-methods';
import { setApi, type PairingInfo } from '../../../src/api';
import { useDisplayStore } from '../../../src/stores/display';
import { SETUP_POLL_MS, useSetupStore, type SetupInput } from '../../../src/stores/setup';
import { createFakeApi, type FakeApi, type FakeHandlers } from '../support/fake-api';
import * as data from '../support/fixtures';

const NEEDED: SetupStatus = { needed: true, completedAt: null };
const DONE: SetupStatus = { needed: false, completedAt: data.NOW };
const link = { url: 'http://127.0.0.1:4173/?token=v', svg: '<svg/>' };

/** A backend whose setup state the test flips, with the settings setup would store. */
function backend(options: { transport?: 'ipc' | 'http'; admin?: boolean; handlers?: FakeHandlers } = {}) {
  const state = { status: NEEDED, settings: data.settings([]) as DisplaySettings };
  const api: FakeApi & { pairing?: () => Promise<PairingInfo> } = createFakeApi(
    {
      'setup.status': () => state.status,
      'settings.display': () => state.settings,
      'app.info': () => data.appInfo,
      ...options.handlers,
    },
    options.transport ?? 'http',
  );
  const pairingCalls = vi.fn(async (): Promise<PairingInfo> => ({
    viewer: link,
    admin: options.admin ? { ...link, url: 'admin' } : null,
  }));
  if ((options.transport ?? 'http') === 'http') api.pairing = pairingCalls;
  setApi(api);
  setActivePinia(createPinia());
  return { api, state, pairingCalls, store: useSetupStore() };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: data.NOW });
});
afterEach(() => {
  useSetupStore().stop();
  vi.useRealTimers();
  setApi(undefined);
});

describe('setup store', () => {
  it('shows nothing until it knows, then the wall when no setup is needed, and stops asking', async () => {
    const { api, state, store, pairingCalls } = backend();
    state.status = DONE;
    const loading = store.ensureLoaded();
    expect(store.screen).toBe('checking');
    await loading;
    expect(store.screen).toBe('wall');
    expect(pairingCalls).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(SETUP_POLL_MS * 3);
    expect(api.callsOf('setup.status')).toHaveLength(1);
  });

  it('offers the wizard in the kiosk window (IPC), where the main process decides', async () => {
    const { store } = backend({ transport: 'ipc' });
    await store.ensureLoaded();
    expect(store.screen).toBe('wizard');
  });

  it('offers the wizard to a browser holding the admin link, and a waiting screen to a viewer', async () => {
    const admin = backend({ admin: true });
    await admin.store.ensureLoaded();
    expect(admin.pairingCalls).toHaveBeenCalledTimes(1);
    expect(admin.store.screen).toBe('wizard');
    admin.store.stop();

    const viewer = backend({ admin: false });
    await viewer.store.ensureLoaded();
    expect(viewer.store.screen).toBe('waiting');
  });

  it('a waiting screen asks again every few seconds and shows the wall, with the new settings, once setup is done', async () => {
    const { api, state, store } = backend({ admin: false });
    const display = useDisplayStore();
    await display.ensureLoaded();
    await store.ensureLoaded();
    expect(store.screen).toBe('waiting');

    await vi.advanceTimersByTimeAsync(SETUP_POLL_MS);
    expect(api.callsOf('setup.status')).toHaveLength(2);
    expect(store.screen).toBe('waiting');

    state.status = DONE;
    state.settings = { ...state.settings, teamNames: { sales: 'Closers', marketing: 'Growth' } };
    await vi.advanceTimersByTimeAsync(SETUP_POLL_MS);
    await flushPromises();
    expect(store.screen).toBe('wall');
    // the wall comes up with the names setup stored, not the defaults it loaded before
    expect(display.settings?.teamNames).toEqual({ sales: 'Closers', marketing: 'Growth' });
    await vi.advanceTimersByTimeAsync(SETUP_POLL_MS * 3);
    expect(api.callsOf('setup.status')).toHaveLength(3);
  });

  it('asks at once when the server records a write (the setup done elsewhere)', async () => {
    const { api, state, store } = backend({ admin: false });
    await store.ensureLoaded();
    state.status = DONE;
    api.emit({
      name: 'activity.recorded',
      data: {
        seq: 1,
        id: 'e-1',
        type: 'setup.completed',
        entity: 'setup',
        entityId: 'setup',
        actorId: null,
        at: data.NOW,
        machineId: 'm-1',
        payload: {},
      },
    });
    await flushPromises();
    expect(store.screen).toBe('wall');
  });

  it('treats a server without the setup methods as set up, and keeps asking after a failed question', async () => {
    const old = backend({
      handlers: {
        'setup.status': () => {
          throw new ApiError('unknown_method', 'no such method');
        },
      },
    });
    await old.store.ensureLoaded();
    expect(old.store.screen).toBe('wall');

    let fail = true;
    const flaky = backend({
      admin: true,
      handlers: {
        'setup.status': () => {
          if (fail) throw new ApiError('internal', 'The server cannot be reached.');
          return NEEDED;
        },
      },
    });
    await flaky.store.ensureLoaded();
    expect(flaky.store.error).toBe('The server cannot be reached.');
    fail = false;
    await vi.advanceTimersByTimeAsync(SETUP_POLL_MS);
    expect(flaky.store.screen).toBe('wizard');
    expect(flaky.store.error).toBeNull();
  });

  it('completes the setup in one call and has the new settings before the wall shows', async () => {
    const teamNames = { sales: 'Closers', marketing: 'Growth' };
    const input: SetupInput = {
      data: 'empty',
      adminPin: '4321',
      teamNames,
      kpi: { periodKind: 'quarter', target: 30 },
      slides: ['kpi', 'glossary'],
    };
    let screenWhenSettingsCame: string | null = null;
    const { api, state, store } = backend({
      admin: true,
      handlers: {
        'setup.complete': () => {
          state.settings = { ...state.settings, teamNames };
          return DONE;
        },
        'settings.display': () => {
          screenWhenSettingsCame = useSetupStore().screen;
          return state.settings;
        },
      },
    });
    await store.ensureLoaded();
    expect(store.screen).toBe('wizard');
    await expect(store.complete(input)).resolves.toEqual(DONE);
    expect(api.callsOf('setup.complete')).toEqual([input]);
    expect(screenWhenSettingsCame).toBe('wizard');
    expect(store.screen).toBe('wall');
    expect(useDisplayStore().settings?.teamNames).toEqual(teamNames);
  });

  it('passes the server refusal on, and stays on the wizard', async () => {
    const { store } = backend({
      admin: true,
      handlers: {
        'setup.complete': () => {
          throw new ApiError('forbidden', 'adminPin is not the admin PIN already set on this machine', 'adminPin');
        },
      },
    });
    await store.ensureLoaded();
    await expect(
      store.complete({
        data: 'demo',
        adminPin: '1111',
        teamNames: { sales: 'Sales', marketing: 'Marketing' },
        kpi: { periodKind: 'month', target: 5 },
        slides: ['kpi'],
      }),
    ).rejects.toMatchObject({ code: 'forbidden', field: 'adminPin' });
    expect(store.screen).toBe('wizard');
  });
});
