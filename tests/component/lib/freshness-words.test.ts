import { describe, expect, it } from 'vitest';
import type { Freshness } from '@shared/domain';
import { formatDueIn, formatSyncAge, maskedSecret, vendorName } from '../../../src/lib/crm-words';
import { freshnessWords, LONG_FAILURE_MS } from '../../../src/lib/freshness-words';

// Tuesday 2026-11-17, 09:00 UTC = 10:00 in Berlin (vitest pins TZ=Europe/Berlin).
const NOW = Date.UTC(2026, 10, 17, 9, 0);

const FIGURES: Freshness = { computedAt: NOW, latestChangeAt: NOW - 3 * 3_600_000, source: 'Local database' };

describe('the age of synced data', () => {
  it('counts seconds to the wall tick, then minutes and hours', () => {
    expect(formatSyncAge(NOW - 4_000, NOW)).toBe('just now');
    expect(formatSyncAge(NOW - 40_000, NOW)).toBe('40 s ago');
    expect(formatSyncAge(NOW - 47_000, NOW)).toBe('40 s ago');
    expect(formatSyncAge(NOW - 3 * 60_000, NOW)).toBe('3 min ago');
    expect(formatSyncAge(NOW + 2_000, NOW)).toBe('just now');
  });

  it('says when the next run is due', () => {
    expect(formatDueIn(NOW + 20_400, NOW)).toBe('in 21 s');
    expect(formatDueIn(NOW - 5_000, NOW)).toBe('now');
    expect(formatDueIn(NOW + 5 * 60_000, NOW)).toBe('in 5 min');
  });

  it('names the vendors and shows a credential by its last four characters only', () => {
    expect(vendorName('hubspot')).toBe('HubSpot');
    expect(vendorName('salesforce')).toBe('Salesforce');
    expect(maskedSecret('9f3A')).toBe('••••9f3A');
    expect(maskedSecret(null)).toBe('—');
  });
});

describe('the freshness line', () => {
  it('puts the CRM first and counts from the last successful sync', () => {
    const words = freshnessWords(FIGURES, NOW, [{ vendor: 'hubspot', syncedAt: NOW - 40_000, failingSince: null }]);
    expect(words).toEqual({ line: 'HubSpot · 40 s ago', asOf: NOW - 40_000, failing: '' });
  });

  it('keeps a short failure quiet and mentions a long one with its start', () => {
    const since = NOW - LONG_FAILURE_MS + 1_000;
    const short = freshnessWords(FIGURES, NOW, [{ vendor: 'salesforce', syncedAt: since, failingSince: since }]);
    expect(short.failing).toBe('');
    const start = NOW - LONG_FAILURE_MS - 60_000;
    const long = freshnessWords(FIGURES, NOW, [{ vendor: 'salesforce', syncedAt: start, failingSince: start }]);
    expect(long.line).toBe('Salesforce · 11 min ago');
    expect(long.failing).toBe('Salesforce sync failing since 09:49');
  });

  it('says "not synced yet" before the first sync', () => {
    expect(freshnessWords(FIGURES, NOW, [{ vendor: 'hubspot', syncedAt: null, failingSince: null }]).line).toBe(
      'HubSpot · not synced yet',
    );
  });

  it('names both CRMs when two feed the slide, the stale mark counting from the older', () => {
    const words = freshnessWords(FIGURES, NOW, [
      { vendor: 'hubspot', syncedAt: NOW - 20_000, failingSince: null },
      { vendor: 'salesforce', syncedAt: NOW - 120_000, failingSince: null },
    ]);
    expect(words.line).toBe('HubSpot · 20 s ago · Salesforce · 2 min ago');
    expect(words.asOf).toBe(NOW - 120_000);
  });

  it('reads local data as before', () => {
    const local: Freshness = { computedAt: NOW, latestChangeAt: NOW - 120_000, source: 'Local database' };
    expect(freshnessWords(local, NOW).line).toBe('Updated 2 min ago · Local database');
    expect(freshnessWords(null, NOW).line).toBe('');
  });
});
