import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { ApiError } from '@shared/contract';
import type { PinCheck } from '@shared/methods/admin-methods';
import { setApi } from '../../../../src/api';
import { useAdminLockStore } from '../../../../src/stores/admin-lock';
import PinGate from '../../../../src/views/admin/PinGate.vue';
import { createFakeApi, type FakeHandlers } from '../../support/fake-api';

/** What the gate protects: a field that must keep what was typed while the PIN is asked again. */
const Behind = defineComponent({
  render: () => h('input', { 'data-testid': 'behind', id: 'behind' }),
});

function setup(handlers: FakeHandlers, transport: 'ipc' | 'http' = 'ipc') {
  const api = createFakeApi(handlers, transport);
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(PinGate, {
    global: { plugins: [pinia] },
    slots: { default: () => h(Behind) },
    attachTo: document.body,
  });
  return { api, wrapper };
}

afterEach(() => {
  setApi(undefined);
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('PinGate', () => {
  it('lets a browser (HTTP) straight through without asking about a PIN', async () => {
    const { api, wrapper } = setup({}, 'http');
    await flushPromises();
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="behind"]').isVisible()).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('has a PIN set on first use, typed twice, then opens', async () => {
    let set = false;
    const { api, wrapper } = setup({
      'admin.pinStatus': () => ({ set }),
      'admin.setPin': () => {
        set = true;
        return { set: true };
      },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="behind"]').exists()).toBe(false);
    expect(document.activeElement?.id).toBe('pin-new');

    await wrapper.find('[data-testid="pin-new"]').setValue('12');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="error-pin"]').text()).toBe('PIN must be 4 to 12 digits.');

    await wrapper.find('[data-testid="pin-new"]').setValue('2468');
    await wrapper.find('[data-testid="pin-repeat"]').setValue('2469');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="error-repeat"]').text()).toBe('The two PINs are not the same.');
    expect(api.callsOf('admin.setPin')).toEqual([]);

    await wrapper.find('[data-testid="pin-repeat"]').setValue('2468');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(api.callsOf('admin.setPin')).toEqual([{ pin: '2468' }]);
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="behind"]').isVisible()).toBe(true);
    expect(document.activeElement?.id).toBe('behind');
  });

  it('says a PIN is wrong with the tries left, then counts a lockout down in seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const answers: PinCheck[] = [
      { ok: false, attemptsLeft: 1 },
      { ok: false, retryAfterSeconds: 30 },
    ];
    const { wrapper } = setup({
      'admin.pinStatus': () => ({ set: true }),
      'admin.verifyPin': () => answers.shift() ?? { ok: true },
    });
    await flushPromises();
    expect(document.activeElement?.id).toBe('pin-enter');

    await wrapper.find('[data-testid="pin-enter"]').setValue('0000');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="error-pin"]').text()).toBe(
      'That PIN is wrong. 1 try left before a short lockout.',
    );

    await wrapper.find('[data-testid="pin-enter"]').setValue('0000');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="error-pin"]').text()).toBe('Too many wrong PINs in a row.');
    expect(wrapper.find('[data-testid="pin-lockout"]').text()).toBe('Try again in 30 seconds.');
    expect(wrapper.find('[data-testid="pin-submit"]').attributes('disabled')).toBeDefined();

    vi.advanceTimersByTime(29_000);
    await flushPromises();
    expect(wrapper.find('[data-testid="pin-lockout"]').text()).toBe('Try again in 1 second.');
    vi.advanceTimersByTime(1_000);
    await flushPromises();
    expect(wrapper.find('[data-testid="pin-lockout"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="error-pin"]').exists()).toBe(false);

    await wrapper.find('[data-testid="pin-enter"]').setValue('2468');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[data-testid="behind"]').isVisible()).toBe(true);
  });

  it('asks again when the main side says the window is locked, keeping what was typed behind it', async () => {
    const { wrapper } = setup({
      'admin.pinStatus': () => ({ set: true }),
      'admin.verifyPin': () => ({ ok: true }),
    });
    await flushPromises();
    await wrapper.find('[data-testid="pin-enter"]').setValue('2468');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    await wrapper.find('[data-testid="behind"]').setValue('half-typed deal');

    const lock = useAdminLockStore();
    expect(lock.noticeError(new ApiError('forbidden', 'The admin is locked: enter the PIN to make changes.'))).toBe(
      true,
    );
    await flushPromises();
    expect(wrapper.find('[data-testid="pin-gate"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="behind"]').isVisible()).toBe(false);

    await wrapper.find('[data-testid="pin-enter"]').setValue('2468');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    const behind = wrapper.find<HTMLInputElement>('[data-testid="behind"]');
    expect(behind.isVisible()).toBe(true);
    expect(behind.element.value).toBe('half-typed deal');
  });

  it('does not take a wrong current PIN (a field error) for a locked window', async () => {
    setup({ 'admin.pinStatus': () => ({ set: true }) });
    const lock = useAdminLockStore();
    expect(lock.noticeError(new ApiError('forbidden', 'currentPin is not the current PIN', 'currentPin'))).toBe(false);
  });
});
