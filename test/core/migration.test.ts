// DOMAIN.md §7: two tables (earlier and later), or a period column with the two latest periods.
// Each period is segmented on its own; then the 9×9 transitions plus New (only later) and Lost
// (only earlier) with count, revenue and net profit; customers moving up and down.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { migrationSheet } from '../../core/report/migration-sheet.js';
import {
  customer,
  customers,
  expectMoney,
  rejectedRow,
  run,
  table,
  transactions,
} from './builder.js';

// Fixed thresholds, so each customer lands where the comment says:
// size ≥ 1000 Large, ≥ 100 Medium, else Small; margin ≥ 20 % High, ≥ 0 Mid, else Low.
const FIXED = {
  size: { method: 'fixed', large: 1000, medium: 100 },
  profitability: { method: 'fixed', high: 0.2, low: 0 },
};

describe('two tables: earlier and later', () => {
  const earlier = customers({
    A: { revenue: 1000, cogs: 700 }, // Large/High (.30)
    B: { revenue: 500, cogs: 450 }, //  Medium/Mid (.10)
    C: { revenue: 50, cogs: 55 }, //    Small/Low (−.10)
    D: { revenue: 200, cogs: 140 }, //  Medium/High (.30)
    F: { revenue: 100, cogs: 50 }, //   Medium/High (.50)
  });
  const later = customers({
    A: { revenue: 1000, cogs: 900 }, // Large/Mid (.10): down
    B: { revenue: 1000, cogs: 700 }, // Large/High: up
    D: { revenue: 200, cogs: 140 }, //  Medium/High: unchanged
    E: { revenue: 50, cogs: 30 }, //    Small/High: new
    F: { revenue: 0, cogs: 10 }, //     No revenue: down
  }); //                                 C: lost
  const a = run(later, FIXED, {
    previous: { values: earlier },
    labels: { previous: '2024.csv', current: '2025.csv' },
  });
  const m = a.migration!;

  it('lists every transition with count, revenue and net profit of both periods', () => {
    expect(m.from).toBe('2024.csv');
    expect(m.to).toBe('2025.csv');
    expect(m.transitions).toEqual([
      {
        from: 'Large/High',
        to: 'Large/Mid',
        count: 1,
        revenue: 1000,
        netProfit: 100,
        previousRevenue: 1000,
        previousNetProfit: 300,
      },
      {
        from: 'Medium/High',
        to: 'Medium/High',
        count: 1,
        revenue: 200,
        netProfit: 60,
        previousRevenue: 200,
        previousNetProfit: 60,
      },
      {
        from: 'Medium/High',
        to: 'No revenue',
        count: 1,
        revenue: 0,
        netProfit: -10,
        previousRevenue: 100,
        previousNetProfit: 50,
      },
      {
        from: 'Medium/Mid',
        to: 'Large/High',
        count: 1,
        revenue: 1000,
        netProfit: 300,
        previousRevenue: 500,
        previousNetProfit: 50,
      },
      {
        from: 'Small/Low',
        to: 'Lost',
        count: 1,
        revenue: 0,
        netProfit: 0,
        previousRevenue: 50,
        previousNetProfit: -5,
      },
      {
        from: 'New',
        to: 'Small/High',
        count: 1,
        revenue: 50,
        netProfit: 20,
        previousRevenue: 0,
        previousNetProfit: 0,
      },
    ]);
  });

  it('values new and lost customers', () => {
    expect(m.new).toEqual({ count: 1, revenue: 50, netProfit: 20 }); // E, in the later period
    expect(m.lost).toEqual({ count: 1, revenue: 50, netProfit: -5 }); // C, in the earlier period
  });

  it('counts moves up and down (profitability first, then size; No revenue is the bottom)', () => {
    // up: B (Medium/Mid → Large/High); down: A (Large/High → Large/Mid), F (→ No revenue); same: D
    expect([m.movedUp, m.movedDown, m.unchanged]).toEqual([1, 2, 1]);
  });

  it('calls them segment moves in words, since segments are what is counted (not tiers)', () => {
    const sheet = migrationSheet(a)!;
    expect(sheet.values.flat().join('\n')).toContain(
      'Segment moves (profitability first, then size): 1 customer moved up, 2 moved down, 1 stayed in their segment.',
    );
  });

  it("keeps the earlier period's analysis", () => {
    expect(a.previous!.customers.keys).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(a.period).toBeNull();
  });

  it('moves a customer up for the same profitability at a bigger size', () => {
    const b = run(customers({ A: { revenue: 1000, cogs: 700 } }), FIXED, {
      previous: { values: customers({ A: { revenue: 500, cogs: 350 } }) },
    });
    // Medium/High → Large/High
    expect([b.migration!.movedUp, b.migration!.movedDown]).toEqual([1, 0]);
  });

  it('sums several customers in one cell', () => {
    const before = customers({ A: { revenue: 1000, cogs: 700 }, B: { revenue: 2000, cogs: 1000 } });
    const after = customers({
      A: { revenue: 1100.1, cogs: 800.05 },
      B: { revenue: 2000.2, cogs: 1000.1 },
    });
    const t = run(after, FIXED, { previous: { values: before } }).migration!.transitions;
    expect(t).toHaveLength(1);
    expect(t[0].count).toBe(2);
    expectMoney(t[0].revenue, 3100.3);
    expectMoney(t[0].netProfit, 300.05 + 1000.1);
    expectMoney(t[0].previousNetProfit, 1300);
  });

  it("lists the previous table's rows too: used, or rejected with row and reason", () => {
    const before = table([
      ['Customer', 'Revenue', 'COGS'],
      ['A', 1000, 700],
      ['B', 'n/a', 1],
      [],
      ['Total', 1000, 700],
    ]);
    const b = run(customers({ A: { revenue: 1000, cogs: 700 } }), FIXED, {
      previous: { values: before },
    });
    expect(b.previousRows).toEqual({
      total: 4,
      used: 1,
      rejected: [
        { row: 3, column: 'Revenue', reason: '"n/a" is not a number', cell: 'B3' },
        { row: 4, column: '', reason: 'blank row', cell: 'A4' },
        { row: 5, column: 'Customer', reason: 'summary row ("Total"), not a customer', cell: 'A5' },
      ],
    });
    expect(b.rows).toEqual({ total: 1, used: 1, rejected: [] });
    expect(a.previousRows!.used + a.previousRows!.rejected.length).toBe(a.previousRows!.total);
    expect(run(later).previousRows).toBeNull();
  });

  it('names the previous table in its errors', () => {
    const out = analyze({ values: later }, FIXED, { previous: { values: [['Who', 'What']] } });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.message).toMatch(/^previous table: /);
  });
});

