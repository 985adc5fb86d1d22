/**
 * The pane's view of a table the core found (core/detect-table.ts): every host builds its
 * DetectedTable here, so the Excel pane, the Sheets sidebar and the test host say the same.
 */
import { sheetRange } from '../core/cell-address.js';
import { type FoundTable, HEAD_ROWS } from '../core/detect-table.js';
import type { InputError } from '../core/errors.js';
import type { CellValue } from '../core/types.js';
import { GROUP_SAMPLE_ROWS, groupCandidates } from './group-candidates.js';
import type { DetectedTable, TableLocation } from './host.js';

/** At most this many cells are read to detect a table (a wide table gets a shorter sample). */
const DETECT_CELLS = 12_000;

/**
 * Rows a host reads from the top of a block `columns` wide to detect the table in it: the rows
 * the header may be in, then a sample to offer group columns from (§14), all in one read.
 * Example: `detectRows(12)` → 520; `detectRows(100)` → 120.
 */
export const detectRows = (columns: number): number =>
  Math.max(
    HEAD_ROWS,
    Math.min(HEAD_ROWS + GROUP_SAMPLE_ROWS, Math.floor(DETECT_CELLS / Math.max(1, columns))),
  );

/** The table found, as the pane shows it; `head` is what the host read (the group sample). */
export function detectedTable(
  found: FoundTable,
  location: TableLocation,
  head: CellValue[][] = [],
): DetectedTable {
  const sample = head.slice(found.above, found.above + 1 + GROUP_SAMPLE_ROWS);
  return {
    address: sheetRange(location.sheet, found.range),
    source: location.source,
    headers: found.headers,
    rows: found.dataRows,
    mapping: found.mapping,
    missing: found.missing,
    location,
    groupCandidates: groupCandidates(sample, Object.values(found.mapping)),
  };
}

/** The active sheet is one the add-in wrote: its Customers sheet looks like a table, but is not the input. */
export function reportSheetPicked(sheet: string): InputError {
  return {
    code: 'table-not-found',
    message: `"${sheet}" is a sheet of the Profit Tiers report: go to the sheet with your customer table, select it (or a cell in it), and try again`,
  };
}
