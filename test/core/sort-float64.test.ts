import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFloat64 } from '../../core/sort-float64.js';

const same = (a: Float64Array, b: Float64Array) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('sortFloat64', () => {
  it('orders like the built-in sort, for long arrays of any finite numbers (radix path)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 4096,
          maxLength: 6000,
        }),
        (xs) => {
          const a = Float64Array.from(xs);
          expect(same(sortFloat64(Float64Array.from(a)), Float64Array.from(a).sort())).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('handles money with ties, zeros of both signs and negatives', () => {
    const xs = Array.from(
      { length: 10000 },
      (_, i) => [0, -0, 12.5, -3.25, 1e9, -1e-9][i % 6] * (1 + (i % 7)),
    );
    expect(same(sortFloat64(Float64Array.from(xs)), Float64Array.from(xs).sort())).toBe(true);
  });

  it('sorts short arrays with the built-in sort (example)', () => {
    expect(Array.from(sortFloat64(Float64Array.of(3, -1, 2)))).toEqual([-1, 2, 3]);
  });
});
