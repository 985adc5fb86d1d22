// DOMAIN.md §1: every input row ends in the output either used or listed with its row number,
// column and reason. Nothing is dropped silently. Sheet rows: the header is row 1.
import { describe, expect, it } from 'vitest';
import { type RowTable, readRows } from '../../core/read-rows.js';
import type { CellValue } from '../../core/types.js';
import { run, settings, table } from './builder.js';

function read(
  values: CellValue[][],
  settingsInput: unknown = {},
  firstRow?: number,
  firstColumn?: number,
): RowTable {
  const out = readRows({ values, firstRow, firstColumn }, settings(settingsInput));
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
}

/** The problem listed for one sheet row, as `[column, reason]`. */
function reasonOf(t: RowTable, row: number): [string, string] {
  const found = t.rejected.filter((p) => p.row === row);
  expect(found, `row ${row} listed once`).toHaveLength(1);
  return [found[0].column, found[0].reason];
}

describe('a customer table with every kind of bad row', () => {
  const values = table([
    ['Customer', 'Revenue', 'COGS', 'Orders', 'Payment Days'], // row 1
    ['A', 100, 60, 2, 30], //                       row 2: used
    [null, '', '  '], //                            row 3: blank row
    ['', 50, 20, 1, 30], //                         row 4: no customer key
    ['B', 'abc', 1, 1, 30], //                      row 5: revenue not a number
    ['C', '', 5, 1, 30], //                         row 6: no revenue
    ['D', '#N/A', 5, 1, 30], //                     row 7: error value
    ['E', 10, '#REF!', 1, 30], //                   row 8: bad COGS
    ['F', 10, 5, -2, 30], //                        row 9: negative count
    ['G', 10, 5, 'x', 30], //                       row 10: count not a number
    ['H', 10, '12%', 1, 30], //                     row 11: percent where money is expected
    ['I', 10, 5, 1, -3], //                         row 12: negative payment days
    ['J', ' $1,234.50 ', '(34.50)', '', ''], //     row 13: used; blank orders = 0, blank days = unknown
    ['#N/A', 10, 5, 1, 30], //                      row 14: error value as key
    ['Grand Total', 1400, 100, 4, null], //         row 15: summary row
    ['Total', 1400, 100, 4, null], //               row 16: summary row
    ['K', 10, 5, 1.5, 30], //                       row 17: used (fractional counts are volumes)
    [], //                                          row 18: blank row at the end
  ]);
  const t = read(values);

  it('uses the good rows, in input order, with their sheet rows', () => {
    expect(t.count).toBe(3);
    expect(Array.from(t.sheetRow)).toEqual([2, 13, 17]);
    expect(t.keys).toEqual(['A', 'J', 'K']);
    expect(Array.from(t.revenue)).toEqual([100, 1234.5, 10]);
    // gross profit = revenue − cogs: 100 − 60 = 40; 1234.50 − (−34.50) = 1269; 10 − 5 = 5
    expect(Array.from(t.grossProfit)).toEqual([40, 1269, 5]);
    expect(Array.from(t.volumes[0]!)).toEqual([2, 0, 1.5]); // orders
    expect(Array.from(t.paymentDays!)).toEqual([30, NaN, 30]);
    expect(t.transactions).toBe(false);
    expect(t.headerRow).toBe(1);
    expect(t.dataRows).toBe(17);
  });

  it('lists every other row once with its column and reason', () => {
    expect(t.rejected.map((p) => p.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18]);
    expect(reasonOf(t, 3)).toEqual(['', 'blank row']);
    expect(reasonOf(t, 4)).toEqual(['Customer', 'no customer key']);
    expect(reasonOf(t, 5)).toEqual(['Revenue', '"abc" is not a number']);
    expect(reasonOf(t, 6)).toEqual(['Revenue', 'no revenue']);
    expect(reasonOf(t, 7)).toEqual(['Revenue', 'error value #N/A']);
    expect(reasonOf(t, 8)).toEqual(['COGS', 'error value #REF!']);
    expect(reasonOf(t, 9)).toEqual(['Orders', '-2 is not a count (must be ≥ 0)']);
    expect(reasonOf(t, 10)).toEqual(['Orders', '"x" is not a number']);
    expect(reasonOf(t, 11)).toEqual(['COGS', '"12%" is a percent where money is expected']);
    expect(reasonOf(t, 12)).toEqual(['Payment Days', '-3 days is negative']);
    expect(reasonOf(t, 14)).toEqual(['Customer', 'error value #N/A as customer key']);
    expect(reasonOf(t, 15)).toEqual(['Customer', 'summary row ("Grand Total"), not a customer']);
    expect(reasonOf(t, 16)).toEqual(['Customer', 'summary row ("Total"), not a customer']);
    expect(reasonOf(t, 18)).toEqual(['', 'blank row']);
  });

  it('accounts for every data row: used + rejected = rows below the header', () => {
    expect(t.count + t.rejected.length).toBe(values.length - 1);
  });

  it('gives each problem its A1 cell', () => {
    expect(t.rejected.find((p) => p.row === 5)!.cell).toBe('B5');
    expect(t.rejected.find((p) => p.row === 9)!.cell).toBe('D9');
    expect(t.rejected.find((p) => p.row === 3)!.cell).toBe('A3');
  });
});

