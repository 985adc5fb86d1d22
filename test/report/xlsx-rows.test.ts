/**
 * The direct row and shared-string writer (cli/xlsx-rows.ts) against ExcelJS's own: the same
 * sheets rendered both ways give the same workbook, part for part and byte for byte — the report
 * of the sample customers, and a sheet of the awkward cases (escaping, control characters, spaces
 * kept, booleans, gaps, styled empty cells, heights, merges, formulas).
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { xlsxBytes } from '../../cli/render-xlsx.js';
import { xmlText } from '../../cli/xlsx-rows.js';
import { analyze } from '../../core/analyze.js';
import { reportSheets } from '../../core/report/report-sheets.js';
import { emptySheet, type SheetSpec } from '../../core/report/sheet-spec.js';

/** Every part of both files, docProps/core.xml aside (it holds the time of writing). */
async function sameParts(a: Uint8Array, b: Uint8Array): Promise<string[]> {
  const [za, zb] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const names = Object.keys(za.files).filter((f) => !za.files[f].dir);
  expect(Object.keys(zb.files).filter((f) => !zb.files[f].dir)).toEqual(names);
  for (const f of names) {
    if (f === 'docProps/core.xml') continue;
    const [x, y] = await Promise.all([za.file(f)!.async('string'), zb.file(f)!.async('string')]);
    expect(x, f).toBe(y);
  }
  return names;
}

function awkward(): SheetSpec {
  const s = emptySheet('Awkward');
  s.values = [
    ['Name', 'Amount', 'Flag', 'Note'],
    ['Ben & Jerry <ice>', 1234.5, true, ' leading space'],
    ['"quoted" \'single\'', -0.000001, false, 'trailing space '],
    ['bell\u0007 and tab\t', 0, null, 'two\nlines'],
    ['=SUM(A1:A3)', 1e21, null, ''],
    [],
    [null, null, null, null],
    ['after the gap', Number.MAX_SAFE_INTEGER, true, 'Ben & Jerry <ice>'],
    ['merged title', null, null, null],
    ['formula row', 3, null, null],
  ];
  s.width = 4;
  s.formats = [{ range: { row: 1, col: 1, rows: 9, cols: 1 }, format: '#,##0.00' }];
  s.fills = [{ range: { row: 0, col: 0, rows: 1, cols: 6 }, color: '#1F4E5F' }];
  s.fontColors = [{ range: { row: 0, col: 0, rows: 1, cols: 4 }, color: '#FFFFFF' }];
  s.bold = [{ row: 0, col: 0, rows: 1, cols: 4 }];
  s.titles = [{ row: 8, col: 0, rows: 1, cols: 1 }];
  // styled but empty: cells past the values, a row with no values (kept with a height, dropped without)
  s.wrap = [
    { row: 3, col: 3, rows: 1, cols: 3 },
    { row: 5, col: 0, rows: 2, cols: 2 },
  ];
  s.rowHeights = [
    { row: 3, points: 30 },
    { row: 5, points: 22.5 },
  ];
  s.merges = [{ row: 8, col: 0, rows: 1, cols: 4 }];
  s.columnWidths = [20, 12, 8, 30];
  s.freezeRows = 1;
  return s;
}

describe('the direct row writer', () => {
  it('writes the sample report exactly as ExcelJS does', async () => {
    const t = await loadTable('samples/customers.csv');
    const o = analyze(
      { values: t.values as never },
      JSON.parse(await readFile('samples/settings.json', 'utf8')),
    );
    if (!o.ok) throw new Error(o.error.message);
    const sheets = reportSheets(o.value, { source: 'customers.csv', time: '2026-12-03 15:00 UTC' });
    const parts = await sameParts(
      await xlsxBytes(sheets),
      await xlsxBytes(sheets, { writer: 'exceljs' }),
    );
    expect(parts).toContain('xl/sharedStrings.xml');
    expect(parts.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))).toHaveLength(
      sheets.length,
    );
  });

  it('writes escaping, gaps, styled empty cells, heights, merges and formulas as ExcelJS does', async () => {
    const spec = awkward();
    const extras = new Map([
      ['Awkward', { formulas: [...Array(9).fill([]), [undefined, undefined, 'B10*2']] }],
    ]);
    const direct = await xlsxBytes([spec], { extras });
    await sameParts(direct, await xlsxBytes([spec], { extras, writer: 'exceljs' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(direct as never);
    const ws = wb.getWorksheet('Awkward')!;
    expect(ws.getCell('A2').value).toBe('Ben & Jerry <ice>');
    expect(ws.getCell('A4').value).toBe('bell and tab\t'); // XML cannot hold the bell
    expect(ws.getCell('A5').value).toBe('=SUM(A1:A3)'); // text, not a formula
    expect(ws.getCell('A5').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('D2').value).toBe(' leading space');
    expect(ws.getCell('D4').value).toBe('two\nlines');
    expect(ws.getCell('C3').value).toBe(false);
    expect(ws.getCell('B8').value).toBe(Number.MAX_SAFE_INTEGER);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
    expect(ws.getRow(6).height).toBe(22.5);
    expect(ws.getCell('C10').formula).toBe('B10*2');
  });
});

describe('xmlText', () => {
  it('escapes the five XML characters and drops control characters XML cannot hold', () => {
    expect(xmlText(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
    expect(xmlText('x\u0000\u0008\u000B\u000C\u000E\u001Fy')).toBe('xy');
    expect(xmlText('tab\tline\nreturn\r')).toBe('tab\tline\nreturn\r');
    expect(xmlText('plain')).toBe('plain');
  });
});
