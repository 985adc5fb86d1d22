// The Office.js renderer against the fake Excel (test/fakes/excel.ts): sync counts that grow only with
// write blocks, no formula injection, a user's sheet of the same name left alone, re-runs replacing only ours.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { payloadBytes, renderSheets, WRITE_BUDGET } from '../../excel-addin/render-excel.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { createExcelFake, parseAddress, PAYLOAD_LIMIT_BYTES, type ExcelFake, type FakeExcelOptions } from '../fakes/excel.js';

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
    formulas: s.formulas(), formats: s.numberFormats(), used: s.usedRangeAddress(false), props: s.customProperties(),
    tables: s.tables(), charts: s.charts(), cfs: s.conditionalFormats(), frozen: s.frozenRows, widths: [...s.colWidths],
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
      expect(sheet.customProperties()).toEqual({ ProfitTiers: 'report' });
      expect(sheet.values()[0].slice(0, s.values[0].length)).toEqual(s.values[0].map((v) => v ?? ''));
    }
    const customers = fake.workbook.sheet('Customers');
    expect(customers.values()).toHaveLength(51);
    expect(fake.workbook.tables().map((t) => [t.name, t.sheet, parseAddress(t.address)!.rect.rows])).toEqual([['ProfitTiersCustomers', 'Customers', 51]]);
    expect(customers.frozenRows).toBe(1);
    const whale = fake.workbook.sheet('Whale Curve').charts();
    expect(whale).toHaveLength(1);
    expect(whale[0].type).toBe('XYScatterLinesNoMarkers');
    expect(whale[0].series).toHaveLength(2);
    expect(fake.workbook.activeSheetName).toBe('Profit Matrix');
  });

  it('does not change the user\'s data sheet', async () => {
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
      for (const name of fake.workbook.sheetNames()) expect(fake.workbook.sheet(name).formulaCells(), name).toEqual([]);
      const customers = fake.workbook.sheet('Customers').values();
      const names = customers.map((r) => r[1]);
      expect(names).toContain('=HYPERLINK("http://x","y")');
      expect(names).toContain('@SUM(A1)');
      expect(customers.map((r) => r[0])).toContain('+1-555-0100');

      // The fake would have caught an unguarded write.
      await fake.Excel.run(async (c) => {
        c.workbook.worksheets.getItem('Customers').getRange('A1:C1').values = [['=HYPERLINK("http://x","y")', '+1-555-0100', '@SUM(A1)']];
        await c.sync();
      });
      expect(fake.workbook.sheet('Customers').formulaCells()).toEqual(atSignFormulas ? ['A1', 'B1', 'C1'] : ['A1', 'B1']);
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
    expect(fake.workbook.sheetNames().filter((n) => n.startsWith('Profit Matrix'))).toEqual(['Profit Matrix', 'Profit Matrix (2)']);
  });

  it('a re-run replaces our sheets, including one left over from an earlier run', async () => {
    const rows = generateCustomers(20);
    const fake = workbookWithData(rows);
    fake.workbook.seedSheet('Migration', [['old']]);
    fake.workbook.seedSheetProperty('Migration', 'ProfitTiers', 'report');
    await render(fake, report(rows));
    await render(fake, report(rows));
    expect(fake.workbook.sheetNames()).toEqual(['Data', 'Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Data Issues']);
    expect(fake.workbook.tables()).toHaveLength(1);
  });

  it('syncs = 2 + blocks: 3 for 1k customers; for 100k only the write blocks are added, each under 5 MB', { timeout: 120_000 }, async () => {
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
      expect(m.blocks).toBeLessThanOrEqual(Math.ceil(m.bytes / (WRITE_BUDGET * 15 / 16)) + 1);
    }
    expect(small.syncs).toBe(3);
    expect(large.blocks).toBeGreaterThan(1);
    const mb = (b: number) => (b / 1e6).toFixed(2);
    console.log(`[render-excel] syncs: 1k customers ${small.syncs} (${small.blocks} block, ${mb(small.bytes)} MB, largest request ${mb(small.stats.maxRequestBytes)} MB); 100k customers ${large.syncs} (${large.blocks} blocks, ${mb(large.bytes)} MB, largest request ${mb(large.stats.maxRequestBytes)} MB)`);
  });
});