describe('summary rows', () => {
  it('recognises a summary label outside the key column when the key is blank', () => {
    const t = read([
      ['Customer ID', 'Customer Name', 'Revenue', 'COGS'],
      ['C1', 'Acme', 100, 50],
      ['', 'Grand Total', 100, 50],
      ['', 'Subtotal:', 100, 50],
    ]);
    expect(t.keys).toEqual(['C1']);
    expect(reasonOf(t, 3)).toEqual(['', 'summary row ("Grand Total"), not a customer']);
    expect(reasonOf(t, 4)).toEqual(['', 'summary row ("Subtotal:"), not a customer']);
  });

  it.each([
    'Total',
    'TOTAL',
    'Grand Total',
    'grand total',
    'Totals',
    'Sub-total',
    'SUBTOTAL',
    'Total:',
    'Total for 2024',
    'Sum',
  ])('%j as key is a summary row', (key) => {
    const t = read([
      ['Customer', 'Revenue', 'COGS'],
      [key, 10, 5],
    ]);
    expect(t.count).toBe(0);
    expect(t.rejected[0].reason).toBe(`summary row ("${key}"), not a customer`);
  });

  it('keeps customers whose names merely start with "Total"', () => {
    const t = read([
      ['Customer', 'Revenue', 'COGS'],
      ['Total Petroleum', 10, 5],
      ['Totalizer Inc', 10, 5],
    ]);
    expect(t.keys).toEqual(['Total Petroleum', 'Totalizer Inc']);
  });
});

describe('a header that starts lower', () => {
  it('finds the header below a title and lists the rows above it', () => {
    const t = read([
      ['Sales report 2024', null], // row 1
      [], //                          row 2
      ['Exported by ERP', 'v2'], //   row 3
      ['Customer', 'Revenue', 'COGS'], // row 4: header
      ['A', 100, 60], //              row 5
    ]);
    expect(t.headerRow).toBe(4);
    expect(t.keys).toEqual(['A']);
    expect(Array.from(t.sheetRow)).toEqual([5]);
    expect(t.rejected).toEqual([
      { row: 1, column: '', reason: 'above the header row', cell: 'A1' },
      { row: 2, column: '', reason: 'blank row above the header', cell: 'A2' },
      { row: 3, column: '', reason: 'above the header row', cell: 'A3' },
    ]);
  });

  it('numbers rows and cells from where the table sits on the sheet (firstRow, firstColumn)', () => {
    // A table whose header is in C5: values[0] is sheet row 5, values[r][0] is column C.
    const t = read(
      [
        ['Customer', 'Revenue', 'COGS'],
        ['A', 100, 60],
        ['B', 'n/a', 1],
      ],
      {},
      5,
      2,
    );
    expect(t.headerRow).toBe(5);
    expect(Array.from(t.sheetRow)).toEqual([6]);
    expect(t.rejected).toEqual([
      { row: 7, column: 'Revenue', reason: '"n/a" is not a number', cell: 'D7' },
    ]);
  });
});

