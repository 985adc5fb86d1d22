// The Office.js PaneHost against the fake Excel (test/fakes/excel.ts): it finds the table from a cell, reads
// it in blocks, writes the report, and links rejected rows back to their cells.
import { describe, expect, it } from 'vitest';
import { scenariosSheet } from '../../core/report/scenarios-sheet.js';
import { runScenario } from '../../core/scenario.js';
import { baselineFrom } from '../../core/scenario-base.js';
import { resolveSettings } from '../../core/settings.js';
import { ExcelHost, overBlankRows } from '../../excel-addin/excel-host.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import {
  createExcelFake,
  type ExcelFake,
  PAYLOAD_LIMIT_BYTES,
  rectAddress,
} from '../fakes/excel.js';

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

  it('offers columns with few distinct values as groups, in the detection’s own three syncs', async () => {
    const rows = generateCustomers(1_200).map((r, i) =>
      i === 0
        ? [...r, 'Region', 'Sales Rep']
        : [...r, ['North', 'South', 'East'][i % 3], `Rep ${i}`],
    );
    const fake = workbook(rows, { row: 2, col: 1 });
    const t = await new ExcelHost(runOf(fake)).detectTable();
    expect(t.groupCandidates).toEqual(['Region']); // a rep per customer is no group
    expect(fake.stats.syncs).toBe(3); // the sample comes with the header rows: no read of its own
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

  it('finds the header below a title row, as the Sheets sidebar does, and runs from it', async () => {
    const rows = [['Customer profitability, FY 2024'], ...generateCustomers(30)];
    const fake = workbook(rows, { row: 1, col: 1 }); // title in B2, header in B3, cursor in D5
    const host = new ExcelHost(runOf(fake));
    const t = await host.detectTable();
    expect([t.address, t.source, t.rows, t.missing]).toEqual([
      "'Sales data'!B3:M33",
      'region',
      30,
      [],
    ]);
    expect(t.mapping).toMatchObject({ customer: 'Customer ID', revenue: 'Revenue', cogs: 'COGS' });
    const summary = await host.run(SAMPLE_SETTINGS, () => {});
    expect([summary.customers, summary.rowsUsed, summary.rejectedCount]).toEqual([30, 30, 0]);
  });

  it('takes the table on over a blank row inside it, and lists that row as blank', async () => {
    const rows: (string | number)[][] = [
      ['Customer profitability, FY 2024'],
      ...generateCustomers(8),
    ];
    rows.splice(7, 0, []); // a blank row after the 6th customer: sheet row 9
    const fake = workbook(rows, { row: 1, col: 1 }); // title in B2, header in B3, cursor in D5
    const host = new ExcelHost(runOf(fake));
    const t = await host.detectTable();
    expect([t.address, t.rows]).toEqual(["'Sales data'!B3:M12", 9]);
    expect(fake.stats.syncs).toBe(3); // the columns' used range comes with the region
    const summary = await host.run(SAMPLE_SETTINGS, () => {});
    expect([summary.customers, summary.rowsUsed, summary.rejectedCount]).toEqual([8, 8, 1]);
    expect(summary.rejected[0]).toMatchObject({ row: 9, reason: 'blank row' });
  });

  it('does not take a region on below its own columns, nor past their last value', () => {
    const region = { rowIndex: 2, columnIndex: 1, rows: 7, columns: 12 };
    expect(overBlankRows(region, { rowIndex: 1, columnIndex: 1, rows: 11, columns: 12 })).toEqual({
      ...region,
      rows: 10,
    });
    expect(overBlankRows(region, { rowIndex: 2, columnIndex: 1, rows: 7, columns: 12 })).toEqual(
      region,
    );
    expect(overBlankRows(region, null)).toEqual(region);
  });

  it('reads whole selected columns (A:L) only as far as the cells in use', async () => {
    const fake = workbook(generateCustomers(40));
    fake.workbook.select('Sales data', 'A:L');
    const host = new ExcelHost(runOf(fake));
    const t = await host.detectTable();
    expect([t.source, t.address, t.rows]).toEqual(['selection', "'Sales data'!A1:L41", 40]);
    const summary = await host.run(SAMPLE_SETTINGS, () => {});
    expect([summary.customers, summary.rejectedCount, host.lastRun?.readBlocks]).toEqual([
      40, 0, 1,
    ]);
  });

  it('re-finds the table on each run: rows added since are read, a renamed sheet is found', async () => {
    const rows = generateCustomers(50);
    const fake = workbook(rows.slice(0, 41)); // header + 40 customers; the cursor in C4
    const host = new ExcelHost(runOf(fake));
    expect((await host.detectTable()).rows).toBe(40);
    expect((await host.run(SAMPLE_SETTINGS, () => {})).customers).toBe(40);
    // The report is now the active sheet; the user adds 10 customers and renames the data sheet.
    fake.workbook.seedSheet('Sales data', rows.slice(41), { startRow: 41 });
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sales data').name = 'FY24';
      await context.sync();
    });
    const again = await host.run(SAMPLE_SETTINGS, () => {});
    expect([again.customers, again.sourceSheet]).toEqual([50, 'FY24']);
  });

  it('says in one line when the table is gone since detection', async () => {
    const fake = workbook(generateCustomers(10));
    const host = new ExcelHost(runOf(fake));
    await host.detectTable();
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sales data').getRange('A1:L11').clear();
      await context.sync();
    });
    await expect(host.run(SAMPLE_SETTINGS, () => {})).rejects.toThrow(
      /^The block of cells around 'Sales data'!C4 holds no customer table any more: select your customer table/,
    );
    fake.workbook.addSheet('Other');
    await fake.Excel.run(async (context) => {
      context.workbook.worksheets.getItem('Sales data').delete();
      await context.sync();
    });
    await expect(host.run(SAMPLE_SETTINGS, () => {})).rejects.toThrow(
      /^The sheet "Sales data" that held the customer table was deleted/,
    );
  });

  it('refuses to take one of its own report sheets for the customer table', async () => {
    const fake = workbook(generateCustomers(10));
    const host = new ExcelHost(runOf(fake));
    await host.detectTable();
    await host.run(SAMPLE_SETTINGS, () => {});
    fake.workbook.select('Customers', 'B3');
    await expect(host.detectTable()).rejects.toThrow(
      /^"Customers" is a sheet of the Profit Tiers report/,
    );
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
    const host = new ExcelHost(runOf(fake), 100_000); // reads of at most 100 kB
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
    const reads = host.lastRun!.readBlocks;
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(fake.stats.syncs).toBe(3 + 2 + reads + 2 + 1); // detect, re-find the table, the reads, find our sheets, one write block
    const readLog = fake.stats.log.slice(5, 5 + reads);
    for (const r of readLog) expect(r.responseBytes).toBeLessThanOrEqual(100_000);
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

  it("writes the What-if's Scenarios sheet and keeps the rest of the report, without reading again", async () => {
    const fake = workbook(generateCustomers(300));
    const host = new ExcelHost(runOf(fake));
    await host.detectTable();
    const summary = await host.run(SAMPLE_SETTINGS, () => {});
    const { settings } = resolveSettings(SAMPLE_SETTINGS);
    const b = baselineFrom(summary.whatIfBase!, settings);
    const sc = runScenario(b, settings, { name: 'Prices +3 %', changes: [{ price: 0.03 }] });
    const reads = fake.workbook.sheet('Sales data').actions.length;
    expect(await host.writeSheets([scenariosSheet(b, settings, [sc])!])).toEqual(['Scenarios']);
    expect(fake.workbook.sheetNames()).toEqual([
      'Sales data',
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
      'Scenarios',
    ]);
    expect(fake.workbook.sheet('Sales data').actions).toHaveLength(reads);
    expect(fake.workbook.sheet('Scenarios').values('A1:A1')).toEqual([
      ['Scenarios: the baseline beside each what-if'],
    ]);
    // a second run of the whole report (no scenarios in its settings) removes the stale Scenarios sheet
    await host.run(SAMPLE_SETTINGS, () => {});
    expect(fake.workbook.sheetNames()).not.toContain('Scenarios');
  });

  it('turns a core error into the pane’s message, with its code', async () => {
    const fake = workbook([
      ['Customer', 'Revenue'],
      ['A', 1],
      ['B', 2],
    ]);
    fake.workbook.select('Sales data', cell(1, 0));
    const host = new ExcelHost(runOf(fake));
    await host.detectTable();
    await expect(host.run({}, () => {})).rejects.toMatchObject({
      code: 'no-gross-profit',
      message: expect.stringMatching(
        /^No COGS or Gross Profit column, .*\. Pick the cost of goods or gross profit column under Columns, or tick/,
      ),
    });
  });

  it('reads a table of long texts in blocks that each stay under the 5 MB response limit', async () => {
    // 6,000 customers with three 500-character note columns: about 1.7 kB a row, so 50,000 cells
    // (4,166 rows) would be a 7 MB response, which Excel on the web refuses.
    const note = (i: number, k: number) => `${k}:${i} `.padEnd(500, 'x');
    const rows = generateCustomers(6_000, 3).map((r, i) =>
      i === 0 ? [...r, 'Note 1', 'Note 2', 'Note 3'] : [...r, note(i, 1), note(i, 2), note(i, 3)],
    );
    const fake = workbook(rows);
    const host = new ExcelHost(runOf(fake));
    await host.detectTable();
    const summary = await host.run(SAMPLE_SETTINGS, () => {});
    expect(summary.customers).toBe(6_000);
    expect(fake.stats.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(host.lastRun!.readBlocks).toBeGreaterThanOrEqual(3);
  });

  it('adds the sample sheet under a free name, text as text, selected for the detection (two syncs)', async () => {
    const fake = createExcelFake({ sheets: ['Sample customers'] });
    fake.workbook.seedSheet('Sample customers', [['mine']]);
    const rows = [
      ['Customer ID', 'Customer Name', 'Revenue'],
      ['C1', '=HYPERLINK("x")', 120.5],
      ['C2', '0042', 80],
    ];
    const host = new ExcelHost(runOf(fake));
    expect(await host.addSheet('Sample customers', rows)).toBe('Sample customers (2)');
    expect(fake.workbook.sheetNames()).toEqual(['Sample customers', 'Sample customers (2)']);
    expect(fake.workbook.sheet('Sample customers').values()).toEqual([['mine']]);
    expect(fake.workbook.sheet('Sample customers (2)').values()).toEqual(rows);
    expect(fake.workbook.selectedAddress).toBe("'Sample customers (2)'!A1:C3");
    expect(fake.stats.syncs).toBe(2);
    const t = await host.detectTable();
    expect([t.address, t.rows]).toEqual(["'Sample customers (2)'!A1:C3", 2]);
  });
});
