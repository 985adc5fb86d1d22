// Google Sheets' 10 M cells per spreadsheet: every report sheet sized to what it holds, the whole
// report checked before anything is written, and a clear refusal that says what would fit.
import { describe, expect, it } from 'vitest';
import { cellLimitProblem } from '../../sheets-addon/cell-limit.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { boot, runSteps } from './harness.js';

const REPORT = ['Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Assumptions', 'Data Issues'];

describe('cellLimitProblem', () => {
  const report = (why: number) => [
    { name: 'Customers', cells: 3_000_000 },
    { name: 'Why', cells: why },
  ];
  it('is null when the report fits, counting one new sheet at its default 26,000 cells', () => {
    expect(
      cellLimitProblem({ others: 4_000_000, report: report(2_974_000), inserts: true }),
    ).toBeNull();
    expect(
      cellLimitProblem({ others: 4_000_000, report: report(2_974_001), inserts: true }),
    ).not.toBeNull();
    expect(
      cellLimitProblem({ others: 4_000_000, report: report(3_000_000), inserts: false }),
    ).toBeNull();
  });

  it('suggests leaving out the Why sheet when that fits, else Excel or the CLI', () => {
    expect(cellLimitProblem({ others: 5_150_001, report: report(2_000_000), inserts: false })).toBe(
      'This report needs 5.0 M cells and the spreadsheet holds 5.2 M besides; Sheets allows 10 M: leave out the Why sheet (under Report) or analyse in Excel or with the CLI.',
    );
    expect(cellLimitProblem({ others: 8_000_000, report: report(2_000_000), inserts: false })).toBe(
      'This report needs 5.0 M cells and the spreadsheet holds 8.0 M besides; Sheets allows 10 M: analyse in Excel or with the CLI.',
    );
  });
});

describe('a run near the limit', () => {
  it('writes 130,000 customers: each report sheet holds just its cells', async () => {
    // Unsized, Customers and Why kept 26 columns: with the data, 130,001 × 26 × 3 passed 10 M and
    // the run died while inserting the Why sheet, half the report written.
    const s = await boot({ sheetNames: ['Data'] });
    s.fake.spreadsheet.seedSheet('Data', generateCustomers(130_000, 5));
    s.fake.spreadsheet.select('Data', 'A1');
    const { summary } = await runSteps(s, SAMPLE_SETTINGS);
    expect(summary.sheets).toEqual(REPORT);
    const app = s.fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    const size = (name: string) => {
      const sh = app.getSheetByName(name)!;
      return [sh.getMaxRows(), sh.getMaxColumns()];
    };
    expect(size('Customers')).toEqual([130_001, 16]);
    expect(size('Why')).toEqual([130_001, 20]); // 4 key columns, 3 causes, advice, 12 of money
    expect(size('Assumptions')[1]).toBe(4);
    expect(size('Data Issues')).toEqual([2, 4]);
    expect(size('Whale Curve')[1]).toBe(6 + 8); // 5 columns, and a 720 px chart anchored in G
    const total = app.getSheets().reduce((n, sh) => n + sh.getMaxRows() * sh.getMaxColumns(), 0);
    expect(total).toBeLessThanOrEqual(10_000_000);
    console.log(`130,000 customers: the spreadsheet holds ${(total / 1e6).toFixed(2)} M cells`);
  }, 120_000);

  it('refuses a report that cannot fit before writing anything, and fits once the Why sheet is left out', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    ss.seedSheet('Data', generateCustomers(40_000, 6));
    // An archive sheet of the user's: 300,000 empty rows × 26 columns, 7.8 M cells.
    const app = s.fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    app.insertSheet('Archive').insertRowsAfter(1_000, 299_000);
    ss.select('Data', 'A1');
    s.fake.resetCalls();
    await expect(runSteps(s, SAMPLE_SETTINGS)).rejects.toThrow(
      'Preparing the report sheets: This report needs 1.5 M cells and the spreadsheet holds 8.9 M besides; Sheets allows 10 M: leave out the Why sheet (under Report) or analyse in Excel or with the CLI.',
    );
    expect(ss.sheetNames()).toEqual(['Data', 'Archive']);
    for (const m of ['insertSheet', 'insertRowsAfter', 'deleteRows', 'deleteColumns'])
      expect(
        s.fake.calls.byMethod[`Spreadsheet.${m}`] ?? s.fake.calls.byMethod[`Sheet.${m}`],
        m,
      ).toBeUndefined();

    ss.select('Data', 'A1');
    const { summary } = await runSteps(s, SAMPLE_SETTINGS, { leaveOutWhy: true });
    expect(summary.sheets).toEqual(REPORT.filter((n) => n !== 'Why'));
    expect(ss.sheetNames()).toEqual(['Data', 'Archive', ...summary.sheets]);
  }, 60_000);
});
