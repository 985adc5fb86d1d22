// PROFITTIER / PROFITSEGMENT: a column is its own population; one row is placed in allRevenue/allProfit.
import { describe, expect, it } from 'vitest';
import { FunctionArgumentError } from '../../../core/functions/arguments.js';
import { profitSegment, profitTier } from '../../../core/functions/profit-tier.js';

// Revenue 800/150/50: share of revenue before each is 0, 0.80, 0.95 → Large, Medium, Small.
// Net profit 240/15/-10: target margin 245/1000 = 24.5 %; margins 30 %, 10 %, a loss → High, Mid, Low.
const revenue = [[800], [150], [50]];
const profit = [[240], [15], [-10]];

describe('profitTier', () => {
  it('places each row of a column within that column', () => {
    expect(profitSegment(revenue, profit).map((r) => r[0])).toEqual([
      'Large/High',
      'Medium/Mid',
      'Small/Low',
    ]);
  });

  it('places one row within the population ranges, as a filled-down formula does', () => {
    expect(profitTier(150, 15, null, revenue, profit)).toEqual(
      profitTier(revenue, profit).slice(1, 2),
    );
  });

  it('refuses one customer without population ranges: a filled-down formula would rank each row alone', () => {
    for (const f of [profitTier, profitSegment]) {
      let caught: unknown;
      try {
        f(50, -10);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(FunctionArgumentError);
      expect((caught as Error).message).toBe(
        'revenue: is one customer, a population of one; give allRevenue and allProfit when the formula is filled down',
      );
      expect(() => f([[50]], [[-10]], [[5]])).toThrow(/filled down/);
    }
  });
});
