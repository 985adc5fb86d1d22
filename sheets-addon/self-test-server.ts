/**
 * The server half of the Sheets self-test's part (pane/self-test.ts, sidebar/sheets-diagnostics.ts):
 * whole-sheet reads and writes for the scratch sheets. It writes and deletes only sheets named
 * with the scratch prefix ("Self-test …"), never a sheet of the user's.
 */
import { isScratch } from '../core/report/report-sheets.js';
import { type SheetValue, typedInputCell } from '../core/report/sheet-spec.js';
import type { CellValue } from '../core/types.js';
import type { ScratchCell } from '../pane/self-test-data.js';
import { datesAsText } from './read-table.js';

const spreadsheet = () => SpreadsheetApp.getActiveSpreadsheet();

function scratchOnly(name: string): void {
  if (!isScratch(name))
    throw new Error(`The self-test only touches its own sheets, not "${name}".`);
}

/** Names of the spreadsheet's sheets. */
export function listSheets(): string[] {
  return spreadsheet()
    .getSheets()
    .map((s) => s.getName());
}

/** A new scratch sheet holding `rows` from A1, sized to them; `{ formula }` cells are formulas. */
export function createScratchSheet(name: string, rows: ScratchCell[][]): void {
  scratchOnly(name);
  const sheet = spreadsheet().insertSheet(name);
  const cols = rows[0].length;
  sheet.deleteRows(rows.length + 1, sheet.getMaxRows() - rows.length);
  sheet.deleteColumns(cols + 1, sheet.getMaxColumns() - cols);
  sheet
    .getRange(1, 1, rows.length, cols)
    .setValues(
      rows.map((r) =>
        r.map((c) =>
          c !== null && typeof c === 'object' ? c.formula : typedInputCell(c as SheetValue),
        ),
      ),
    );
}

/** A sheet's values from A1 to its last cell with content, Dates as text. */
export function readSheetValues(name: string): CellValue[][] {
  const sheet = spreadsheet().getSheetByName(name);
  if (!sheet) throw new Error(`There is no sheet named "${name}".`);
  return datesAsText(
    sheet.getDataRange().getValues() as CellValue[][],
    spreadsheet().getSpreadsheetTimeZone(),
  );
}

/** Deletes these scratch sheets (names without the prefix are refused). */
export function deleteScratchSheets(names: string[]): void {
  names.forEach(scratchOnly);
  const ss = spreadsheet();
  for (const name of names) {
    const sheet = ss.getSheetByName(name);
    if (sheet) ss.deleteSheet(sheet);
  }
}
