// PROFITTIER places each row with the same rules as the analysis (DOMAIN.md §3–4), but by another
// path: binary search against a prepared population, where the analysis uses class cut-offs.
// The two must agree on every customer, above all where they could drift: tied revenues and
// margins, and values exactly on a threshold (which go to the higher class). A column is its own
// population; one row is placed in allRevenue/allProfit, and refused without them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_REVENUE } from '../../../core/defaults.js';
import { FunctionArgumentError } from '../../../core/functions/arguments.js';
import { profitSegment, profitTier } from '../../../core/functions/profit-tier.js';
import type { CellValue } from '../../../core/types.js';
import { customer, run } from '../builder.js';

interface Gen {
  /** Revenue; a multiple of 4 so quarter margins are whole numbers. */
  revenue: number;
  /** Gross margin in quarters: gross profit = revenue × quarters / 4. */
  quarters: number;
  orders: number;
}

// Few distinct values, so revenues and margins tie often; 0 and credit notes stay outside.
const genCustomer: fc.Arbitrary<Gen> = fc.record({
  revenue: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(4, 8, 12, 20, 40, 100, 200).map((r) => r * 4) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 500 }).map((r) => r * 4) },
    { weight: 1, arbitrary: fc.constantFrom(0, -40) },
  ),
  quarters: fc.integer({ min: -1, max: 3 }),
  orders: fc.integer({ min: 0, max: 3 }),
});

/** Revenue of customers with strictly greater revenue / revenue > 0: the Pareto before(c). */
function before(gens: Gen[], r: number): number {
  const positive = gens.filter((g) => g.revenue > 0);
  const total = positive.reduce((s, g) => s + g.revenue, 0);
  return positive.filter((g) => g.revenue > r).reduce((s, g) => s + g.revenue, 0) / total;
}

/**
 * Settings whose thresholds sit exactly on values of the population: Pareto shares equal to two
 * customers' before(c), fixed revenues equal to two revenues, fixed margins and a bands target
 * equal to two customers' margins; plus the default methods and terciles.
 */
function settingsOn(gens: Gen[], rate: number, i: number, j: number) {
  const net = (g: Gen) => (g.revenue * g.quarters) / 4 - g.orders * rate;
  const positive = gens.filter((g) => g.revenue > 0);
  const a = positive[i % Math.max(positive.length, 1)],
    b = positive[j % Math.max(positive.length, 1)];
  const sorted = (x: number, y: number) => [Math.min(x, y), Math.max(x, y)];
  const sizes: unknown[] = [{ method: 'pareto' }, { method: 'terciles' }];
  const profits: unknown[] = [{ method: 'bands' }, { method: 'terciles' }];
  if (a && b) {
    const [large, medium] = sorted(before(gens, a.revenue), before(gens, b.revenue));
    sizes.push({ method: 'pareto', large, medium });
    const [small, big] = sorted(a.revenue, b.revenue);
    sizes.push({ method: 'fixed', large: big, medium: small });
    const [low, high] = sorted(net(a) / a.revenue, net(b) / b.revenue);
    profits.push({ method: 'fixed', high, low }, { method: 'bands', target: high });
  }
  return fc.tuple(fc.constantFrom(...sizes), fc.constantFrom(...profits)).map(([size, p]) => ({
    rates: { orders: rate },
    size,
    profitability: p,
  }));
}

const scenario = fc
  .tuple(
    fc.array(genCustomer, { minLength: 1, maxLength: 25 }),
    fc.constantFrom(0, 1, 4),
    fc.nat(),
    fc.nat(),
  )
  .chain(([gens, rate, i, j]) =>
    fc.tuple(fc.constant(gens), fc.constant(rate), settingsOn(gens, rate, i, j)),
  );

