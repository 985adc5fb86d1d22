/**
 * The consultant template without a spreadsheet engine: its sheets, the Customers header, formulas
 * pre-filled for every row, classic functions only, protection and validation read back from the
 * file, --rows, long text, and the `template` command's errors.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTSIDE_AT, outsideRowsFormula } from '../../cli/template/customers-sheet.js';
import { GROUPS_TOTAL, NOT_LISTED, SPARE_GROUP_ROWS } from '../../cli/template/groups-sheet.js';
import {
  ALL_COLUMNS,
  COMPUTED_COLUMNS,
  CUSTOMERS_HEADER_ROW,
  colIndex,
  FIRST_ROW,
  INPUT_COLUMNS,
} from '../../cli/template/layout.js';
import { heatBands } from '../../cli/template/matrix-heat.js';
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
  'MEDIAN',
  'SUBSTITUTE',
  'LEFT',
  'MOD',
  'LEN',
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
  it('has the seven sheets, and Customer heads the key column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'Template.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Instructions',
      'Settings',
      'Customers',
      'Customer card',
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

/** Whether a spreadsheet would accept `v` in a cell with `rule` (decimal and list rules, as Excel reads them). */
function accepts(rule: ExcelJS.DataValidation, v: number | string): boolean {
  if (rule.type === 'list') {
    const f = String(rule.formulae[0]);
    return f.startsWith('"') ? f.slice(1, -1).split(',').includes(String(v)) : true;
  }
  if (typeof v !== 'number') return false; // decimal rules refuse text
  const [a, b] = rule.formulae.map(Number);
  switch (rule.operator ?? 'between') {
    case 'between':
      return v >= a && v <= b;
    case 'greaterThanOrEqual':
      return v >= a;
    case 'lessThanOrEqual':
      return v <= a;
    default:
      throw new Error(`no test for operator ${rule.operator}`);
  }
}

const YELLOW = 'FFFFF2CC';

