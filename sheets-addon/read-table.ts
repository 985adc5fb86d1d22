/**
 * Locates and reads the customer table: the user's selection when it spans more than one cell
 * (clipped to the sheet's data, so selecting columns A:L is not 1,000s of blank rows), else the
 * active sheet's data range. One getValues per block read. Date cells become 'yyyy-MM-dd' text in
 * the SPREADSHEET's time zone — a Date is an instant, and reading it in the script's zone
 * (appsscript.json) could move it to the day before — so results never depend on the script.
 */
import type { CellBlock } from '../core/detect-table.js';
import type { CellValue } from '../core/types.js';
import { reportSheetPicked } from '../pane/detected-table.js';
import type { TableLocation } from '../pane/host.js';
import { PaneError } from '../pane/pane-error.js';
import { OWNER_KEY } from './render-report.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface SourceBlock {
  /** The cells to read; null when a selection holds no data. */
  range: Range | null;
  location: TableLocation;
}

/** Finds the input block from the active sheet and selection, without reading it. */
export function locateTable(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SourceBlock {
  const sheet = ss.getActiveSheet();
  if (sheet.getDeveloperMetadata().some((m) => m.getKey() === OWNER_KEY))
    throw new PaneError(reportSheetPicked(sheet.getName()));
  const at = { sheetId: String(sheet.getSheetId()), sheet: sheet.getName() };
  const selection = ss.getActiveRange();
  if (
    selection &&
    selection.getNumRows() * selection.getNumColumns() > 1 &&
    selection.getSheet().getSheetId() === sheet.getSheetId()
  ) {
    const location = { source: 'selection', ...at, block: selection.getA1Notation() } as const;
    return { range: withData(sheet, selection), location };
  }
  const range = sheet.getDataRange();
  return { range, location: { source: 'sheet', ...at, block: range.getA1Notation() } };
}

/**
 * The block where a detection found the table, as it is now: the sheet by its id (a rename is
 * fine), its data range or the selection clipped to it (rows added since are read). Null when the
 * sheet was deleted. Whatever sheet is active: after a run, that is the report's.
 */
export function relocateTable(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  location: TableLocation,
): SourceBlock | null {
  const sheet = ss.getSheetById(Number(location.sheetId));
  if (!sheet) return null;
  const here = { ...location, sheet: sheet.getName() };
  const range =
    location.source === 'selection'
      ? withData(sheet, sheet.getRange(location.block))
      : sheet.getDataRange();
  return { range, location: here };
}

/** The part of a range within the sheet's data (its last row and column with content). */
function withData(sheet: Sheet, range: Range): Range | null {
  const row = range.getRow(),
    col = range.getColumn();
  const rows = Math.min(range.getNumRows(), sheet.getLastRow() - row + 1),
    cols = Math.min(range.getNumColumns(), sheet.getLastColumn() - col + 1);
  return rows > 0 && cols > 0 ? sheet.getRange(row, col, rows, cols) : null;
}

/** The block's cells as core input; `rows` limits the read to the first rows (for detection). */
export function readBlock(block: SourceBlock, timeZone: string, rows?: number): CellBlock {
  const whole = block.range;
  if (!whole) return { values: [] };
  const height = whole.getNumRows(),
    width = whole.getNumColumns();
  const range = rows !== undefined && rows < height ? whole.offset(0, 0, rows, width) : whole;
  const values = datesAsText(range.getValues() as CellValue[][], timeZone);
  return {
    values,
    firstRow: whole.getRow(),
    firstColumn: whole.getColumn() - 1,
    rows: height,
    columns: width,
  };
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
