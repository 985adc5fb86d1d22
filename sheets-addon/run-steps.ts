/**
 * The server half of the stepwise run. The sidebar drives it (sidebar/run-in-steps.ts): each step
 * is its own google.script.run call — its own Apps Script execution, well under the 6-minute
 * limit — so progress is real and a failure names its step:
 *   readRows (the table, in row blocks) → [the sidebar analyses] → prepareReport (the cell-limit
 *   check, then the sheets placed and sized) → writeRows (each row block of each sheet) →
 *   finishSheet (each sheet's formats, filter, rules, charts) → finishReport.
 * Where the analysis lives between steps: in the sidebar. The server sends the table once (the
 * smallest thing there is: 7.4 MB of JSON for 100,000 customers, against 58 MB for the report's
 * values) and the sidebar runs the same core, keeps the report in its memory and sends it back a
 * row block at a time. CacheService (100 kB a value) and properties (9 kB a value, 500 kB in all)
 * cannot hold it, and recomputing per step would re-read and re-analyse the table some 50 times.
 * Every step makes a fixed number of SpreadsheetApp calls, whatever the rows it carries.
 */
import type { Outcome } from '../core/errors.js';
import type { CellValue } from '../core/types.js';
import { tableGone } from '../pane/analyze-table.js';
import type { TableLocation } from '../pane/host.js';
import { datesAsText, relocateTable } from './read-table.js';
import {
  finishReport as finish,
  type PlacedReport,
  type PlannedSheet,
  placeReport,
} from './render-report.js';
import { drawFinish, drawRows } from './render-sheet.js';
import type { RowBlock, SheetFinish } from './sheet-blocks.js';

export interface RowsRead {
  /** Rows [from, from + values.length) of the table's range, Dates as 'yyyy-MM-dd' text. */
  values: CellValue[][];
  /** 1-based row and 0-based column of the range's top-left cell (for cell references). */
  firstRow: number;
  firstColumn: number;
  /** Rows and columns of the whole range. */
  rows: number;
  columns: number;
  /** Where the table is now: its sheet found by id (renamed since, perhaps), under today's name. */
  location: TableLocation;
}

/**
 * Rows [from, from + count) of the table where detection found it, re-found as it is now: the
 * sheet by its id (a rename is fine), its data range or the selection clipped to it (rows added
 * since are read), whatever sheet is active — after a run, that is the report's. A sheet that is
 * gone, or a selection that holds nothing any more, is `table-gone`, returned rather than thrown
 * so its code reaches the sidebar; the sidebar's analysis then checks the cells still hold a table.
 */
export function readRows(table: TableLocation, from: number, count: number): Outcome<RowsRead> {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = relocateTable(ss, table);
  if (!block) return { ok: false, error: tableGone(table, 'sheet-deleted') };
  const range = block.range;
  if (!range) return { ok: false, error: tableGone(block.location, 'no-table') };
  const rows = range.getNumRows(),
    columns = range.getNumColumns();
  const n = Math.max(0, Math.min(count, rows - from));
  const values =
    n === 0
      ? []
      : datesAsText(
          range.offset(from, 0, n, columns).getValues() as CellValue[][],
          ss.getSpreadsheetTimeZone(),
        );
  return {
    ok: true,
    value: {
      values,
      firstRow: range.getRow(),
      firstColumn: range.getColumn() - 1,
      rows,
      columns,
      location: block.location,
    },
  };
}

/**
 * Checks the cell limit for the whole report, then places and sizes its sheets (nothing is written
 * before the check). `keepOthers`: a What-if writes only its sheets; the rest of the report stays.
 */
export function prepareReport(plan: PlannedSheet[], keepOthers = false): PlacedReport {
  return placeReport(SpreadsheetApp.getActiveSpreadsheet(), plan, keepOthers);
}

function sheetById(id: number): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetById(id);
  if (!sheet)
    throw new Error('A report sheet was deleted while the report was being written: run again.');
  return sheet;
}

/** Writes one row block of one report sheet. */
export function writeRows(sheetId: number, block: RowBlock): void {
  drawRows(sheetById(sheetId), block);
}

/** Formats, filter, conditional rules and charts of one report sheet, once its rows are written. */
export function finishSheet(sheetId: number, f: SheetFinish): void {
  drawFinish(sheetById(sheetId), f);
}

/** Deletes our sheets that no longer apply and shows the report's first sheet. */
export function finishReport(stale: number[], first: number | null): void {
  finish(SpreadsheetApp.getActiveSpreadsheet(), stale, first);
}
