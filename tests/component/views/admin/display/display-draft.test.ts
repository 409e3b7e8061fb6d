import { describe, expect, it } from 'vitest';
import { ALL_SLIDE_IDS } from '@shared/slides';
import { changedKeys, toDraft, toInput } from '../../../../../src/views/admin/display/display-draft';
import { settings } from '../../../support/fixtures';

const saved = settings([
  { slideId: 'kpi', enabled: true, durationSec: 20 },
  { slideId: 'funnel', enabled: false, durationSec: 30 },
]);

describe('the display settings draft', () => {
  it('lists every slide, those missing from the playlist last and switched off', () => {
    const draft = toDraft(saved);
    expect(draft.playlist.slice(0, 2)).toEqual(saved.playlist);
    expect(draft.playlist.map((entry) => entry.slideId).sort()).toEqual([...ALL_SLIDE_IDS].sort());
    expect(draft.playlist.slice(2).every((entry) => !entry.enabled && entry.durationSec === 20)).toBe(true);
  });

  it('gives each optional window a switch and turns a switched-off window back into null', () => {
    const draft = toDraft({ ...saved, privacySchedule: null });
    expect(draft.privacySchedule).toEqual({ enabled: false, start: '12:00', end: '13:00' });
    expect(toInput(draft).privacySchedule).toBeNull();
    draft.privacySchedule.enabled = true;
    expect(toInput(draft).privacySchedule).toEqual({ start: '12:00', end: '13:00' });
  });

  it('names only the settings the form changed, with the currency as the contract writes it', () => {
    const draft = toDraft(saved);
    expect(changedKeys(draft, saved)).toEqual([]);
    draft.currency = ` ${saved.currency.toLowerCase()} `;
    expect(changedKeys(draft, saved)).toEqual([]);
    draft.teamNames.sales = 'Closers';
    draft.playlist.reverse();
    expect(changedKeys(draft, saved)).toEqual(['playlist', 'teamNames']);
  });
});
