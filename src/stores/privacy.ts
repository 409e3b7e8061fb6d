/**
 * Privacy mode, for visitors in the room: while it is on, no person's name and no amount is rendered.
 * It is on when someone pressed P (toggle) or the room's privacy schedule covers the current time.
 * Slides render names and money only through `name()` and `money()` so that nothing slips through.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { REDACTED_AMOUNT, REDACTED_NAME } from '@shared/describe-activity';
import type { MoneyAmount } from '@shared/domain';
import { formatMoney, roomFormat } from '@shared/format';
import { useDisplayStore } from './display';

/** What a redacted name or amount reads as (the same words as the activity feed's, src/shared). */
export const HIDDEN_NAME = REDACTED_NAME;
export const HIDDEN_MONEY = REDACTED_AMOUNT;

export const usePrivacyStore = defineStore('privacy', () => {
  const toggled = ref(false);
  /** set by the kiosk from its clock tick and the display settings */
  const scheduled = ref(false);
  const enabled = computed(() => toggled.value || scheduled.value);
  const display = useDisplayStore();
  const locale = computed(() => roomFormat(display.settings).locale);

  function toggle(): void {
    toggled.value = !toggled.value;
  }

  /** A person's name, or a neutral label in privacy mode. */
  function name(personName: string | null | undefined, fallback = '—'): string {
    if (enabled.value) return HIDDEN_NAME;
    return personName ?? fallback;
  }

  /** An amount formatted for the wall, or a placeholder in privacy mode. */
  function money(amount: MoneyAmount, options: { exact?: boolean } = {}): string {
    return enabled.value ? HIDDEN_MONEY : formatMoney(amount, { ...options, locale: locale.value });
  }

  return { toggled, scheduled, enabled, toggle, name, money };
});
