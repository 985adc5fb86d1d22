/**
 * The report workbook (`analyze --out`): read back with ExcelJS it holds the core's values, text
 * stays text (names starting with = + - @ are never formulas), it carries a native chart, and the
 * input file is never overwritten. With LibreOffice on PATH it renders to PDF and PNG pages.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { UserError } from '../../cli/user-error.js';
import { outputTarget, writeAtomically, writeReport } from '../../cli/write-report.js';
import { type Analysis, analyze } from '../../core/analyze.js';
import { REPORT_SHEET_NAMES } from '../../core/report/report-sheets.js';
import { customerRecord } from '../../core/result-json.js';
import { whaleOrder } from '../../core/whale-curve.js';
import { convert } from '../template/libreoffice.js';
import { describeWith, PDFTOPPM, SOFFICE } from '../tools.js';

const run = promisify(execFile);
let dir = '';
let sample: Analysis;
const SPECIAL = [
  '=HYPERLINK("http://evil","click")',
  '+1 Trading',
  '-5 Corp',
  '@SUM(A1)',
  "'quoted",
  '00123',
  'TRUE',
];

function analysed(values: unknown[][], settings: unknown = {}): Analysis {
  const o = analyze({ values: values as never }, settings);
  if (!o.ok) throw new Error(o.error.message);
  return o.value;
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pt-report-'));
  sample = analysed(
    (await loadTable('samples/customers.csv')).values,
    JSON.parse(await readFile('samples/settings.json', 'utf8')),
  );
  await writeReport(sample, join(dir, 'sample.xlsx'));
});

describe('report workbook', () => {
  it("has the report sheets in order, with the core's customers", async () => {
    const wb = await open(join(dir, 'sample.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      REPORT_SHEET_NAMES.filter((n) => !['Migration', 'Groups', 'Trend', 'Scenarios'].includes(n)),
    );
    const ws = wb.getWorksheet('Customers')!;
    expect(ws.getRow(1).values).toContain('Segment');
    const order = whaleOrder(sample);
    order.forEach((c, i) => {
      const r = customerRecord(sample, c),
        row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(r.customer);
      expect(row.getCell(3).value).toBe(r.revenue);
      expect(row.getCell(6).value).toBe(r.netProfit);
      expect(row.getCell(10).value ?? null).toBe(r.segment);
      expect(row.getCell(11).value ?? null).toBe(r.tier);
    });
    expect(ws.getTables()).toHaveLength(1); // the filter buttons come with the Excel table (next test)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes the Profit Matrix counts of the core', async () => {
    const ws = (await open(join(dir, 'sample.xlsx'))).getWorksheet('Profit Matrix')!;
    const head = ws.getColumn(1).values.indexOf('Revenue size');
    sample.matrix.forEach((cell, i) => {
      const s = Math.floor(i / 3),
        p = i % 3;
      expect(ws.getCell(head + 1 + s * 5, 3 + p).value).toBe(cell.tier);
      expect(ws.getCell(head + 2 + s * 5, 3 + p).value).toBe(cell.count);
    });
  });

  it('adds a native scatter chart on the Whale Curve sheet', async () => {
    const zip = await JSZip.loadAsync(await readFile(join(dir, 'sample.xlsx')));
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain('<c:scatterChart>');
    expect(chart).toContain("'Whale Curve'!$A$");
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain(
      '/xl/charts/chart1.xml',
    );
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rid = /name="Whale Curve"[^>]*r:id="([^"]+)"/.exec(wb)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(
      await zip.file('xl/_rels/workbook.xml.rels')!.async('string'),
    )![1];
    expect(await zip.file(`xl/${target}`)!.async('string')).toMatch(/<drawing r:id="[^"]+"\/>/);
  });

  it('makes the Customers sheet an Excel table over every customer, named by its header', async () => {
    const zip = await JSZip.loadAsync(await readFile(join(dir, 'sample.xlsx')));
    const table = await zip.file('xl/tables/table1.xml')!.async('string');
    expect(table).toContain('name="ProfitTiersCustomers"');
    expect(table).toContain(`ref="A1:P${sample.customers.n + 1}"`); // P: Sensitivity
    expect(table).toContain('<tableColumn id="1" name="Customer"/>');
    expect(await zip.file('[Content_Types].xml')!.async('string')).toContain(
      '/xl/tables/table1.xml',
    );
    const ws = (await open(join(dir, 'sample.xlsx'))).getWorksheet('Customers')!;
    expect(
      ws
        .getTables()
        .map(
          (t) =>
            ((t as { table?: { name: string } }).table ?? (t as unknown as { name: string })).name,
        ),
    ).toEqual(['ProfitTiersCustomers']);
    // the table brings its own filter: a sheet-level autoFilter as well would corrupt the file for Excel
    const wb = await zip.file('xl/workbook.xml')!.async('string');
    const rid = /name="Customers"[^>]*r:id="([^"]+)"/.exec(wb)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(
      await zip.file('xl/_rels/workbook.xml.rels')!.async('string'),
    )![1];
    const sheet = await zip.file(`xl/${target}`)!.async('string');
    expect(sheet).not.toContain('<autoFilter');
    expect(sheet).toMatch(
      /<tableParts count="1"><tablePart r:id="[^"]+"\/><\/tableParts>(<extLst|<\/worksheet>)/,
    );
  });

  it('writes names that look like formulas, numbers or booleans as text', async () => {
    const a = analysed([
      ['Customer', 'Customer Name', 'Revenue', 'COGS'],
      ...SPECIAL.map((s, i) => [s, s, 100 + i, 50]),
    ]);
    await writeReport(a, join(dir, 'special.xlsx'));
    const ws = (await open(join(dir, 'special.xlsx'))).getWorksheet('Customers')!;
    const seen: unknown[] = [];
    for (let r = 2; r <= SPECIAL.length + 1; r++) {
      for (const c of [1, 2]) {
        const cell = ws.getCell(r, c);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        seen.push(cell.value);
      }
    }
    for (const s of SPECIAL) expect(seen).toContain(s);
    const xml = await (await JSZip.loadAsync(await readFile(join(dir, 'special.xlsx'))))
      .file('xl/worksheets/sheet2.xml')!
      .async('string');
    expect(xml).not.toContain('<f>');
  });

  it('refuses to write over the input file, and leaves it untouched', async () => {
    const input = join(dir, 'input.xlsx');
    await writeFile(input, 'not really a workbook');
    await expect(writeReport(sample, input, [input])).rejects.toThrow(UserError);
    await expect(writeReport(sample, join(dir, '.', 'input.xlsx'), [input])).rejects.toThrow(
      /is the input file/,
    );
    expect(await readFile(input, 'utf8')).toBe('not really a workbook');
  });

  it('writes losses on the matrix in black on their fill, and Assumptions in their units', async () => {
    const wb = await open(join(dir, 'sample.xlsx'));
    const matrix = wb.getWorksheet('Profit Matrix')!;
    // the sample's Large/Low cell: net profit −1,288,085 on heat(−1), #F8696B
    let loss: ExcelJS.Cell | undefined;
    matrix.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'number' && Math.round(cell.value) === -1_288_085) loss = cell;
      }),
    );
    expect(loss!.numFmt).toBe('#,##0;-#,##0');
    expect(loss!.font?.color?.argb).toBe('FF000000');
    expect((loss!.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8696B');
    const assumptions = wb.getWorksheet('Assumptions')!;
    const cellOf = (item: string) => {
      let out: ExcelJS.Cell | undefined;
      assumptions.eachRow((row) => {
        if (!out && row.getCell(2).value === item) out = row.getCell(3);
      });
      return out!;
    };
    expect(cellOf('Cost of capital').value).toBe(0.1);
    expect(cellOf('Cost of capital').numFmt).toBe('0%'); // 10%
    expect(cellOf('Concierge budget share').numFmt).toBe('0%');
    expect(cellOf('Each cost input moves by ±').numFmt).toBe('0%'); // 20%
    expect(cellOf('Gross margin, discount').numFmt).toBe('0%'); // 1%
    expect(cellOf('Break-even price change').value).toBe('−net profit ÷ revenue');
    expect(cellOf('Payment days').value).toBe('Payment Days'); // the field's label, not its key
  });

  it('refuses a name that is not .xlsx, so a CSV input is never the target', async () => {
    await expect(writeReport(sample, join(dir, 'customers.csv'))).rejects.toThrow(
      /must end in \.xlsx/,
    );
  });

  it('sets every sheet up for print: its used range, pages across, name and page number', async () => {
    const wb = await open(join(dir, 'sample.xlsx'));
    for (const ws of wb.worksheets) {
      expect(ws.headerFooter, ws.name).toMatchObject({
        oddHeader: '&C&A',
        oddFooter: '&CPage &P of &N',
      });
      // wide lists print on 2 (Customers) or 3 (Why) pages across, every other sheet on 1
      const across = ws.name === 'Customers' ? 2 : ws.name === 'Why' ? 3 : 1;
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(across);
      // the print area ends at the last used row (and, past the table, a chart's cells)
      const [, lastRow] = /^A1:[A-Z]+(\d+)$/.exec(String(ws.pageSetup.printArea))!;
      expect(Number(lastRow), ws.name).toBeGreaterThanOrEqual(ws.rowCount);
    }
    const matrix = wb.getWorksheet('Profit Matrix')!;
    expect(matrix.pageSetup.fitToHeight).toBe(1); // the matrix and its legend on one page
    expect(matrix.pageSetup.printArea).toBe(`A1:G${matrix.rowCount}`); // G: Fragile
    expect(wb.getWorksheet('Customers')!.pageSetup.fitToHeight).toBe(0); // as many pages as it takes
    expect(wb.getWorksheet('Customers')!.pageSetup.printArea).toBe(`A1:P${sample.customers.n + 1}`);
    // Customer and Name on every page across, the header row on every page down
    for (const name of ['Customers', 'Why']) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.pageSetup.printTitlesColumn, name).toBe('A:B');
      expect(ws.pageSetup.printTitlesRow, name).toBe('1:1');
    }
    expect(matrix.pageSetup.printTitlesColumn).toBeUndefined();
    // the Why sheet keeps customer, name, segment and tier in view
    expect(wb.getWorksheet('Why')!.views[0]).toMatchObject({
      state: 'frozen',
      xSplit: 4,
      ySplit: 1,
    });
  });

  it('sizes columns to their content: no header cut off, long text wrapped', async () => {
    const wb = await open(join(dir, 'sample.xlsx'));
    const ws = wb.getWorksheet('Customers')!;
    const header = ws.getRow(1).values as unknown[];
    const col = (name: string) => ws.getColumn(header.indexOf(name));
    expect(col('Customer').width).toBe('Customer'.length + 2);
    expect(col('Break-even price change').width).toBe(16); // wraps: "Break-even" per line
    expect(ws.getCell(1, header.indexOf('Break-even price change')).alignment).toMatchObject({
      wrapText: true,
    });
    const why = wb.getWorksheet('Why')!;
    const whyHead = why.getRow(1).values as unknown[];
    expect(why.getColumn(whyHead.indexOf('Cause 1')).width).toBe(60);
    expect(why.getCell(2, whyHead.indexOf('Cause 1')).alignment).toMatchObject({ wrapText: true });
  });

  it('leaves no temporary file behind', async () => {
    await mkdir(join(dir, 'new'));
    await writeReport(sample, join(dir, 'new', 'r.xlsx'));
    expect(await readdir(join(dir, 'new'))).toEqual(['r.xlsx']);
  });
});

/** The XML of the worksheet named `name` in an opened xlsx file. */
async function sheetXml(zip: JSZip, name: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rid = new RegExp(`name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(
    await zip.file('xl/_rels/workbook.xml.rels')!.async('string'),
  )![1];
  return zip.file(`xl/${target}`)!.async('string');
}

/** Every chart part of the file, as XML. */
async function charts(zip: JSZip): Promise<string[]> {
  const files = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  return Promise.all(files.map((f) => zip.file(f)!.async('string')));
}

describe('groups and trend in the workbook (§14, §15)', () => {
  // Four quarters; A sells mostly in the South, B ties East and West (East), C is in the North.
  const rows = [
    ['Customer', 'Region', 'Channel', 'Order Date', 'Revenue', 'COGS'],
    ['A', 'North', 'Web', '2024-02-10', 60, 30],
    ['A', 'South', 'Web', '2024-05-10', 40, 20],
    ['A', 'South', 'Store', '2024-08-10', 30, 15],
    ['B', 'West', 'Store', '2024-08-10', 50, 20],
    ['B', 'East', 'Store', '2024-11-10', 50, 20],
    ['C', 'North', 'Web', '2024-11-10', 100, 110],
    ['D', 'North', 'Web', '2024-11-10', 30, 10],
  ];
  let grouped: Analysis;
  let zip: JSZip;
  beforeAll(async () => {
    const o = analyze(
      { values: rows as never },
      { groupBy: ['Region'], columns: { period: 'Order Date' } },
      { periods: 'quarter' },
    );
    if (!o.ok) throw new Error(o.error.message);
    grouped = o.value;
    await writeReport(grouped, join(dir, 'grouped.xlsx'));
    zip = await JSZip.loadAsync(await readFile(join(dir, 'grouped.xlsx')));
  });

  it('adds a Groups sheet after Why and a Trend sheet after Migration', async () => {
    const wb = await open(join(dir, 'grouped.xlsx'));
    // every report sheet in its place; Scenarios only when the settings have scenarios
    expect(wb.worksheets.map((w) => w.name)).toEqual(
      REPORT_SHEET_NAMES.filter((n) => n !== 'Scenarios'),
    );
  });

  it("writes the core's group table on the Groups sheet", async () => {
    const ws = (await open(join(dir, 'grouped.xlsx'))).getWorksheet('Groups')!;
    const head = ws.getColumn(1).values.indexOf('Region');
    expect(ws.getRow(head).values).toContain('Money-losers');
    grouped.groups[0].values.forEach((v, i) => {
      const row = ws.getRow(head + 1 + i);
      expect(row.getCell(1).value).toBe(v.value);
      expect(row.getCell(2).value).toBe(v.customers);
      expect(row.getCell(6).value).toBe(v.netProfit);
      expect(row.getCell(9).value).toBe(v.moneyLosers);
    });
    // Q4: B East (30), D North (20) and C North (−10): North 10 with 1 money-loser, East 30
    expect(grouped.groups[0].values.map((v) => [v.value, v.netProfit, v.moneyLosers])).toEqual([
      ['East', 30, 0],
      ['North', 10, 1],
    ]);
  });

  it('charts net profit per group value beside its money-losers, as a native column chart', async () => {
    const bar = (await charts(zip)).find((c) => c.includes("'Groups'!"))!;
    expect(bar).toContain('<c:barChart>');
    expect(bar).toContain("<c:f>'Groups'!$A$6:$A$7</c:f>");
    expect(bar).toContain('<c:v>East</c:v>'); // category labels cached as text
    expect(bar).toContain("<c:f>'Groups'!$F$6:$F$7</c:f>"); // net profit
    expect(bar).toContain("<c:f>'Groups'!$J$6:$J$7</c:f>"); // money-losers' net profit
    expect(await sheetXml(zip, 'Groups')).toMatch(/<drawing r:id="[^"]+"\/>/);
  });

  it('charts net profit per period as a native line chart, and colours tiers per period', async () => {
    const line = (await charts(zip)).find((c) => c.includes("'Trend'!"))!;
    expect(line).toContain('<c:lineChart>');
    expect(line).toContain('<c:v>2024-Q1</c:v>');
    const xml = await sheetXml(zip, 'Trend');
    expect(xml).toMatch(/<drawing r:id="[^"]+"\/>/);
    expect(xml).toContain('<formula>&quot;Concierge&quot;</formula>');
    const ws = (await open(join(dir, 'grouped.xlsx'))).getWorksheet('Trend')!;
    const head = ws.getColumn(1).values.indexOf('Period');
    grouped.trend!.totals.forEach((t, i) => {
      expect(ws.getRow(head + 1 + i).getCell(1).value).toBe(t.period);
      expect(ws.getRow(head + 1 + i).getCell(4).value).toBe(t.netProfit);
    });
  });

  it('names one Groups sheet per column when there are several', async () => {
    const o = analyze({ values: rows as never }, { groupBy: ['Region', 'Channel'] });
    if (!o.ok) throw new Error(o.error.message);
    await writeReport(o.value, join(dir, 'two-groups.xlsx'));
    const wb = await open(join(dir, 'two-groups.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('Groups by Region');
    expect(wb.worksheets.map((w) => w.name)).toContain('Groups by Channel');
    const z = await JSZip.loadAsync(await readFile(join(dir, 'two-groups.xlsx')));
    const bars = (await charts(z)).filter((c) => c.includes('<c:barChart>'));
    expect(bars).toHaveLength(2);
  });
});

describe('--out never overwrites', () => {
  const refused = async (path: string, message: string, force = false) => {
    const e = await writeReport(sample, path, [], undefined, force).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toBe(message);
    expect((e as UserError).exitCode).toBe(1);
  };

  it('refuses an existing file, and replaces it with --force', async () => {
    const path = join(dir, 'old-report.xlsx');
    await writeFile(path, 'last month');
    await refused(
      path,
      `--out ${path} already exists; choose a new name, or add --force to replace it`,
    );
    expect(await readFile(path, 'utf8')).toBe('last month');
    await writeReport(sample, path, [], undefined, true);
    expect((await readFile(path)).subarray(0, 2).toString()).toBe('PK');
  });

  it('never follows a symbolic link to replace its target, even with --force', async () => {
    const target = join(dir, 'precious.xlsx'),
      link = join(dir, 'link.xlsx');
    await writeFile(target, 'precious');
    await symlink(target, link);
    const message = `--out ${link} is a symbolic link; links are never followed or replaced: give a new file name`;
    await refused(link, message);
    await refused(link, message, true);
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    await symlink(join(dir, 'nowhere.xlsx'), join(dir, 'dangling.xlsx')); // a link to nothing yet
    await refused(
      join(dir, 'dangling.xlsx'),
      `--out ${join(dir, 'dangling.xlsx')} is a symbolic link; links are never followed or replaced: give a new file name`,
    );
  });

  it('refuses a folder, and a folder that does not exist, in one line', async () => {
    await mkdir(join(dir, 'folder.xlsx'));
    await refused(
      join(dir, 'folder.xlsx'),
      `--out ${join(dir, 'folder.xlsx')} is a folder; give a file name inside it instead`,
    );
    await refused(
      join(dir, 'missing', 'r.xlsx'),
      `--out ${join(dir, 'missing', 'r.xlsx')}: the folder ${join(dir, 'missing')} does not exist; create it first`,
    );
    await writeFile(join(dir, 'plain'), 'x');
    await refused(
      join(dir, 'plain', 'r.xlsx'),
      `--out ${join(dir, 'plain', 'r.xlsx')}: ${join(dir, 'plain')} is not a folder`,
    );
  });

  it('turns a folder it cannot write into one line, not an internal error', async () => {
    const e = await writeReport(sample, '/sys/report.xlsx').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toMatch(/^--out \/sys\/report\.xlsx: /);
    expect((e as UserError).message).not.toContain('\n');
  });

  it('does not replace a file that appears while the report is being made', async () => {
    const path = join(dir, 'race.xlsx');
    const target = await outputTarget(path); // checked: free
    await writeFile(path, 'written by someone else meanwhile');
    await expect(writeAtomically(target, path, new Uint8Array([1, 2, 3]))).rejects.toThrow(
      'already exists',
    );
    expect(await readFile(path, 'utf8')).toBe('written by someone else meanwhile');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

/** The sample report as LibreOffice prints it: converted once, for every test below. */
let printed: Promise<string> | null = null;
function samplePdf(): Promise<string> {
  printed ??= (async () => {
    const out = join(dir, 'pdf');
    await convert([join(dir, 'sample.xlsx')], 'pdf', out);
    return join(out, 'sample.pdf');
  })();
  return printed;
}

describeWith([SOFFICE])('report rendered by LibreOffice', () => {
  it('converts to PDF', async () => {
    expect((await readFile(await samplePdf())).subarray(0, 5).toString()).toBe('%PDF-');
  }, 120_000);
});

describeWith([SOFFICE, PDFTOPPM])('report rendered as pictures', () => {
  it('prints the Profit Matrix and its legend on one page, with the sheet name and page number', async () => {
    const pdf = await samplePdf();
    const page = async (n: number) =>
      (
        await run(join(dirname(PDFTOPPM.path!), 'pdftotext'), [
          '-f',
          String(n),
          '-l',
          String(n),
          '-layout',
          pdf,
          '-',
        ])
      ).stdout;
    const first = await page(1);
    expect(first).toContain('Profit Matrix'); // the header
    expect(first).toMatch(/Page 1 of \d+/); // the footer
    expect(first).toContain('Rows: 500 read'); // the legend's last line
    expect(await page(2)).toContain('Customer'); // page 2 is the next sheet
    expect(await page(2)).not.toContain('Rows: 500 read');
  }, 120_000);

  it('renders its first three pages as PNG', async () => {
    const out = join(dir, 'png');
    await mkdir(out, { recursive: true });
    await run(PDFTOPPM.path!, [
      '-r',
      '40',
      '-png',
      '-f',
      '1',
      '-l',
      '3',
      await samplePdf(),
      join(out, 'page'),
    ]);
    expect((await readdir(out)).filter((f) => f.endsWith('.png')).length).toBe(3);
  }, 120_000);
});
