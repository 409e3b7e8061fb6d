/**
 * The admin PIN as the page sees it. Only inside Alignboard's own window (the IPC transport) does the
 * main process refuse changes until the PIN was given in that window; a browser over HTTP is let in by
 * its admin token (the server's own rule), so there the lock is never shown.
 *
 * The main process is the one that decides: this store only mirrors it, and a 'forbidden' answer to any
 * call (the window locked itself after 15 idle minutes) shows the PIN screen again through
 * {@link noticeError}. The store hears every failed call of the api client itself, so that no section
 * has to pass its errors on.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '@shared/api-error';
import type { PinCheck } from '@shared/methods/admin-methods';
import { useApi } from '../api';
import { trackLoadError } from './live';

export const useAdminLockStore = defineStore('adminLock', () => {
  const api = useApi();
  /** whether this page must ask for the PIN at all */
  const required = api.transport === 'ipc';
  /** whether a PIN was set on this machine; null until known */
  const pinSet = ref<boolean | null>(null);
  const unlocked = ref(!required);
  /** when the lockout after too many wrong PINs ends (this page's clock), or null */
  const lockedUntil = ref<number | null>(null);
  const error = ref<string | null>(null);
  // Once per store (that is, per page): lives as long as the page's client.
  api.onCallError((cause) => noticeError(cause));

  const ready = computed(() => !required || pinSet.value !== null);

  /** Asks whether a PIN is set (to offer setting one, or entering it). */
  async function loadStatus(): Promise<void> {
    if (!required) return;
    await trackLoadError(error, async () => {
      pinSet.value = (await api.call('admin.pinStatus', {})).set;
    });
  }

  /** Sets the first PIN, or changes it with the current one; unlocks this window. Rejects with ApiError. */
  async function setPin(pin: string, currentPin?: string): Promise<void> {
    await api.call('admin.setPin', currentPin === undefined ? { pin } : { pin, currentPin });
    pinSet.value = true;
    unlocked.value = true;
    lockedUntil.value = null;
  }

  /** Tries a PIN; a right one unlocks this window, a lockout is remembered for the countdown. */
  async function verify(pin: string): Promise<PinCheck> {
    const check = await api.call('admin.verifyPin', { pin });
    unlocked.value = check.ok;
    lockedUntil.value = check.retryAfterSeconds === undefined ? null : Date.now() + check.retryAfterSeconds * 1000;
    return check;
  }

  /**
   * Looks at a failed call: 'forbidden' from the IPC transport means this window is locked (again), so
   * the PIN screen comes back. Returns whether it was that.
   */
  function noticeError(cause: unknown): boolean {
    if (!required || !(cause instanceof ApiError) || cause.code !== 'forbidden' || cause.field !== undefined) {
      return false;
    }
    unlocked.value = false;
    return true;
  }

  return { required, pinSet, unlocked, lockedUntil, error, ready, loadStatus, setPin, verify, noticeError };
});
