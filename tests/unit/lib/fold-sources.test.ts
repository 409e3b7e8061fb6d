import { describe, expect, it } from 'vitest';
import type { LeadQualitySource } from '@shared/figures';
import { foldSources } from '../../../src/lib/fold-sources';

function source(id: string, averageRating: number, tooFew = false): LeadQualitySource {
  return { campaignId: id, campaignName: id, sourceTeam: 'marketing', reviews: tooFew ? 1 : 5, averageRating, tooFew };
}

// As the server orders them: judged ones best first, then the ones with too few reviews.
const judged = Array.from({ length: 10 }, (_, i) => source(`j${i}`, 5 - i * 0.4));
const thin = [source('t0', 5, true), source('t1', 1, true)];

describe('foldSources', () => {
  it('shows every source in order when they fit', () => {
    const folded = foldSources([...judged.slice(0, 3), ...thin], 5);
    expect(folded.lines.map((line) => (line.kind === 'fold' ? 'fold' : line.source.campaignId))).toEqual([
      'j0',
      'j1',
      'j2',
      't0',
      't1',
    ]);
    expect(folded.hidden).toBe(0);
  });

  it('keeps the best and the worst judged sources around one fold that counts the rest', () => {
    const folded = foldSources([...judged, ...thin], 6);
    expect(folded.lines.map((line) => (line.kind === 'fold' ? 'fold' : line.source.campaignId))).toEqual([
      'j0',
      'j1',
      'j2',
      'fold',
      'j8',
      'j9',
    ]);
    expect(folded.lines[3]).toMatchObject({ kind: 'fold', between: 5, tooFew: 2 });
    expect(folded.hidden).toBe(7);
    expect(folded.lines.at(-1)).toMatchObject({ kind: 'worst' });
  });

  it('folds only the thin sources when all judged ones fit', () => {
    const folded = foldSources([...judged.slice(0, 3), ...thin], 4);
    expect(folded.lines.map((line) => line.kind)).toEqual(['best', 'best', 'best', 'fold']);
    expect(folded.lines[3]).toMatchObject({ between: 0, tooFew: 2 });
  });

  it('never shows fewer than the best, the fold and the worst', () => {
    const folded = foldSources(judged, 1);
    expect(folded.lines.map((line) => line.kind)).toEqual(['best', 'fold', 'worst']);
    expect(folded.lines[1]).toMatchObject({ between: 8, tooFew: 0 });
  });
});
