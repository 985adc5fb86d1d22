// DOMAIN.md §3–4: the 3×3 matrix: per segment its customers' count, money, shares, tier and action.
import { describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../core/defaults.js';
import { profitMatrix } from '../../core/matrix.js';
import { customers, expectMoney, run, settings } from './builder.js';

describe('profitMatrix', () => {
  it('always has nine cells in segment order, empty ones included', () => {
    const m = profitMatrix(
      new Int8Array(0),
      new Float64Array(0),
      new Float64Array(0),
      new Float64Array(0),
      new Float64Array(0),
      settings({}),
    );
    expect(m.map((c) => c.segment)).toEqual(SEGMENTS);
    expect(
      m.every((c) => c.count === 0 && c.shareOfCustomers === null && c.shareOfProfit === null),
    ).toBe(true);
    expect(m.map((c) => c.tier)).toEqual([
      'Concierge',
      'Maintain',
      'Fix',
      'Grow',
      'Maintain',
      'Fix',
      'Grow',
      'Self-service',
      'Self-service',
    ]);
  });

  it('sums each cell and gives its shares of the matrix totals', () => {
    // segments: c0 Large/High, c1 Large/High, c2 Small/Low, c3 outside (−1)
    const m = profitMatrix(
      Int8Array.of(0, 0, 8, -1),
      Float64Array.of(600, 300, 100, 0), // matrix revenue 1,000
      Float64Array.of(200, 100, 10, -5),
      Float64Array.of(20, 10, 30, 0),
      Float64Array.of(180, 90, -20, -5), // matrix net profit 250
      settings({}),
    );
    expect(m[0]).toMatchObject({
      segment: 'Large/High',
      code: 'L-H',
      size: 'Large',
      profitability: 'High',
      count: 2,
      revenue: 900,
      grossProfit: 300,
      costToServe: 30,
      netProfit: 270,
    });
    expect(m[0].shareOfCustomers).toBe(2 / 3);
    expect(m[0].shareOfRevenue).toBe(0.9);
    expect(m[0].shareOfProfit).toBe(270 / 250); // 1.08
    expect(m[8]).toMatchObject({
      segment: 'Small/Low',
      code: 'S-L',
      count: 1,
      revenue: 100,
      netProfit: -20,
    });
    expect(m[8].shareOfProfit).toBe(-20 / 250);
    expect(m.reduce((a, c) => a + c.count, 0)).toBe(3);
  });
});

describe('in the analysis', () => {
  it('adds up to the totals of the matrix customers', () => {
    const a = run(
      customers({
        A: { revenue: 5000.55, cogs: 3000.1, orders: 3 },
        B: { revenue: 1200.2, cogs: 1100.3, orders: 9 },
        C: { revenue: 310.45, cogs: 100, orders: 1 },
        D: { revenue: 99.99, cogs: 120, orders: 2 },
        Z: { revenue: 0, cogs: 5, orders: 1 },
      }),
      { rates: { orders: 12.5 } },
    );
    const sum = (f: (c: (typeof a.matrix)[number]) => number) =>
      a.matrix.reduce((s, c) => s + f(c), 0);
    expect(sum((c) => c.count)).toBe(4);
    expectMoney(
      sum((c) => c.revenue),
      a.totals.revenue - a.totals.noRevenue.revenue,
    );
    expectMoney(
      sum((c) => c.netProfit),
      a.totals.netProfit - a.totals.noRevenue.netProfit,
    );
    expectMoney(
      sum((c) => c.shareOfRevenue ?? 0),
      1,
    );
    expectMoney(
      sum((c) => c.shareOfProfit ?? 0),
      1,
    );
  });
});
