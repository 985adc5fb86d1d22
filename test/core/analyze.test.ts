// The core's entry point: a table → customers priced, segmented, tiered and explained, every row
// accounted for; or one InputError when the whole input cannot be analysed.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import type { CellValue } from '../../core/types.js';
import { customer, customers, expectMoney, run, segments, table } from './builder.js';

function error(values: CellValue[][], settings: unknown = {}) {
  const out = analyze({ values }, settings);
  expect(out.ok).toBe(false);
  return out.ok ? { code: '', message: '' } : out.error;
}

describe('a first analysis (the example of the doc comment)', () => {
  // A: 100 − 60 = 40; B: 50 − 45 = 5. Total revenue 150: before(A) = 0, before(B) = 100/150 = .67 → both Large.
  // Target = 45 / 150 = .30: A (.40) High → Concierge; B (.10) Mid → Maintain.
  const a = run(
    table([
      ['Customer', 'Revenue', 'COGS'],
      ['A', 100, 60],
      ['B', 50, 45],
    ]),
  );

  it('prices, segments and tiers each customer', () => {
    expect(segments(a)).toEqual({ A: 'Large/High', B: 'Large/Mid' });
    expect(customer(a, 'A').tier).toBe('Concierge');
    expect(customer(a, 'B').tier).toBe('Maintain');
    expectMoney(customer(a, 'A').netMargin!, 0.4);
  });

  it('totals the money', () => {
    expect(a.totals).toMatchObject({
      customers: 2,
      matrixCustomers: 2,
      revenue: 150,
      cogs: 105,
      grossProfit: 45,
      costToServe: 0,
      netProfit: 45,
      moneyLosers: 0,
    });
    expectMoney(a.totals.netMargin!, 0.3);
    expect(a.totals.noRevenue).toEqual({ count: 0, revenue: 0, netProfit: 0 });
  });

  it('says how the input was read', () => {
    expect(a.input).toEqual({
      headers: ['Customer', 'Revenue', 'COGS'],
      mapping: { customer: 'Customer', revenue: 'Revenue', cogs: 'COGS' },
      headerRow: 1,
      transactions: false,
      discountKind: null,
    });
    expect(a.rows).toEqual({ total: 2, used: 2, rejected: [] });
  });
});

describe('customers with revenue ≤ 0', () => {
  it('stay out of the matrix and are counted in totals.noRevenue', () => {
    const a = run(
      customers({
        A: { revenue: 100, cogs: 40 }, //  net 60
        B: { revenue: 50, cogs: 60 }, //   net −10, a money-loser in the matrix
        Z: { revenue: 0, cogs: 15 }, //    net −15
        N: { revenue: -40, cogs: -30 }, // net −10 (a credit note bigger than the sales)
      }),
    );
    expect(segments(a)).toEqual({ A: 'Large/High', B: 'Large/Low', Z: null, N: null });
    expect(a.totals.noRevenue).toEqual({ count: 2, revenue: -40, netProfit: -25 });
    // totals count everyone: revenue 100 + 50 + 0 − 40 = 110; net 60 − 10 − 15 − 10 = 25
    expect(a.totals).toMatchObject({
      customers: 4,
      matrixCustomers: 2,
      revenue: 110,
      netProfit: 25,
      moneyLosers: 1,
    });
    expect(a.matrix.reduce((s, c) => s + c.count, 0)).toBe(2);
  });

  it('leaves an all-credit-note table with an empty matrix', () => {
    const a = run(customers({ A: { revenue: -10, cogs: 0 } }));
    expect(a.totals.matrixCustomers).toBe(0);
    expect(a.totals.netMargin).toBeNull();
    expect(a.whale.customers).toBe(0);
  });
});

