// DOMAIN.md §15: with a period column and more than two periods every period is analysed (every
// row used; one rate per pool over all rows, §7), each segmented on its own; per period the totals,
// tiers, new and lost customers; per customer its tier in each period; the 20 largest swings in net
// profit between the last two periods.
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../core/types.js';
import { customer, expectMoney, run, table } from './builder.js';

// Four quarters of order lines. An orders pool of 1,000 over the 40 orders of the whole year is
// 25 an order in every quarter (its own quarter's orders alone would give 83.33, 62.50, 142.86, 200).
//            net profit = gross profit − 25 × orders
const HEADER = ['Customer', 'Order Date', 'Revenue', 'COGS', 'Orders'];
const ROWS: CellValue[][] = [
  ['A', '2024-02-15', 1000, 600, 4], // Q1 A  400 − 100 = 300
  ['B', '2024-02-15', 500, 300, 6], //  Q1 B  200 − 150 =  50
  ['C', '2024-02-15', 200, 100, 2], //  Q1 C  100 −  50 =  50
  ['A', '2024-05-15', 1000, 600, 4], // Q2 A  300
  ['B', '2024-05-15', 500, 300, 10], // Q2 B  200 − 250 = −50
  ['D', '2024-05-15', 300, 150, 2], //  Q2 D  150 −  50 = 100
  ['A', '2024-08-15', 1200, 700, 5], // Q3 A  500 − 125 = 375
  ['D', '2024-08-15', 300, 150, 1], //  Q3 D  150 −  25 = 125
  ['E', '2024-08-15', 100, 40, 1], //   Q3 E   60 −  25 =  35
  ['A', '2024-11-15', 800, 500, 2], //  Q4 A  300 −  50 = 250
  ['B', '2024-11-15', 400, 250, 2], //  Q4 B  150 −  50 = 100
  ['E', '2024-11-15', 100, 40, 1], //   Q4 E   35
];
const POOL = { pools: { orders: 1000 } };
const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'];
const a = run(table([HEADER, ...ROWS]), POOL, { periods: 'quarter' });
const t = a.trend!;

