// DOMAIN.md §3, profitability (margin bands): target = max(0, Σ netProfit / Σ revenue) over the
// matrix customers. Low if netProfit < 0; High if netMargin ≥ target; else Mid.
// Other methods: terciles of netMargin within each size class; fixed margin thresholds.
// A value exactly on a threshold goes to the higher class.
import { describe, expect, it } from 'vitest';
import { classify } from '../../core/classify.js';
import { marginTarget } from '../../core/profit-class.js';
import { customer, customers, run, settings } from './builder.js';

const NAMES = ['High', 'Mid', 'Low'];
function profit(revenue: number[], netProfit: number[], input: unknown = {}) {
  const c = classify(Float64Array.from(revenue), Float64Array.from(netProfit), settings(input));
  return { classes: Array.from(c.profit, (p) => (p < 0 ? null : NAMES[p])), target: c.target };
}

describe('margin bands (default)', () => {
  it('compares each margin with the overall margin', () => {
    // target = (30 + 5 − 2) / 300 = 33 / 300 = 0.11; margins .30 High, .05 Mid; −2 < 0 → Low
    const { classes, target } = profit([100, 100, 100], [30, 5, -2]);
    expect(target).toBeCloseTo(0.11, 15);
    expect(classes).toEqual(['High', 'Mid', 'Low']);
  });

  it('puts a margin exactly on the target in High', () => {
    // target = (10 + 20 + 0) / (100 + 200 + 100) = 30 / 400 = 0.075
    // A: 10/100 = .1 ≥ .075 High; B: 20/200 = .1 High; C: 0 < .075, not < 0 → Mid
    expect(profit([100, 200, 100], [10, 20, 0]).classes).toEqual(['High', 'High', 'Mid']);
    // two customers with the same margin: target = 30 / 300 = 0.1 = each margin → both High
    expect(profit([100, 200], [10, 20]).classes).toEqual(['High', 'High']);
    // in cents: 12.34 / 123.40 = 0.1 and 24.68 / 246.80 = 0.1; target (37.02 / 370.20) = 0.1
    expect(profit([123.4, 246.8], [12.34, 24.68]).classes).toEqual(['High', 'High']);
  });

  it('makes a money-loser Low, whatever the target', () => {
    expect(profit([100, 100], [50, -0.01]).classes).toEqual(['High', 'Low']);
    expect(
      profit([100], [-1], { profitability: { method: 'bands', target: -0.5 } }).classes,
    ).toEqual(['Low']);
  });

  it('sets the target to 0 when the overall margin is ≤ 0: every customer not losing money is High', () => {
    // overall (10 − 50 + 0) / 300 < 0 → target 0; A .1 ≥ 0 High; B Low; C margin 0 ≥ 0 High
    const { classes, target } = profit([100, 100, 100], [10, -50, 0]);
    expect(target).toBe(0);
    expect(classes).toEqual(['High', 'Low', 'High']);
  });

  it('takes the target over the matrix customers only (revenue > 0)', () => {
    // the customer with revenue 0 and net profit −1,000 is outside: target = 30 / 200 = 0.15
    expect(
      marginTarget(
        Float64Array.of(100, 100, 0),
        Float64Array.of(20, 10, -1000),
        Int8Array.of(0, 0, -1),
      ),
    ).toBe(0.15);
    expect(profit([100, 100, 0], [20, 10, -1000]).classes).toEqual(['High', 'Mid', null]);
  });

  it('uses a target from the settings when given', () => {
    // target 0.2: .25 High, .2 High (on it), .19 Mid
    const { classes, target } = profit([100, 100, 100], [25, 20, 19], {
      profitability: { method: 'bands', target: 0.2 },
    });
    expect(target).toBe(0.2);
    expect(classes).toEqual(['High', 'High', 'Mid']);
  });

  it('reports the target in the totals of the analysis', () => {
    // A 40/100, B 5/50 → target 45/150 = 0.3 → A .4 High, B .1 Mid
    const a = run(customers({ A: { revenue: 100, cogs: 60 }, B: { revenue: 50, cogs: 45 } }));
    expect(a.totals.marginTarget).toBeCloseTo(0.3, 15);
    expect(a.classes.profit[0]).toBe(0);
    expect(a.classes.profit[1]).toBe(1);
  });
});

describe('terciles of net margin within each size class', () => {
  it('ranks margins inside Large and inside Small separately', () => {
    // fixed sizes: ≥ 1000 Large, else Small (medium threshold 1000 too)
    // Large margins .30, .20, .10 → High, Mid, Low; Small margins .05, .50, −.10 → Mid, High, Low
    const { classes, target } = profit(
      [1000, 1000, 1000, 100, 100, 100],
      [300, 200, 100, 5, 50, -10],
      {
        size: { method: 'fixed', large: 1000, medium: 1000 },
        profitability: { method: 'terciles' },
      },
    );
    expect(classes).toEqual(['High', 'Mid', 'Low', 'Mid', 'High', 'Low']);
    expect(target).toBeNaN();
  });

  it('lets equal margins share a class', () => {
    // all margins .1 → rank 0 → High
    expect(
      profit([100, 200, 300], [10, 20, 30], { profitability: { method: 'terciles' } }).classes,
    ).toEqual(['High', 'High', 'High']);
  });

  it('can call a money-loser High when the whole class loses more (the literal seed method)', () => {
    // one size class (all 100 → all Large): margins −.01, −.5, −.9 → High, Mid, Low
    expect(
      profit([100, 100, 100], [-1, -50, -90], { profitability: { method: 'terciles' } }).classes,
    ).toEqual(['High', 'Mid', 'Low']);
  });
});

describe('fixed margin thresholds', () => {
  it('puts a margin exactly on a threshold in the higher class', () => {
    // high .15, low 0: .15 High; .1499 Mid; 0 Mid; −.01 Low
    const p = { profitability: { method: 'fixed', high: 0.15, low: 0 } };
    expect(profit([100, 10000, 100, 100], [15, 1499, 0, -1], p).classes).toEqual([
      'High',
      'Mid',
      'Mid',
      'Low',
    ]);
  });
});

describe('bands when the business loses money overall', () => {
  // A earns 10 on 1,000 (margin .01), B loses 100 on 1,000: overall −90, so the target is
  // max(0, −.045) = 0 and A's thin 1 % margin is High → Concierge, "Protect".
  const a = run(customers({ A: { revenue: 1000, cogs: 990 }, B: { revenue: 1000, cogs: 1100 } }));

  it('warns that the bands rest on a 0 % target', () => {
    expect(customer(a, 'A').tier).toBe('Concierge');
    expect(a.warnings).toContain(
      'The business loses 90 overall, so the profitability bands rest on a 0 % margin target: any customer that makes money is High, and a thin-margin customer may read "Protect" or "grow at full margin" (set profitability.target to judge margins against a goal)',
    );
  });

  it('says nothing once a target is set', () => {
    const b = run(
      customers({ A: { revenue: 1000, cogs: 990 }, B: { revenue: 1000, cogs: 1100 } }),
      { profitability: { target: 0.1 } },
    );
    expect(b.warnings.some((w) => w.includes('0 % margin target'))).toBe(false);
  });
});
