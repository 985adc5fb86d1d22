/**
 * A full run through the built Code.js against the SpreadsheetApp fake: the report sheets, their
 * content against the core, and the SpreadsheetApp call count, which must not grow with the rows.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { generateCustomers, generateTransactions, SAMPLE_SETTINGS } from '../data/generate.js';
import { EXECUTION_LIMIT_MS } from '../fakes/spreadsheet-app.js';
import { boot, countsOf, type Script } from './harness.js';

const REPORT = ['Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Assumptions', 'Data Issues'];

async function runOn(
  rows: unknown[][],
  sheets: string[] = ['Data'],
): Promise<{ s: Script; summary: any }> {
  const s = await boot({
    timeZone: 'Europe/Berlin',
    scriptTimeZone: 'Etc/UTC',
    sheetNames: sheets,
  });
  s.fake.spreadsheet.seedSheet('Data', rows);
  s.fake.spreadsheet.select('Data', 'A1');
  s.fake.resetCalls();
  const summary = s.run('runReport', SAMPLE_SETTINGS);
  return { s, summary };
}

describe('runReport', () => {
  it('writes the same report as the core, with the same SpreadsheetApp calls for 1k and 100k customers', async () => {
    const small = await runOn(generateCustomers(1_000, 7));
    const big = await runOn(generateCustomers(100_000, 7));
    const minutes = (ms: number) => (ms / 60_000).toFixed(1);
    console.log(
      `Sheets run, 100,000 customers: ${big.s.fake.calls.spreadsheet} SpreadsheetApp calls (1,000 customers: ${small.s.fake.calls.spreadsheet}), ` +
        `${minutes(big.s.fake.lastExecutionMs)} of Apps Script's 6 minutes as the fake models them`,
    );
    expect(countsOf(big.s.fake)).toEqual(countsOf(small.s.fake));
    expect(big.s.fake.calls.spreadsheet).toBe(small.s.fake.calls.spreadsheet);
    expect(big.s.fake.calls.byMethod['Range.getValues']).toBe(1);
    expect(big.s.fake.calls.byMethod['SpreadsheetApp.flush']).toBeUndefined();
    // Within Apps Script's limit for one execution (past it the fake throws, as Apps Script does).
    expect(big.s.fake.lastExecutionMs).toBeLessThan(EXECUTION_LIMIT_MS);

    for (const { s, summary } of [small, big]) {
      expect(s.fake.spreadsheet.sheetNames()).toEqual(['Data', ...REPORT]);
      expect(summary.sheets).toEqual(REPORT);
      expect(s.fake.spreadsheet.sheetNames()[0]).toBe('Data');
    }
    // Every value the core describes is in the sheet, strings as strings (the fake parses input like Sheets).
    const core = analyze({ values: generateCustomers(1_000, 7) }, SAMPLE_SETTINGS);
    if (!core.ok) throw new Error(core.error.message);
    // The run names its sheet and its time on Assumptions; the time is the one the run wrote.
    const time = small.s.fake.spreadsheet
      .rawValues('Assumptions')
      .find((r) => r[1] === 'Time of the run')![2];
    expect(String(time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const spec of reportSheets(core.value, { source: 'sheet "Data"', time: String(time) })) {
      const got = small.s.fake.spreadsheet.rawValues(
        spec.name,
        `A1:${String.fromCharCode(64 + spec.width)}${spec.values.length}`,
      );
      const want = spec.values.map((r) => Array.from({ length: spec.width }, (_, c) => r[c] ?? ''));
      expect(got, spec.name).toEqual(want);
    }
    expect(big.summary.customers).toBe(100_000);
    expect(big.s.fake.spreadsheet.inspectSheet('Customers').lastRow).toBe(100_001);
  }, 120_000);

  it('formats, freezes, filters, appends conditional rules, charts the whale curve and marks its sheets', async () => {
    const { s } = await runOn(generateCustomers(300, 3));
    const ss = s.fake.spreadsheet;
    const customers = ss.inspectSheet('Customers');
    expect(customers.frozenRows).toBe(1);
    expect(customers.filter).toBe('A1:O301'); // header + 300 customers, like the Excel table
    for (const name of REPORT.filter((n) => n !== 'Customers'))
      expect(ss.inspectSheet(name).filter, name).toBeNull();
    expect(customers.columnWidths).toMatchObject({
      1: 14 * 7 + 10,
      2: 28 * 7 + 10,
      15: 60 * 7 + 10,
    });
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
    const first = s.run('runReport', SAMPLE_SETTINGS) as any;
    expect(first.sheets[0]).toBe('Profit Matrix (2)');
    const ids = Object.fromEntries(
      first.sheets.map((n: string) => [n, ss.inspectSheet(n).sheetId]),
    );
    ss.select('Data', 'A1');
    const second = s.run('runReport', SAMPLE_SETTINGS) as any;
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
    s.run('runReport', SAMPLE_SETTINGS);
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
    const second = s.run('runReport', SAMPLE_SETTINGS) as any;
    expect(second.sheets).toEqual(REPORT);
    expect(ss.sheetNames()).toEqual(order.filter((n) => n !== 'Migration'));
    for (const n of REPORT) expect(ss.inspectSheet(n).sheetId, n).toBe(ids[n]);
    expect(notes.getRange(1, 1, 1, 3).getFormulas()).toEqual(formulas);
    expect(notes.getRange(1, 1, 1, 3).getValues().flat()).not.toContain('#REF!');

    const customers = ss.inspectSheet('Customers');
    expect(customers.lastRow).toBe(21);
    expect(
      ss
        .rawValues('Customers', 'A22:M61')
        .flat()
        .every((v) => v === ''),
    ).toBe(true);
    expect(ss.inspectCell('Customers', 'C40').numberFormat).toBeNull(); // formats of the first run cleared
    expect(customers.filter).toBe('A1:O21');
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

  it('a re-run makes the same SpreadsheetApp calls whatever the number of customers', async () => {
    const rerun = async (n: number) => {
      const { s } = await runOn(generateCustomers(500, 2));
      s.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Data')!.clear();
      s.fake.spreadsheet.seedSheet('Data', generateCustomers(n, 3));
      s.fake.spreadsheet.select('Data', 'A1');
      s.fake.resetCalls();
      s.run('runReport', SAMPLE_SETTINGS);
      return s.fake;
    };
    // Both re-runs outgrow the first run's sheets (one insertRowsAfter each, as on a first run).
    const small = await rerun(2_000),
      big = await rerun(20_000);
    expect(countsOf(big)).toEqual(countsOf(small));
    expect(small.calls.byMethod['Spreadsheet.insertSheet']).toBeUndefined();
    expect(small.calls.byMethod['Spreadsheet.deleteSheet']).toBeUndefined();
    expect(small.calls.byMethod['Filter.remove']).toBe(1);
    expect(small.calls.byMethod['Range.createFilter']).toBe(1);
    console.log(
      `Sheets re-run: ${small.calls.spreadsheet} SpreadsheetApp calls (2,000 and 20,000 customers alike)`,
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
    s.run('runReport', {});
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

  it('goTo selects a cell of the source table', async () => {
    const s = await boot({ sheetNames: ['Data', 'Other'] });
    s.fake.spreadsheet.seedSheet('Data', [['x']]);
    s.run('goTo', 'Data', 'B7');
    const app = s.fake.globals.SpreadsheetApp;
    expect(app.getActiveSheet().getName()).toBe('Data');
    expect(app.getActiveRange()!.getA1Notation()).toBe('B7');
  });
});

describe('runProgress', () => {
  it('reports the stages of a run to the polling sidebar, with a few cache writes whatever the size', async () => {
    const puts: number[] = [];
    for (const n of [1_000, 20_000]) {
      const s = await boot({ sheetNames: ['Data'] });
      s.fake.spreadsheet.seedSheet('Data', generateCustomers(n, 3));
      s.fake.spreadsheet.select('Data', 'A1');
      expect(s.run('runProgress', 'run-1')).toBeNull();
      const before = s.fake.calls.byMethod['Cache.put'] ?? 0;
      s.run('runReport', SAMPLE_SETTINGS, {}, 'run-1');
      puts.push((s.fake.calls.byMethod['Cache.put'] ?? 0) - before);
      expect(s.run('runProgress', 'run-1')).toMatchObject({ stage: 'done', fraction: 1 });
      expect(s.run('runProgress', 'another-run')).toBeNull();
    }
    expect(puts[0]).toBe(puts[1]);
    expect(puts[0]).toBe(3 + REPORT.length); // read, compute, each sheet, done
  });
});

describe('runReport with groups and periods (§14, §15)', () => {
  it('writes a Groups sheet with a column chart and a Trend sheet with a line chart and tier colours', async () => {
    const rows = generateTransactions(3_000, 120, 5);
    const s = await boot({ sheetNames: ['Data'] });
    s.fake.spreadsheet.seedSheet('Data', rows);
    s.fake.spreadsheet.select('Data', 'A1');
    const summary = s.run(
      'runReport',
      { ...SAMPLE_SETTINGS, groupBy: ['Product'] },
      { periods: 'quarter' },
    ) as { sheets: string[] };
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