describe('four quarters', () => {
  it('uses every row, and analyses every quarter', () => {
    expect(a.rows).toEqual({ total: 12, used: 12, rejected: [] });
    expect(t.periods).toEqual(QUARTERS);
  });

  it('analyses each quarter as that quarter alone, priced at the rate of the whole year', () => {
    QUARTERS.forEach((q, p) => {
      const alone = run(
        table([HEADER, ...ROWS.filter((_, i) => Math.floor(i / 3) === p)]),
        { rates: { orders: 25 } }, // 1,000 / 40 orders, by hand
      );
      expect(t.totals[p].period).toBe(q);
      expect(t.totals[p].customers).toBe(alone.totals.customers);
      expectMoney(t.totals[p].revenue, alone.totals.revenue, `${q} revenue`);
      expectMoney(t.totals[p].netProfit, alone.totals.netProfit, `${q} net profit`);
      for (const key of alone.customers.keys) {
        const row = t.customers.find((c) => c.customer === key)!;
        expect(row.tiers[p], `${key} in ${q}`).toBe(customer(alone, key).tier);
        expectMoney(row.netProfit[p], customer(alone, key).netProfit, `${key} in ${q}`);
      }
    });
  });

  it('reports the totals, tiers, new and lost customers of each quarter', () => {
    expect(t.totals.map((x) => [x.customers, x.revenue, x.netProfit])).toEqual([
      [3, 1700, 400],
      [3, 1800, 350],
      [3, 1600, 535],
      [3, 1300, 385],
    ]);
    // Q1: target 400/1700 = .235: A (.30) Concierge, B (.10) Large/Mid Maintain, C (.25, Medium) Grow
    expect(t.totals[0].tiers).toEqual({
      Concierge: 1,
      Grow: 1,
      Maintain: 1,
      Fix: 0,
      'Self-service': 0,
    });
    expect([t.totals[0].new, t.totals[0].lost]).toEqual([null, null]);
    expect(t.totals.slice(1).map((x) => [x.new, x.lost])).toEqual([
      [
        { count: 1, revenue: 300, netProfit: 100 }, // D arrives in Q2
        { count: 1, revenue: 200, netProfit: 50 }, //  C (its Q1 figures)
      ],
      [
        { count: 1, revenue: 100, netProfit: 35 }, //  E
        { count: 1, revenue: 500, netProfit: -50 }, // B
      ],
      [
        { count: 1, revenue: 400, netProfit: 100 }, // B is back
        { count: 1, revenue: 300, netProfit: 125 }, // D
      ],
    ]);
  });

  it("lists each customer's tier per quarter, null where absent, most profit over the year first", () => {
    expect(t.customers.map((c) => [c.customer, ...c.tiers])).toEqual([
      ['A', 'Concierge', 'Concierge', 'Maintain', 'Concierge'], // 1225 in the year
      ['D', null, 'Grow', 'Concierge', null], //                      225
      ['B', 'Maintain', 'Fix', null, 'Maintain'], //                  100
      ['E', null, null, 'Grow', 'Grow'], //                            70
      ['C', 'Grow', null, null, null], //                              50
    ]);
    expect(t.customers[2].netProfit).toEqual([50, -50, null, 100]);
  });

  it('lists the largest swings between the last two quarters, absent as 0, ties by key', () => {
    expect(t.swings).toEqual([
      { customer: 'A', from: 375, to: 250, change: -125 },
      { customer: 'D', from: 125, to: 0, change: -125 },
      { customer: 'B', from: 0, to: 100, change: 100 },
      { customer: 'E', from: 35, to: 35, change: 0 },
    ]);
  });

  it('keeps migration the comparison of the last two, at the same rates', () => {
    expect([a.migration!.from, a.migration!.to, a.period]).toEqual([
      '2024-Q3',
      '2024-Q4',
      '2024-Q4',
    ]);
    expect(a.cost.rates.orders).toBe(25);
    expect(a.totals.netProfit).toBe(385);
    expect(a.previous!.totals.netProfit).toBe(535);
  });

  it('does not depend on row order', () => {
    const b = run(table([HEADER, ...[...ROWS].reverse()]), POOL, { periods: 'quarter' });
    expect(b.trend).toEqual(t);
  });
});

describe('swings', () => {
  it('keep the 20 largest', () => {
    const rows: CellValue[][] = [];
    for (let i = 0; i < 25; i++) {
      const key = `C${String(i).padStart(2, '0')}`;
      rows.push([key, 2022, 100, 50], [key, 2023, 100, 50], [key, 2024, 100 + i, 50]);
    }
    const b = run(
      table([['Customer', 'Year', 'Revenue', 'COGS'], ...rows]),
      {},
      { periods: 'year' },
    );
    expect(b.trend!.swings).toHaveLength(20);
    expect(b.trend!.swings[0]).toEqual({ customer: 'C24', from: 50, to: 74, change: 24 });
    expect(b.trend!.swings.at(-1)!.customer).toBe('C05');
  });
});

describe('two periods', () => {
  it('have migration and no trend', () => {
    const b = run(table([HEADER, ...ROWS.slice(6)]), POOL, { periods: 'quarter' });
    expect(b.migration).not.toBeNull();
    expect(b.trend).toBeNull();
  });
});

describe('a cost pool with nothing to spread over', () => {
  it('still warns, whatever the number of periods', () => {
    const b = run(
      table([HEADER, ...ROWS]),
      { pools: { orders: 1000, visits: 500 } },
      {
        periods: 'quarter',
      },
    );
    expect(b.warnings).toContain(
      // no Visits column at all: the pool is not applied (advicefix: named as a missing column)
      'Sales visits cost pool (pools.visits) is set but the table has no Sales visits column: it costs nothing',
    );
  });
});
