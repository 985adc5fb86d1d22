// DOMAIN.md §1: the customer table is found by its header row (a title may sit above it), and its
// columns are guessed from the headers, the same way for every host.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { detectTable, type FoundTable } from '../../core/detect-table.js';
import type { CellValue } from '../../core/types.js';

function found(values: CellValue[][], block: object = {}, overrides = {}): FoundTable {
  const out = detectTable({ values, ...block }, overrides);
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out.value;
}

const TABLE: CellValue[][] = [
  ['Account No', 'Customer Name', 'Net Sales', 'COGS'],
  ['A-1', 'Acme', 100, 60],
  ['B-2', 'Bolt', 50, 45],
];

describe('detectTable', () => {
  it('finds a table whose header is its first row, and guesses the mapping', () => {
    expect(found(TABLE)).toEqual({
      headerRow: 1,
      firstColumn: 0,
      rows: 3,
      columns: 4,
      range: 'A1:D3',
      above: 0,
      headers: ['Account No', 'Customer Name', 'Net Sales', 'COGS'],
      dataRows: 2,
      mapping: {
        customer: 'Account No',
        name: 'Customer Name',
        revenue: 'Net Sales',
        cogs: 'COGS',
      },
      missing: [],
    });
  });

  it('leaves a title row and a blank row above the header out of the table', () => {
    const values = [['Customer profitability 2024'], [], ...TABLE];
    // The block starts at B3 of the sheet: the header is sheet row 5.
    const t = found(values, { firstRow: 3, firstColumn: 1 });
    expect([t.headerRow, t.above, t.range, t.dataRows]).toEqual([5, 2, 'B5:E7', 2]);
    expect(t.mapping).toEqual(found(TABLE).mapping);
    // The run finds the same header row in the same block.
    const a = analyze({ values, firstRow: 3, firstColumn: 1 }, { costToServeOnly: true });
    expect(a.ok && a.value.input.headerRow).toBe(5);
  });

  it('counts the rows of the whole block when only its head was read', () => {
    const t = found([['Sales by customer'], ...TABLE], { firstRow: 10, rows: 5_001, columns: 6 });
    expect([t.headerRow, t.rows, t.dataRows, t.columns, t.range]).toEqual([
      11,
      5_000,
      4_999,
      6,
      'A11:F5010',
    ]);
    expect(t.headers).toEqual(['Account No', 'Customer Name', 'Net Sales', 'COGS', '', '']);
  });

  it('takes headers it does not know as they are, and says which required fields are unmapped', () => {
    const values = [
      ['Kto', 'Betrag', 'Region'],
      ['K1', 10, 'Nord'],
    ];
    const guessed = found(values);
    expect([guessed.mapping, guessed.missing]).toEqual([{}, ['customer', 'revenue']]);
    const mapped = found(values, {}, { customer: 'Kto', revenue: 'Betrag' });
    expect([mapped.mapping, mapped.missing]).toEqual([{ customer: 'Kto', revenue: 'Betrag' }, []]);
    // A known customer column is found even when revenue is not.
    expect(
      found([
        ['Customer', 'Betrag'],
        ['A', 1],
      ]).missing,
    ).toEqual(['revenue']);
  });

  it('applies overrides, and names every override whose header is not there', () => {
    expect(found(TABLE, {}, { revenue: 'COGS', cogs: null }).mapping).toEqual({
      customer: 'Account No',
      name: 'Customer Name',
      revenue: 'COGS',
    });
    const out = detectTable({ values: TABLE }, { revenue: 'Sales', cogs: 'Cost' });
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'bad-mapping',
        message:
          'columns.revenue: no column "Sales" (headers found: "Account No", "Customer Name", "Net Sales", "COGS"); columns.cogs: no column "Cost" (headers found: "Account No", "Customer Name", "Net Sales", "COGS")',
      },
    });
  });

  it('says there is no table for one cell, one column, a block of numbers or nothing', () => {
    for (const values of [
      [['Customer']],
      [['Customer'], ['A'], ['B']],
      [
        [1, 2],
        [3, 4],
      ],
      [[null, ''], []],
      [['Customer profitability'], ['A', 5]],
    ]) {
      const out = detectTable({ values });
      expect(out.ok || out.error.code, JSON.stringify(values)).toBe('table-not-found');
    }
  });

  it('says so when the header has no rows below it', () => {
    const out = detectTable({ values: [['Sales 2024'], ['Customer', 'Revenue']] });
    expect(out).toEqual({
      ok: false,
      error: { code: 'empty', message: 'the table has a header (row 2) but no data rows below it' },
    });
  });
});
