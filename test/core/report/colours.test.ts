// DOMAIN.md §17: colours follow money — green for profit, red for loss, stronger for more; a
// cell that loses money is never green, even when its share of a negative total is positive.
import { describe, expect, it } from 'vitest';
import { heat, MIN_HEAT, profitHeat } from '../../../core/report/colours.js';

describe('profitHeat', () => {
  it('scales profits by the largest profit and losses by the largest loss (doc example)', () => {
    expect(profitHeat([300, 150, 0, -150, -300])).toEqual([
      heat(1),
      heat(0.675),
      heat(0),
      heat(-0.675),
      heat(-1),
    ]);
  });

  it('shows a small loss beside a large profit as clearly red, not white', () => {
    // the review's matrix: +620k in the best cell, −22,716 in one losing cell
    const [, loss] = profitHeat([620_000, -22_716]);
    expect(loss).toBe(heat(-1)); // the only loss is the largest loss
    const [, small, big] = profitHeat([620_000, -1, -1_000_000]);
    expect(small).toBe(heat(-(MIN_HEAT + (1 - MIN_HEAT) * 1e-6)));
    // green channel well below white's 255: visibly red
    expect(Number.parseInt(small.slice(3, 5), 16)).toBeLessThan(220);
    expect(big).toBe(heat(-1));
  });

  it('shows a small profit beside a large one as visibly green', () => {
    const [, small] = profitHeat([620_000, 1]);
    expect(Number.parseInt(small.slice(1, 3), 16)).toBeLessThan(220); // red channel drops
  });

  it('keeps a losing cell red when the business loses money overall', () => {
    // total −200: shares would be −.5 for the profitable cell and 1.5 for the loser
    const [good, bad] = profitHeat([100, -300]);
    expect(good).toBe(heat(1)); // green: the largest profit
    expect(bad).toBe(heat(-1)); // red
    expect(heat(-1)).toBe('#F8696B');
  });

  it('is white for an all-zero matrix', () => {
    expect(profitHeat([0, 0])).toEqual(['#FFFFFF', '#FFFFFF']);
  });
});
