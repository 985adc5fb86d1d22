// The median of DOMAIN.md §5 ("the median over all matrix customers"): middle value, or the mean
// of the two middle values for an even count; NaN for no values.
import { describe, expect, it } from 'vitest';
import { median } from '../../core/median.js';

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median(Float64Array.of(9, 1, 5))).toBe(5);
    expect(median(Float64Array.of(7))).toBe(7);
  });

  it('averages the two middle values of an even count', () => {
    // sorted 1, 2, 3, 10 → (2 + 3) / 2 = 2.5
    expect(median(Float64Array.of(3, 1, 2, 10))).toBe(2.5);
    expect(median(Float64Array.of(-4, 4))).toBe(0);
  });

  it('handles repeated values', () => {
    expect(median(Float64Array.of(2, 2, 2, 1))).toBe(2); // sorted 1, 2, 2, 2 → (2 + 2) / 2
    expect(median(Float64Array.of(0, 0, 0, 0, 5))).toBe(0);
  });

  it('is NaN for no values', () => {
    expect(median(new Float64Array(0))).toBeNaN();
  });

  it('leaves its input untouched', () => {
    const v = Float64Array.of(5, 4, 3, 2, 1);
    median(v);
    expect(Array.from(v)).toEqual([5, 4, 3, 2, 1]);
  });

  it('agrees with sort-then-pick on sorted, reversed, constant and scrambled input', () => {
    const bySort = (v: Float64Array) => {
      const s = Float64Array.from(v).sort(),
        n = s.length;
      return n % 2 ? s[n >> 1] : (s[n / 2 - 1] + s[n / 2]) / 2;
    };
    const n = 10_001;
    const cases = [
      Float64Array.from({ length: n }, (_, i) => i),
      Float64Array.from({ length: n }, (_, i) => n - i),
      new Float64Array(n).fill(3),
      Float64Array.from({ length: n - 1 }, (_, i) => (i * 7919) % 1000), // many ties, even count
    ];
    for (const v of cases) expect(median(v)).toBe(bySort(v));
  });
});
