/**
 * Full runs through the built Code.js against the SpreadsheetApp fake, driven step by step as the
 * sidebar drives them (runInSteps): the report sheets, their content against the core, and the
 * SpreadsheetApp calls of each step, which must not grow with the rows.
 */

import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { MAX_WIDTH } from '../../core/report/layout.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { scenariosSheet } from '../../core/report/scenarios-sheet.js';
import { runScenario } from '../../core/scenario.js';
import { baselineFrom } from '../../core/scenario-base.js';
import { resolveSettings } from '../../core/settings.js';
import type { DetectedTable } from '../../pane/host.js';
import { generateCustomers, generateTransactions, SAMPLE_SETTINGS } from '../data/generate.js';
import { EXECUTION_LIMIT_MS } from '../fakes/spreadsheet-app.js';
import { boot, runSteps, type Script, type StepCall, writeSteps } from './harness.js';

const REPORT = ['Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Assumptions', 'Data Issues'];

async function runOn(
  rows: unknown[][],
  sheets: string[] = ['Data'],
): Promise<{ s: Script; summary: any; steps: StepCall[] }> {
  const s = await boot({
    timeZone: 'Europe/Berlin',
    scriptTimeZone: 'Etc/UTC',
    sheetNames: sheets,
  });
  s.fake.spreadsheet.seedSheet('Data', rows);
  s.fake.spreadsheet.select('Data', 'A1');
  s.fake.resetCalls();
  const { summary, steps } = await runSteps(s, SAMPLE_SETTINGS);
  return { s, summary, steps };
}

/** The largest number of SpreadsheetApp calls any one call of this step made. */
const most = (steps: StepCall[], name: string) =>
  Math.max(...steps.filter((c) => c.name === name).map((c) => c.calls));
const callsOf = (steps: StepCall[], name: string) =>
  steps.filter((c) => c.name === name).map((c) => c.calls);

