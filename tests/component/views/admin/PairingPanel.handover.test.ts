// An admin page in a browser comes from the server "Other screens" changes. A change that closes it is
// confirmed first; after saving, the page moves to the new admin link, or ends with plain words when there
// is none. The page's address and its navigation are injected: nothing really navigates here.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ShareSettings, SharingStatus } from '@shared/methods/sharing-methods';
import { setApi } from '../../../../src/api';
import { PAGE_LOCATION, type PageLocation } from '../../../../src/lib/share-handover';
import PairingPanel from '../../../../src/views/admin/PairingPanel.vue';
import { createFakeApi, type FakeApi } from '../../support/fake-api';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

/** What the server answers for a setting: links on every address it lists, with the same tokens. */
function statusFor(settings: ShareSettings, addresses: string[], extra: Partial<SharingStatus> = {}): SharingStatus {
  const running = settings.enabled;
  return {
    configurable: true,
    ...settings,
    running,
    problem: null,
    viewer: running
      ? addresses.map((address) => ({ url: `http://${address}:${settings.port}/?token=v`, svg: SVG }))
      : [],
    admin: running
      ? addresses.map((address) => ({ url: `http://${address}:${settings.port}/admin?token=a`, svg: SVG }))
      : [],
    tokensRotatedAt: null,
    ...extra,
  };
}

const LAN = ['10.0.0.2', '192.168.1.20'];
let api: FakeApi;
let location: PageLocation & { assign: Mock<(url: string) => void> };

/** A panel on `href`, over `transport`, whose server runs `initial` and answers saves with `answer`. */
async function mountAt(
  href: string,
  initial: ShareSettings,
  answer: (input: ShareSettings) => SharingStatus = (input) =>
    statusFor(input, input.host === 'lan' ? LAN : ['127.0.0.1']),
  transport: 'ipc' | 'http' = 'http',
) {
  api = createFakeApi(
    {
      'sharing.status': () => statusFor(initial, initial.host === 'lan' ? LAN : ['127.0.0.1']),
      'sharing.save': (input) => answer(input as ShareSettings),
    },
    transport,
  );
  setApi(api);
  location = { href, assign: vi.fn<(url: string) => void>() };
  const wrapper = mount(PairingPanel, { attachTo: document.body, global: { provide: { [PAGE_LOCATION]: location } } });
  await flushPromises();
  return wrapper;
}

const confirmButton = '[data-testid="share-leave-confirm"]';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  setApi(undefined);
  document.body.innerHTML = '';
});

