// DOMAIN.md §17: colours follow money — green for profit, red for loss, stronger for more; a
// cell that loses money is never green, even when its share of a negative total is positive.
import { describe, expect, it } from 'vitest';
import { heat, profitHeat } from '../../../core/report/colours.js';

describe('profitHeat', () => {
  it('scales by the largest |net profit| (doc example)', () => {
    expect(profitHeat([300, 0, -150])).toEqual([heat(1), heat(0), heat(-0.5)]);
  });

  it('keeps a losing cell red when the business loses money overall', () => {
    // total −200: shares would be −.5 for the profitable cell and 1.5 for the loser
    const [good, bad] = profitHeat([100, -300]);
    expect(good).toBe(heat(1 / 3)); // green
    expect(bad).toBe(heat(-1)); // red
    expect(heat(-1)).toBe('#F8696B');
  });

  it('is white for an all-zero matrix', () => {
    expect(profitHeat([0, 0])).toEqual(['#FFFFFF', '#FFFFFF']);
  });
});
