/**
 * The pane's view of a table the core found (core/detect-table.ts): every host builds its
 * DetectedTable here, so the Excel pane, the Sheets sidebar and the test host say the same.
 */
import { sheetRange } from '../core/cell-address.js';
import type { FoundTable } from '../core/detect-table.js';
import type { InputError } from '../core/errors.js';
import type { DetectedTable, TableLocation } from './host.js';

export function detectedTable(found: FoundTable, location: TableLocation): DetectedTable {
  return {
    address: sheetRange(location.sheet, found.range),
    source: location.source,
    headers: found.headers,
    rows: found.dataRows,
    mapping: found.mapping,
    missing: found.missing,
    location,
  };
}

/** The active sheet is one the add-in wrote: its Customers sheet looks like a table, but is not the input. */
export function reportSheetPicked(sheet: string): InputError {
  return {
    code: 'table-not-found',
    message: `"${sheet}" is a sheet of the Profit Tiers report: go to the sheet with your customer table, select it (or a cell in it), and try again`,
  };
}
