import { describe, expect, it } from 'vitest';
import { formatChange, paceWords, shortPeriodLabel } from '../../../src/lib/wording';
import { month, pace } from '../support/fixtures';

describe('wall wording', () => {
  it('words the pace for each status and period kind', () => {
    const november = month(0);
    expect(paceWords(pace({ status: 'on_track' }), november)).toBe('On track');
    expect(paceWords(pace({ status: 'behind', behindBy: 4 }), november)).toBe('Behind by 4 at this point of the month');
    expect(paceWords(pace({ status: 'behind', behindBy: 1 }), { ...november, kind: 'quarter', label: 'Q4 2026' })).toBe(
      'Behind by 1 at this point of the quarter',
    );
    expect(paceWords(pace({ status: 'no_target', target: null }), november)).toBe('No target set for November 2026');
  });

  it('shortens period labels for trend columns', () => {
    expect(shortPeriodLabel(month(0))).toBe('Nov');
    expect(shortPeriodLabel({ ...month(0), kind: 'week', label: 'Week 1, 2027' })).toBe('W1');
    expect(shortPeriodLabel({ ...month(0), kind: 'quarter', label: 'Q4 2026' })).toBe('Q4');
    expect(shortPeriodLabel({ ...month(0), kind: 'week', label: 'Sprint week' })).toBe('Sprint week');
  });

  it('words the change against the previous period with its sign', () => {
    expect(formatChange(50, 38, 'Oct')).toBe('+12 vs Oct');
    expect(formatChange(35, 38, 'Oct')).toBe('\u22123 vs Oct');
    expect(formatChange(7, 7, 'W47')).toBe('±0 vs W47');
    expect(formatChange(50, 38)).toBe('+12');
  });
});
