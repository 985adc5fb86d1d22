/**
 * Rows written straight into a streaming ExcelJS worksheet as XML: the report's 200,000 rows of
 * values through ExcelJS's own row writer (a Row and a Cell object per cell, a model per cell, an
 * XML builder per row) took about 5 s of the 100,000-customer report. The XML is exactly what
 * ExcelJS writes for the same values and styles, byte for byte (test/report/xlsx-rows.test.ts
 * renders sheets both ways): the same shared strings and style ids from ExcelJS's own tables,
 * asked in the same order, and the same escaping.
 *
 * Text is always a shared-string cell (`t="s"`), never a formula: a formula needs an `<f>`, which
 * this writer never writes (rows with formulas go through ExcelJS).
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from '../core/cell-address.js';
import type { SheetValue } from '../core/report/sheet-spec.js';

/** What the writer uses of ExcelJS's streaming worksheet (exceljs 4.4, lib/stream/xlsx). */
interface SheetWriter {
  startedData: boolean;
  useSharedStrings: boolean;
  _workbook: {
    styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number };
    sharedStrings: { add(text: string): number };
  };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _write(xml: string): void;
}

/** ExcelJS's cell types (Enums.ValueType); they pick the default number format of a style. */
const TYPE = { null: 0, number: 2, string: 3, boolean: 9 } as const;

/** ExcelJS asks for each row's own (empty) style first; asking with one object keeps the ids. */
const ROW_STYLE: Partial<ExcelJS.Style> = {};

const FLUSH_AT = 1 << 16;

export interface RowWriter {
  /**
   * Writes row `n` (1-based): `values` and `styles` by 0-based column, a cell where either is
   * set; `height` in points. Rows must come in order and never twice.
   */
  row(
    n: number,
    values: readonly SheetValue[],
    styles: readonly (Partial<ExcelJS.Style> | undefined)[],
    height: number | undefined,
    noLook: Partial<ExcelJS.Style>,
  ): void;
  /** Hands the buffered XML to the sheet's stream (before ExcelJS writes a row itself). */
  flush(): void;
}

/** A row writer for a sheet of ExcelJS's streaming workbook writer, with shared strings. */
export function rowWriter(ws: ExcelJS.Worksheet): RowWriter {
  const w = ws as unknown as SheetWriter;
  if (!w.useSharedStrings || typeof w._write !== 'function' || !w._workbook?.sharedStrings)
    throw new Error('rowWriter: needs a sheet of the streaming writer with shared strings');
  const { styles, sharedStrings } = w._workbook;
  const letters: string[] = [];
  let xml = '';
  const flush = () => {
    if (xml) w._write(xml);
    xml = '';
  };
  return {
    flush,
    row(n, values, looks, height, noLook) {
      if (!w.startedData) {
        // as ExcelJS's _writeRow, for every row: the columns and <sheetData> first
        w._writeColumns();
        w._writeOpenSheetData();
        w.startedData = true;
      }
      const width = Math.max(values.length, looks.length);
      let hasValues = false;
      for (let c = 0; c < values.length && !hasValues; c++)
        hasValues = values[c] !== null && values[c] !== undefined;
      if (!hasValues && !height) return; // ExcelJS writes no row without values or a height
      styles.addStyleModel(ROW_STYLE);
      let cells = '',
        min = 0,
        max = 0;
      for (let c = 0; c < width; c++) {
        const v = values[c],
          look = looks[c];
        const empty = v === null || v === undefined;
        if (empty && !look) continue;
        if (!min) min = c + 1;
        max = c + 1;
        const type = empty
          ? TYPE.null
          : typeof v === 'number'
            ? TYPE.number
            : typeof v === 'boolean'
              ? TYPE.boolean
              : TYPE.string;
        const styleId = styles.addStyleModel(look ?? noLook, type);
        if (empty && !styleId) continue;
        letters[c] ??= columnLetter(c);
        cells += `<c r="${letters[c]}${n}"${styleId ? ` s="${styleId}"` : ''}`;
        if (empty) cells += '/>';
        else if (type === TYPE.number) cells += `><v>${v}</v></c>`;
        else if (type === TYPE.boolean) cells += ` t="b"><v>${v ? 1 : 0}</v></c>`;
        else cells += ` t="s"><v>${sharedStrings.add(v as string)}</v></c>`;
      }
      xml += `<row r="${n}"${height ? ` ht="${height}" customHeight="1"` : ''}${min ? ` spans="${min}:${max}"` : ''} x14ac:dyDescent="0.25"${cells ? `>${cells}</row>` : '/>'}`;
      if (xml.length >= FLUSH_AT) flush();
    },
  };
}

/** What `directSharedStrings` uses of ExcelJS's streaming workbook writer (exceljs 4.4). */
interface BookWriter {
  sharedStrings: { values: string[]; count: number };
  zip: { append(source: string, data: { name: string }): unknown };
  addSharedStrings(): Promise<void>;
}

/**
 * Makes the workbook write its shared-string table as one joined string: ExcelJS builds it node
 * by node (2 s for the report's 270,000 strings). Same XML as ExcelJS's; the rows only ever add
 * plain text (never rich text), which is all this writes.
 */
export function directSharedStrings(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const b = wb as unknown as BookWriter;
  if (typeof b.addSharedStrings !== 'function' || !b.zip || !b.sharedStrings)
    throw new Error('directSharedStrings: needs ExcelJS 4.4 streaming workbook writer');
  b.addSharedStrings = async function (this: BookWriter) {
    const { values, count } = this.sharedStrings;
    if (!count) return;
    const xml: string[] = [
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${values.length}">`,
    ];
    for (const v of values) {
      if (typeof v !== 'string') throw new Error('directSharedStrings: rich text in the table');
      xml.push(
        PRESERVE.test(v)
          ? `<si><t xml:space="preserve">${xmlText(v)}</t></si>`
          : `<si><t>${xmlText(v)}</t></si>`,
      );
    }
    xml.push('</sst>');
    this.zip.append(xml.join(''), { name: '/xl/sharedStrings.xml' });
  };
}

/** ExcelJS keeps the spaces of a text that starts or ends with one, or has a line break. */
const PRESERVE = /^\s|\n|\s$/;

const ESCAPE: Record<string, string> = {
  '"': '&quot;',
  '&': '&amp;',
  "'": '&apos;',
  '<': '&lt;',
  '>': '&gt;',
};

/** As ExcelJS's xmlEncode: the five entities, and control characters XML cannot hold dropped. */
export function xmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_ALL, (c) => ESCAPE[c] ?? '') : s;
}
// Built from a string: the lint forbids control characters in a regex literal.
const UNSAFE = '[<>&\'"\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]';
const NEEDS_ESCAPE = new RegExp(UNSAFE);
const ESCAPE_ALL = new RegExp(UNSAFE, 'g');
