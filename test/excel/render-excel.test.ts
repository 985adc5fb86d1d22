// The Office.js renderer against the fake Excel (test/fakes/excel.ts): sync counts that grow only with
// write blocks, no formula injection, a user's sheet of the same name left alone, re-runs reusing only ours.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { payloadBytes, renderSheets, WRITE_BUDGET } from '../../excel-addin/render-excel.js';
import { generateCustomers, generateTransactions, SAMPLE_SETTINGS } from '../data/generate.js';
import {
  createExcelFake,
  type ExcelFake,
  type FakeExcelOptions,
  PAYLOAD_LIMIT_BYTES,
  parseAddress,
} from '../fakes/excel.js';

function report(rows: (string | number)[][]) {
  const a = analyze({ values: rows }, SAMPLE_SETTINGS);
  if (!a.ok) throw new Error(a.error.message);
  return reportSheets(a.value);
}

/** A workbook whose only sheet, "Data", holds `rows` (strings as text, as a user's data sheet would). */
function workbookWithData(rows: (string | number)[][], options: FakeExcelOptions = {}) {
  const fake = createExcelFake({ ...options, sheets: ['Data'] });
  fake.workbook.seedSheet('Data', rows);
  return fake;
}

const render = (fake: ExcelFake, specs: ReturnType<typeof report>) =>
  fake.Excel.run((c) => renderSheets(c as unknown as Excel.RequestContext, specs));

/** Everything a user could see of a sheet, to compare before and after. */
const snapshot = (fake: ExcelFake, name: string) => {
  const s = fake.workbook.sheet(name);
  return {
    formulas: s.formulas(),
    formats: s.numberFormats(),
    used: s.usedRangeAddress(false),
    props: s.customProperties(),
    tables: s.tables(),
    charts: s.charts(),
    cfs: s.conditionalFormats(),
    frozen: s.frozenRows,
    widths: [...s.colWidths],
  };
};

