/**
 * xlsx workbook → 2-D cell values of one sheet, streamed: the sheet's XML is read as it inflates,
 * keeping only the values, so a 1,048,575-row sheet costs its values, not ExcelJS's object model
 * of the workbook (read-xlsx-sheet.ts has the cell rules, read-xlsx-parts.ts the workbook's).
 * Formula cells give their cached result; one without (a file written by a script and never
 * opened in Excel) is listed as unread, never read as 0. A merged value is read once, in its
 * top-left cell, as Excel's SUM reads it. Rich text gives its plain text, error cells their error
 * text (`#N/A`), dates a Date at UTC midnight. Excel tables are not read (the cells are).
 */
import type JSZip from 'jszip';
import type { UnreadCell } from '../core/read-rows.js';
import type { CellValue } from '../core/types.js';
import { jsZip } from './jszip.js';
import {
  type CellParts,
  partText,
  readCellParts,
  readWorkbook,
  type SheetPart,
  type Workbook,
} from './read-xlsx-parts.js';
import { readSheetValues } from './read-xlsx-sheet.js';
export class SheetNotFound extends Error {}

/** Why a formula cell without a cached value is not read (the issue's words, kept exactly). */
export const NO_CACHED_VALUE =
  'formula without a calculated value; open and save the file in Excel';

export interface XlsxSheet {
  values: CellValue[][];
  sheet: string;
  unread: UnreadCell[];
  /** Which sheet was read, when it was not the first one. */
  note?: string;
}

/**
 * Reads one sheet: `sheet` by name, or else the first visible sheet for which `holdsTable` is
 * true (hidden sheets never); when none is, the error lists the sheets and mentions --sheet.
 */
export async function readXlsx(
  bytes: Uint8Array,
  options: { sheet?: string; holdsTable?: (values: CellValue[][]) => boolean; zip?: JSZip } = {},
): Promise<XlsxSheet> {
  const zip = options.zip ?? (await (await jsZip()).loadAsync(bytes));
  const book = await readWorkbook(zip);
  const all = book.sheets;
  const list = all.map((w) => `"${w.name}"${w.hidden ? ' (hidden)' : ''}`).join(', ');
  let cells: Promise<CellParts> | undefined;
  const read = async (ws: SheetPart) => {
    cells ??= readCellParts(zip, book);
    return sheetValues(zip, book, ws, await cells);
  };
  if (options.sheet !== undefined) {
    const wanted = options.sheet.toLowerCase();
    const ws =
      all.find((w) => w.name === options.sheet) ?? all.find((w) => w.name.toLowerCase() === wanted);
    if (!ws) throw new SheetNotFound(`no sheet "${options.sheet}" (sheets: ${list})`);
    return read(ws);
  }
  if (all.length === 0) throw new SheetNotFound('the workbook has no sheets');
  const visible = all.filter((w) => !w.hidden);
  for (const [i, ws] of visible.entries()) {
    const t = await read(ws);
    if (options.holdsTable && !options.holdsTable(t.values)) continue;
    if (ws === all[0]) return t;
    const skipped = visible.slice(0, i).map((w) => `"${w.name}"`);
    return {
      ...t,
      note: `read sheet "${ws.name}", the first visible sheet with a customer table${skipped.length ? ` (${skipped.join(', ')} ${skipped.length === 1 ? 'holds' : 'hold'} none)` : ''}`,
    };
  }
  // One sheet and nothing hidden: the core says what its header lacks.
  if (all.length === 1) return read(all[0]);
  throw new SheetNotFound(
    `no visible sheet holds a customer table (a header with a customer and a revenue column); sheets: ${list}; name the one to read with --sheet NAME`,
  );
}

async function sheetValues(
  zip: JSZip,
  book: Workbook,
  ws: SheetPart,
  cells: CellParts,
): Promise<XlsxSheet> {
  const xml = partText(zip, ws.path);
  if (!xml) throw new Error(`the workbook has no ${ws.path}`);
  const { values, noResult } = await readSheetValues(xml, cells, book.date1904);
  const unread: UnreadCell[] = noResult.map((f) => ({ ...f, reason: NO_CACHED_VALUE }));
  return { values, sheet: ws.name, unread };
}