describe('cells', () => {
  it('reads keys as trimmed text; numeric keys print without ".0"', () => {
    const t = read([
      ['Customer', 'Revenue', 'COGS'],
      [' A ', 1, 0],
      [1001, 1, 0],
      [true, 1, 0],
    ]);
    expect(t.keys).toEqual(['A', '1001', 'TRUE']);
  });

  it('reads a blank cost as no cost, as SUM reads it', () => {
    const t = read([
      ['Customer', 'Revenue', 'COGS'],
      ['A', 100, null],
      ['B', 100, '  '],
    ]);
    expect(Array.from(t.grossProfit)).toEqual([100, 100]);
  });

  it('reads a gross profit column as money, or as a margin percent of revenue', () => {
    // B: 25% of 200 = 50
    const t = read([
      ['Customer', 'Revenue', 'Gross Profit'],
      ['A', 100, 30],
      ['B', 200, '25%'],
      ['C', 50, '(5)'],
    ]);
    expect(Array.from(t.grossProfit)).toEqual([30, 50, -5]);
  });

  it('takes the gross profit cell where COGS is blank and both columns are given', () => {
    // A: 100 − 60; B: COGS blank → its gross profit 30; C: both blank → no cost, 100
    const t = read([
      ['Customer', 'Revenue', 'COGS', 'Gross Profit'],
      ['A', 100, 60, 99],
      ['B', 100, null, 30],
      ['C', 100, '', ''],
    ]);
    expect(Array.from(t.grossProfit)).toEqual([40, 30, 100]);
  });

  it('accepts negative revenue (credit notes) as a used row', () => {
    const t = read([
      ['Customer', 'Revenue', 'COGS'],
      ['A', -100, -60],
    ]);
    expect(Array.from(t.revenue)).toEqual([-100]);
    expect(Array.from(t.grossProfit)).toEqual([-40]);
  });

  it('reads the decimal comma locale', () => {
    const t = read(
      [
        ['Kunde', 'Customer', 'Revenue', 'COGS'],
        ['x', 'A', '1.234,50', '234,50'],
      ],
      { locale: { decimal: ',' } },
    );
    expect(Array.from(t.revenue)).toEqual([1234.5]);
    expect(Array.from(t.grossProfit)).toEqual([1000]);
  });

  it('rejects a percent where revenue (money) is expected, as it does for COGS', () => {
    const t = read([
      ['Customer', 'Revenue', 'COGS'],
      ['A', '5%', 0],
      ['B', 100, 50],
    ]);
    expect(t.keys).toEqual(['B']);
    expect(reasonOf(t, 2)).toEqual(['Revenue', '"5%" is a percent where money is expected']);
  });

  it('rejects a percent in a count column', () => {
    const t = read([
      ['Customer', 'Revenue', 'COGS', 'Returns'],
      ['A', 100, 50, '5%'],
    ]);
    expect(reasonOf(t, 2)).toEqual(['Returns', '5% is not a count (must be ≥ 0)']);
  });
});

