/**
 * Reads the customer table: the user's selection when it spans more than one cell, else the
 * active sheet's data range. One getValues per input block. Date cells become 'yyyy-MM-dd' text
 * in the SPREADSHEET's time zone — a Date is an instant, and reading it in the script's zone
 * (appsscript.json) could move it to the day before — so results never depend on the script.
 */
import type { TableInput } from '../core/read-rows.js';
import type { CellValue } from '../core/types.js';

export interface SourceBlock {
  range: GoogleAppsScript.Spreadsheet.Range;
  sheet: string;
  source: 'selection' | 'sheet';
}

/** Finds the input block without reading it. */
export function locateTable(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SourceBlock {
  const sheet = ss.getActiveSheet();
  const selection = ss.getActiveRange();
  if (
    selection &&
    selection.getNumRows() * selection.getNumColumns() > 1 &&
    selection.getSheet().getSheetId() === sheet.getSheetId()
  ) {
    return { range: selection, sheet: sheet.getName(), source: 'selection' };
  }
  return { range: sheet.getDataRange(), sheet: sheet.getName(), source: 'sheet' };
}

/** The block's cells as core input; `rows` limits the read to the first rows (for detection). */
export function readBlock(block: SourceBlock, timeZone: string, rows?: number): TableInput {
  let range = block.range;
  if (rows !== undefined && rows < range.getNumRows())
    range = range.offset(0, 0, rows, range.getNumColumns());
  const values = datesAsText(range.getValues() as CellValue[][], timeZone);
  return { values, firstRow: block.range.getRow(), firstColumn: block.range.getColumn() - 1 };
}

/** Replaces Date cells in place; one formatDate per distinct instant (a period column repeats a few days). */
export function datesAsText(values: CellValue[][], timeZone: string): CellValue[][] {
  const seen = new Map<number, string>();
  for (const row of values) {
    for (let j = 0; j < row.length; j++) {
      const v = row[j];
      if (!isDate(v)) continue;
      const t = v.getTime();
      let s = seen.get(t);
      if (s === undefined) {
        s = Utilities.formatDate(v, timeZone, 'yyyy-MM-dd');
        seen.set(t, s);
      }
      row[j] = s;
    }
  }
  return values;
}

// Cross-realm safe (tests run the bundle in node:vm, where Dates come from another realm).
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