describe('a period column: the two latest periods are compared', () => {
  it('compares the two latest years; rows of older years are used too, in the trend (§15)', () => {
    const values = transactions([
      { customer: 'A', period: 2023, revenue: 100, cogs: 50 }, //   row 2: older, in the trend
      { customer: 'A', period: 2024, revenue: 1000, cogs: 700 }, // row 3
      { customer: 'B', period: 2024, revenue: 500, cogs: 450 }, //  row 4
      { customer: 'A', period: 2025, revenue: 1000, cogs: 900 }, // row 5
      { customer: 'C', period: 2025, revenue: 50, cogs: 30 }, //    row 6
    ]);
    // Defaults, each year on its own:
    // 2024: A 1000, B 500 → total 1500; before(B) = 1000/1500 = .67 → both Large;
    //       target = (300 + 50) / 1500 = .233 → A (.30) High, B (.10) Mid
    // 2025: A 1000, C 50 → before(C) = 1000/1050 = .952 → Small;
    //       target = (100 + 20) / 1050 = .114 → A (.10) Mid, C (.40) High
    const a = run(values, {}, { periods: 'year' });
    const m = a.migration!;
    expect([m.from, m.to, a.period]).toEqual(['2024', '2025', '2025']);
    expect(m.transitions.map((t) => `${t.from} → ${t.to}`)).toEqual([
      'Large/High → Large/Mid',
      'Large/Mid → Lost',
      'New → Small/High',
    ]);
    expect([m.movedUp, m.movedDown, m.unchanged]).toEqual([0, 1, 0]);
    expect(m.lost).toEqual({ count: 1, revenue: 500, netProfit: 50 });
    expect(m.new).toEqual({ count: 1, revenue: 50, netProfit: 20 });
    // the analysis is the later period's
    expect(a.customers.keys).toEqual(['A', 'C']);
    expect(a.totals.revenue).toBe(1050);
    expect(a.rows).toEqual({ total: 5, used: 5, rejected: [] });
    expect(a.trend!.periods).toEqual(['2023', '2024', '2025']);
  });

  it('compares quarters', () => {
    const a = run(
      transactions([
        { customer: 'A', period: '2024-06-30', revenue: 10, cogs: 5 }, // 2024-Q2: older
        { customer: 'A', period: '2024-11-15', revenue: 10, cogs: 5 }, // 2024-Q4
        { customer: 'A', period: '2025-01-10', revenue: 10, cogs: 5 }, // 2025-Q1
        { customer: 'B', period: '2025-02-01', revenue: 10, cogs: 5 }, // 2025-Q1
      ]),
      {},
      { periods: 'quarter' },
    );
    expect([a.migration!.from, a.migration!.to]).toEqual(['2024-Q4', '2025-Q1']);
    expect(a.rows.rejected).toEqual([]);
    expect(a.migration!.new.count).toBe(1);
  });

  it('compares months, from Date objects and Excel serials alike', () => {
    const a = run(
      transactions([
        { customer: 'A', period: new Date(Date.UTC(2024, 11, 31)), revenue: 10, cogs: 5 }, // 2024-12: older
        { customer: 'A', period: 45301, revenue: 10, cogs: 5 }, //                            2024-01-10: oldest
        { customer: 'A', period: '2025-01-10', revenue: 10, cogs: 5 }, //                     2025-01
        { customer: 'A', period: new Date(Date.UTC(2025, 1, 1)), revenue: 20, cogs: 5 }, //   2025-02
      ]),
      {},
      { periods: 'month' },
    );
    expect([a.migration!.from, a.migration!.to]).toEqual(['2025-01', '2025-02']);
    expect(a.rows.rejected).toEqual([]);
    expect(a.totals.revenue).toBe(20);
  });

  it('lists rows without a usable period', () => {
    const a = run(
      transactions([
        { customer: 'A', period: 2024, revenue: 10, cogs: 5 },
        { customer: 'A', period: '', revenue: 10, cogs: 5 },
        { customer: 'A', period: 'someday', revenue: 10, cogs: 5 },
        { customer: 'A', period: 2025, revenue: 10, cogs: 5 },
      ]),
      {},
      { periods: 'year' },
    );
    expect(rejectedRow(a, 3).reason).toBe('no period');
    expect(rejectedRow(a, 4).reason).toBe('"someday" is not a date or period');
  });

  it('needs two periods', () => {
    const one = analyze(
      { values: transactions([{ customer: 'A', period: 2025, revenue: 10, cogs: 5 }]) },
      {},
      { periods: 'year' },
    );
    expect(one.ok).toBe(false);
    if (!one.ok) {
      expect(one.error.code).toBe('no-periods');
      expect(one.error.message).toBe(
        'migration needs two periods, but the Period column holds only 2025 by year',
      );
    }
  });

  it('needs a period column', () => {
    const out = analyze(
      { values: customers({ A: { revenue: 10, cogs: 5 } }) },
      {},
      { periods: 'year' },
    );
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('missing-column');
  });

  it('ignores dates unless migration is asked for', () => {
    const a = run(
      transactions([
        { customer: 'A', period: 2023, revenue: 10, cogs: 5 },
        { customer: 'A', period: 2025, revenue: 10, cogs: 5 },
      ]),
    );
    expect(a.migration).toBeNull();
    expect(a.totals.revenue).toBe(20);
    expect(a.rows.rejected).toEqual([]);
  });
});

