import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  formatClock,
  formatCount,
  formatMoney,
  formatPercent,
  formatRelative,
  parseMajorToMinor,
} from '../../../src/lib/format';

const NOW = Date.UTC(2026, 10, 24, 9, 30);
const MIN = 60_000;

describe('parseMajorToMinor', () => {
  it.each([
    ['12500', 'EUR', 1_250_000],
    ['12,500', 'EUR', 1_250_000],
    ['12,500.50', 'EUR', 1_250_050],
    ['12.500,50', 'EUR', 1_250_050],
    ['12500,5', 'EUR', 1_250_050],
    ['1 200 000', 'EUR', 120_000_000],
    ['0.99', 'USD', 99],
    ['1500', 'JPY', 1500],
    // a group of three digits after a separator is thousands, as in "10.555" written in Germany
    ['10.555', 'EUR', 1_055_500],
  ])('reads %s %s as %d minor units', (text, currency, minor) => {
    expect(parseMajorToMinor(text, currency)).toBe(minor);
  });

  it.each(['', 'abc', '12k', '12,00,0', '1.2.3,456', '10.5555', '-5'])('refuses %j', (text) => {
    expect(parseMajorToMinor(text, 'EUR')).toBeNull();
  });

  it('knows how many decimals a currency has', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('not a code')).toBe(2);
  });
});

describe('wall formatting', () => {
  it('writes money compactly in its own currency, never mixing currencies', () => {
    expect(formatMoney({ currency: 'EUR', amountMinor: 60_130_000 }, { locale: 'en-US' })).toBe('€601K');
    expect(formatMoney({ currency: 'USD', amountMinor: 274_000_000 }, { locale: 'en-US' })).toBe('$2.74M');
    expect(formatMoney({ currency: 'EUR', amountMinor: 1_250_050 }, { exact: true, locale: 'en-US' })).toBe(
      '€12,500.50',
    );
    expect(formatMoney({ currency: 'XYZ1', amountMinor: 500 }, { locale: 'en-US' })).toBe('XYZ1 5');
  });

  it('writes counts and shares in few characters', () => {
    expect(formatCount(1204, 'en-US')).toBe('1,204');
    expect(formatPercent(0.423, 'en-US')).toBe('42%');
    expect(formatPercent(1.25, 'en-US')).toBe('125%');
  });

  it('says how long ago in the fewest words', () => {
    expect(formatRelative(NOW - 20_000, NOW)).toBe('just now');
    expect(formatRelative(NOW + 5_000, NOW)).toBe('just now');
    expect(formatRelative(NOW - 3 * MIN, NOW)).toBe('3 min ago');
    expect(formatRelative(NOW - 125 * MIN, NOW)).toBe('2 h ago');
    expect(formatRelative(NOW - 30 * 60 * MIN, NOW)).toBe('yesterday');
    expect(formatRelative(NOW - 4 * 24 * 60 * MIN, NOW)).toBe('4 days ago');
  });

  it("shows the clock in the room's time zone", () => {
    expect(formatClock(NOW, 'Europe/Berlin', 'en-GB')).toBe('10:30');
    expect(formatClock(NOW, 'America/New_York', 'en-GB')).toBe('04:30');
    // an unknown zone falls back to the machine's (TZ=Europe/Berlin in tests)
    expect(formatClock(NOW, 'Not/AZone', 'en-GB')).toBe('10:30');
  });
});
