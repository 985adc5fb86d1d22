/**
 * The google.script.run targets of the sidebar besides the run's steps (run-steps.ts): detection
 * and going to a cell. Core input errors are thrown as PaneErrors (the pane's presentation of the
 * error codes), which google.script.run hands to the sidebar's failure handler as one line.
 */
import { detectTable as findTable } from '../core/detect-table.js';
import {
  freeName,
  rectangular,
  type SheetValue,
  typedInputCell,
} from '../core/report/sheet-spec.js';
import { detectedTable, detectRows } from '../pane/detected-table.js';
import type { DetectedTable } from '../pane/host.js';
import { PaneError } from '../pane/pane-error.js';
import { locateTable, readBlock } from './read-table.js';

/**
 * Finds the table with the core's one detection, from the first rows of the located block (with
 * a sample below the header to offer group columns from: one getValues).
 */
export function detectTable(): DetectedTable {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = locateTable(ss);
  const columns = block.range?.getNumColumns() ?? 1;
  const head = readBlock(block, ss.getSpreadsheetTimeZone(), detectRows(columns));
  const found = findTable(head);
  if (!found.ok) throw new PaneError(found.error);
  return detectedTable(found.value, block.location, head.values);
}

/** Selects a cell of the source table, e.g. a rejected row the user clicked. */
export function goTo(sheet: string, cell: string): void {
  const target = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet);
  if (!target) throw new Error(`There is no sheet named "${sheet}" any more.`);
  target.getRange(cell).activate();
}

/**
 * A new sheet of `rows` (the sidebar's sample customers) under a free name, so no sheet of the
 * user's is touched; active, with the rows selected for the detection that follows. One write.
 */
export function addSheet(name: string, rows: SheetValue[][]): string {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const free = freeName(name, new Set(ss.getSheets().map((s) => s.getName())));
  const sheet = ss.insertSheet(free);
  const width = Math.max(1, ...rows.map((r) => r.length));
  const range = sheet.getRange(1, 1, rows.length, width);
  range.setValues(rectangular(rows, width).map((r) => r.map(typedInputCell)));
  sheet.activate();
  range.activate();
  return free;
}