describe('template protection and validation', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'Template.xlsx'));
  });

  it('protects every sheet with no password, and unlocks the yellow input cells, only them', () => {
    let unlocked = 0;
    for (const ws of wb.worksheets) {
      const p = (ws as unknown as { sheetProtection: unknown }).sheetProtection;
      expect(p, ws.name).toMatchObject({ sheet: true });
      expect(p, ws.name).not.toHaveProperty('hashValue');
      ws.eachRow({ includeEmpty: true }, (row) => {
        row.eachCell({ includeEmpty: true }, (cell) => {
          const open = cell.protection?.locked === false;
          const yellow = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === YELLOW;
          expect({ cell: `${ws.name}!${cell.address}`, open }).toEqual({
            cell: `${ws.name}!${cell.address}`,
            open: yellow,
          });
          if (cell.formula) expect(open, `${ws.name}!${cell.address}`).toBe(false);
          if (open) unlocked++;
        });
      });
    }
    expect(unlocked).toBeGreaterThan(0);
  });

  it('unlocks every input column of every Customers formula row, and the Scenario inputs', () => {
    const ws = wb.getWorksheet('Customers')!;
    const inputs = [
      ...INPUT_COLUMNS.map((_, i) => i + 1),
      colIndex('Scenario price change') + 1,
      colIndex('Scenario exit') + 1,
    ];
    for (const r of [FIRST_ROW, FIRST_ROW + 500, FIRST_ROW + EMPTY_CAPACITY - 1])
      for (let c = 1; c <= ALL_COLUMNS.length; c++)
        expect([r, c, ws.getCell(r, c).protection?.locked === false]).toEqual([
          r,
          c,
          inputs.includes(c),
        ]);
  });

  it('refuses text such as "$82,310.53" in every numeric customer input, below the formulas too', () => {
    const ws = wb.getWorksheet('Customers')!;
    const money = ['Revenue', 'COGS', 'Gross Profit'] as const;
    const counts = INPUT_COLUMNS.slice(5, -1); // the volumes, then Payment Days
    expect(counts.at(-1)).toBe('Payment Days');
    for (const r of [
      FIRST_ROW,
      FIRST_ROW + EMPTY_CAPACITY - 1,
      FIRST_ROW + EMPTY_CAPACITY + 4999,
    ]) {
      for (const h of [...money, ...counts]) {
        const rule = ws.getCell(r, colIndex(h) + 1).dataValidation;
        expect(rule, `${h} row ${r}`).toMatchObject({ showErrorMessage: true, errorStyle: 'stop' });
        expect(accepts(rule, '$82,310.53'), `${h} row ${r}`).toBe(false);
        expect(accepts(rule, 82310.53), `${h} row ${r}`).toBe(true);
        expect(accepts(rule, -5), `${h}: a negative`).toBe(money.includes(h as never));
      }
      expect(ws.getCell(r, colIndex('Revenue') + 1).dataValidation.error).toMatch(/plain number/);
    }
    // the key, name and group take any text
    for (const h of ['Customer', 'Name', 'Group'] as const)
      expect(ws.getCell(FIRST_ROW, colIndex(h) + 1).dataValidation).toBeUndefined();
  });

  it('keeps the input columns open below the formula rows, for pasted customers', () => {
    const ws = wb.getWorksheet('Customers')!;
    const open = [
      ...INPUT_COLUMNS.map((_, i) => i + 1),
      colIndex('Scenario price change') + 1,
      colIndex('Scenario exit') + 1,
    ];
    for (const r of [FIRST_ROW + EMPTY_CAPACITY, FIRST_ROW + EMPTY_CAPACITY + 20_000])
      for (let c = 1; c <= ALL_COLUMNS.length; c++)
        expect([r, c, ws.getCell(r, c).protection?.locked === false]).toEqual([
          r,
          c,
          open.includes(c),
        ]);
    // the title and header rows stay locked
    for (let r = 1; r <= CUSTOMERS_HEADER_ROW; r++)
      for (const c of open)
        expect([r, c, ws.getCell(r, c).protection?.locked === false]).toEqual([r, c, false]);
  });

  it('validates every setting on Settings, and nothing else there', () => {
    const ws = wb.getWorksheet('Settings')!;
    const rules = (
      ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }
    ).dataValidations.model;
    // the text inputs: capacity resource names and the tier map's names and actions
    const tierHead = (ws.getColumn(1).values as unknown[]).indexOf('Segment');
    const text = (cell: ExcelJS.Cell) =>
      (Number(cell.col) === 1 && Number(cell.row) < tierHead) || Number(cell.row) > tierHead;
    const numeric: string[] = [];
    ws.eachRow((row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.protection?.locked === false && !text(cell)) numeric.push(cell.address);
      }),
    );
    expect(numeric.length).toBeGreaterThan(40);
    expect(Object.keys(rules).sort()).toEqual(numeric.sort());
    for (const rule of Object.values(rules))
      expect(rule).toMatchObject({ showErrorMessage: true, errorStyle: 'stop' });
  });

  it('refuses a rate of "abc", a share of 80 instead of 80 %, and an unknown method', () => {
    const ws = wb.getWorksheet('Settings')!;
    const row = (label: string) => (ws.getColumn(1).values as unknown[]).indexOf(label);
    const rule = (label: string, col = 2) => ws.getCell(row(label), col).dataValidation;
    expect(accepts(rule('Orders'), 25)).toBe(true);
    expect(accepts(rule('Orders'), 'abc')).toBe(false);
    expect(accepts(rule('Orders'), -1)).toBe(false);
    expect(accepts(rule('Orders', 3), 'abc')).toBe(false); // the cost pool
    expect(accepts(rule('Orders', 6), 0.5)).toBe(true); // the avoidable share
    expect(accepts(rule('Orders', 6), 50)).toBe(false);
    expect(accepts(rule('Pareto: Large below'), 0.8)).toBe(true);
    expect(accepts(rule('Pareto: Large below'), 80)).toBe(false);
    expect(accepts(rule('Cost of capital (yearly)'), 8)).toBe(false);
    expect(accepts(rule('Fixed: High from margin'), 0.15)).toBe(true);
    expect(accepts(rule('Fixed: High from margin'), 15)).toBe(false);
    expect(accepts(rule('Fixed: Large from revenue'), 'abc')).toBe(false);
    expect(accepts(rule('Size method'), 'terciles')).toBe(true);
    expect(accepts(rule('Size method'), 'median')).toBe(false);
    expect(accepts(rule('Profitability method'), 'bands')).toBe(true);
    expect(rule('Size method').error).toMatch(/pareto, terciles, fixed/);
    expect(rule('Pareto: Large below').error).toMatch(/80 %, not 80/);
  });

  it('picks the Customer card customer from the list of keys', () => {
    const ws = wb.getWorksheet('Customer card')!;
    expect(ws.getCell('B3').value).toBe('S001');
    expect(ws.getCell('B3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['CustomerKey'],
    });
  });

  it("colours the matrix by the report's rule: no per-row colour scale", () => {
    const ws = wb.getWorksheet('Profit Matrix')!;
    const cf = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const types = new Set(cf.flatMap((c) => c.rules.map((r) => r.type)));
    expect(types.has('colorScale')).toBe(false);
    const heat = cf.filter((c) => c.rules.some((r) => r.type === 'expression'));
    expect(heat.length).toBe(18); // nine cells, baseline and what-if
    const colours = new Set(
      heat[0].rules.map(
        (r) => (r.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor?.argb?.slice(2) ?? '',
      ),
    );
    const bands = heatBands();
    expect(colours).toEqual(
      new Set(bands.flatMap((b) => [b.profit, b.loss].map((x) => x.slice(1)))),
    );
  });
});

