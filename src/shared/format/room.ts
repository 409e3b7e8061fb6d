/**
 * How a room reads dates, times and numbers: its locale ("en-GB", "de-DE", "en-US") and its clock
 * (24-hour or 12-hour), set once for the room rather than taken from each browser, so the wall, the admin
 * and the report all say "14:05" in a room that uses a 24-hour clock.
 */

/** The room's clock setting: as its locale writes times, or always 24-hour, or always 12-hour. */
export type ClockSetting = 'locale' | '24h' | '12h';

/** The clock settings, for schemas and selects. */
export const CLOCK_SETTINGS = ['locale', '24h', '12h'] as const satisfies readonly ClockSetting[];

/** The locale of a room that never chose one: British English, day before month and a 24-hour clock. */
export const DEFAULT_LOCALE = 'en-GB';

/** Locales offered in the admin's select; a room may store any other locale the runtime knows. */
export const ROOM_LOCALES = [
  'en-GB',
  'en-US',
  'en-IE',
  'en-AU',
  'en-CA',
  'de-DE',
  'de-AT',
  'de-CH',
  'fr-FR',
  'fr-CH',
  'nl-NL',
  'es-ES',
  'it-IT',
  'pt-PT',
  'pt-BR',
  'sv-SE',
  'da-DK',
  'nb-NO',
  'fi-FI',
  'pl-PL',
  'cs-CZ',
] as const;

/** Everything the formatting functions need to word a moment or a number for a room. */
export interface RoomFormat {
  /** a BCP 47 locale tag, e.g. "en-GB" */
  locale: string;
  /** h23 for "14:05", h12 for "2:05 pm" */
  hourCycle: 'h23' | 'h12';
  /** the room's IANA time zone; the machine's when absent or unknown */
  timeZone?: string;
}

/**
 * Whether `tag` is a well-formed locale the runtime can format for ("en-GB", "de-DE"); false for text
 * such as "english" or "en_GB", so a mistyped setting is refused instead of silently falling back.
 */
export function isKnownLocale(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical !== undefined && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0;
  } catch {
    return false;
  }
}

/** Whether the locale writes times on a 12-hour clock ("2:05 PM" in en-US); false for an unknown one. */
export function localeUsesTwelveHours(locale: string): boolean {
  try {
    const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
    return cycle === 'h11' || cycle === 'h12';
  } catch {
    return false;
  }
}

/**
 * The format of a room from its settings; anything missing or unknown reads as the defaults (en-GB,
 * 24-hour), so a wall that has not loaded its settings yet still writes times the room's way.
 */
export function roomFormat(settings?: { locale?: string; clock?: ClockSetting; timezone?: string } | null): RoomFormat {
  const locale = settings?.locale && isKnownLocale(settings.locale) ? settings.locale : DEFAULT_LOCALE;
  const clock = settings?.clock ?? 'locale';
  const twelve = clock === '12h' || (clock === 'locale' && localeUsesTwelveHours(locale));
  return { locale, hourCycle: twelve ? 'h12' : 'h23', ...(settings?.timezone ? { timeZone: settings.timezone } : {}) };
}

/** The format of a room that never changed a setting, in the machine's zone. */
export const DEFAULT_ROOM_FORMAT: RoomFormat = roomFormat(null);
