// DOMAIN.md §9: results never depend on row order; sums of money must not either.
import { describe, expect, it } from 'vitest';
import { ExactSum, exactSum, GroupSum, suffixSums } from '../../core/exact-sum.js';

describe('exactSum', () => {
  it('adds cents as a person would: 0.1 + 0.2 + 0.3 = 0.6 in every order', () => {
    // plain += gives 0.6000000000000001 for 0.1 + 0.2 + 0.3 but 0.6 for 0.3 + 0.2 + 0.1
    expect(0.1 + 0.2 + 0.3).not.toBe(0.3 + 0.2 + 0.1);
    const orders = [
      [0.1, 0.2, 0.3],
      [0.3, 0.2, 0.1],
      [0.2, 0.1, 0.3],
      [0.3, 0.1, 0.2],
    ];
    for (const o of orders) expect(exactSum(o)).toBe(0.6);
  });

  it('keeps small amounts next to large ones', () => {
    // 1e16 + 1 − 1e16: plain += loses the 1
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
    expect(exactSum([1e16, -1e16, 1])).toBe(1);
  });

  it('sums a range', () => {
    expect(exactSum([1, 2, 3, 4], 1, 3)).toBe(5);
    expect(exactSum([])).toBe(0);
  });

  it('gives the same total for a shuffled list of cents', () => {
    const cents = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 100_003) / 100 - 300);
    const reversed = [...cents].reverse();
    const interleaved = cents.filter((_, i) => i % 2).concat(cents.filter((_, i) => i % 2 === 0));
    expect(exactSum(reversed)).toBe(exactSum(cents));
    expect(exactSum(interleaved)).toBe(exactSum(cents));
  });
});

describe('ExactSum', () => {
  it('reads the running total at any point, as exactly as exactSum', () => {
    const sum = new ExactSum();
    const seen: number[] = [];
    for (const x of [1e16, 1, -1e16, 0.1, 0.2]) {
      sum.add(x);
      seen.push(sum.value);
    }
    // 1e16 + 1 reads as 1e16 (no double in between), yet the 1 is kept and comes back
    expect(seen).toEqual([1e16, 1e16, 1, 1.1, 1.3]);
  });
});

describe('GroupSum', () => {
  it('sums per group', () => {
    const g = new GroupSum(2);
    for (const [k, x] of [
      [0, 0.1],
      [1, 5],
      [0, 0.2],
      [0, 0.3],
      [1, -5],
    ] as const)
      g.add(k, x);
    expect(Array.from(g.result())).toEqual([0.6, 0]);
  });
});

describe('suffixSums', () => {
  it('gives Σ sorted[i..n) and 0 at the end', () => {
    expect(Array.from(suffixSums(Float64Array.of(5, 15, 30, 50)))).toEqual([100, 95, 80, 50, 0]);
  });
});
