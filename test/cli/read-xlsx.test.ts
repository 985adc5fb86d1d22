/**
 * xlsx workbooks as scripts and other tools write them (test/fixtures, made byte by byte by
 * make-fixtures.ts): formulas never calculated, merged cells, openpyxl's table parts, the data on
 * another sheet, hidden sheets.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { NO_CACHED_VALUE, readXlsx, SheetNotFound } from '../../cli/read-xlsx.js';
import { analyze } from '../../core/analyze.js';
import { findHeader } from '../../core/read-rows.js';
import { defaultSettings } from '../../core/settings.js';
import { workbook } from './hand-made-xlsx.js';

const bytes = (name: string) => new Uint8Array(readFileSync(`test/fixtures/${name}`));
const holdsTable = (values: Parameters<typeof findHeader>[0]) =>
  findHeader(values, defaultSettings()).ok;

describe('formula cells without a cached value (formula-no-cache.xlsx)', () => {
  it('are unread, not 0; a cached value, even empty text, is read', async () => {
    const t = await readXlsx(bytes('formula-no-cache.xlsx'));
    expect(t.values.map((r) => r[2])).toEqual(['COGS', null, 25, null, null, 30]); // D: empty text, a blank
    expect(t.unread).toEqual([
      { row: 1, column: 2, reason: NO_CACHED_VALUE },
      { row: 3, column: 2, reason: NO_CACHED_VALUE },
      { row: 5, column: 3, reason: NO_CACHED_VALUE },
    ]);
  });

  it('reject their row with the reason, when the analysis uses the column', async () => {
    const t = await readXlsx(bytes('formula-no-cache.xlsx'));
    const o = analyze(t);
    if (!o.ok) throw new Error(o.error.message);
    expect(o.value.rows.rejected.map((p) => [p.row, p.column, p.reason])).toEqual([
      [2, 'COGS', 'formula without a calculated value; open and save the file in Excel'],
      [4, 'COGS', 'formula without a calculated value; open and save the file in Excel'],
    ]);
    // B: 50 − 25; D: an empty cost is no cost; E: its Notes formula is not used
    expect(o.value.totals.grossProfit).toBe(25 + 70 + 60);
  });
});

describe('merged cells (merged.xlsx)', () => {
  it('are read once, in the top-left cell, as Excel SUM reads them', async () => {
    const { values } = await readXlsx(bytes('merged.xlsx'));
    expect(values.map((r) => r[2])).toEqual(['Revenue', 200, null, 80, 40, 30]);
    expect(values.map((r) => r[0])).toEqual(['Customer', 'A', 'A', 'B', null, 'C']);
    const o = analyze({ values });
    if (!o.ok) throw new Error(o.error.message);
    expect(o.value.totals.revenue).toBe(200 + 80 + 30);
  });
});

describe('a table part written by openpyxl (openpyxl-table.xlsx)', () => {
  it('does not stop the cells from being read', async () => {
    const { values } = await readXlsx(bytes('openpyxl-table.xlsx'));
    expect(values).toEqual([
      ['Customer', 'Revenue', 'COGS'],
      ['A', 100, 60],
      ['B', 50, 45],
    ]);
  });
});

describe('the data on another sheet', () => {
  it('reads the first visible sheet with a customer table, and says which (second-sheet.xlsx)', async () => {
    const t = await readXlsx(bytes('second-sheet.xlsx'), { holdsTable });
    expect(t.sheet).toBe('Data'); // not the hidden "Old" before it
    expect(t.note).toBe(
      'read sheet "Data", the first visible sheet with a customer table ("Read me" holds none)',
    );
  });

  it('never picks a hidden sheet by default; lists the sheets and --sheet (hidden-only.xlsx)', async () => {
    const read = readXlsx(bytes('hidden-only.xlsx'), { holdsTable });
    await expect(read).rejects.toThrow(SheetNotFound);
    await expect(read).rejects.toThrow(
      'no visible sheet holds a customer table (a header with a customer and a revenue column); sheets: "Read me", "Summary", "Data" (hidden); name the one to read with --sheet NAME',
    );
  });

  it('reads a hidden sheet named with --sheet, in any letter case', async () => {
    const t = await readXlsx(bytes('hidden-only.xlsx'), { sheet: 'data', holdsTable });
    expect(t.sheet).toBe('Data');
    expect(t.note).toBeUndefined();
  });
});

describe('a damaged part inside a sound zip', () => {
  /** The hand-made workbook of two customers, with one part's text changed. */
  async function damaged(part: string, change: (xml: string) => string): Promise<Uint8Array> {
    const zip = await new JSZip().loadAsync(
      await workbook({
        sheets: [
          {
            xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="1"><v>5</v></c></row><row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>7</v></c></row>',
          },
        ],
        strings: ['Customer', 'Revenue', 'A', 'B'],
        styles: true,
      }),
    );
    zip.file(part, change((await zip.file(part)?.async('string')) ?? ''));
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }

  it.each(['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'])(
    '%s cut short: an error naming the part, not the rows before the cut',
    async (part) => {
      const bytes = await damaged(part, (xml) =>
        xml.slice(
          0,
          xml.lastIndexOf('<row r="3"') > 0 ? xml.lastIndexOf('<row r="3"') : xml.length - 20,
        ),
      );
      await expect(readXlsx(bytes)).rejects.toThrow(`${part} is cut short`);
    },
  );

  it('a string index to no shared string: an error naming the cell, not the index as a number', async () => {
    const past = await damaged('xl/worksheets/sheet1.xml', (xml) =>
      xml.replace('<c r="A3" t="s"><v>3</v>', '<c r="A3" t="s"><v>9</v>'),
    );
    await expect(readXlsx(past)).rejects.toThrow(
      'cell A3 refers to shared string 9, which the workbook does not hold',
    );
  });

  it('a style sheet that is no style sheet: an error naming the part', async () => {
    const bytes = await damaged('xl/styles.xml', () => '<cellXfs><xf numFmtId="14"/></cellXfs>');
    await expect(readXlsx(bytes)).rejects.toThrow('xl/styles.xml holds no style sheet');
  });
});
