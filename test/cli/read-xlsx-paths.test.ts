/**
 * Every xlsx workbook the tests hold, read by the streamed reader (cli/read-xlsx.ts) and by the
 * whole-workbook ExcelJS load it replaced (read-xlsx-whole.ts, kept as the oracle), gives the
 * same sheet, values, unread cells and note, or the same error — every sheet by --sheet, and the
 * default choice with and without a customer table test. The corpora: the adversarial fixtures,
 * the report and template workbooks this tool writes, workbooks ExcelJS writes (whole and
 * streamed, shared or inline strings) with every kind of cell, workbooks LibreOffice writes,
 * and hand-made XML the way other tools write it. Where the old reader was wrong, a test says so
 * and holds the right values.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
import { convert } from '../template/libreoffice.js';
import { describeWith, SOFFICE } from '../tools.js';
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
          xml: '<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1" t="b"><f>TRUE()</f><v>1</v></c><c r="C1" t="str"><f>"a"</f><v>a&amp;b</v></c><c r="D1" t="str"><f>""</f><v></v></c><c r="E1"><f>1+1</f><v/></c><c r="F1"><f>1+1</f></c><c r="G1" t="e"><v>#REF!</v></c><c r="H1" t="b"><v>0</v></c></row>',
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
          xml: '<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292</v></c><c r="C1" s="1"><f>A1+1</f><v>45293</v></c></row>',
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
    'Strict OOXML namespaces': {
      strict: true,
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>45366</v></c></row>',
        },
      ],
      strings: ['Customer', 'Since', 'Acme'],
      styles: true,
    },
    'shared strings with edge spaces, rich runs and phonetic runs': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="A2" t="s"><v>1</v></c><c r="A3" t="s"><v>2</v></c><c r="A4" t="s"><v>3</v></c></row>',
        },
      ],
      stringsXml: [
        '<t xml:space="preserve">  Acme  </t>',
        '<r><t xml:space="preserve">Big </t></r><r><rPr><b/></rPr><t>Co</t></r>',
        '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',
        '<r><t>大</t></r><r><t>阪</t></r><rPh sb="0" eb="2"><t>オオサカ</t></rPh>',
      ],
    },
    'dates in custom formats, exponents, dynamic-array and rich-value cells': {
      sheets: [
        {
          xml: '<row r="1"><c r="A1" s="3"><v>45366</v></c><c r="B1" s="4"><v>45366</v></c><c r="C1" s="5"><v>7</v></c><c r="D1"><v>1E-3</v></c><c r="E1"><v>2.5e3</v></c><c r="F1" cm="1"><f t="array" ref="F1:F2">SEQUENCE(2)</f><v>1</v></c><c r="G1" vm="1" t="e"><v>#VALUE!</v></c><c r="H1" s="6"><v>-8</v></c></row><row r="2"><c r="F2"><v>2</v></c></row>',
        },
      ],
      formats: ['yyyy-mm-dd', '[$-409]d-mmm-yy;@', '0.0 "hrs"', '#,##0;[Red]-#,##0'],
    },
    'a dimension of A1 over more data, sheets in another order than their parts': {
      target: (i) => `worksheets/sheet${2 - i}.xml`,
      sheets: [
        {
          name: 'Second',
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c></row>',
        },
        {
          name: 'First',
          xml: '<row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="Z9"><v>2</v></c></row>',
        },
      ],
    },
    'an empty <sheetData/>': { sheets: [{ xml: '' }] },
  };
  it.each(Object.keys(cases))('%s', async (name) => {
    await expectSame(await workbook(cases[name]));
  });
  it('a zip with data descriptors after each entry, as streaming writers make', async () => {
    const zip = await new JSZip().loadAsync(
      await workbook({ sheets: [{ xml: '<row r="1"><c r="A1"><v>5</v></c></row>' }] }),
    );
    const bytes = await zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      streamFiles: true,
    });
    expect(Buffer.from(bytes).includes(Buffer.from([0x50, 0x4b, 0x07, 0x08]))).toBe(true);
    await expectSame(bytes);
    expect((await readXlsx(bytes)).values).toEqual([[5]]);
  });
});

/** The values of the sheet read by default. */
const read = async (bytes: Uint8Array) => (await readXlsx(bytes)).values;
const header =
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Customer</t></is></c><c r="B1" t="inlineStr"><is><t>Revenue</t></is></c></row>';