describe('template Instructions', () => {
  const lines = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    return (wb.getWorksheet('Instructions')!.getColumn(1).values as unknown[]).map(String);
  };

  it('names the data file without its folders, and does not ask to delete sample rows', async () => {
    const filled = await lines('Filled.xlsx');
    expect(filled).toContain('Filled from transactions-2024-2025.csv.');
    expect(filled.join('\n')).not.toMatch(/samples\/|Delete the sample rows/);
    expect((await lines('Template.xlsx')).join('\n')).toMatch(/Delete the sample rows first/);
  });

  it('claims the Excel version the README claims', async () => {
    const readme = await readFile('README.md', 'utf8');
    const claim = /Excel (\d{4})\+/.exec(readme)?.[1];
    expect(claim).toBeDefined();
    const said = (await lines('Template.xlsx')).join('\n').match(/Excel \d{4}/g);
    expect(said).toEqual([`Excel ${claim}`]);
  });
});

describe('template Groups sheet', () => {
  it('lists "(blank)" when the data has no group column, with room for more values', async () => {
    const file = join(dir, 'NoGroup.xlsx');
    await quiet(['--data', 'samples/customers.csv', '--out', file]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const a = wb.getWorksheet('Groups')!.getColumn(1).values as unknown[];
    const head = a.indexOf('Group');
    expect(a[head + 1]).toBe('(blank)');
    // one listed value, then SPARE_GROUP_ROWS empty yellow rows, then the totals
    expect(a.indexOf(GROUPS_TOTAL)).toBe(head + 2 + SPARE_GROUP_ROWS);
    expect(a.indexOf(NOT_LISTED)).toBe(head + 3 + SPARE_GROUP_ROWS);
  });
});

describe('template layout read back', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'Filled.xlsx'));
  });

  it('gives every wrapped header row the height of its lines (LibreOffice does not grow it)', () => {
    const tall = (sheet: string, row: number) => wb.getWorksheet(sheet)!.getRow(row).height ?? 0;
    expect(tall('Customers', CUSTOMERS_HEADER_ROW)).toBeGreaterThanOrEqual(30);
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (!cell.alignment?.wrapText || typeof cell.value !== 'string') return;
          const width = ws.getColumn(Number(cell.col)).width ?? 9;
          const words = cell.value.split(' ');
          // a header longer than its column needs at least two lines of 15 points
          if (cell.value.length > width && words.length > 1)
            expect(row.height ?? 15, `${ws.name}!${cell.address}`).toBeGreaterThanOrEqual(30);
        }),
      );
  });

  it('prints Customers across pages at a readable scale, key, name and header repeated', () => {
    const ps = wb.getWorksheet('Customers')!.pageSetup;
    expect(ps).toMatchObject({
      fitToPage: false,
      scale: 70,
      orientation: 'landscape',
      printTitlesRow: `1:${CUSTOMERS_HEADER_ROW}`,
      printTitlesColumn: 'A:B',
    });
    // the small sheets still fit one page width
    expect(wb.getWorksheet('Profit Matrix')!.pageSetup).toMatchObject({
      fitToPage: true,
      fitToWidth: 1,
    });
  });

  it('cuts no label: a text with a value right of it fits its column', () => {
    const cut: string[] = [];
    for (const ws of wb.worksheets) {
      if (ws.name === 'Instructions') continue; // one wide column of sentences
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const c = Number(cell.col);
          if (typeof cell.value !== 'string' || cell.alignment?.wrapText) return;
          if (ws.name === 'Customers' && Number(cell.row) >= FIRST_ROW) return; // the client's data
          const next = row.getCell(c + 1);
          if (next.value === null || next.value === undefined) return;
          const width = ws.getColumn(c).width ?? 9;
          if (cell.value.length > width) cut.push(`${ws.name}!${cell.address} ${cell.value}`);
        }),
      );
    }
    expect(cut).toEqual([]);
  });
});

