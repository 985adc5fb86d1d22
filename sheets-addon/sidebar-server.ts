/**
 * The google.script.run targets of the sidebar besides the run's steps (run-steps.ts): detection
 * and going to a cell. Core input errors become thrown Errors, which google.script.run hands to
 * the sidebar's failure handler as a one-line message.
 */
import { analyze } from '../core/analyze.js';
import type { DetectedTable } from '../pane/host.js';
import { locateTable, readBlock } from './read-table.js';

/** Enough rows for the core to find the header (it scans 20) and see a data row. */
const DETECT_ROWS = 25;

export function detectTable(): DetectedTable {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const block = locateTable(ss);
  const head = readBlock(block, ss.getSpreadsheetTimeZone(), DETECT_ROWS);
  // Detection only maps columns: gross profit may still be missing (the run will ask).
  const found = analyze(head, { costToServeOnly: true });
  if (!found.ok) throw new Error(found.error.message);
  const { headers, headerRow, mapping } = found.value.input;
  return {
    address: `${quoteSheet(block.sheet)}!${block.range.getA1Notation()}`,
    source: block.source,
    headers,
    rows: block.range.getNumRows() - (headerRow - block.range.getRow()) - 1,
    mapping,
  };
}

/** Selects a cell of the source table, e.g. a rejected row the user clicked. */
export function goTo(sheet: string, cell: string): void {
  const target = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet);
  if (!target) throw new Error(`There is no sheet named "${sheet}" any more.`);
  target.getRange(cell).activate();
}

const quoteSheet = (name: string): string =>
  /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
