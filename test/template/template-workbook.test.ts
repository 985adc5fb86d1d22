/**
 * The consultant template without a spreadsheet engine: its sheets, the Customers header, formulas
 * pre-filled for every row, classic functions only, and the `template` command's errors.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_COLUMNS,
  COMPUTED_COLUMNS,
  CUSTOMERS_HEADER_ROW,
  FIRST_ROW,
  INPUT_COLUMNS,
} from '../../cli/template/layout.js';
import { EMPTY_CAPACITY } from '../../cli/template/template-workbook.js';
import { runTemplate } from '../../cli/template-command.js';
import { UserError } from '../../cli/user-error.js';

/** Functions every spreadsheet since Excel 2007 knows, with no `_xlfn.` prefix. */
const CLASSIC = new Set([
  'SUMIF',
  'SUMIFS',
  'COUNTIF',
  'COUNTIFS',
  'COUNT',
  'COUNTA',
  'SUM',
  'SUMPRODUCT',
  'INDEX',
  'MATCH',
  'IF',
  'OR',
  'AND',
  'N',
  'ISNUMBER',
  'MAX',
  'MIN',
  'LARGE',
  'ROUND',
  'TEXT',
  'TRIM',
]);

let dir = '';
const quiet = async (args: string[]) => {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as never;
  try {
    return await runTemplate(args);
  } finally {
    process.stdout.write = write;
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pt-template-unit-'));
  await quiet(['--out', join(dir, 'Template.xlsx')]);
  await quiet([
    '--data',
    'samples/transactions-2024-2025.csv',
    '--settings',
    'samples/settings.json',
    '--out',
    join(dir, 'Filled.xlsx'),
  ]);
});

describe('template workbook', () => {
  it('has the six sheets, and Customer heads the key column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'Template.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Instructions',
      'Settings',
      'Customers',
      'Profit Matrix',
      'Whale Curve',
      'Groups',
    ]);
    const ws = wb.getWorksheet('Customers')!;
    expect(ws.getCell(CUSTOMERS_HEADER_ROW, 1).value).toBe('Customer');
    const headers = (ws.getRow(CUSTOMERS_HEADER_ROW).values as unknown[]).slice(1);
    expect(headers).toEqual([...ALL_COLUMNS]);
    expect(headers.slice(0, INPUT_COLUMNS.length + COMPUTED_COLUMNS.length)).toEqual([
      ...INPUT_COLUMNS,
      ...COMPUTED_COLUMNS,
    ]);
    expect(headers).toContain('Scenario net profit');
    expect(headers).toContain('Scenario tier');
    expect(headers).toContain('Segment');
    expect(headers).toContain('Tier');
    // Formulas wait in every row of the empty room, up to the capacity.
    const last = FIRST_ROW + EMPTY_CAPACITY - 1;
    expect(ws.getCell(last, INPUT_COLUMNS.length + 1).formula).toMatch(/^IF\(A\d+="",""/);
    expect(ws.getCell(last + 1, INPUT_COLUMNS.length + 1).formula).toBeUndefined();
  });

  it('uses classic functions only, no dynamic arrays or LET/LAMBDA', async () => {
    for (const file of ['Template.xlsx', 'Filled.xlsx']) {
      const zip = await JSZip.loadAsync(await readFile(join(dir, file)));
      const used = new Set<string>();
      for (const path of Object.keys(zip.files).filter((p) =>
        p.startsWith('xl/worksheets/sheet'),
      )) {
        const xml = await zip.file(path)!.async('string');
        for (const f of xml.matchAll(/<f>([^<]*)<\/f>/g)) {
          const text = f[1].replace(/&quot;[^&]*&quot;/g, '""'); // ignore words inside strings
          for (const m of text.matchAll(/([A-Z_][A-Z0-9._]*)\(/gi)) used.add(m[1]);
        }
      }
      expect([...used].filter((fn) => !CLASSIC.has(fn))).toEqual([]);
      expect(used.has('SUMIF') && used.has('INDEX') && used.has('MATCH')).toBe(true);
    }
  });

  it('asks spreadsheets to calculate on open and defines readable names', async () => {
    const wb = await (await JSZip.loadAsync(await readFile(join(dir, 'Template.xlsx'))))
      .file('xl/workbook.xml')!
      .async('string');
    expect(wb).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    for (const name of [
      'Revenue',
      'NetProfit',
      'Segment',
      'MarginTarget',
      'ParetoLarge',
      'TierNames',
      'RateOrders',
    ])
      expect(wb).toContain(`name="${name}"`);
  });

  it('fills the aggregated customers with --data', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'Filled.xlsx'));
    const ws = wb.getWorksheet('Customers')!;
    expect(ws.getCell(FIRST_ROW, 1).value).toBe('C000001');
    expect(typeof ws.getCell(FIRST_ROW, 3).value).toBe('number');
  });

  it('refuses a missing --out, a stray argument and bad settings, in one line each', async () => {
    await expect(quiet([])).rejects.toThrow(/--out Template.xlsx is required/);
    await expect(quiet(['data.csv', '--out', join(dir, 'x.xlsx')])).rejects.toThrow(/after --data/);
    await expect(
      quiet(['--data', 'samples/settings.json', '--out', 'samples/settings.json']),
    ).rejects.toThrow(UserError);
  });
});
