import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, isKnownLocale, localeUsesTwelveHours, roomFormat } from '@shared/format';

describe('room format', () => {
  it('knows well-formed locales and refuses made-up or mistyped ones', () => {
    expect(isKnownLocale('en-GB')).toBe(true);
    expect(isKnownLocale('de-DE')).toBe(true);
    expect(isKnownLocale('en-US')).toBe(true);
    expect(isKnownLocale('english')).toBe(false);
    expect(isKnownLocale('en_GB')).toBe(false);
    expect(isKnownLocale('')).toBe(false);
  });

  it('derives the clock from the locale unless the room set one', () => {
    expect(localeUsesTwelveHours('en-US')).toBe(true);
    expect(localeUsesTwelveHours('en-GB')).toBe(false);
    expect(localeUsesTwelveHours('de-DE')).toBe(false);
    expect(roomFormat({ locale: 'en-US' }).hourCycle).toBe('h12');
    expect(roomFormat({ locale: 'en-US', clock: '24h' }).hourCycle).toBe('h23');
    expect(roomFormat({ locale: 'de-DE', clock: '12h' }).hourCycle).toBe('h12');
  });

  it('reads missing or unknown settings as British English on a 24-hour clock', () => {
    expect(DEFAULT_LOCALE).toBe('en-GB');
    expect(roomFormat(null)).toEqual({ locale: 'en-GB', hourCycle: 'h23' });
    expect(roomFormat({ locale: 'nonsense', timezone: 'Europe/Berlin' })).toEqual({
      locale: 'en-GB',
      hourCycle: 'h23',
      timeZone: 'Europe/Berlin',
    });
  });
});