describe('renderSheets', () => {
  it('writes every report sheet, marked as ours, with the values of the description', async () => {
    const rows = generateCustomers(50);
    const specs = report(rows);
    const fake = workbookWithData(rows);
    const out = await render(fake, specs);
    expect(out.sheets).toEqual(specs.map((s) => s.name));
    for (const s of specs) {
      const sheet = fake.workbook.sheet(s.name);
      expect(sheet.customProperties()).toEqual({ ProfitTiers: s.name });
      expect(sheet.values()[0].slice(0, s.values[0].length)).toEqual(
        s.values[0].map((v) => v ?? ''),
      );
    }
    const customers = fake.workbook.sheet('Customers');
    expect(customers.values()).toHaveLength(51);
    expect(
      fake.workbook.tables().map((t) => [t.name, t.sheet, parseAddress(t.address)!.rect.rows]),
    ).toEqual([['ProfitTiersCustomers', 'Customers', 51]]);
    expect(customers.frozenRows).toBe(1);
    const whale = fake.workbook.sheet('Whale Curve').charts();
    expect(whale).toHaveLength(1);
    expect(whale[0].type).toBe('XYScatterLinesNoMarkers');
    expect(whale[0].series).toHaveLength(2);
    expect(fake.workbook.activeSheetName).toBe('Profit Matrix');
  });

  it('sets up each sheet for print and merges the notes; a re-run merges them again', async () => {
    const rows = generateCustomers(50);
    const specs = report(rows);
    const fake = workbookWithData(rows);
    await render(fake, specs);
    const matrix = fake.workbook.sheet('Profit Matrix'),
      spec = specs[0];
    expect(matrix.pageLayout).toMatchObject({
      orientation: spec.print!.landscape ? 'Landscape' : 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, // one page
      printArea: `A1:G${spec.values.length}`,
      centerHeader: '&A',
      centerFooter: 'Page &P of &N',
    });
    const customers = specs.find((s) => s.name === 'Customers')!.print!;
    expect(fake.workbook.sheet('Customers').pageLayout).toMatchObject({
      zoom: { horizontalFitToPages: customers.pagesWide, verticalFitToPages: 0 },
      printTitleRows: '$1:$1',
      printTitleColumns: `$A:$${String.fromCharCode(64 + customers.titleCols)}`,
    });
    expect(customers.titleCols).toBeGreaterThan(0); // Customer (and Name) on every page across
    expect(matrix.merges).toHaveLength(spec.merges.length);
    const merged = spec.merges.find((m) => spec.rowHeights.some((h) => h.row === m.row))!;
    expect(matrix.rowHeights.get(merged.row)).toBe(
      spec.rowHeights.find((h) => h.row === merged.row)!.points,
    );
    const why = fake.workbook.sheet('Why');
    expect([why.frozenRows, why.frozenCols]).toEqual([1, 4]);
    await render(fake, specs); // unmerges first: merging over a merged area would fail
    expect(fake.workbook.sheet('Profit Matrix').merges).toHaveLength(spec.merges.length);
  });

  it("does not change the user's data sheet", async () => {
    const rows = generateCustomers(30);
    const fake = workbookWithData(rows);
    const before = snapshot(fake, 'Data');
    await render(fake, report(rows));
    await render(fake, report(rows));
    expect(snapshot(fake, 'Data')).toEqual(before);
    expect(fake.workbook.sheet('Data').actions).toEqual([]); // not one action against it: only read
    expect(fake.workbook.sheet('Customers').actions).toContain('Range.values'); // (the log does record ours)
    expect(fake.workbook.sheet('Data').customProperties()).toEqual({});
  });

  // Office.js documents "=", "+" and "-" as formula starts for Range.values; Excel also turns typed "@SUM(A1)"
  // into =SUM(A1). The renderer must keep such names text either way.
  for (const atSignFormulas of [false, true]) {
    it(`writes a customer named =HYPERLINK(…) as text, never as a formula (a leading "@" ${atSignFormulas ? 'read' : 'not read'} as a formula)`, async () => {
      const rows = generateCustomers(20);
      rows[3][1] = '=HYPERLINK("http://x","y")';
      rows[4][0] = '+1-555-0100';
      rows[5][1] = '@SUM(A1)';
      const fake = workbookWithData(rows, { atSignFormulas });
      await render(fake, report(rows));
      for (const name of fake.workbook.sheetNames())
        expect(fake.workbook.sheet(name).formulaCells(), name).toEqual([]);
      const customers = fake.workbook.sheet('Customers').values();
      const names = customers.map((r) => r[1]);
      expect(names).toContain('=HYPERLINK("http://x","y")');
      expect(names).toContain('@SUM(A1)');
      expect(customers.map((r) => r[0])).toContain('+1-555-0100');

      // The fake would have caught an unguarded write.
      await fake.Excel.run(async (c) => {
        c.workbook.worksheets.getItem('Customers').getRange('A1:C1').values = [
          ['=HYPERLINK("http://x","y")', '+1-555-0100', '@SUM(A1)'],
        ];
        await c.sync();
      });
      expect(fake.workbook.sheet('Customers').formulaCells()).toEqual(
        atSignFormulas ? ['A1', 'B1', 'C1'] : ['A1', 'B1'],
      );
    });
  }

  it('leaves a user\'s "Profit Matrix" sheet alone and writes "Profit Matrix (2)"', async () => {
    const rows = generateCustomers(20);
    const fake = workbookWithData(rows);
    fake.workbook.seedSheet('Profit Matrix', [['my own notes']]);
    const first = await render(fake, report(rows));
    expect(first.sheets[0]).toBe('Profit Matrix (2)');
    const second = await render(fake, report(rows));
    expect(second.sheets[0]).toBe('Profit Matrix (2)');
    const mine = fake.workbook.sheet('Profit Matrix');
    expect(mine.values()).toEqual([['my own notes']]);
    expect(mine.customProperties()).toEqual({});
    expect(mine.actions).toEqual([]);
    expect(fake.workbook.sheetNames().filter((n) => n.startsWith('Profit Matrix'))).toEqual([
      'Profit Matrix',
      'Profit Matrix (2)',
    ]);
  });

  it('a re-run reuses our sheets and deletes one left over from an earlier run', async () => {
    const rows = generateCustomers(20);
    const fake = workbookWithData(rows);
    fake.workbook.seedSheet('Migration', [['old']]);
    fake.workbook.seedSheetProperty('Migration', 'ProfitTiers', 'Migration');
    await render(fake, report(rows));
    const sheets = fake.workbook.sheetNames().map((n) => fake.workbook.sheet(n));
    const second = await render(fake, report(rows));
    expect(second.syncs).toBe(3);
    expect(fake.workbook.sheetNames()).toEqual([
      'Data',
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
    ]);
    expect(fake.workbook.sheetNames().map((n) => fake.workbook.sheet(n))).toEqual(
      sheets.filter((s) => s.name !== 'Migration'),
    );
    expect(fake.workbook.tables()).toHaveLength(1);
    expect(fake.workbook.sheet('Whale Curve').charts()).toHaveLength(1);
  });

  it("a re-run keeps a user's formulas that point into the report: same sheet objects, same places, no stale cells", async () => {
    const big = generateCustomers(50),
      small = generateCustomers(20, 9);
    const fake = workbookWithData(big);
    await render(fake, report(big));
    const formulas = [["='Profit Matrix'!C7", '=SUM(Customers!C2:C51)', "='Whale Curve'!A5"]];
    await fake.Excel.run(async (c) => {
      const notes = c.workbook.worksheets.add('Notes');
      notes.position = 2; // the user's own sheet, between two report sheets
      notes.getRange('A1:C1').formulas = formulas;
      await c.sync();
    });
    const order = fake.workbook.sheetNames();
    expect(order).toEqual([
      'Data',
      'Profit Matrix',
      'Notes',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
    ]);
    const before = Object.fromEntries(order.map((n) => [n, fake.workbook.sheet(n)]));
    const cfs = fake.workbook.sheet('Customers').conditionalFormats().length;

    const out = await render(fake, report(small));
    expect(out.sheets).toEqual(report(small).map((s) => s.name));
    expect(out.syncs).toBe(2 + out.blocks);
    expect(out.syncs).toBe(3);
    expect(fake.workbook.sheetNames()).toEqual(order);
    for (const n of order) {
      expect(fake.workbook.sheet(n), n).toBe(before[n]); // the very sheet (identity, id, position)
      if (n !== 'Data' && n !== 'Notes')
        expect(fake.workbook.sheet(n).customProperties(), n).toEqual({ ProfitTiers: n });
    }
    const notes = fake.workbook.sheet('Notes');
    expect(notes.formulas('A1:C1')).toEqual(formulas);
    expect(notes.values('A1:C1').flat()).not.toContain('#REF!');

    // Nothing of the bigger first run is left: cells, formats, table, conditional formats, charts.
    const customers = fake.workbook.sheet('Customers');
    expect(customers.usedRangeAddress(true)).toBe('A1:P21'); // P: Sensitivity
    expect(
      customers
        .values('A22:P51')
        .flat()
        .every((v) => v === ''),
    ).toBe(true);
    expect(customers.numberFormatAt('C40')).toBe('General');
    expect(fake.workbook.tables().map((t) => [t.name, t.sheet, t.address])).toEqual([
      ['ProfitTiersCustomers', 'Customers', 'A1:P21'],
    ]);
    expect(customers.conditionalFormats()).toHaveLength(cfs);
    expect(customers.conditionalFormats().map((c) => c.address)).toEqual([
      'M2:M21',
      'G2:G21',
      'F2:F21',
    ]);
    expect(customers.frozenRows).toBe(1);
    expect(fake.workbook.sheet('Whale Curve').charts()).toHaveLength(1);
    // The same cells as a run into a fresh workbook.
    const fresh = workbookWithData(small);
    await render(fresh, report(small));
    for (const n of out.sheets)
      expect(fake.workbook.sheet(n).values(), n).toEqual(fresh.workbook.sheet(n).values());
    for (const n of out.sheets)
      expect(fake.workbook.sheet(n).numberFormats(), n).toEqual(
        fresh.workbook.sheet(n).numberFormats(),
      );
  });

  it('a sheet missing from an earlier run is added after the report sheet before it', async () => {
    const rows = generateCustomers(20);
    const fake = workbookWithData(rows);
    await render(fake, report(rows));
    await fake.Excel.run(async (c) => {
      c.workbook.worksheets.getItem('Whale Curve').delete(); // the user deleted one of ours…
      c.workbook.worksheets.add('Notes'); // …and added a sheet of their own at the end
      await c.sync();
    });
    const out = await render(fake, report(rows));
    expect(out.syncs).toBe(3);
    expect(fake.workbook.sheetNames()).toEqual([
      'Data',
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Assumptions',
      'Data Issues',
      'Notes',
    ]);
    expect(fake.workbook.sheet('Whale Curve').customProperties()).toEqual({
      ProfitTiers: 'Whale Curve',
    });
    expect(fake.workbook.activeSheetName).toBe('Profit Matrix');
  });

  it('a re-run shows and activates our first sheet even when the user hid it', async () => {
    const rows = generateCustomers(20);
    const fake = workbookWithData(rows);
    await render(fake, report(rows));
    await fake.Excel.run(async (c) => {
      c.workbook.worksheets.getItem('Data').activate();
      c.workbook.worksheets.getItem('Profit Matrix').visibility = 'Hidden';
      c.workbook.worksheets.getItem('Why').visibility = 'Hidden';
      await c.sync();
    });
    await render(fake, report(rows));
    expect(fake.workbook.activeSheetName).toBe('Profit Matrix');
    expect(fake.workbook.sheet('Profit Matrix').visibility).toBe('Visible');
    expect(fake.workbook.sheet('Why').visibility).toBe('Hidden'); // the others keep the user's choice
  });

  it('reuses a sheet marked by an earlier version (mark "report"), keeping its "(2)" name', async () => {
    const rows = generateCustomers(20);
    const fake = workbookWithData(rows);
    fake.workbook.seedSheet('Profit Matrix', [['my own notes']]);
    fake.workbook.seedSheet('Profit Matrix (2)', [['stale report']]);
    fake.workbook.seedSheetProperty('Profit Matrix (2)', 'ProfitTiers', 'report');
    const ours = fake.workbook.sheet('Profit Matrix (2)');
    const out = await render(fake, report(rows));
    expect(out.sheets[0]).toBe('Profit Matrix (2)');
    expect(fake.workbook.sheet('Profit Matrix (2)')).toBe(ours);
    expect(ours.customProperties()).toEqual({ ProfitTiers: 'Profit Matrix' });
    expect(ours.valueAt('A1')).toBe('Profit Matrix');
    expect(fake.workbook.sheet('Profit Matrix').values()).toEqual([['my own notes']]);
    expect(fake.workbook.sheet('Profit Matrix').actions).toEqual([]);
  });

  it('syncs = 2 + blocks: 3 for 1k customers; for 100k only the write blocks are added, each under 5 MB', {
    timeout: 120_000,
  }, async () => {
    const measure = async (n: number) => {
      const rows = generateCustomers(n);
      const specs = report(rows);
      const fake = workbookWithData([['x']]);
      const out = await render(fake, specs);
      const bytes = specs.reduce((s, sp) => s + payloadBytes(sp.values), 0);
      return { ...out, bytes, stats: fake.stats };
    };
    const small = await measure(1_000);
    const large = await measure(100_000);
    for (const m of [small, large]) {
      expect(m.stats.syncs).toBe(m.syncs); // no sync the renderer did not count, no implicit one at the end
      expect(m.stats.implicitSyncs).toBe(0);
      expect(m.syncs - m.blocks).toBe(2);
      expect(m.stats.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      // Greedy packing of chunks of at most budget/16: between ⌈bytes / budget⌉ and ⌈bytes / (15/16 budget)⌉ blocks.
      expect(m.blocks).toBeGreaterThanOrEqual(Math.ceil(m.bytes / WRITE_BUDGET));
      expect(m.blocks).toBeLessThanOrEqual(Math.ceil(m.bytes / ((WRITE_BUDGET * 15) / 16)) + 1);
    }
    expect(small.syncs).toBe(3);
    expect(large.blocks).toBeGreaterThan(1);
    const mb = (b: number) => (b / 1e6).toFixed(2);
    console.log(
      `[render-excel] syncs: 1k customers ${small.syncs} (${small.blocks} block, ${mb(small.bytes)} MB, largest request ${mb(small.stats.maxRequestBytes)} MB); 100k customers ${large.syncs} (${large.blocks} blocks, ${mb(large.bytes)} MB, largest request ${mb(large.stats.maxRequestBytes)} MB)`,
    );
  });
});

describe('groups and trend sheets (§14, §15)', () => {
  it('draws a column chart per group column, a line chart of the trend and tier colours by rule', async () => {
    const rows = generateTransactions(3_000, 120, 5);
    const a = analyze(
      { values: rows },
      { ...SAMPLE_SETTINGS, groupBy: ['Product'] },
      { periods: 'quarter' },
    );
    if (!a.ok) throw new Error(a.error.message);
    const specs = reportSheets(a.value);
    const fake = workbookWithData(rows);
    const out = await render(fake, specs);
    expect(out.sheets).toContain('Groups');
    expect(out.sheets).toContain('Trend');
    const values = a.value.groups[0].values;
    const bar = fake.workbook.sheet('Groups').charts();
    expect(bar.map((c) => c.type)).toEqual(['ColumnClustered']);
    expect(bar[0].series.map((x) => x.name)).toEqual(['Net profit', "Money-losers' net profit"]);
    expect(bar[0].series[0].xValues).toBe(`A6:A${5 + values.length}`);
    expect(bar[0].series[0].values).toBe(`F6:F${5 + values.length}`);
    const line = fake.workbook.sheet('Trend').charts();
    expect(line.map((c) => c.type)).toEqual(['LineMarkers']);
    expect(line[0].series[0].xValues).toBe('A6:A13'); // eight quarters of 2024 and 2025
    const tiers = fake.workbook
      .sheet('Trend')
      .conditionalFormats()
      .filter((c) => JSON.stringify(c.props).includes('"=\\"Concierge\\""'));
    expect(tiers).toHaveLength(1);
    expect(tiers[0].props['fill.color']).toBe('#C6EFCE');
  });
});
