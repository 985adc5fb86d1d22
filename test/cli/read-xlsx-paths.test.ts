/**
 * Every xlsx workbook the tests hold, read by the streamed reader (cli/read-xlsx.ts) and by the
 * whole-workbook ExcelJS load it replaced (read-xlsx-whole.ts, kept as the oracle), gives the
 * same sheet, values, unread cells and note, or the same error — every sheet by --sheet, and the
 * default choice with and without a customer table test. The corpora: the adversarial fixtures,
 * the report and template workbooks this tool writes, workbooks ExcelJS writes (whole and
 * streamed, shared or inline strings) with every kind of cell, and hand-made XML the way other
 * tools write it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../cli/load-table.js';
import { readXlsx, type XlsxSheet } from '../../cli/read-xlsx.js';
import { runTemplate } from '../../cli/template-command.js';
import { writeReport } from '../../cli/write-report.js';
import { analyze } from '../../core/analyze.js';
import { findHeader } from '../../core/read-rows.js';
import { defaultSettings } from '../../core/settings.js';
import type { CellValue } from '../../core/types.js';
import { CUSTOMER_HEADERS, generateCustomers } from '../data/generate.js';
import { workbook } from './hand-made-xlsx.js';
import { readXlsxWhole } from './read-xlsx-whole.js';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const holdsTable = (values: CellValue[][]) => findHeader(values, defaultSettings()).ok;

type Outcome = XlsxSheet | { error: string };
const outcome = (p: Promise<XlsxSheet>): Promise<Outcome> =>
  p.then(
    (t) => t,
    (e: Error) => ({ error: `${e.constructor.name}: ${e.message}` }),
  );

/** The sheet names ExcelJS's whole load lists. */
async function sheetNames(bytes: Uint8Array): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never, { ignoreNodes: ['tableParts'] });
  return wb.worksheets.map((w) => w.name);
}

/** Both readers agree on every way the file can be read. */
async function expectSame(bytes: Uint8Array): Promise<void> {
  const names = await sheetNames(bytes);
  const ways: { sheet?: string; holdsTable?: typeof holdsTable }[] = [
    {},
    { holdsTable },
    ...names.map((sheet) => ({ sheet })),
  ];
  if (names.length) ways.push({ sheet: names[names.length - 1].toUpperCase() });
  ways.push({ sheet: 'No such sheet' });
  for (const options of ways) {
    const streamed = await outcome(readXlsx(bytes, options));
    const whole = await outcome(readXlsxWhole(bytes, options));
    expect({ options, ...streamed }).toEqual({ options, ...whole });
  }
}

describe('the adversarial fixtures', () => {
  const files = readdirSync('test/fixtures').filter(
    (f) => f.endsWith('.xlsx') && !['csv-named.xlsx', 'encrypted.xlsx'].includes(f),
  );
  it.each(files)('%s', async (file) => {
    await expectSame(new Uint8Array(readFileSync(`test/fixtures/${file}`)));
  });
});

describe('the workbooks this tool writes', () => {
  it('the report of the sample customers, every sheet', async () => {
    const t = await loadTable('samples/customers.csv');
    const settings = JSON.parse(await readFile('samples/settings.json', 'utf8'));
    const o = analyze(t, settings);
    if (!o.ok) throw new Error(o.error.message);
    const out = join(dir, 'report.xlsx');
    await writeReport(o.value, out);
    await expectSame(new Uint8Array(readFileSync(out)));
  });

  it('the template with the sample customers', async () => {
    const out = join(dir, 'template.xlsx');
    await runTemplate(['--data', 'samples/customers.csv', '--out', out]);
    await expectSame(new Uint8Array(readFileSync(out)));
  });
});

/** Generated customers with every kind of cell ExcelJS writes, on the third sheet. */
function addCustomerSheets(wb: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter, n: number) {
  const old = wb.addWorksheet('Old', { state: 'hidden' });
  old.addRow(['Customer', 'Revenue', 'COGS']).commit();
  old.addRow(['Z', 1, 1]).commit();
  wb.addWorksheet('Empty');
  const ws = wb.addWorksheet('Data');
  ws.addRow([...CUSTOMER_HEADERS, 'Since', 'Note', 'Link', 'Check']).commit();
  const rows = generateCustomers(n, 7).slice(1);
  rows.forEach((r, i) => {
    const extra: ExcelJS.CellValue[] = [
      new Date(Date.UTC(2020, i % 12, 1 + (i % 28))),
      [
        { richText: [{ text: 'bold ', font: { bold: true } }, { text: 'plain' }] },
        { error: '#N/A' },
        { formula: 'C2*2', result: 10 },
        { formula: 'C2/0', result: { error: '#DIV/0!' } },
        { formula: 'TODAY()', result: new Date(Date.UTC(2024, 1, 29)) },
        { formula: 'C2+1' },
        { formula: 'IF(1,"","")', result: '' },
        { formula: 'C2>0', result: true },
        true,
        'ünïcødé ✓ 😀',
        null,
      ][i % 11] as ExcelJS.CellValue,
      i % 5 === 0 ? { text: `site ${i}`, hyperlink: `https://example.com/${i}` } : null,
      i % 7 === 0 ? { text: String(i), hyperlink: `https://example.com/n${i}` } : i,
    ];
    const row = ws.addRow([...r, ...extra]);
    row.getCell(r.length + 1).numFmt = 'yyyy-mm-dd';
    if (i % 9 === 0)
      row.getCell(r.length + 6).fill = {
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: 'FFFFFF00' },
      }; // a styled blank past the last value
    row.commit();
  });
  if (!(wb instanceof ExcelJS.stream.xlsx.WorkbookWriter)) {
    ws.mergeCells('A3:A4');
    ws.mergeCells(`B${n - 2}:C${n + 3}`); // past the last row
  }
}