describe('the stepwise run', () => {
  it('writes the same report as the core, each step with as many SpreadsheetApp calls for 1k as for 100k customers', async () => {
    const small = await runOn(generateCustomers(1_000, 7));
    const big = await runOn(generateCustomers(100_000, 7));
    const stepsOf = (r: { steps: StepCall[] }) => {
      const n = new Map<string, number>();
      for (const c of r.steps) n.set(c.name, (n.get(c.name) ?? 0) + 1);
      return [...n];
    };
    const longest = Math.max(...big.steps.map((c) => c.ms));
    console.log(
      `Sheets run, 100,000 customers: the longest step ${(longest / 1000).toFixed(1)} s of Apps Script's 6 minutes as the fake models them; ` +
        `${big.steps.length} server calls (${stepsOf(big)
          .map(([n, k]) => `${k} ${n}`)
          .join(', ')}); ` +
        `at most ${Math.max(...big.steps.map((c) => c.calls))} SpreadsheetApp calls in one`,
    );
    // A block, a sheet's finish, the preparation: the same calls whatever the rows.
    for (const name of ['readRows', 'writeRows'])
      expect(most(big.steps, name), name).toBe(most(small.steps, name));
    for (const name of ['detectTable', 'prepareReport', 'finishSheet', 'finishReport'])
      expect(callsOf(big.steps, name), name).toEqual(callsOf(small.steps, name));
    expect(callsOf(big.steps, 'readRows').length).toBe(5); // 1.2 M cells, 250,000 a call
    expect(big.s.fake.calls.byMethod['SpreadsheetApp.flush']).toBeUndefined();
    // Each step is one execution, well within Apps Script's 6 minutes (past it the fake throws).
    expect(longest).toBeLessThan(EXECUTION_LIMIT_MS / 4);

    for (const { s, summary } of [small, big]) {
      expect(s.fake.spreadsheet.sheetNames()).toEqual(['Data', ...REPORT]);
      expect(summary.sheets).toEqual(REPORT);
    }
    // Every value the core describes is in the sheet, strings as strings (the fake parses input like Sheets).
    const core = analyze({ values: generateCustomers(1_000, 7) }, SAMPLE_SETTINGS);
    if (!core.ok) throw new Error(core.error.message);
    // The run names its sheet and its time on Assumptions; the time is the one the run wrote.
    const time = small.s.fake.spreadsheet
      .rawValues('Assumptions')
      .find((r) => r[1] === 'Time of the run')![2];
    expect(String(time)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/); // the ISO time, readable
    for (const spec of reportSheets(core.value, { source: 'sheet "Data"', time: String(time) })) {
      const got = small.s.fake.spreadsheet.rawValues(
        spec.name,
        `A1:${String.fromCharCode(64 + spec.width)}${spec.values.length}`,
      );
      // -0 crosses google.script.run as 0 (JSON), as a sheet would hold it anyway.
      const want = spec.values.map((r) =>
        Array.from({ length: spec.width }, (_, c) => (r[c] === 0 ? 0 : (r[c] ?? ''))),
      );
      expect(got, spec.name).toEqual(want);
    }
    expect(big.summary.customers).toBe(100_000);
    expect(big.s.fake.spreadsheet.inspectSheet('Customers').lastRow).toBe(100_001);
    // The big sheets were written in blocks; their values and formats join up.
    const big100 = analyze({ values: generateCustomers(100_000, 7) }, SAMPLE_SETTINGS);
    if (!big100.ok) throw new Error(big100.error.message);
    const why = reportSheets(big100.value).find((x) => x.name === 'Why')!;
    const last = String.fromCharCode(64 + why.width);
    const revenue = String.fromCharCode(65 + why.values[0].indexOf('Revenue'));
    for (const row of [0, 1, 3_749, 3_750, 3_751, 50_000, 100_000]) {
      const want = Array.from({ length: why.width }, (_, c) =>
        why.values[row][c] === 0 ? 0 : (why.values[row][c] ?? ''),
      );
      expect(
        big.s.fake.spreadsheet.rawValues('Why', `A${row + 1}:${last}${row + 1}`)[0],
        `Why row ${row + 1}`,
      ).toEqual(want);
      expect(
        big.s.fake.spreadsheet.inspectCell('Why', `${revenue}${row + 1}`).numberFormat,
        `Why ${revenue}${row + 1}`,
      ).toBe(row === 0 ? null : '#,##0.00;[Red]-#,##0.00');
    }
  }, 180_000);

  it('keeps the What-if columns in the sidebar; writeSheets adds Scenarios in steps and keeps the report', async () => {
    const { s, summary } = await runOn(generateCustomers(1_000, 7));
    // the analysis ran in the sidebar: its customer columns are there, not sent by the server
    expect(summary.whatIfBase.keys).toHaveLength(1_000);
    const { settings } = resolveSettings(SAMPLE_SETTINGS);
    const core = analyze({ values: generateCustomers(1_000, 7) }, SAMPLE_SETTINGS);
    if (!core.ok) throw new Error(core.error.message);
    const b = baselineFrom(summary.whatIfBase, settings);
    expect(Array.from(b.netProfit)).toEqual(Array.from(core.value.netProfit));
    expect(Array.from(b.classes.segment)).toEqual(Array.from(core.value.classes.segment));
    const sc = runScenario(b, settings, {
      name: 'Exit the money-losers',
      changes: [{ where: { moneyLosers: true }, exit: true }],
    });
    const spec = scenariosSheet(b, settings, [sc])!;
    const { names, steps } = await writeSteps(s, [spec]);
    expect(names).toEqual(['Scenarios']);
    expect(steps.map((c) => c.name)).not.toContain('readRows'); // the data is not read again
    expect(s.fake.spreadsheet.sheetNames()).toEqual(['Data', ...REPORT, 'Scenarios']);
    expect(s.fake.spreadsheet.rawValues('Scenarios', 'A1:A1')).toEqual([
      ['Scenarios: the baseline beside each what-if'],
    ]);
    // the next full run replaces the report, Scenarios included
    s.fake.spreadsheet.select('Data', 'A1');
    await runSteps(s, SAMPLE_SETTINGS);
    expect(s.fake.spreadsheet.sheetNames()).toEqual(['Data', ...REPORT]);
  });

  it('has the What-if columns above 50,000 customers too: nothing crosses google.script.run', async () => {
    const { summary } = await runOn(generateCustomers(60_000, 7));
    expect(summary.whatIfBase.keys).toHaveLength(60_000);
    expect(summary.whatIfMissing).toBeUndefined();
  });

  it('formats, freezes, filters, appends conditional rules, charts the whale curve and marks its sheets', async () => {
    const { s } = await runOn(generateCustomers(300, 3));
    const ss = s.fake.spreadsheet;
    const customers = ss.inspectSheet('Customers');
    expect(customers.frozenRows).toBe(1);
    expect(customers.filter).toBe('A1:P301'); // header + 300 customers, like the Excel table (P: Sensitivity)
    for (const name of REPORT.filter((n) => n !== 'Customers'))
      expect(ss.inspectSheet(name).filter, name).toBeNull();
    // widths from the content (core/report/layout.ts): "Customer" and its padding; the long
    // Action texts at the widest a column gets, wrapped
    expect(customers.columnWidths).toMatchObject({ 1: 10 * 7 + 10, 15: MAX_WIDTH * 7 + 10 });
    expect(ss.inspectCell('Customers', 'O2').wrap).toBe(true);
    const why = ss.inspectSheet('Why');
    expect([why.frozenRows, why.frozenColumns]).toEqual([1, 4]); // customer, name, segment, tier
    const matrix = ss.inspectSheet('Profit Matrix');
    expect(matrix.merges.length).toBeGreaterThan(0); // the legend's notes, across the sheet
    // a note of two lines or more gets its height: 2 × 15 points = 40 px
    expect(Math.max(...Object.values(matrix.rowHeights))).toBeGreaterThanOrEqual(40);
    expect(
      customers.conditionalFormatRules.map((r) => [r.ranges, r.criteria ?? 'gradient']),
    ).toEqual([
      [['F2:F301'], 'NUMBER_LESS_THAN'],
      [['G2:G301'], 'gradient'],
      [['M2:M301'], 'NUMBER_LESS_THAN'],
    ]);
    expect(ss.inspectCell('Customers', 'C2').numberFormat).toBe('#,##0.00;[Red]-#,##0.00');
    expect(ss.inspectCell('Customers', 'A1').fontWeight).toBe('bold');
    expect(ss.inspectCell('Customers', 'A1').background).toBe('#1f4e5f');
    expect(ss.inspectCell('Profit Matrix', 'A1').fontSize).toBe(14);
    const chart = ss.inspectSheet('Whale Curve').charts;
    expect(chart).toHaveLength(1);
    expect(chart[0].type).toBe('SCATTER');
    expect(chart[0].ranges).toHaveLength(3);
    for (const name of REPORT) {
      expect(
        ss.inspectSheet(name).developerMetadata.map((m) => [m.key, m.value, m.visibility]),
      ).toEqual([['profit-tiers.report', name, 'PROJECT']]);
    }
  });

  it('writes customer names as text, never as formulas or numbers', async () => {
    const rows = generateCustomers(50, 2);
    rows[1][0] = '=IMPORTXML("http://x","//a")';
    rows[1][1] = '=IMPORTXML("http://x","//a")';
    rows[2][0] = '-5';
    rows[2][1] = '+1 555 0100';
    rows[3][1] = '<img src=x onerror=alert(1)>';
    const { s } = await runOn(rows);
    for (const sheet of ['Customers', 'Why']) {
      const cells = s.fake.spreadsheet.inspectCells(sheet, 'A1:B51').flat();
      expect(
        cells.some((c) => c.isFormula),
        sheet,
      ).toBe(false);
      const texts = cells.map((c) => c.value);
      expect(texts).toContain('=IMPORTXML("http://x","//a")');
      expect(texts).toContain('-5');
      expect(texts).toContain('+1 555 0100');
      expect(texts).toContain('<img src=x onerror=alert(1)>');
      expect(texts).not.toContain(-5);
    }
  });

  it("never touches a user's sheet of the same name; a re-run reuses only the add-on's sheets", async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    ss.seedSheet('Data', generateCustomers(40, 5));
    ss.seedSheet('Profit Matrix', [['my own notes', 42]]);
    s.fake.globals.SpreadsheetApp.getActiveSpreadsheet()
      .getSheetByName('Profit Matrix')!
      .setFrozenRows(1);
    ss.select('Data', 'A1');
    const first = (await runSteps(s, SAMPLE_SETTINGS)).summary;
    expect(first.sheets[0]).toBe('Profit Matrix (2)');
    const ids = Object.fromEntries(
      first.sheets.map((n: string) => [n, ss.inspectSheet(n).sheetId]),
    );
    ss.select('Data', 'A1');
    const second = (await runSteps(s, SAMPLE_SETTINGS)).summary;
    expect(second.sheets).toEqual(first.sheets);
    expect(ss.sheetNames()).toEqual(['Data', 'Profit Matrix', ...first.sheets]);
    for (const n of first.sheets) expect(ss.inspectSheet(n).sheetId, n).toBe(ids[n]);
    expect(ss.rawValues('Profit Matrix')).toEqual([['my own notes', 42]]);
    expect(ss.inspectSheet('Profit Matrix').frozenRows).toBe(1);
    expect(ss.inspectSheet('Profit Matrix').developerMetadata).toEqual([]);
    expect(ss.rawValues('Data')).toEqual(generateCustomers(40, 5));
  });

  it("a re-run keeps a user's formulas that point into the report: same sheets, same places, fresh content", async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    const app = s.fake.globals.SpreadsheetApp;
    ss.seedSheet('Data', generateCustomers(60, 4));
    ss.select('Data', 'A1');
    await runSteps(s, SAMPLE_SETTINGS);
    // The user's own sheet, between two report sheets, with formulas into the report.
    const notes = app.getActiveSpreadsheet().insertSheet('Notes', 2);
    const formulas = [["='Profit Matrix'!C7", '=SUM(Customers!C2:C61)', "='Whale Curve'!A5"]];
    notes.getRange(1, 1, 1, 3).setFormulas(formulas);
    // An earlier run compared periods: its Migration sheet is ours but no longer applies.
    const migration = app.getActiveSpreadsheet().insertSheet('Migration');
    migration.addDeveloperMetadata(
      'profit-tiers.report',
      'Migration',
      app.DeveloperMetadataVisibility.PROJECT,
    );
    migration.getRange('A1').setValue('old');
    const order = ss.sheetNames();
    expect(order).toEqual([
      'Data',
      'Profit Matrix',
      'Notes',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
      'Migration',
    ]);
    const ids = Object.fromEntries(REPORT.map((n) => [n, ss.inspectSheet(n).sheetId]));

    // A smaller second run: the sheets are reused in place, the stale rows of the first run are gone.
    app.getActiveSpreadsheet().getSheetByName('Data')!.clear();
    ss.seedSheet('Data', generateCustomers(20, 9));
    ss.select('Data', 'A1');
    const second = (await runSteps(s, SAMPLE_SETTINGS)).summary;
    expect(second.sheets).toEqual(REPORT);
    expect(ss.sheetNames()).toEqual(order.filter((n) => n !== 'Migration'));
    for (const n of REPORT) expect(ss.inspectSheet(n).sheetId, n).toBe(ids[n]);
    expect(notes.getRange(1, 1, 1, 3).getFormulas()).toEqual(formulas);
    expect(notes.getRange(1, 1, 1, 3).getValues().flat()).not.toContain('#REF!');

    const customers = ss.inspectSheet('Customers');
    expect(customers.lastRow).toBe(21);
    expect(
      ss
        .rawValues('Customers', 'A22:P61')
        .flat()
        .every((v) => v === ''),
    ).toBe(true);
    expect(ss.inspectCell('Customers', 'C40').numberFormat).toBeNull(); // formats of the first run cleared
    expect(customers.filter).toBe('A1:P21');
    expect(customers.frozenRows).toBe(1);
    expect(customers.conditionalFormatRules.map((r) => r.ranges)).toEqual([
      ['F2:F21'],
      ['G2:G21'],
      ['M2:M21'],
    ]);
    expect(ss.inspectSheet('Whale Curve').charts).toHaveLength(1);
    for (const n of REPORT)
      expect(
        ss.inspectSheet(n).developerMetadata.map((m) => m.value),
        n,
      ).toEqual([n]);
    // The same content as a run into a fresh spreadsheet.
    const fresh = await runOn(generateCustomers(20, 9));
    // (each run writes its own time on Assumptions)
    const untimed = (rows: unknown[][]) =>
      rows.map((r) => (r[1] === 'Time of the run' ? [r[0], r[1], '', r[3]] : r));
    for (const n of REPORT)
      expect(untimed(ss.rawValues(n)), n).toEqual(untimed(fresh.s.fake.spreadsheet.rawValues(n)));
  });

  it('a re-run makes the same SpreadsheetApp calls per step whatever the number of customers', async () => {
    const rerun = async (n: number) => {
      const { s } = await runOn(generateCustomers(500, 2));
      s.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data')!.clear();
      s.fake.spreadsheet.seedSheet('Data', generateCustomers(n, 3));
      s.fake.spreadsheet.select('Data', 'A1');
      s.fake.resetCalls();
      const { steps } = await runSteps(s, SAMPLE_SETTINGS);
      return { fake: s.fake, steps };
    };
    // Both re-runs outgrow the first run's sheets (one insertRowsAfter each, as on a first run).
    const small = await rerun(2_000),
      big = await rerun(20_000);
    expect(callsOf(big.steps, 'prepareReport')).toEqual(callsOf(small.steps, 'prepareReport'));
    expect(callsOf(big.steps, 'finishSheet')).toEqual(callsOf(small.steps, 'finishSheet'));
    expect(most(big.steps, 'writeRows')).toBe(most(small.steps, 'writeRows'));
    expect(small.fake.calls.byMethod['Spreadsheet.insertSheet']).toBeUndefined();
    expect(small.fake.calls.byMethod['Spreadsheet.deleteSheet']).toBeUndefined();
    expect(small.fake.calls.byMethod['Filter.remove']).toBe(1);
    expect(small.fake.calls.byMethod['Range.createFilter']).toBe(1);
    console.log(
      `Sheets re-run: ${callsOf(small.steps, 'prepareReport')[0]} SpreadsheetApp calls to prepare, at most ${most(small.steps, 'writeRows')} per block`,
    );
  });

  it('reads Date cells in the spreadsheet’s time zone, whatever the script’s zone', async () => {
    const s = await boot({
      timeZone: 'Pacific/Auckland',
      scriptTimeZone: 'America/Los_Angeles',
      sheetNames: ['Data'],
    });
    const ss = s.fake.spreadsheet;
    // Midnight of 5 Jan 2024 in Auckland is still 4 Jan in UTC and in Los Angeles.
    ss.seedSheet('Data', [
      ['Customer', 'Revenue', 'COGS'],
      [new Date(Date.UTC(2024, 0, 4, 11)), 100, 60],
      ['B', 50, 40],
    ]);
    ss.select('Data', 'A1');
    await runSteps(s, {});
    expect(ss.rawValues('Customers', 'A2:A3').flat()).toContain('2024-01-05');
  });

  it('detects the table and its mapping, and reports input errors as one-line messages', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    ss.seedSheet('Data', generateCustomers(30, 1));
    ss.select('Data', 'A1');
    const t = s.run('detectTable') as any;
    expect(t).toMatchObject({ address: 'Data!A1:L31', source: 'sheet', rows: 30 });
    expect(t.mapping).toMatchObject({
      customer: 'Customer ID',
      name: 'Customer Name',
      revenue: 'Revenue',
      cogs: 'COGS',
    });
    ss.select('Data', 'A1:C11');
    expect(s.run('detectTable')).toMatchObject({
      address: 'Data!A1:C11',
      source: 'selection',
      rows: 10,
    });
    ss.seedSheet('Empty', [['just', 'words']]);
    ss.select('Empty', 'A1');
    expect(() => s.run('detectTable')).toThrow(/header|column|revenue/i);
  });

  it('finds the header below a title row, as the Excel pane does, and runs from it', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    ss.seedSheet('Data', [['Customer profitability, FY 2024'], [], ...generateCustomers(30, 1)]);
    ss.select('Data', 'B7');
    const t = s.run('detectTable') as DetectedTable;
    expect([t.address, t.source, t.rows, t.missing]).toEqual(['Data!A3:L33', 'sheet', 30, []]);
    expect(t.mapping).toMatchObject({ customer: 'Customer ID', revenue: 'Revenue', cogs: 'COGS' });
    expect(s.fake.calls.byMethod['Range.getValues']).toBe(1); // the first rows only, no analysis
    const { summary } = await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t);
    expect([summary.customers, summary.rowsUsed, summary.rejectedCount]).toEqual([30, 30, 0]);
  });

  it('takes the table on over a blank row inside it, and lists that row as blank', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    const rows: (string | number)[][] = [
      ['Customer profitability, FY 2024'],
      [],
      ...generateCustomers(8, 1),
    ];
    rows.splice(8, 0, []); // a blank row after the 6th customer: sheet row 9
    ss.seedSheet('Data', rows);
    ss.select('Data', 'B5');
    const t = s.run('detectTable') as DetectedTable;
    expect([t.address, t.rows]).toEqual(['Data!A3:L12', 9]);
    const { summary } = await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t);
    expect([summary.customers, summary.rowsUsed, summary.rejectedCount]).toEqual([8, 8, 1]);
    expect(summary.rejected[0]).toMatchObject({ row: 9, reason: 'blank row' });
  });

  it('a second run without re-selecting reads the detected table, not the report sheet now active', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    const ss = s.fake.spreadsheet;
    ss.seedSheet('Data', generateCustomers(30, 1));
    ss.select('Data', 'A1');
    const t = s.run('detectTable') as DetectedTable;
    const first = (await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t)).summary;
    expect(s.fake.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Profit Matrix');
    const second = (await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t)).summary;
    expect([second.customers, second.sheets]).toEqual([30, first.sheets]);
    // Rows added and the sheet renamed since: each read re-finds the table by the sheet's id.
    ss.seedSheet('Data', generateCustomers(40, 1));
    s.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data')!.setName('FY24');
    const third = (await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t)).summary;
    expect([third.customers, third.sourceSheet]).toEqual([40, 'FY24']);
    expect(ss.rawValues('Customers')).toHaveLength(41);
  });

  it('says in one line when the detected table is gone, and never takes a report sheet for it', async () => {
    const s = await boot({ sheetNames: ['Data', 'Notes'] });
    const ss = s.fake.spreadsheet;
    const app = s.fake.globals.SpreadsheetApp;
    ss.seedSheet('Data', generateCustomers(10, 1));
    ss.select('Data', 'A1');
    const t = s.run('detectTable') as DetectedTable;
    await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t);
    expect(() => s.run('detectTable')).toThrow(
      /^"Profit Matrix" is a sheet of the Profit Tiers report/,
    );
    app.getActiveSpreadsheet().getSheetByName('Data')!.clear();
    const written = ss.rawValues('Customers');
    await expect(runSteps(s, SAMPLE_SETTINGS, {}, undefined, t)).rejects.toThrow(
      /^The sheet "Data" holds no customer table any more: select your customer table[^\n]*$/,
    );
    app.getActiveSpreadsheet().deleteSheet(app.getActiveSpreadsheet().getSheetByName('Data')!);
    const gone = runSteps(s, SAMPLE_SETTINGS, {}, undefined, t);
    await expect(gone).rejects.toThrow(
      /^The sheet "Data" that held the customer table was deleted: select[^\n]*$/,
    );
    await expect(gone).rejects.toMatchObject({ code: 'table-gone' });
    expect(ss.rawValues('Customers')).toEqual(written); // nothing was written
  });

  it('reads whole selected columns (A:L) only as far as the data goes', async () => {
    const s = await boot({ sheetNames: ['Data'] });
    s.fake.spreadsheet.seedSheet('Data', generateCustomers(30, 1));
    s.fake.spreadsheet.select('Data', 'A:L');
    const t = s.run('detectTable') as DetectedTable;
    expect([t.source, t.address, t.rows]).toEqual(['selection', 'Data!A1:L31', 30]);
    const { summary, steps } = await runSteps(s, SAMPLE_SETTINGS, {}, undefined, t);
    expect([summary.customers, summary.rejectedCount]).toEqual([30, 0]);
    expect(steps.filter((c) => c.name === 'readRows')).toHaveLength(1);
  });

  it('goTo selects a cell of the source table', async () => {
    const s = await boot({ sheetNames: ['Data', 'Other'] });
    s.fake.spreadsheet.seedSheet('Data', [['x']]);
    s.run('goTo', 'Data', 'B7');
    const app = s.fake.globals.SpreadsheetApp;
    expect(app.getActiveSheet().getName()).toBe('Data');
    expect(app.getActiveRange()!.getA1Notation()).toBe('B7');
  });
});