describe('PROFITTIER and the analysis', () => {
  it('place every customer in the same class, on ties and threshold-exact values', () => {
    fc.assert(
      fc.property(scenario, ([gens, rate, s]) => {
        const keys = gens.map((_, k) => `C${k}`);
        const gross = gens.map((g) => (g.revenue * g.quarters) / 4);
        const table: CellValue[][] = [
          ['Customer', 'Revenue', 'Gross Profit', 'Orders'],
          ...gens.map((g, k) => [keys[k], g.revenue, gross[k], g.orders]),
        ];
        const a = run(table, s);
        // What a user types: the revenue, gross profit and cost-to-serve columns, the same settings.
        const revenue = gens.map((g) => [g.revenue]),
          profit = gross.map((x) => [x]),
          cost = gens.map((g) => [g.orders * rate]),
          options = JSON.stringify(s);
        // A column is its own population; a single customer needs it given (see below).
        const all = gens.length > 1 ? [null, null, null] : [revenue, profit, cost];
        const tiers = profitTier(revenue, profit, cost, ...all, options);
        const segments = profitSegment(revenue, profit, cost, ...all, options);
        gens.forEach((g, k) => {
          const c = customer(a, keys[k]);
          // revenue 0 is how Excel hands over a blank cell: a blank result, not "No revenue"
          const outside = g.revenue === 0 ? '' : NO_REVENUE;
          expect(segments[k][0], `${keys[k]} segment`).toBe(c.segment ?? outside);
          expect(tiers[k][0], `${keys[k]} tier`).toBe(c.tier ?? outside);
          // a formula dragged down the column: one row placed within the whole population
          const one = profitSegment(
            [revenue[k]],
            [profit[k]],
            [cost[k]],
            revenue,
            profit,
            cost,
            options,
          );
          expect(one[0][0], `${keys[k]} dragged`).toBe(segments[k][0]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on a hand-made Pareto edge: before(c) exactly 0.8 and 0.95 go down a class', () => {
    // revenues 50, 30, 15, 5 → before = 0, .5, .8, .95 → Large, Large, Medium, Small
    const table: CellValue[][] = [
      ['Customer', 'Revenue', 'Gross Profit'],
      ['A', 50, 10],
      ['B', 30, 6],
      ['C', 15, 3],
      ['D', 5, 1],
    ];
    const a = run(table);
    const segments = profitSegment(
      table.slice(1).map((r) => [r[1]]),
      table.slice(1).map((r) => [r[2]]),
    ).map(([s]) => s);
    // every margin is 0.2, exactly the overall margin: High everywhere
    expect(segments).toEqual(['Large/High', 'Large/High', 'Medium/High', 'Small/High']);
    expect(['A', 'B', 'C', 'D'].map((k) => customer(a, k).segment)).toEqual(segments);
  });
});

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

describe('PROFITTIER with conciergeMaxAccounts (DOMAIN.md §8)', () => {
  // Five customers of revenue 100 (all Large: ties share a class); net profits 50, 40, 30, 20, 10 →
  // overall margin 150 / 500 = 30 %: 50, 40 and 30 are Large/High (Concierge), 20 and 10 Large/Mid.
  const revenue = [[100], [100], [100], [100], [100]],
    profit = [[50], [40], [30], [20], [10]];
  const limit = (n: number) => JSON.stringify({ conciergeMaxAccounts: n });

  it('keeps Concierge for the N that earn most and gives the others Maintain, as the analysis', () => {
    expect(profitTier(revenue, profit, null, null, null, null, limit(2)).flat()).toEqual([
      'Concierge',
      'Concierge',
      'Maintain',
      'Maintain',
      'Maintain',
    ]);
    const a = run(
      [['Customer', 'Revenue', 'Gross Profit'], ...profit.map((p, k) => [`C${k}`, 100, p[0]])],
      { conciergeMaxAccounts: 2 },
    );
    expect(profit.map((_, k) => customer(a, `C${k}`).tier)).toEqual(
      profitTier(revenue, profit, null, null, null, null, limit(2)).flat(),
    );
    // without the limit all three are Concierge
    expect(profitTier(revenue, profit).flat().slice(0, 3)).toEqual(Array(3).fill('Concierge'));
  });

  it('applies the limit to a row placed in the population, as a filled-down formula does', () => {
    expect(profitTier(100, 40, null, revenue, profit, null, limit(2))).toEqual([['Concierge']]);
    expect(profitTier(100, 30, null, revenue, profit, null, limit(2))).toEqual([['Maintain']]);
    expect(profitTier(100, 30, null, revenue, profit, null, limit(3))).toEqual([['Concierge']]);
  });

  it('takes the limit from an options range of Settings labels and paths', () => {
    const range = [
      ['Size method', 'pareto'], // the template's label
      ['conciergeMaxAccounts', 1], // a settings path
    ];
    expect(profitTier(revenue, profit, null, null, null, null, range).flat()).toEqual([
      'Concierge',
      'Maintain',
      'Maintain',
      'Maintain',
      'Maintain',
    ]);
    // a label of another method's threshold is skipped, as on the sheet: thirds by count instead
    const thirds = [
      ['Size method', 'terciles'],
      ['Pareto: Large below', 0.5],
    ];
    expect(profitSegment(revenue, profit, null, null, null, null, thirds).flat()).toEqual(
      profitSegment(
        revenue,
        profit,
        null,
        null,
        null,
        null,
        '{"size":{"method":"terciles"}}',
      ).flat(),
    );
  });

  it('keeps every row tied at the N-th place in Concierge: a function has no customer keys', () => {
    const tied = [[50], [40], [40], [20], [10]]; // target 160 / 500 = 32 %: 50, 40, 40 are High
    expect(profitTier(revenue, tied, null, null, null, null, limit(2)).flat()).toEqual([
      'Concierge',
      'Concierge',
      'Concierge',
      'Maintain',
      'Maintain',
    ]);
  });
});