describe('inputs that cannot be analysed', () => {
  it('an empty table', () => {
    for (const values of [[], [[]], [[null, ''], ['  ']]]) {
      expect(error(values as CellValue[][])).toEqual({
        code: 'empty',
        message: 'the table is empty: no rows to analyse',
      });
    }
  });

  it('a header with no data rows below it (or only blank ones)', () => {
    for (const values of [
      [['Customer', 'Revenue', 'COGS']],
      [['Customer', 'Revenue', 'COGS'], [null, ''], ['  ']],
      [['Report'], ['Customer', 'Revenue', 'COGS']],
    ]) {
      expect(error(values as CellValue[][]).code).toBe('empty');
    }
    expect(error([['Customer', 'Revenue', 'COGS']]).message).toBe(
      'the table has a header (row 1) but no data rows below it',
    );
  });

  it('no revenue column: the message names the headers found', () => {
    expect(
      error([
        ['Customer', 'Region', 'COGS'],
        ['A', 'North', 5],
      ]),
    ).toEqual({
      code: 'missing-column',
      message:
        'no revenue column (e.g. "Revenue", "Sales") (headers found: "Customer", "Region", "COGS")',
    });
  });

  it('no customer column, or neither', () => {
    expect(
      error([
        ['Who', 'Sales'],
        ['A', 5],
      ]).message,
    ).toBe('no customer column (e.g. "Customer", "Customer ID") (headers found: "Who", "Sales")');
    expect(
      error([
        ['Colour', 'Size'],
        ['red', 5],
      ]).message,
    ).toBe(
      'no customer column (e.g. "Customer", "Customer ID") and no revenue column (e.g. "Revenue", "Sales") (headers found: "Colour", "Size")',
    );
  });

  it('no header at all', () => {
    expect(
      error([
        [1, 2, 3],
        [4, 5, 6],
      ]).code,
    ).toBe('no-header');
  });

  it('no COGS and no gross profit, unless cost-to-serve-only analysis is confirmed', () => {
    const values = customers({ A: { revenue: 100, orders: 2 }, B: { revenue: 50, orders: 8 } });
    const e = error(values);
    expect(e.code).toBe('no-gross-profit');
    expect(e.message).toBe(
      'no COGS or Gross Profit column, so gross profit is unknown (headers found: "Customer", "Revenue", "Orders"); map one, or confirm an analysis on cost-to-serve alone (setting costToServeOnly: true)',
    );
    // confirmed: gross profit = revenue, and profitability rests on cost-to-serve alone
    // A: 100 − 2 × 10 = 80; B: 50 − 8 × 10 = −30
    const a = run(values, { costToServeOnly: true, rates: { orders: 10 } });
    expect(customer(a, 'A').netProfit).toBe(80);
    expect(customer(a, 'B').netProfit).toBe(-30);
  });

  it('overrides naming headers that are not there: every one of them', () => {
    expect(
      error(customers({ A: { revenue: 1, cogs: 0 } }), {
        columns: { revenue: 'Turnover', orders: 'Drops' },
      }),
    ).toEqual({
      code: 'bad-mapping',
      message:
        'columns.revenue: no column "Turnover" (headers found: "Customer", "Revenue", "COGS"); columns.orders: no column "Drops" (headers found: "Customer", "Revenue", "COGS")',
    });
  });

  it('rows, but none usable: the count and the first reason that is not a blank row', () => {
    expect(error([['Customer', 'Revenue', 'COGS'], [], ['A', 'abc', 1], ['', 5, 1]])).toEqual({
      code: 'no-usable-rows',
      message:
        'no usable rows: all 3 rows were rejected; first: row 3, Revenue: "abc" is not a number',
    });
  });
});

describe('every row accounted for', () => {
  it('counts rows above the header and bad rows, so used + rejected = total', () => {
    const a = run([
      ['Profit report'],
      ['Customer', 'Revenue', 'COGS'],
      ['A', 100, 50],
      [],
      ['B', 'oops', 1],
      ['Total', 100, 50],
    ]);
    expect(a.rows.total).toBe(5);
    expect(a.rows.used).toBe(1);
    expect(a.rows.rejected.map((p) => [p.row, p.reason])).toEqual([
      [1, 'above the header row'],
      [4, 'blank row'],
      [5, '"oops" is not a number'],
      [6, 'summary row ("Total"), not a customer'],
    ]);
  });

  it('maps the columns as found, and says when rows were transactions', () => {
    const a = run([
      ['Account No', 'Customer Name', 'Invoice', 'Net Sales', 'Cost of Sales'],
      ['C1', 'Acme', 'I1', 10, 5],
      ['C1', 'Acme', 'I2', 10, 5],
    ]);
    expect(a.input.mapping).toEqual({
      customer: 'Account No',
      name: 'Customer Name',
      orderId: 'Invoice',
      revenue: 'Net Sales',
      cogs: 'Cost of Sales',
    });
    expect(a.input.transactions).toBe(true);
    expect(customer(a, 'C1')).toMatchObject({
      name: 'Acme',
      revenue: 20,
      volumes: { orders: 2, lines: 2 },
    });
  });
});
