import { describe, expect, it } from 'vitest';
import { paceFigure } from '../../../electron/core/services/support/pace';

describe('paceFigure', () => {
  it('is on track at or above pace and behind by the gap rounded up below it', () => {
    expect(paceFigure(6, 20, 0.3)).toEqual({
      actual: 6,
      target: 20,
      pace: 6,
      elapsedShare: 0.3,
      status: 'on_track',
      behindBy: null,
    });
    expect(paceFigure(9, 20, 0.3)).toMatchObject({ status: 'on_track', behindBy: null });
    // Pace 6: 5.9 is behind by ⌈0.1⌉ = 1, 4 by 2; pace 6.2 against 5 is behind by ⌈1.2⌉ = 2.
    expect(paceFigure(5.9, 20, 0.3)).toMatchObject({ status: 'behind', behindBy: 1 });
    expect(paceFigure(4, 20, 0.3)).toMatchObject({ status: 'behind', behindBy: 2 });
    expect(paceFigure(5, 31, 0.2)).toMatchObject({ status: 'behind', behindBy: 2 });
  });

  it('does not call an exact hit behind because of floating-point noise', () => {
    // 100 × 11/20 is 55.00000000000001 and 110 × 3/22 is 14.999999999999998 in floating point.
    expect(100 * (11 / 20)).toBeGreaterThan(55);
    expect(paceFigure(15, 110, 3 / 22)).toMatchObject({ status: 'on_track', behindBy: null });
    expect(paceFigure(14, 110, 3 / 22)).toMatchObject({ status: 'behind', behindBy: 1 });
    expect(paceFigure(55, 100, 11 / 20)).toMatchObject({ status: 'on_track', behindBy: null });
    expect(paceFigure(54, 100, 11 / 20)).toMatchObject({ status: 'behind', behindBy: 1 });
  });

  it('equals the target at the end of the period and 0 before any working day', () => {
    expect(paceFigure(16, 17, 1)).toMatchObject({ pace: 17, status: 'behind', behindBy: 1 });
    expect(paceFigure(0, 17, 0)).toMatchObject({ pace: 0, status: 'on_track' });
    // A share outside 0…1 from a caller is clamped rather than trusted.
    expect(paceFigure(0, 17, 1.2)).toMatchObject({ pace: 17, elapsedShare: 1 });
    expect(paceFigure(0, 17, -0.1)).toMatchObject({ pace: 0, elapsedShare: 0 });
  });

  it('has no pace and no status beyond "no target" without a target', () => {
    expect(paceFigure(12, null, 0.5)).toEqual({
      actual: 12,
      target: null,
      pace: null,
      elapsedShare: 0.5,
      status: 'no_target',
      behindBy: null,
    });
  });
});
