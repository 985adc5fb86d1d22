// DOMAIN.md §5: a customer's top cost drivers are the drivers whose cost per unit of revenue most
// exceeds the median over all matrix customers, reported with the multiple of the median.
import { describe, expect, it } from 'vitest';
import { topDrivers } from '../../core/cost-drivers.js';
import type { CostColumn } from '../../core/cost-to-serve.js';
import { COST_LINES } from '../../core/types.js';

/** Cost lines in COST_LINES order from a partial map; null where absent. */
function lines(
  costs: Partial<Record<(typeof COST_LINES)[number], number[]>>,
): (CostColumn | null)[] {
  return COST_LINES.map((l) =>
    costs[l] ? { values: Float64Array.from(costs[l]!), by: null, factor: 1 } : null,
  );
}
const top = (t: ReturnType<typeof topDrivers>, c: number) =>
  Array.from(t.top.subarray(c * 3, c * 3 + 3))
    .filter((l) => l >= 0)
    .map((l) => COST_LINES[l]);
const LARGE = (n: number) => new Int8Array(n); // everyone in the matrix (size 0)

describe('topDrivers', () => {
  it('names the driver above the median (example of the doc comment)', () => {
    // revenue 100 each, order costs 5 and 20 → .05 and .20 per $; median .125;
    // the second customer is .075 above it (1.6×); the first is below: no driver.
    const t = topDrivers(Float64Array.of(100, 100), lines({ orders: [5, 20] }), LARGE(2));
    expect(t.medians[COST_LINES.indexOf('orders')]).toBe(0.125);
    expect(top(t, 0)).toEqual([]);
    expect(top(t, 1)).toEqual(['orders']);
  });

  it('ranks by the excess per $ of revenue, not by the multiple', () => {
    // orders per $: .01, .01, .05 → median .01; C exceeds by .04 (5×)
    // deliveries per $: .20, .20, .30 → median .20; C exceeds by .10 (1.5×) → deliveries first
    const t = topDrivers(
      Float64Array.of(100, 100, 100),
      lines({ orders: [1, 1, 5], deliveries: [20, 20, 30] }),
      LARGE(3),
    );
    expect(top(t, 2)).toEqual(['deliveries', 'orders']);
  });

  it('names at most three, the biggest excesses first', () => {
    // C exceeds the median (0) by .01 on orders, .02 on lines, .03 on returns, .04 on visits
    const t = topDrivers(
      Float64Array.of(100, 100, 100),
      lines({ orders: [0, 0, 1], lines: [0, 0, 2], returns: [0, 0, 3], visits: [0, 0, 4] }),
      LARGE(3),
    );
    expect(top(t, 2)).toEqual(['visits', 'returns', 'lines']);
  });

  it('breaks equal excesses by cost-line order', () => {
    const t = topDrivers(
      Float64Array.of(100, 100, 100),
      lines({ contacts: [0, 0, 3], orders: [0, 0, 3] }),
      LARGE(3),
    );
    expect(top(t, 2)).toEqual(['orders', 'contacts']);
  });

  it('names nothing at or below the median', () => {
    // per $: .01, .02, .03 → median .02; B is on it (excess 0), A below
    const t = topDrivers(Float64Array.of(100, 100, 100), lines({ orders: [1, 2, 3] }), LARGE(3));
    expect([top(t, 0), top(t, 1), top(t, 2)]).toEqual([[], [], ['orders']]);
  });

  it('takes medians over matrix customers only, and explains no one outside', () => {
    // C (size −1, revenue 0) is left out: orders per $ .01 and .03 → median .02
    const t = topDrivers(
      Float64Array.of(100, 100, 0),
      lines({ orders: [1, 3, 50] }),
      Int8Array.of(0, 2, -1),
    );
    expect(t.medians[COST_LINES.indexOf('orders')]).toBeCloseTo(0.02, 15);
    expect(top(t, 1)).toEqual(['orders']);
    expect(top(t, 2)).toEqual([]);
  });

  it('has no median for a line that costs nothing', () => {
    const t = topDrivers(Float64Array.of(100), lines({}), LARGE(1));
    expect(Array.from(t.medians).every(Number.isNaN)).toBe(true);
  });
});
