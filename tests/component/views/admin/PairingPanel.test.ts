import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api-error';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import { setApi } from '../../../../src/api';
import PairingOverlay from '../../../../src/components/PairingOverlay.vue';
import PairingPanel from '../../../../src/views/admin/PairingPanel.vue';
import { createFakeApi, type FakeApi, type FakeHandlers } from '../../support/fake-api';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

function status(overrides: Partial<SharingStatus> = {}): SharingStatus {
  return {
    configurable: true,
    enabled: false,
    host: 'loopback',
    port: 4173,
    running: false,
    problem: null,
    viewer: [],
    admin: [],
    tokensRotatedAt: null,
    ...overrides,
  };
}

function links(host: string, viewer: string, admin: string): Pick<SharingStatus, 'viewer' | 'admin'> {
  return {
    viewer: [{ url: `http://${host}/?token=${viewer}`, svg: SVG }],
    admin: [{ url: `http://${host}/admin?token=${admin}`, svg: SVG }],
  };
}

let api: FakeApi;
function useFake(handlers: FakeHandlers, transport: 'ipc' | 'http' = 'ipc'): FakeApi {
  api = createFakeApi(handlers, transport);
  setApi(api);
  return api;
}

async function mountPanel() {
  const wrapper = mount(PairingPanel, { attachTo: document.body });
  await flushPromises();
  return wrapper;
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  setApi(undefined);
  document.body.innerHTML = '';
});

describe('PairingPanel', () => {
  it('switches sharing on for the network on another port, then shows every link with its QR code', async () => {
    let current = status();
    useFake({
      'sharing.status': () => current,
      'sharing.save': (input) => {
        current = status({ ...input, running: true, ...links(`192.168.1.20:${input.port}`, 'v', 'a') });
        return current;
      },
    });
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid="share-state"]').text()).toContain('Not shared');
    expect(wrapper.find('[data-testid="share-links"]').exists()).toBe(false);

    await wrapper.get('[data-testid="share-enabled"]').setValue(true);
    await wrapper.get('[data-testid="share-lan"]').setValue(true);
    await wrapper.get('[data-testid="share-port"]').setValue('5000');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(api.callsOf('sharing.save')).toEqual([{ enabled: true, host: 'lan', port: 5000 }]);
    expect(wrapper.get('[data-testid="share-state"]').text()).toBe(
      'Shared with everyone on this network, on port 5000.',
    );
    expect(wrapper.get('[data-testid="share-viewer-link"]').attributes('href')).toBe(
      'http://192.168.1.20:5000/?token=v',
    );
    expect(wrapper.get('[data-testid="share-admin-link"]').text()).toBe('http://192.168.1.20:5000/admin?token=a');
    expect(
      wrapper.findAll('[data-testid="share-links"] img').map((img) => img.attributes('src')!.slice(0, 19)),
    ).toEqual(['data:image/svg+xml;', 'data:image/svg+xml;']);
  });

  it('names a bad port next to the field and sends nothing', async () => {
    useFake({ 'sharing.status': () => status({ enabled: true }), 'sharing.save': () => status() });
    const wrapper = await mountPanel();
    await wrapper.get('[data-testid="share-port"]').setValue('80');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-port"]').text()).toBe('Port must be 1024 or more.');
    expect(api.callsOf('sharing.save')).toEqual([]);
    expect(document.activeElement?.id).toBe('share-port');
  });

  it('shows the server’s problem (a port in use) and its refusal', async () => {
    const busy = status({ enabled: true, problem: 'Port 4173 is in use by another program; choose another port.' });
    useFake({
      'sharing.status': () => busy,
      'sharing.save': () => {
        throw new ApiError('conflict', 'The database is damaged and open read-only, so nothing can be changed.');
      },
    });
    const wrapper = await mountPanel();
    expect(wrapper.get('[data-testid="share-problem"]').text()).toContain('Port 4173 is in use');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="share-error"]').text()).toContain('open read-only');
  });

  it('under npm run serve shows the links but no setting, and a viewer sees no admin link', async () => {
    useFake({
      'sharing.status': () =>
        status({ configurable: false, enabled: true, running: true, ...links('10.0.0.5:4173', 'v', 'a'), admin: null }),
    });
    const wrapper = await mountPanel();
    expect(wrapper.find('[data-testid="share-form"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="share-fixed"]').text()).toContain('npm run serve');
    expect(wrapper.findAll('[data-testid="share-viewer-link"]')).toHaveLength(1);
    expect(wrapper.find('[data-testid="share-admin-link"]').exists()).toBe(false);
  });

  it('makes new links only after a confirmation, and a browser admin page switches to the new admin token', async () => {
    useFake(
      {
        'sharing.status': () => status({ enabled: true, running: true, ...links('127.0.0.1:4173', 'v1', 'a1') }),
        'sharing.rotateTokens': () => status({ enabled: true, running: true, ...links('127.0.0.1:4173', 'v2', 'a2') }),
      },
      'http',
    );
    const useToken = vi.fn();
    api.useToken = useToken;
    const wrapper = await mountPanel();

    await wrapper.get('[data-testid="share-rotate"]').trigger('click');
    expect(wrapper.text()).toContain('stops working until it is paired again');
    expect(api.callsOf('sharing.rotateTokens')).toEqual([]);
    await wrapper.get('[data-testid="share-rotate-confirm"]').trigger('click');
    await flushPromises();

    expect(api.callsOf('sharing.rotateTokens')).toEqual([{}]);
    expect(useToken).toHaveBeenCalledExactlyOnceWith('a2');
    expect(wrapper.get('[data-testid="share-viewer-link"]').text()).toBe('http://127.0.0.1:4173/?token=v2');
    expect(wrapper.find('[data-testid="share-rotate-confirm"]').exists()).toBe(false);
  });

  it('can cancel the new links', async () => {
    useFake({ 'sharing.status': () => status(), 'sharing.rotateTokens': () => status() });
    const wrapper = await mountPanel();
    await wrapper.get('[data-testid="share-rotate"]').trigger('click');
    await wrapper
      .findAll('button')
      .find((button) => button.text() === 'Cancel')!
      .trigger('click');
    expect(wrapper.find('[data-testid="share-rotate"]').exists()).toBe(true);
    expect(api.callsOf('sharing.rotateTokens')).toEqual([]);
  });
});

describe('PairingOverlay', () => {
  it('shows the code as an image and the address, never the token', () => {
    const wrapper = mount(PairingOverlay, { props: { svg: SVG, address: '192.168.1.20:4173', problem: null } });
    expect(wrapper.get('[data-testid="pairing-qr"]').attributes('src')).toBe(
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent(SVG)}`,
    );
    expect(wrapper.text()).toContain('192.168.1.20:4173');
    expect(wrapper.find('svg').exists()).toBe(false);
    expect(wrapper.find('[data-testid="pairing-local-only"]').exists()).toBe(false);
  });

  it('says that a loopback link pairs only this machine', () => {
    const wrapper = mount(PairingOverlay, { props: { svg: SVG, address: '127.0.0.1:4173', problem: null } });
    expect(wrapper.get('[data-testid="pairing-local-only"]').text()).toContain('--host 0.0.0.0');
  });
});