describe('one rate for every period compared (§7)', () => {
  // An orders pool of 600 is the cost of the whole span: 60 orders over both periods → 10 each.
  // Spread per period it would be 600 / 40 = 15 in 2024 and 600 / 20 = 30 in 2025, and A — the
  // same 10 orders in both years — would lose money in 2025 only because B ordered less.
  const POOL = { pools: { orders: 600 } };

  it('prices both periods of a period column at the rate of all rows', () => {
    const rows = transactions([
      { customer: 'A', revenue: 1000, cogs: 800, orders: 10, period: '2024-03-01' },
      { customer: 'B', revenue: 3000, cogs: 1500, orders: 30, period: '2024-06-01' },
      { customer: 'A', revenue: 1000, cogs: 800, orders: 10, period: '2025-03-01' },
      { customer: 'B', revenue: 3000, cogs: 1500, orders: 10, period: '2025-06-01' },
    ]);
    const a = run(rows, POOL, { periods: 'year' });
    expect(a.cost.rates.orders).toBe(10);
    expect(a.previous!.cost.rates.orders).toBe(10);
    const A = a.customers.keys.indexOf('A'),
      Aprev = a.previous!.customers.keys.indexOf('A');
    expectMoney(a.netProfit[A], 100);
    expectMoney(a.previous!.netProfit[Aprev], 100);
  });

  it('prices an earlier table and the current one at the rate of both', () => {
    const earlier = customers({
      A: { revenue: 1000, cogs: 800, orders: 10 },
      B: { revenue: 3000, cogs: 1500, orders: 30 },
    });
    const later = customers({
      A: { revenue: 1000, cogs: 800, orders: 10 },
      B: { revenue: 3000, cogs: 1500, orders: 10 },
    });
    const a = run(later, POOL, { previous: { values: earlier } });
    expect(a.cost.rates.orders).toBe(10);
    expect(a.previous!.cost.rates.orders).toBe(10);
    expect(customer(a, 'A').netProfit).toBe(100);
    // same segment in both periods: A moved only if what it bought or used changed
    expect(a.migration!.movedDown).toBe(0);
  });
});