describe('where the reader before (ExcelJS whole load) was wrong', () => {
  it('element names with a namespace prefix (<x:c>): it failed on a TypeError', async () => {
    const bytes = await workbook({
      prefix: 'x',
      sheets: [
        {
          xml: `${header}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" s="1"><v>45366</v></c></row>`,
          tail: '<mergeCells count="1"><mergeCell ref="C1:D1"/></mergeCells>',
        },
      ],
      strings: ['Acme'],
      styles: true,
    });
    expect(await outcome(readXlsxWhole(bytes))).toEqual({
      error: expect.stringMatching(/TypeError/),
    });
    expect(await read(bytes)).toEqual([
      ['Customer', 'Revenue', null, null],
      ['Acme', new Date(Date.UTC(2024, 2, 15)), null, null],
    ]);
  });

  it.each([
    ['uppercase', 'worksheets/Sheet1.xml'],
    ['through ..', '../xl/worksheets/sheet1.xml'],
    ['named for its content', 'worksheets/data.xml'],
    ['absolute, elsewhere', '/sheets/customers.xml'],
  ])('a sheet part named otherwise (%s): it listed no sheets', async (_, target) => {
    const bytes = await workbook({
      target: () => target,
      sheets: [
        {
          name: 'Data',
          xml: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>A</t></is></c><c r="B2"><v>3</v></c></row>`,
          tail: '<hyperlinks><hyperlink ref="B2" r:id="rId1"/></hyperlinks>',
          rels: ['rId1'],
        },
      ],
    });
    expect(await outcome(readXlsxWhole(bytes))).toEqual({
      error: 'SheetNotFound: the workbook has no sheets',
    });
    expect(await readXlsx(bytes)).toMatchObject({
      sheet: 'Data',
      values: [
        ['Customer', 'Revenue'],
        ['A', '3'],
      ],
    });
  });

  it('t="d" ISO dates: it read the year (2024) as a number', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="d"><v>2024-03-15T00:00:00</v></c><c r="B1" t="d"><v>2024-03-15</v></c><c r="C1" t="d"><f>DATE(2024,1,2)</f><v>2024-01-02T10:30:00Z</v></c><c r="D1" t="d"><v>2024-02-30</v></c></row>',
        },
      ],
    });
    expect((await readXlsxWhole(bytes)).values[0].slice(0, 2)).toEqual([2024, 2024]);
    expect(await read(bytes)).toEqual([
      [
        new Date(Date.UTC(2024, 2, 15)),
        new Date(Date.UTC(2024, 2, 15)),
        new Date(Date.UTC(2024, 0, 2, 10, 30)),
        '2024-02-30', // no such day: text, so the core lists it
      ],
    ]);
  });

  it('inline text with a phonetic run: the reading is not appended', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></is></c><c r="B1" t="inlineStr"><is><r><t>Big </t></r><r><t>Co</t></r><rPh sb="0" eb="1"><t>ビッグ</t></rPh></is></c></row>',
        },
      ],
    });
    expect(await read(bytes)).toEqual([['東京', 'Big Co']]);
  });

  it('elapsed-time ([h]:mm) and escaped-letter (0\\ \\h) formats: it read these numbers as dates', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: '<row r="1"><c r="A1" s="3"><v>1.5</v></c><c r="B1" s="4"><v>0.5</v></c><c r="C1" s="5"><v>1.25</v></c><c r="D1" s="6"><v>0.25</v></c><c r="E1" s="7"><v>7</v></c><c r="F1" s="8"><v>9</v></c><c r="G1" s="9"><v>2.5</v></c></row>',
        },
      ],
      formats: [
        '[h]:mm',
        '[mm]:ss',
        '[h]:mm:ss',
        'h:mm AM/PM',
        '0_m',
        '0\\ \\h',
        '#,##0.0\\ \\k\\m',
      ],
    });
    expect((await readXlsxWhole(bytes)).values[0][0]).toBeInstanceOf(Date);
    expect(await read(bytes)).toEqual([
      [1.5, 0.5, 1.25, new Date(Date.UTC(1899, 11, 30, 6)), 7, 9, 2.5], // a time of day stays a date
    ]);
  });

  it('formula text that looks like an entity: it decoded it twice', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: '<row r="1"><c r="A1" t="str"><f>"x"</f><v>A &amp;amp; B</v></c><c r="B1" t="str"><v>&amp;lt;b&amp;gt;</v></c></row>',
        },
      ],
    });
    expect((await readXlsxWhole(bytes)).values).toEqual([['A & B', '<b>']]);
    expect(await read(bytes)).toEqual([['A &amp; B', '&lt;b&gt;']]);
  });

  it('a text or boolean formula result in a date style: it gave an Invalid Date', async () => {
    const bytes = await workbook({
      sheets: [
        {
          xml: '<row r="1"><c r="A1" s="1" t="str"><f>"x"</f><v>x</v></c><c r="B1" s="1" t="b"><f>TRUE()</f><v>1</v></c></row>',
        },
      ],
      styles: true,
    });
    const before = (await readXlsxWhole(bytes)).values[0][0];
    expect(before instanceof Date && Number.isNaN(before.getTime())).toBe(true);
    expect(await read(bytes)).toEqual([['x', true]]);
  });

  it('a row of 16,384 cells without r: it failed', async () => {
    const cells = Array.from({ length: 16_384 }, (_, i) => `<c><v>${i}</v></c>`).join('');
    const bytes = await workbook({ sheets: [{ xml: `<row>${cells}</row>` }] });
    expect(await outcome(readXlsxWhole(bytes))).toEqual({ error: expect.stringMatching(/Error/) });
    const values = await read(bytes);
    expect(values[0].length).toBe(16_384);
    expect(values[0][16_383]).toBe(16_383);
  });
});

/** A flat ODS: dates, a boolean, formulas, an elapsed time, merges, text like numbers. */
const FODS = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N1"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
<number:time-style style:name="N2" number:truncate-on-overflow="false"><number:hours/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
</office:automatic-styles>
<office:body><office:spreadsheet><table:table table:name="Customers">
${[
  ['s:Customer', 's:Revenue', 's:COGS', 's:Orders', 's:Since', 's:Active', 's:Hours', 's:Code'],
  [
    's:  Acme  ',
    'n:1200.5',
    'f:of:=[.B2]*0.4:480.2',
    'n:12',
    'd:2021-03-04',
    'b:true',
    't:PT36H00M00S',
    's:00123',
  ],
  [
    'm:Big &amp; Co',
    'n:800',
    'e:of:=[.B3]/0',
    'g:of:=&quot;7&quot;:7',
    'D:of:=DATE(2020;1;2):2020-01-02',
    'B:of:=[.B3]&gt;0',
    'n:1E-3',
    's:1,234.50',
  ],
  ['c:', 'n:300', 'M:100', 'c:9', '', '', '', "s:'42"],
]
  .map(
    (row) =>
      `<table:table-row>${row
        .map((cell) => {
          const [kind, ...rest] = cell.split(':');
          const v = rest.join(':');
          const text = (t: string) => `<text:p>${t}</text:p>`;
          const formula = () => v.slice(0, v.lastIndexOf(':'));
          const result = () => v.slice(v.lastIndexOf(':') + 1);
          switch (kind) {
            case 's':
              return `<table:table-cell office:value-type="string">${text(v)}</table:table-cell>`;
            case 'm':
              return `<table:table-cell table:number-rows-spanned="2" office:value-type="string">${text(v)}</table:table-cell>`;
            case 'n':
              return `<table:table-cell office:value-type="float" office:value="${v}">${text(v)}</table:table-cell>`;
            case 'M':
              return `<table:table-cell table:number-columns-spanned="2" office:value-type="float" office:value="${v}">${text(v)}</table:table-cell>`;
            case 'c':
              return v
                ? `<table:covered-table-cell office:value-type="float" office:value="${v}">${text(v)}</table:covered-table-cell>`
                : '<table:covered-table-cell/>';
            case 'd':
              return `<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="${v}">${text(v)}</table:table-cell>`;
            case 'D':
              return `<table:table-cell table:style-name="ce1" table:formula="${formula()}" office:value-type="date" office:date-value="${result()}">${text(result())}</table:table-cell>`;
            case 'b':
              return `<table:table-cell office:value-type="boolean" office:boolean-value="${v}">${text('TRUE')}</table:table-cell>`;
            case 'B':
              return `<table:table-cell table:formula="${v}" office:value-type="boolean" office:boolean-value="true">${text('TRUE')}</table:table-cell>`;
            case 't':
              return `<table:table-cell table:style-name="ce2" office:value-type="time" office:time-value="${v}">${text('36:00')}</table:table-cell>`;
            case 'f':
              return `<table:table-cell table:formula="${formula()}" office:value-type="float" office:value="${result()}">${text(result())}</table:table-cell>`;
            case 'g':
              return `<table:table-cell table:formula="${formula()}" office:value-type="string" office:string-value="${result()}">${text(result())}</table:table-cell>`;
            case 'e':
              return `<table:table-cell table:formula="${v}" office:value-type="string" office:string-value="">${text('#DIV/0!')}</table:table-cell>`;
            default:
              return '<table:table-cell/>';
          }
        })
        .join('')}</table:table-row>`,
  )
  .join('\n')}
</table:table></office:spreadsheet></office:body></office:document>
`;

describeWith([SOFFICE])('workbooks LibreOffice writes', () => {
  it('from a CSV: the same as the reader before', async () => {
    const csv = join(dir, 'lo-plain.csv');
    writeFileSync(
      csv,
      'Customer,Revenue,COGS,Since,Code,Flag\n  Acme  ,1200.50,480.2,2021-03-04,00123,TRUE\n"Big, Co","1,234.50",1e3,03/04/2021,1E-3,false\n',
    );
    await convert([csv], 'xlsx', dir);
    const bytes = new Uint8Array(readFileSync(join(dir, 'lo-plain.xlsx')));
    await expectSame(bytes);
    expect((await readXlsx(bytes)).values[2]).toEqual([
      'Big, Co',
      1234.5,
      1000,
      '03/04/2021',
      0.001,
      'false',
    ]);
  });

  it('from an ODS: dates, formulas, merges as before; hours ([h]:mm) a number, not a date', async () => {
    const fods = join(dir, 'lo-book.fods');
    writeFileSync(fods, FODS);
    await convert([fods], 'xlsx', dir);
    const bytes = new Uint8Array(readFileSync(join(dir, 'lo-book.xlsx')));
    const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
    const expected: CellValue[][] = [
      ['Customer', 'Revenue', 'COGS', 'Orders', 'Since', 'Active', 'Hours', 'Code'],
      ['  Acme  ', 1200.5, 480.2, 12, day(2021, 3, 4), 1, 1.5, '00123'],
      ['Big & Co', 800, '#DIV/0!', '7', day(2020, 1, 2), true, 0.001, '1,234.50'],
      // the merged A3:A4 and C4:D4: read once, in the top-left cell (the 9 under C4:D4 is not)
      [null, 300, 100, null, null, null, null, "'42"],
    ];
    expect(await readXlsx(bytes)).toMatchObject({
      sheet: 'Customers',
      values: expected,
      unread: [],
    });
    const before = (await readXlsxWhole(bytes)).values;
    expect(before[1][6]).toEqual(new Date(Date.UTC(1899, 11, 31, 12)));
    before[1][6] = 1.5;
    expect(before).toEqual(expected);
  });
});
