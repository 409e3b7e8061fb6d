import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  formatCount,
  formatDecimal,
  formatMinorAmount,
  formatMoney,
  formatPercent,
  parseMajorToMinor,
} from '@shared/format';

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

  it('writes numbers the way the locale does', () => {
    expect(formatCount(1204, 'de-DE')).toBe('1.204');
    expect(formatCount(1204, 'en-GB')).toBe('1,204');
    expect(formatPercent(0.423, 'de-DE')).toBe('42\u00a0%');
    expect(formatDecimal(12.345, 'de-DE')).toBe('12,35');
    expect(formatDecimal(4, 'en-GB', 1, 1)).toBe('4.0');
    // a room that never chose a locale reads British English
    expect(formatCount(1204)).toBe('1,204');
  });

  it('writes exact amounts without decimals when whole, with the narrow currency symbol', () => {
    expect(formatMinorAmount(1_200_000, 'EUR', 'en-GB')).toBe('€12,000');
    expect(formatMinorAmount(1_050, 'USD', 'en-GB')).toBe('$10.50');
    expect(formatMinorAmount(1_200_000, 'EUR', 'de-DE')).toBe('12.000\u00a0€');
    expect(formatMinorAmount(5_000, 'JPY', 'en-US')).toBe('¥5,000');
    expect(formatMinorAmount(1_050, 'E1', 'en-GB')).toBe('10.50 E1');
    expect(formatMoney({ currency: 'USD', amountMinor: 274_000_000 }, { locale: 'en-GB' })).toBe('$2.74m');
  });
});
