/**
 * A run's half of the one detection, shared by every host: the block read where the table was
 * found must still hold it. The header is found again (with the user's column choices) and the
 * table analysed from it down, so a title above it is not data. A block that holds no customer
 * table any more, or whose sheet or Excel table is gone, is `table-gone`, in one line saying where.
 */
import { type Analysis, analyze } from '../core/analyze.js';
import { sheetRange } from '../core/cell-address.js';
import { type CellBlock, detectTable } from '../core/detect-table.js';
import type { InputError, Outcome } from '../core/errors.js';
import { resolveSettings, type SettingsInput } from '../core/settings.js';
import type { RunOptions, TableLocation } from './host.js';

export function analyzeTable(
  block: CellBlock,
  location: TableLocation,
  settings: SettingsInput,
  options: RunOptions = {},
): Outcome<Analysis> {
  // Bad settings are reported by analyze; the columns that are fine still guide the detection.
  const { columns, headerRow } = resolveSettings(settings).settings;
  const found = detectTable(block, columns, headerRow);
  if (!found.ok)
    return found.error.code === 'table-not-found'
      ? { ok: false, error: tableGone(location, 'no-table') }
      : found;
  const t = found.value;
  return analyze(
    { values: block.values.slice(t.above), firstRow: t.headerRow, firstColumn: t.firstColumn },
    settings,
    options,
  );
}

/** What became of the table since it was found. */
export type Gone = 'no-table' | 'sheet-deleted' | 'table-deleted';

/**
 * The one line for a table that is not where the detection found it.
 * Example: `tableGone({ source: 'sheet', sheet: 'Data', … }, 'sheet-deleted').message` →
 * `the sheet "Data" that held the customer table was deleted: select …`.
 */
export function tableGone(location: TableLocation, what: Gone): InputError {
  const { sheet, block } = location;
  const where =
    what === 'sheet-deleted'
      ? `the sheet "${sheet}" that held the customer table was deleted`
      : what === 'table-deleted'
        ? `the Excel table on "${sheet}" that held the customer table was deleted`
        : `${PLACE[location.source](sheet, block)} holds no customer table any more`;
  return {
    code: 'table-gone',
    message: `${where}: select your customer table (or a cell in it) and choose "Use another table"`,
  };
}

const PLACE: Record<TableLocation['source'], (sheet: string, block: string) => string> = {
  selection: (sheet, block) => `your selection ${sheetRange(sheet, block)}`,
  table: (sheet) => `the Excel table on "${sheet}"`,
  region: (sheet, block) => `the block of cells around ${sheetRange(sheet, block)}`,
  sheet: (sheet) => `the sheet "${sheet}"`,
};