describe('amounts too large to add up', () => {
  it('lists a row whose money or count is 10^15 or more instead of summing it to Infinity', () => {
    const t = read(
      table([
        ['Customer', 'Revenue', 'COGS', 'Orders'],
        ['A', 1e308, 1, 1], //     row 2
        ['B', 1e308, 1, 1], //     row 3
        ['C', 100, '-1e300', 1], // row 4
        ['D', 100, 50, '1e20'], //  row 5
        ['E', 999_999_999_999, 1, 1], // row 6: just under the limit, used
      ]),
    );
    expect(t.count).toBe(1);
    expect(reasonOf(t, 2)[0]).toBe('Revenue');
    expect(reasonOf(t, 2)[1]).toMatch(/too large/);
    expect(reasonOf(t, 3)[0]).toBe('Revenue');
    expect(reasonOf(t, 4)).toEqual([
      'COGS',
      '"-1e300" is too large (10^15 or more) to be an amount or a count',
    ]);
    expect(reasonOf(t, 5)[0]).toBe('Orders');
  });

  it('keeps the totals finite', () => {
    const a = run(
      table([
        ['Customer', 'Revenue', 'COGS'],
        ['A', 1e308, 1],
        ['B', 1e308, 1],
        ['C', 100, 60],
      ]),
    );
    expect(a.totals.revenue).toBe(100);
    expect(a.rows.rejected.map((p) => p.row)).toEqual([2, 3]);
  });
});

describe('transaction mode', () => {
  it('is on when a key repeats, or when there is an order id column', () => {
    expect(
      read([
        ['Customer', 'Revenue', 'COGS'],
        ['A', 1, 0],
        ['A', 1, 0],
      ]).transactions,
    ).toBe(true);
    expect(
      read([
        ['Customer', 'Invoice', 'Revenue', 'COGS'],
        ['A', 'I1', 1, 0],
      ]).transactions,
    ).toBe(true);
    expect(
      read([
        ['Customer', 'Revenue', 'COGS'],
        ['A', 1, 0],
        ['B', 1, 0],
      ]).transactions,
    ).toBe(false);
  });

  it('keeps the alphabetically first non-blank label when rows disagree', () => {
    const t = read([
      ['Customer ID', 'Customer Name', 'Revenue', 'COGS'],
      ['C1', '', 1, 0],
      ['C1', 'Zeta Ltd', 1, 0],
      ['C1', 'Acme Ltd', 1, 0],
    ]);
    expect(t.names).toEqual(['Acme Ltd']);
  });
});

describe('keys written with different Unicode compositions', () => {
  it('are one customer: "Café" with a combining accent and with a precomposed é', () => {
    const t = readRows(
      {
        values: [
          ['Customer', 'Revenue', 'COGS'],
          ['Cafe\u0301 Müller', 100, 50],
          ['Caf\u00e9 Müller', 50, 20],
        ],
      },
      settings({}),
    );
    if (!t.ok) throw new Error(t.error.message);
    expect(t.value.keys).toEqual(['Caf\u00e9 Müller']);
  });
});

describe('cells the file reader could not read (unread)', () => {
  const values = table([
    ['Customer', 'Revenue', 'COGS', 'Notes'], // row 1
    ['A', 100, null, null], //                  row 2: COGS is a formula without a value
    ['B', 50, 20, null], //                     row 3: Notes is one, but Notes is not used
    ['C', '70', '30,"unclosed'], //             row 4: a CSV line whose quote never closes
    ['D', 80, 40, null], //                     row 5: used
  ]);
  const formula = 'formula without a calculated value; open and save the file in Excel';
  const out = readRows(
    {
      values,
      unread: [
        { row: 1, column: 2, reason: formula },
        { row: 2, column: 3, reason: formula },
        { row: 3, column: 2, reason: 'unclosed quote', wholeRow: true },
      ],
    },
    settings({}),
  );
  const t = out.ok ? out.value : (null as never);

  it('rejects a row when the analysis uses the cell, never reading it as 0', () => {
    expect(reasonOf(t, 2)).toEqual(['COGS', formula]);
    expect(t.keys).toEqual(['B', 'D']);
    expect(Array.from(t.grossProfit)).toEqual([30, 40]);
  });

  it('rejects a whole-row problem whatever the column, and keeps the rows after it', () => {
    expect(reasonOf(t, 4)).toEqual(['COGS', 'unclosed quote']);
    expect(t.count + t.rejected.length).toBe(t.dataRows);
  });
});

