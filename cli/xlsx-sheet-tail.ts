/**
 * The elements after a worksheet's `<sheetData>`, in the order the schema requires. Excel refuses
 * (or "repairs") a sheet whose elements are out of order, and ExcelJS's streaming writer writes
 * some of them out of order: `<sheetProtection>` after `<dataValidations>` and `<autoFilter>`,
 * `<hyperlinks>` before `<conditionalFormatting>` (its open pull requests 2685 and 2803). So the
 * tail of each streamed sheet is held back, sorted, and written with the elements ExcelJS cannot
 * write (a chart's `<drawing>`, a table's `<tableParts>`) in their places.
 */
import type ExcelJS from 'exceljs';

/** CT_Worksheet's elements after `<sheetData>` (ECMA-376 part 1, 18.3.1.99), in order. */
export const WORKSHEET_TAIL = [
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
] as const;

export type TailElement = (typeof WORKSHEET_TAIL)[number];

/** What the hook uses of ExcelJS's streaming worksheet (exceljs 4.4, lib/stream/xlsx). */
interface SheetWriter {
  _stream: { write(chunk: unknown): unknown } | undefined;
  _writeCloseSheetData(): void;
  _writeCloseWorksheet(): void;
  _write(text: string): void;
}

export interface SheetTail {
  /** Elements to add to the tail (each one whole, any order). */
  extra: string[];
  /** Set once the tail was written. */
  written: boolean;
}

const tails = new WeakMap<object, SheetTail>();

/**
 * The tail of a sheet of ExcelJS's streaming writer: the first call, before the sheet is
 * committed, makes its tail come out in schema order with `extra` among it.
 */
export function sheetTail(ws: ExcelJS.Worksheet): SheetTail {
  const known = tails.get(ws);
  if (known) return known;
  const tail: SheetTail = { extra: [], written: false };
  tails.set(ws, tail);
  const w = ws as unknown as SheetWriter;
  const closeData = w._writeCloseSheetData,
    closeSheet = w._writeCloseWorksheet;
  if (typeof closeData !== 'function' || typeof closeSheet !== 'function')
    throw new Error("sheetTail: needs ExcelJS 4.4's streaming worksheet");
  let real: SheetWriter['_stream'];
  const held: string[] = [];
  w._writeCloseSheetData = function (this: SheetWriter) {
    closeData.call(this);
    real = this._stream;
    this._stream = {
      write(chunk: unknown) {
        // text, or ExcelJS's shared StringBuf, reused for the next element: copied now
        if (typeof chunk === 'string') held.push(chunk);
        else if (chunk instanceof Object && 'toBuffer' in chunk)
          held.push((chunk as { toBuffer(): Buffer }).toBuffer().toString('utf8'));
        else throw new Error('sheetTail: a tail element neither text nor a StringBuf');
        return true;
      },
    };
  };
  w._writeCloseWorksheet = function (this: SheetWriter) {
    this._stream = real;
    this._write(inSchemaOrder([...held, ...tail.extra].join('')));
    tail.written = true;
    closeSheet.call(this);
  };
  return tail;
}

/**
 * Sorts a run of whole elements into WORKSHEET_TAIL's order, keeping the order of elements of the
 * same name (a sheet's several `<conditionalFormatting>`). An element the schema does not list
 * there is an error: it has no right place.
 */
export function inSchemaOrder(xml: string): string {
  const elements: { name: string; xml: string }[] = [];
  let depth = 0,
    start = 0,
    name = '';
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (depth === 0) name = m[2];
    depth += m[1] ? -1 : m[3] ? 0 : 1;
    if (depth === 0) {
      const end = m.index + m[0].length;
      elements.push({ name, xml: xml.slice(start, end) });
      start = end;
    }
  }
  if (depth !== 0 || xml.slice(start).trim()) throw new Error('sheetTail: the tail is not whole');
  const rank = (n: string) => {
    const i = WORKSHEET_TAIL.indexOf(n as TailElement);
    if (i < 0) throw new Error(`sheetTail: <${n}> has no place after <sheetData>`);
    return i;
  };
  return elements
    .map((e, i) => ({ ...e, i, rank: rank(e.name) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((e) => e.xml)
    .join('');
}