describe('template --rows', () => {
  it('sizes the formula rows and counts customers below them', async () => {
    const out = join(dir, 'Rows.xlsx');
    await quiet(['--rows', '50', '--out', out]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Customers')!;
    expect(ws.getCell(FIRST_ROW + 49, INPUT_COLUMNS.length + 1).formula).toMatch(/^IF\(/);
    expect(ws.getCell(FIRST_ROW + 50, INPUT_COLUMNS.length + 1).formula).toBeUndefined();
    expect(ws.getCell(1, OUTSIDE_AT + 1).formula).toBe(outsideRowsFormula(50));
    expect(outsideRowsFormula(50)).toContain(`$A$${FIRST_ROW + 50}:$A$1048576`);
    const ins = wb.getWorksheet('Instructions')!;
    const cells: string[] = [];
    ins.eachRow((r) => r.eachCell((c) => c.formula && cells.push(c.formula)));
    expect(cells).toEqual([outsideRowsFormula(50)]);
  });

  it.each(['0', '-3', '1.5', 'abc', '1048572'])(
    'refuses --rows %s in one line naming the limit',
    async (n) => {
      const p = quiet([`--rows=${n}`, '--out', join(dir, 'never.xlsx')]);
      await expect(p).rejects.toThrow(UserError);
      await expect(p).rejects.toThrow(
        new RegExp(
          `^--rows must be a whole number of customer rows from 1 to 1,048,571 .*got "${n}"\\)$`,
        ),
      );
    },
  );

  it('refuses fewer rows than the --data customers', async () => {
    await expect(
      quiet(['--data', 'samples/customers.csv', '--rows', '10', '--out', join(dir, 'x.xlsx')]),
    ).rejects.toThrow(/^--rows 10 is fewer than the 500 customers in samples\/customers.csv/);
  });

  it('is described in --help', async () => {
    let text = '';
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => {
      text += s;
      return true;
    }) as never;
    try {
      await runTemplate(['--help']);
    } finally {
      process.stdout.write = write;
    }
    expect(text).toMatch(/--rows N/);
    expect(text).toMatch(/Rows outside the formulas/);
  });
});

describe('template --data with text over the cell limit', () => {
  it('cuts it to 32,767 characters and lists the cell', async () => {
    const csv = join(dir, 'long.csv');
    const long = 'N'.repeat(40_000);
    await writeFile(
      csv,
      `Customer,Customer Name,Revenue,Gross Profit\nA,${long},100,10\nB,Bee,50,5\n`,
    );
    let said = '';
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => {
      said += s;
      return true;
    }) as never;
    try {
      await runTemplate(['--data', csv, '--out', join(dir, 'Long.xlsx')]);
    } finally {
      process.stdout.write = write;
    }
    expect(said).toMatch(/Note: Text cut: 1 cell held more than 32,767 characters.*'Customers'!B5/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'Long.xlsx'));
    const name = String(wb.getWorksheet('Customers')!.getCell(FIRST_ROW, 2).value);
    expect(name.length).toBe(32_767);
    expect(name.endsWith('…')).toBe(true);
    const ins: string[] = [];
    wb.getWorksheet('Instructions')!.eachRow((r) => ins.push(String(r.getCell(1).value)));
    expect(ins.some((l) => l.startsWith('Text cut: 1 cell'))).toBe(true);
  });
});
