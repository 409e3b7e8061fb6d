/**
 * Saving the wall's display settings: the playlist, schedules, room time zone, currency, period
 * and the rest of {@link DisplaySettings}. One command writes any subset; omitted settings keep their value.
 */
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { DisplaySettings } from '@shared/domain';
import { isKnownLocale } from '@shared/format';
import { isSlideId } from '@shared/slides';
import type { CoreContext } from '../../context';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { journalledChanges } from '../../db/repositories/change-journal';
import { runCommand } from '../support/activity-recorder';
import { getDisplaySettings, SETTING_KEYS } from '../support/settings-service';

/** The settings `settings.save` may write, in the order they are written. */
type SavableKey = keyof DisplaySettings;

/**
 * Writes the given display settings (each under its own key) and returns all of them, merged with the
 * ones not given. Refused with `invalid_input`, before anything is written: a playlist entry naming no
 * slide of the wall or a slide listed twice ('playlist.N.slideId'), a time zone the runtime does not
 * know ('timezone') and a locale it cannot format for ('locale'). Settings given with their current value are not rewritten (the time zone is written when none was
 * stored yet, pinning the machine's); when none changes,
 * nothing is recorded. Event: 'settings.changed', naming the changed settings and their new values.
 */
export function saveSettings(ctx: CoreContext, input: MethodParsedInput<'settings.save'>): DisplaySettings {
  validate(input);
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const current = getDisplaySettings(ctx);
    const values: Partial<Record<SavableKey, unknown>> = {};
    for (const key of Object.keys(input) as SavableKey[]) {
      const value = input[key];
      const settingKey = SETTING_KEYS[key];
      // The zone is compared with what is stored: saving the machine's zone pins it, so the room keeps its
      // zone when the machine's changes. Other defaults are the same everywhere.
      const was = key === 'timezone' ? getSetting(db, settingKey) : current[key];
      // An explicit undefined (possible over IPC) means "not given", like an omitted key.
      if (value === undefined || JSON.stringify(value) === JSON.stringify(was)) continue;
      setSetting(db, settingKey, value, now);
      values[key] = value;
    }
    if (journalledChanges(db).length > 0) {
      record({
        type: 'settings.changed',
        entity: 'settings',
        entityId: 'display',
        payload: { keys: Object.keys(values), values },
      });
    }
    return getDisplaySettings(ctx);
  });
}

function validate(input: MethodParsedInput<'settings.save'>): void {
  const seen = new Set<string>();
  input.playlist?.forEach((entry, index) => {
    const field = `playlist.${index}.slideId`;
    if (!isSlideId(entry.slideId)) {
      throw new ApiError('invalid_input', `${field} "${entry.slideId}" is not a slide of the wall`, field);
    }
    if (seen.has(entry.slideId)) {
      throw new ApiError('invalid_input', `${field} "${entry.slideId}" is already in the playlist`, field);
    }
    seen.add(entry.slideId);
  });
  if (input.timezone !== undefined && !isTimeZone(input.timezone)) {
    throw new ApiError('invalid_input', `timezone "${input.timezone}" is not a known time zone`, 'timezone');
  }
  if (input.locale !== undefined && !isKnownLocale(input.locale)) {
    throw new ApiError('invalid_input', `locale "${input.locale}" is not a locale such as en-GB or de-DE`, 'locale');
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
