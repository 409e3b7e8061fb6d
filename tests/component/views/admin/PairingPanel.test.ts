import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi, type ApiClient, type PairingInfo } from '../../../../src/api';
import PairingOverlay from '../../../../src/components/PairingOverlay.vue';
import PairingPanel from '../../../../src/views/admin/PairingPanel.vue';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

/** A client that only knows the pairing route (or, without `answer`, nothing of it, like IPC). */
function clientWith(answer?: PairingInfo): ApiClient {
  return {
    transport: answer ? 'http' : 'ipc',
    call: () => Promise.reject(new Error('not used')),
    on: () => () => undefined,
    connection: 'online',
    onConnection: () => () => undefined,
    onCallError: () => () => undefined,
    close: () => undefined,
    ...(answer ? { pairing: () => Promise.resolve(answer) } : {}),
  };
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => setApi(undefined));

describe('PairingPanel', () => {
  it('shows both links and QR codes to an admin', async () => {
    setApi(
      clientWith({
        viewer: { url: 'http://192.168.1.20:4173/?token=v', svg: SVG },
        admin: { url: 'http://192.168.1.20:4173/admin?token=a', svg: SVG },
      }),
    );
    const wrapper = mount(PairingPanel);
    await flushPromises();
    expect(wrapper.get('[data-testid="pairing-viewer-link"]').attributes('href')).toBe(
      'http://192.168.1.20:4173/?token=v',
    );
    expect(wrapper.get('[data-testid="pairing-admin-link"]').text()).toBe('http://192.168.1.20:4173/admin?token=a');
    expect(wrapper.findAll('img').map((img) => img.attributes('src')!.startsWith('data:image/svg+xml'))).toEqual([
      true,
      true,
    ]);
  });

  it('shows no admin link when the server gave none, and says why over IPC', async () => {
    setApi(clientWith({ viewer: { url: 'http://h:1/?token=v', svg: SVG }, admin: null }));
    const viewerOnly = mount(PairingPanel);
    await flushPromises();
    expect(viewerOnly.find('[data-testid="pairing-admin-link"]').exists()).toBe(false);

    setActivePinia(createPinia());
    setApi(clientWith());
    const ipc = mount(PairingPanel);
    await flushPromises();
    expect(ipc.text()).toContain('not shared over the network');
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