describe('PairingPanel in a browser, changing the server it came from', () => {
  it('asks before moving the port, then opens the new admin link on the same host name', async () => {
    const wrapper = await mountAt('http://192.168.1.20:4173/admin', { enabled: true, host: 'lan', port: 4173 });
    await wrapper.get('[data-testid="share-port"]').setValue('5000');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(api.callsOf('sharing.save')).toEqual([]);
    expect(wrapper.get('[data-testid="share-leaving"]').text()).toBe(
      'This page comes from port 4173. After saving, it opens again on port 5000 by itself; other screens must be paired again with the new links.',
    );
    expect(wrapper.find('[data-testid="share-save"]').exists()).toBe(false);
    await wrapper.get(confirmButton).trigger('click');
    await flushPromises();

    expect(api.callsOf('sharing.save')).toEqual([{ enabled: true, host: 'lan', port: 5000 }]);
    expect(location.assign).toHaveBeenCalledExactlyOnceWith('http://192.168.1.20:5000/admin?token=a');
  });

  it('asks before switching off, then says plainly that the page can go no further', async () => {
    const wrapper = await mountAt('http://192.168.1.20:4173/admin', { enabled: true, host: 'lan', port: 4173 });
    await wrapper.get('[data-testid="share-enabled"]').setValue(false);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="share-leaving"]').text()).toContain('can no longer reach Alignboard');
    expect(wrapper.get(confirmButton).text()).toBe('Switch off');
    await wrapper.get(confirmButton).trigger('click');
    await flushPromises();

    expect(api.callsOf('sharing.save')).toEqual([{ enabled: false, host: 'lan', port: 4173 }]);
    expect(location.assign).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="share-ended"]').text()).toBe(
      "Sharing is off. This page can no longer reach Alignboard; use the app on the wall's computer.",
    );
    expect(wrapper.find('[data-testid="share-form"]').exists()).toBe(false);
  });

  it('asks before "this computer only" from another computer, and does not send it to 127.0.0.1', async () => {
    const wrapper = await mountAt('http://192.168.1.20:4173/admin', { enabled: true, host: 'lan', port: 4173 });
    await wrapper.get('[data-testid="share-loopback"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('[data-testid="share-leaving"]').text()).toContain('on another computer');
    await wrapper.get(confirmButton).trigger('click');
    await flushPromises();

    expect(api.callsOf('sharing.save')).toEqual([{ enabled: true, host: 'loopback', port: 4173 }]);
    expect(location.assign).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="share-ended"]').text()).toContain(
      "Only the wall's computer can open Alignboard now.",
    );
  });

  it('saves at once when the page goes on working (this computer only, opened on this computer)', async () => {
    const wrapper = await mountAt('http://127.0.0.1:4173/admin', { enabled: true, host: 'lan', port: 4173 });
    await wrapper.get('[data-testid="share-loopback"]').setValue(true);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.find('[data-testid="share-leaving"]').exists()).toBe(false);
    expect(api.callsOf('sharing.save')).toEqual([{ enabled: true, host: 'loopback', port: 4173 }]);
    expect(location.assign).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="share-said"]').text()).toBe('Saved: the wall is shared.');
  });

  it('stays and shows the problem when the new port is in use and the old one still serves it', async () => {
    const problem = 'Port 5000 is in use by another program; choose another port. Still shared on port 4173.';
    const wrapper = await mountAt(
      'http://192.168.1.20:4173/admin',
      { enabled: true, host: 'lan', port: 4173 },
      (input) => ({
        ...statusFor({ ...input, port: 4173 }, LAN),
        port: input.port,
        problem,
      }),
    );
    await wrapper.get('[data-testid="share-port"]').setValue('5000');
    await wrapper.get('form').trigger('submit');
    await wrapper.get(confirmButton).trigger('click');
    await flushPromises();

    expect(location.assign).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="share-said"]').text()).toBe(problem);
    expect(wrapper.get('[data-testid="share-state"]').text()).toBe(
      'Shared with everyone on this network, on port 4173.',
    );
  });

  it('can cancel the confirmation, and changing a value withdraws it', async () => {
    const wrapper = await mountAt('http://192.168.1.20:4173/admin', { enabled: true, host: 'lan', port: 4173 });
    await wrapper.get('[data-testid="share-port"]').setValue('5000');
    await wrapper.get('form').trigger('submit');
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Cancel')!
      .trigger('click');
    expect(wrapper.find('[data-testid="share-leaving"]').exists()).toBe(false);

    await wrapper.get('form').trigger('submit');
    expect(wrapper.find('[data-testid="share-leaving"]').exists()).toBe(true);
    await wrapper.get('[data-testid="share-port"]').setValue('5001');
    expect(wrapper.find('[data-testid="share-leaving"]').exists()).toBe(false);
    expect(api.callsOf('sharing.save')).toEqual([]);
  });

  it('in the app’s own window switches off at once and stays (it does not use that server)', async () => {
    const wrapper = await mountAt(
      'http://127.0.0.1:4173/admin',
      { enabled: true, host: 'lan', port: 4173 },
      undefined,
      'ipc',
    );
    await wrapper.get('[data-testid="share-enabled"]').setValue(false);
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.find('[data-testid="share-leaving"]').exists()).toBe(false);
    expect(api.callsOf('sharing.save')).toEqual([{ enabled: false, host: 'lan', port: 4173 }]);
    expect(location.assign).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="share-said"]').text()).toBe('Saved: the wall is not shared.');
  });
});
