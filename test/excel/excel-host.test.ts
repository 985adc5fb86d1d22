// The Office.js PaneHost against the fake Excel (test/fakes/excel.ts): it finds the table from a cell, reads
// it in blocks, writes the report, and links rejected rows back to their cells.
import { describe, expect, it } from 'vitest';
import { ExcelHost } from '../../excel-addin/excel-host.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { createExcelFake, type ExcelFake, rectAddress } from '../fakes/excel.js';

type ExcelRun = ConstructorParameters<typeof ExcelHost>[0];
/** The fake's Excel.run, typed as the real one. */
const runOf = (fake: ExcelFake) => fake.Excel.run as unknown as ExcelRun;
const cell = (row: number, col: number, rows = 1, cols = 1) =>
  rectAddress({ r0: row, c0: col, rows, cols });

/** A "Sales data" sheet with `rows` at (row, col), the cursor 3 rows down and 2 columns right of its corner. */
function workbook(rows: (string | number)[][], at = { row: 0, col: 0 }) {
  const fake = createExcelFake({ sheets: ['Sales data'] });
  fake.workbook.seedSheet('Sales data', rows, { startRow: at.row, startCol: at.col });
  fake.workbook.select('Sales data', cell(at.row + 3, at.col + 2));
  return fake;
}

describe('ExcelHost', () => {
  it('finds the block of cells around the cursor and guesses the mapping', async () => {
    const fake = workbook(generateCustomers(40), { row: 2, col: 1 });
    const t = await new ExcelHost(runOf(fake)).detectTable();
    expect(t.address).toBe("'Sales data'!B3:M43");
    expect(t.source).toBe('region');
    expect(t.rows).toBe(40);
    expect(t.mapping).toMatchObject({
      customer: 'Customer ID',
      name: 'Customer Name',
      revenue: 'Revenue',
      cogs: 'COGS',
    });
  });

  it('offers columns with few distinct values as groups, in the same two syncs', async () => {
    const rows = generateCustomers(1_200).map((r, i) =>
      i === 0
        ? [...r, 'Region', 'Sales Rep']
        : [...r, ['North', 'South', 'East'][i % 3], `Rep ${i}`],
    );
    const fake = workbook(rows, { row: 2, col: 1 });
    const t = await new ExcelHost(runOf(fake)).detectTable();
    expect(t.groupCandidates).toEqual(['Region']); // a rep per customer is no group
    expect(fake.stats.syncs).toBe(2);
  });

  it('prefers a multi-cell selection, and the Excel table under the cursor', async () => {
    const fake = workbook(generateCustomers(10));
    fake.workbook.select('Sales data', cell(0, 0, 6, 4));
    expect((await new ExcelHost(runOf(fake)).detectTable()).source).toBe('selection');
    fake.workbook.seedTable('Sales data', cell(0, 0, 11, 12), 'Sales');
    fake.workbook.select('Sales data', cell(4, 1));
    const t = await new ExcelHost(runOf(fake)).detectTable();
    expect([t.source, t.rows, t.address]).toEqual(['table', 10, "'Sales data'!A1:L11"]);
  });

  it('says what to do when the cursor is not in a table', async () => {
    const fake = createExcelFake({ sheets: ['Empty'] });
    fake.workbook.select('Empty', cell(5, 5));
    await expect(new ExcelHost(runOf(fake)).detectTable()).rejects.toThrow(
      /click a cell inside your customer table/,
    );
  });

  it('reads in blocks, writes the report, reports progress to 100 %, and links rejected rows', async () => {
    const rows = generateCustomers(3_000);
    rows[5][2] = 'n/a';
    const fake = workbook(rows, { row: 1, col: 0 });
    const host = new ExcelHost(runOf(fake), 12 * 1_000); // 1,000 rows per read
    await host.detectTable();
    const progress: number[] = [];
    const summary = await host.run(SAMPLE_SETTINGS, (p) => progress.push(p.fraction));
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(summary.customers).toBe(2_999);
    expect(summary.sheets).toEqual([
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
    ]);
    expect(summary.rejected[0]).toMatchObject({ row: 7, cell: 'C7' });
    expect(fake.stats.syncs).toBe(2 + 4 + 2 + 1); // detect, 4 reads of ≤ 1,000 rows, find our sheets, one write block
    expect(fake.stats.implicitSyncs).toBe(0);
    expect(fake.workbook.sheet('Sales data').actions).toEqual([]); // read, never written
    await host.goTo(summary.sourceSheet, summary.rejected[0].cell);
    expect(fake.workbook.selectedAddress).toBe("'Sales data'!C7");
    expect(fake.workbook.activeSheetName).toBe('Sales data');
    expect(fake.workbook.sheet('Sales data').actions).toEqual([
      'Worksheet.activate',
      'Range.select',
    ]);
  });

  it('turns a core error into one message for the pane', async () => {
    const fake = workbook([
      ['Customer', 'Revenue'],
      ['A', 1],
      ['B', 2],
    ]);
    fake.workbook.select('Sales data', cell(1, 0));
    const host = new ExcelHost(runOf(fake));
    await host.detectTable();
    await expect(host.run({}, () => {})).rejects.toThrow(/no COGS or Gross Profit column/);
  });
});