describe('workbooks ExcelJS writes', () => {
  it.each([false, true])('whole, 1904 date system %s', async (date1904) => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = date1904;
    addCustomerSheets(wb, 300);
    await expectSame(new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  it.each([true, false])(
    'streamed, shared strings %s (written after the sheets)',
    async (shared) => {
      const file = join(dir, `streamed-${shared}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: file,
        useSharedStrings: shared,
      });
      addCustomerSheets(wb, 300);
      await wb.commit();
      await expectSame(new Uint8Array(readFileSync(file)));
    },
  );
});

describe('hand-made workbooks, as other tools write them', () => {
  const cases: Record<string, Parameters<typeof workbook>[0]> = {
    'openpyxl absolute part paths, no dimension': {
      absolute: true,
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2"><v>5</v></c></row>',
        },
      ],
    },
    'an empty first sheet, then data': {
      sheets: [
        { name: 'Blank', xml: '' },
        {
          name: 'Data',
          xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>12.5</v></c></row>',
        },
      ],
      strings: ['Customer', 'Revenue', 'A & <B>'],
    },
    'a cell at XFD1': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="XFD1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
        },
      ],
    },
    'cached errors, booleans, text and empty text in formulas': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1" t="b"><f>TRUE()</f><v>1</v></c><c r="C1" t="str"><f>"a"</f><v>a&amp;amp;b</v></c><c r="D1" t="str"><f>""</f><v></v></c><c r="E1"><f>1+1</f><v/></c><c r="F1"><f>1+1</f></c><c r="G1" t="e"><v>#REF!</v></c><c r="H1" t="b"><v>0</v></c></row>',
        },
      ],
    },
    'rich inline text, phonetic runs, styled and unstyled blanks': {
      sheets: [
        {
          xml: '<row r="2" spans="1:9"><c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>Big </t></r><r><t xml:space="preserve">Co</t></r></is></c><c r="B2" s="1"/><c r="C2"/><c r="D2"><v></v></c></row><row r="4"><c r="F4" s="1"/></row>',
        },
      ],
      styles: true,
    },
    'dates in a date style, numbers in a plain one, a date formula': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292</v></c><c r="C1" s="1"><f>A1+1</f><v>45293</v></c><c r="D1" s="1" t="str"><f>"x"</f><v>x</v></c></row>',
        },
      ],
      styles: true,
    },
    'dates in the 1904 system': {
      sheets: [{ xml: '<row r="1"><c r="A1" s="1"><v>43830</v></c></row>' }],
      styles: true,
      date1904: true,
    },
    'merges over values, formulas and past the data': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><row r="2"><c r="A2"><v>4</v></c><c r="C2"><f>A1</f></c></row>',
          tail: '<mergeCells count="3"><mergeCell ref="A1:B1"/><mergeCell ref="C1:C2"/><mergeCell ref="D2:E6"/></mergeCells>',
        },
      ],
    },
    'hyperlinked text and numbers': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>Acme</t></is></c><c r="B1"><v>42</v></c><c r="C1"><v>7</v></c></row>',
          tail: '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" r:id="rId2"/><hyperlink ref="C1" location="Sheet1!A1"/></hyperlinks>',
          rels: ['rId1', 'rId2'],
        },
      ],
    },
    'hidden and very hidden sheets first': {
      sheets: [
        {
          name: 'H',
          state: 'hidden',
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c></row>',
        },
        {
          name: 'VH',
          state: 'veryHidden',
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c></row>',
        },
        {
          name: 'Notes',
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>hello</t></is></c></row>',
        },
      ],
    },
    'rows out of order, a row twice, multibyte text across inflate chunks': {
      sheets: [
        {
          xml: `<row r="3"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1" t="inlineStr"><is><t>${'ü€😀'.repeat(40_000)}</t></is></c></row><row r="2"><c r="B2"><v>2</v></c></row><row r="2"><c r="C2"><v>5</v></c></row>`,
        },
      ],
      strings: ['x'.repeat(5)],
    },
  };
  it.each(Object.keys(cases))('%s', async (name) => {
    await expectSame(await workbook(cases[name]));
  });
});
