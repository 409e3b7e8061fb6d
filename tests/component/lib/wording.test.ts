import { describe, expect, it } from 'vitest';
import {
  dueIn,
  formatChange,
  formatDuration,
  formatStageTime,
  overdueBy,
  paceWords,
  shortPeriodLabel,
} from '../../../src/lib/wording';
import { month, pace } from '../support/fixtures';

const MIN = 60_000;

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

  it('counts down rounding up and counts overdue rounding down', () => {
    expect(formatDuration((3 * 60 + 12) * MIN, 'up')).toBe('3 h 12 min');
    expect(formatDuration((3 * 60 + 11) * MIN + 1, 'up')).toBe('3 h 12 min');
    expect(formatDuration((3 * 60 + 12) * MIN - 1, 'down')).toBe('3 h 11 min');
    expect(formatDuration(3 * 60 * MIN, 'up')).toBe('3 h');
    expect(formatDuration(45 * MIN, 'up')).toBe('45 min');
    expect(formatDuration((3 * 60 + 5) * MIN, 'up')).toBe('3 h 05 min');
    expect(formatDuration((27 * 60 + 30) * MIN, 'down')).toBe('1 d 3 h');
    expect(formatDuration(48 * 60 * MIN, 'down')).toBe('2 d');
    // A countdown never says "0 min" while time is left, and never goes below zero.
    expect(formatDuration(50_000, 'up')).toBe('1 min');
    expect(formatDuration(-5_000, 'up')).toBe('0 min');
    expect(dueIn(1_000 + 30_000, 1_000)).toBe('due in 1 min');
    expect(dueIn(1_000, 1_000)).toBe('due now');
    expect(overdueBy(0, (2 * 60 + 5) * MIN + 59_000)).toBe('overdue by 2 h 05 min');
  });

  it('words the median time in a stage in hours or days as fits', () => {
    expect(formatStageTime(null)).toBe('');
    expect(formatStageTime(0.4)).toBe('<1 h');
    expect(formatStageTime(5.4)).toBe('~5 h');
    expect(formatStageTime(47)).toBe('~47 h');
    expect(formatStageTime(60)).toBe('~2.5 d');
    expect(formatStageTime(72)).toBe('~3 d');
    expect(formatStageTime(24 * 14.4)).toBe('~14 d');
  });

  it('words the change against the previous period with its sign', () => {
    expect(formatChange(50, 38, 'Oct')).toBe('+12 vs Oct');
    expect(formatChange(35, 38, 'Oct')).toBe('\u22123 vs Oct');
    expect(formatChange(7, 7, 'W47')).toBe('±0 vs W47');
    expect(formatChange(50, 38)).toBe('+12');
  });
});