describe('a header below the rows searched', () => {
  const notes = Array.from({ length: 30 }, (_, i) => [`Note ${i + 1}`, 'see below']);
  const values = table([...notes, ['Customer', 'Revenue', 'COGS'], ['A', 100, 60]]);

  it('says it was not found in the first 20 rows and which row looks like it', () => {
    const out = readRows({ values }, settings({}));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.error.code).toBe('no-header');
    expect(out.error.message).toBe(
      'the header was not found in the first 20 rows; row 31 looks like it: point at it with the setting {"headerRow": 31}, or select the table from its header row',
    );
  });

  it('reads the table from the row the headerRow setting names, every row above accounted for', () => {
    const t = read(values, { headerRow: 31 });
    expect(t.headerRow).toBe(31);
    expect(t.keys).toEqual(['A']);
    expect(t.rejected).toHaveLength(30);
    expect(reasonOf(t, 30)).toEqual(['', 'above the header row']);
  });

  it('counts headerRow in sheet rows when the table starts lower on the sheet', () => {
    expect(read(values, { headerRow: 35 }, 5).headerRow).toBe(35);
  });

  it('names a headerRow that holds no header, or lies outside the table', () => {
    const wrong = readRows({ values }, settings({ headerRow: 2 }));
    expect(!wrong.ok && wrong.error.message).toBe(
      'no customer column (e.g. "Customer", "Customer ID") and no revenue column (e.g. "Revenue", "Sales") in row 2 (headerRow) (headers found: "Note 2", "see below")',
    );
    const outside = readRows({ values }, settings({ headerRow: 99 }));
    expect(!outside.ok && outside.error.message).toBe(
      'headerRow 99 is outside the table (rows 1 to 32)',
    );
  });
});

describe('a money column that mixes decimal styles', () => {
  // An export with decimal commas: 1.234,56 is 1234.56 and 12.000 is twelve thousand.
  const values = table([
    ['Customer', 'Revenue', 'COGS'], // row 1
    ['A', '1.234,56', 100], //          row 2
    ['B', '12.000', 100], //            row 3
    ['C', '500', 100], //               row 4
  ]);

  it('under the decimal point: refuses 12.000 instead of reading 12, and warns naming the column and the locale setting', () => {
    const t = read(values);
    expect(t.keys).toEqual(['C']);
    expect(reasonOf(t, 2)[1]).toContain('not a number with a decimal point');
    expect(reasonOf(t, 3)).toEqual([
      'Revenue',
      '"12.000" reads as two different numbers (a thousands mark or a decimal point?) and this column also holds "1.234,56" with a decimal comma: set the locale setting\'s decimal mark',
    ]);
    expect(t.warnings).toEqual([
      'column "Revenue" mixes decimal styles: 1 cell like "1.234,56" with a decimal comma, 1 cell like "12.000" read with a decimal point (locale.decimal "."); the cells of the other style and those that read differently in the two (1 cell) are not used: set the locale setting to the file\'s mark ({"locale": {"decimal": ","}} if it writes a decimal comma)',
    ]);
  });

  it('under the decimal comma: reads all three, 12.000 as twelve thousand, without a warning', () => {
    const t = read(values, { locale: { decimal: ',' } });
    expect(Array.from(t.revenue)).toEqual([1234.56, 12000, 500]);
    expect(t.warnings).toEqual([]);
  });

  it('reads 12.000 as twelve when nothing in the column points to a decimal comma', () => {
    const t = read(
      table([
        ['Customer', 'Revenue', 'COGS'],
        ['A', '12.000', 0],
        ['B', '7.5', 0],
      ]),
    );
    expect(Array.from(t.revenue)).toEqual([12, 7.5]);
    expect(t.warnings).toEqual([]);
  });
});
