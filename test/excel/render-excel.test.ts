// The Office.js renderer against the fake Excel: sync counts that grow only with write blocks,
// no formula injection, a user's sheet of the same name left alone, re-runs replacing only ours.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { payloadBytes, renderSheets, WRITE_BUDGET } from '../../excel-addin/render-excel.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';
import { FakeExcel, REQUEST_LIMIT } from './fake-excel.js';

function report(rows: (string | number)[][]) {
  const a = analyze({ values: rows }, SAMPLE_SETTINGS);
  if (!a.ok) throw new Error(a.error.message);
  return reportSheets(a.value);
}

function workbookWithData(rows: (string | number)[][]) {
  const excel = new FakeExcel();
  excel.addSheet('Data', rows);
  return excel;
}

const render = (excel: FakeExcel, specs: ReturnType<typeof report>) => excel.run((c) => renderSheets(c, specs));

describe('renderSheets', () => {
  it('writes every report sheet, marked as ours, with the values of the description', async () => {
    const rows = generateCustomers(50);
    const specs = report(rows);
    const excel = workbookWithData(rows);
    const out = await render(excel, specs);
    expect(out.sheets).toEqual(specs.map((s) => s.name));
    for (const s of specs) {
      const sheet = excel.sheet(s.name)!;
      expect(sheet.props.get('ProfitTiers')).toBe('report');
      expect(sheet.values()[0].slice(0, s.values[0].length)).toEqual(s.values[0].map((v) => v ?? ''));
    }
    const customers = excel.sheet('Customers')!;
    expect(customers.values()).toHaveLength(51);
    expect(excel.tables.map((t) => [t.name, t.sheet.name, t.rows])).toEqual([['ProfitTiersCustomers', 'Customers', 51]]);
    expect(customers.freezeRows).toBe(1);
    const whale = excel.sheet('Whale Curve')!;
    expect(whale.charts).toHaveLength(1);
    expect(whale.charts[0].type).toBe('XYScatterLinesNoMarkers');
    expect(whale.charts[0].series).toHaveLength(2);
    expect(excel.active).toBe('Profit Matrix');
  });

  it('does not change the user\'s data sheet', async () => {
    const rows = generateCustomers(30);
    const excel = workbookWithData(rows);
    const before = excel.sheet('Data')!.values();
    await render(excel, report(rows));
    await render(excel, report(rows));
    expect(excel.sheet('Data')!.values()).toEqual(before);
    expect(excel.sheet('Data')!.ops).toEqual([]);
    expect(excel.sheet('Data')!.props.size).toBe(0);
  });

  it('writes a customer named =HYPERLINK(…) as text, never as a formula', async () => {
    const rows = generateCustomers(20);
    rows[3][1] = '=HYPERLINK("http://x","y")';
    rows[4][0] = '+1-555-0100';
    rows[5][1] = '@SUM(A1)';
    const excel = workbookWithData(rows);
    await render(excel, report(rows));
    for (const s of excel.sheets) expect([...s.formulas.values()], s.name).toEqual([]);
    const names = excel.sheet('Customers')!.values().map((r) => r[1]);
    expect(names).toContain('=HYPERLINK("http://x","y")');
    expect(names).toContain('@SUM(A1)');
    expect(excel.sheet('Customers')!.values().map((r) => r[0])).toContain('+1-555-0100');
  });

  it('leaves a user\'s "Profit Matrix" sheet alone and writes "Profit Matrix (2)"', async () => {
    const rows = generateCustomers(20);
    const excel = workbookWithData(rows);
    excel.addSheet('Profit Matrix', [['my own notes']]);
    const first = await render(excel, report(rows));
    expect(first.sheets[0]).toBe('Profit Matrix (2)');
    const second = await render(excel, report(rows));
    expect(second.sheets[0]).toBe('Profit Matrix (2)');
    expect(excel.sheet('Profit Matrix')!.values()).toEqual([['my own notes']]);
    expect(excel.sheet('Profit Matrix')!.props.size).toBe(0);
    expect(excel.sheets.map((s) => s.name).filter((n) => n.startsWith('Profit Matrix'))).toEqual(['Profit Matrix', 'Profit Matrix (2)']);
  });

  it('a re-run replaces our sheets, including one left over from an earlier run', async () => {
    const rows = generateCustomers(20);
    const excel = workbookWithData(rows);
    excel.addSheet('Migration', [['old']], 'report');
    await render(excel, report(rows));
    await render(excel, report(rows));
    expect(excel.sheets.map((s) => s.name)).toEqual(['Data', 'Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Data Issues']);
    expect(excel.tables).toHaveLength(1);
  });

  it('syncs = 2 + blocks: 3 for 1k customers; for 100k only the write blocks are added, each under 5 MB', { timeout: 120_000 }, async () => {
    const measure = async (n: number) => {
      const rows = generateCustomers(n);
      const specs = report(rows);
      const excel = workbookWithData([['x']]);
      const out = await render(excel, specs);
      const bytes = specs.reduce((s, sp) => s + payloadBytes(sp.values), 0);
      return { ...out, bytes, requests: excel.requests, fakeSyncs: excel.syncs };
    };
    const small = await measure(1_000);
    const large = await measure(100_000);
    for (const m of [small, large]) {
      expect(m.fakeSyncs).toBe(m.syncs);
      expect(m.syncs - m.blocks).toBe(2);
      expect(Math.max(...m.requests)).toBeLessThan(REQUEST_LIMIT);
      // Greedy packing of chunks of at most budget/16: between ⌈bytes / budget⌉ and ⌈bytes / (15/16 budget)⌉ blocks.
      expect(m.blocks).toBeGreaterThanOrEqual(Math.ceil(m.bytes / WRITE_BUDGET));
      expect(m.blocks).toBeLessThanOrEqual(Math.ceil(m.bytes / (WRITE_BUDGET * 15 / 16)) + 1);
    }
    expect(small.syncs).toBe(3);
    console.log(`[render-excel] syncs: 1k customers ${small.syncs} (${small.blocks} block, ${(small.bytes / 1e6).toFixed(2)} MB); 100k customers ${large.syncs} (${large.blocks} blocks, ${(large.bytes / 1e6).toFixed(1)} MB)`);
  });
});
