// The Office.js PaneHost against the fake Excel: it finds the table from a cell, reads it in
// blocks, writes the report, and links rejected rows back to their cells.
import { describe, expect, it } from 'vitest';
import { ExcelHost } from '../../excel-addin/excel-host.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { FakeExcel } from './fake-excel.js';

function workbook(rows: (string | number)[][], at = { row: 0, col: 0 }) {
  const excel = new FakeExcel();
  const sheet = excel.addSheet('Sales data');
  sheet.setValues(at.row, at.col, rows.map((r) => r.map((v) => (typeof v === 'string' ? `'${v}` : v))));
  excel.selection = { sheet: 'Sales data', row: at.row + 3, col: at.col + 2, rows: 1, cols: 1 };
  return excel;
}

describe('ExcelHost', () => {
  it('finds the block of cells around the cursor and guesses the mapping', async () => {
    const excel = workbook(generateCustomers(40), { row: 2, col: 1 });
    const t = await new ExcelHost(excel.run).detectTable();
    expect(t.address).toBe("'Sales data'!B3:M43");
    expect(t.source).toBe('region');
    expect(t.rows).toBe(40);
    expect(t.mapping).toMatchObject({ customer: 'Customer ID', name: 'Customer Name', revenue: 'Revenue', cogs: 'COGS' });
  });

  it('prefers a multi-cell selection, and the Excel table under the cursor', async () => {
    const excel = workbook(generateCustomers(10));
    excel.selection = { sheet: 'Sales data', row: 0, col: 0, rows: 6, cols: 4 };
    expect((await new ExcelHost(excel.run).detectTable()).source).toBe('selection');
    excel.tables.push({ name: 'Sales', sheet: excel.sheet('Sales data')!, row: 0, col: 0, rows: 11, cols: 12 });
    excel.selection = { sheet: 'Sales data', row: 4, col: 1, rows: 1, cols: 1 };
    const t = await new ExcelHost(excel.run).detectTable();
    expect([t.source, t.rows]).toEqual(['table', 10]);
  });

  it('says what to do when the cursor is not in a table', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Empty');
    excel.selection = { sheet: 'Empty', row: 5, col: 5, rows: 1, cols: 1 };
    await expect(new ExcelHost(excel.run).detectTable()).rejects.toThrow(/click a cell inside your customer table/);
  });

  it('reads in blocks, writes the report, reports progress to 100 %, and links rejected rows', async () => {
    const rows = generateCustomers(3_000);
    rows[5][2] = 'n/a';
    const excel = workbook(rows, { row: 1, col: 0 });
    const host = new ExcelHost(excel.run, 12 * 1_000); // 1,000 rows per read
    await host.detectTable();
    const progress: number[] = [];
    const summary = await host.run(SAMPLE_SETTINGS, (p) => progress.push(p.fraction));
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(summary.customers).toBe(2_999);
    expect(summary.sheets).toEqual(['Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Data Issues']);
    expect(summary.rejected[0]).toMatchObject({ row: 7, cell: 'C7' });
    expect(excel.syncs).toBe(2 + 4 + 2 + 1); // detect, 4 reads of ≤ 1,000 rows, find our sheets, one write block
    await host.goTo(summary.sourceSheet, summary.rejected[0].cell);
    expect(excel.selection).toEqual({ sheet: 'Sales data', row: 6, col: 2, rows: 1, cols: 1 });
    expect(excel.sheet('Sales data')!.ops).toEqual([]);
  });

  it('turns a core error into one message for the pane', async () => {
    const excel = workbook([['Customer', 'Revenue'], ['A', 1], ['B', 2]]);
    excel.selection = { sheet: 'Sales data', row: 1, col: 0, rows: 1, cols: 1 };
    const host = new ExcelHost(excel.run);
    await host.detectTable();
    await expect(host.run({}, () => {})).rejects.toThrow(/no COGS or Gross Profit column/);
  });
});
