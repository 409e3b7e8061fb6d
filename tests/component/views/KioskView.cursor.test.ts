// The wall's mouse pointer shows while the mouse moves and hides after a few seconds without movement; and
// in the app's own window the Q overlay takes the wall's link from the sharing status.
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it, vi } from 'vitest';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import { setApi } from '../../../src/api';
import { CURSOR_IDLE_MS, cursorIdleMsFrom } from '../../../src/lib/idle-cursor';
import KioskView from '../../../src/views/KioskView.vue';
import { useKioskClock, kioskApi, press, wait } from '../support/kiosk-harness';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>';

async function mountWith(props: Record<string, unknown> = {}) {
  setApi(kioskApi());
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(KioskView, { props, global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

const move = () => window.dispatchEvent(new MouseEvent('mousemove', { clientX: 10, clientY: 10 }));
const hidden = (wrapper: Awaited<ReturnType<typeof mountWith>>) =>
  wrapper.get('main').classes().includes('kiosk--cursor-idle');

useKioskClock();

describe('the wall’s mouse pointer', () => {
  it('is hidden at start, shows while the mouse moves, and hides after the idle time', async () => {
    const wrapper = await mountWith();
    expect(hidden(wrapper)).toBe(true);
    move();
    await flushPromises();
    expect(hidden(wrapper)).toBe(false);
    await wait(CURSOR_IDLE_MS - 100);
    move();
    await wait(CURSOR_IDLE_MS - 100);
    // each movement starts the wait afresh
    expect(hidden(wrapper)).toBe(false);
    await wait(100);
    expect(hidden(wrapper)).toBe(true);
    wrapper.unmount();
  });

  it('takes a shorter idle time from the prop, and stops listening when unmounted', async () => {
    const wrapper = await mountWith({ cursorIdleMs: 200 });
    move();
    await flushPromises();
    expect(hidden(wrapper)).toBe(false);
    await wait(200);
    expect(hidden(wrapper)).toBe(true);
    const remove = vi.spyOn(window, 'removeEventListener');
    wrapper.unmount();
    expect(remove).toHaveBeenCalledWith('mousemove', expect.any(Function));
  });

  it('reads a test idle time from the address, and ignores nonsense there', () => {
    expect(cursorIdleMsFrom('?cursorIdleMs=250')).toBe(250);
    expect(cursorIdleMsFrom('?cursorIdleMs=1')).toBe(CURSOR_IDLE_MS);
    expect(cursorIdleMsFrom('?cursorIdleMs=abc')).toBe(CURSOR_IDLE_MS);
    expect(cursorIdleMsFrom('')).toBe(CURSOR_IDLE_MS);
  });
});

describe('the Q overlay in the app’s own window', () => {
  function status(overrides: Partial<SharingStatus>): SharingStatus {
    return {
      configurable: true,
      enabled: true,
      host: 'lan',
      port: 4173,
      running: true,
      problem: null,
      viewer: [{ url: 'http://192.168.1.20:4173/?token=v', svg: SVG }],
      admin: null,
      tokensRotatedAt: null,
      ...overrides,
    };
  }

  async function mountIpc(answer: SharingStatus) {
    const api = kioskApi({ handlers: { 'sharing.status': () => answer } });
    // The app's window talks over IPC, which has no pairing route of its own.
    Object.defineProperty(api, 'transport', { value: 'ipc' });
    setApi(api);
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(KioskView, { global: { plugins: [pinia] }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  it('shows the viewer QR code of the running share server', async () => {
    const wrapper = await mountIpc(status({}));
    await press('q');
    expect(wrapper.get('[data-testid="pairing-qr"]').attributes('src')).toContain(encodeURIComponent('<svg'));
    expect(wrapper.text()).toContain('192.168.1.20:4173');
    expect(wrapper.text()).not.toContain('token=v');
    wrapper.unmount();
  });

  it('says plainly that sharing is off, and how to share beyond this computer', async () => {
    const off = await mountIpc(status({ enabled: false, running: false, viewer: [] }));
    await press('q');
    expect(off.get('[data-testid="pairing-problem"]').text()).toContain('Sharing with other screens is off');
    off.unmount();

    const local = await mountIpc(
      status({ host: 'loopback', viewer: [{ url: 'http://127.0.0.1:4173/?token=v', svg: SVG }] }),
    );
    await press('q');
    expect(local.get('[data-testid="pairing-local-only"]').text()).toContain('Everyone on this network');
    local.unmount();
  });
});