describe('the stepwise run with groups and periods (§14, §15)', () => {
  it('writes a Groups sheet with a column chart and a Trend sheet with a line chart and tier colours', async () => {
    const rows = generateTransactions(3_000, 120, 5);
    const s = await boot({ sheetNames: ['Data'] });
    s.fake.spreadsheet.seedSheet('Data', rows);
    s.fake.spreadsheet.select('Data', 'A1');
    const { summary } = await runSteps(
      s,
      { ...SAMPLE_SETTINGS, groupBy: ['Product'] },
      { periods: 'quarter' },
    );
    expect(summary.sheets).toEqual([
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Groups',
      'Migration',
      'Trend',
      'Assumptions',
      'Data Issues',
    ]);
    const ss = s.fake.spreadsheet;
    const core = analyze(
      { values: rows },
      { ...SAMPLE_SETTINGS, groupBy: ['Product'] },
      { periods: 'quarter' },
    );
    if (!core.ok) throw new Error(core.error.message);
    const n = core.value.groups[0].values.length;
    const bar = ss.inspectSheet('Groups').charts;
    expect(bar.map((c) => [c.type, c.ranges])).toEqual([
      ['COLUMN', [`A6:A${5 + n}`, `F6:F${5 + n}`, `J6:J${5 + n}`]],
    ]);
    const trend = ss.inspectSheet('Trend');
    expect(trend.charts.map((c) => [c.type, c.ranges])).toEqual([['LINE', ['A6:A13', 'D6:D13']]]);
    const concierge = trend.conditionalFormatRules.filter(
      (r) => r.criteria === 'TEXT_EQUAL_TO' && r.criteriaValues[0] === 'Concierge',
    );
    expect(concierge).toHaveLength(1);
    expect(concierge[0].background?.toUpperCase()).toBe('#C6EFCE');
  });
});
