/**
 * Finding the customer table (DOMAIN.md §1) in a block of cells a host located: the selection, an
 * Excel table, the region around the cursor, or a sheet's data. One function for the Excel pane,
 * the Sheets sidebar and the test host, so they find the same header row and guess the same
 * mapping. A title or notes above the header are not part of the table.
 */
import { columnLetter } from './cell-address.js';
import { mapColumns } from './column-map.js';
import { fail, type Outcome } from './errors.js';
import { findHeader, HEADER_SCAN_ROWS, rowIsBlank } from './read-rows.js';
import type { Settings } from './settings.js';
import type { CellValue, Field } from './types.js';

/** Rows a host reads from the top of a block to detect the table in it: the header is among them. */
export const HEAD_ROWS = HEADER_SCAN_ROWS;

/** A block of cells on a sheet; `values` may hold only its first rows (hosts read the head). */
export interface CellBlock {
  values: CellValue[][];
  /** Sheet row of values[0]; 1 when the block starts in row 1. */
  firstRow?: number;
  /** 0-based sheet column of values[r][0]; 0 for column A. */
  firstColumn?: number;
  /** Rows of the whole block, when `values` holds only the first ones; else values.length. */
  rows?: number;
  /** Columns of the block; else the widest row of `values`. */
  columns?: number;
}

export interface FoundTable {
  /** The table on the sheet, from its header row down: sheet row (1-based), 0-based column. */
  headerRow: number;
  firstColumn: number;
  /** Header plus data rows, and columns. */
  rows: number;
  columns: number;
  /** A1 range of the table without the sheet, e.g. "B3:M43". */
  range: string;
  /** Rows of the block above the header (a title, notes, blanks): left out of the table. */
  above: number;
  headers: string[];
  /** Rows below the header, blank ones included (a run lists them). */
  dataRows: number;
  /** Field → header text: the guessed mapping, with the user's overrides applied. */
  mapping: Partial<Record<Field, string>>;
  /** Required fields no header maps to: the user has to pick them. */
  missing: Field[];
}

/**
 * The header is the first of the top rows that maps a customer and a revenue column (the rule of
 * readRows, so a run finds the same one); when no row does, the first non-blank row that looks
 * like a header (two or more text cells), with `missing` naming what the user still has to map.
 * A `headerRow` setting (a sheet row) names the header instead, as it does for readRows.
 * Fails with `table-not-found` for a block that is not a table (one row or one column of data, or
 * nothing but numbers), and `bad-mapping` when an override names a header that is not there.
 * Example: block `[['Profit 2024'], ['Customer', 'Revenue'], ['A', 5]]` at B3 →
 * `{ headerRow: 4, range: 'B4:C5', above: 1, dataRows: 1, mapping: { customer: 'Customer', revenue: 'Revenue' } }`.
 */
export function detectTable(
  block: CellBlock,
  overrides: Settings['columns'] = {},
  headerSetting: Settings['headerRow'] = null,
): Outcome<FoundTable> {
  const { values } = block;
  const height = block.rows ?? values.length;
  const width = block.columns ?? values.reduce((w, row) => Math.max(w, row?.length ?? 0), 0);
  if (height < 2 || width < 2 || values.every(rowIsBlank))
    return fail('table-not-found', NOT_A_TABLE);

  let index: number;
  const found = findHeader(
    values,
    { columns: overrides, headerRow: headerSetting },
    block.firstRow ?? 1,
  );
  if (found.ok) index = found.value.index;
  else {
    index = values.findIndex((row) => !rowIsBlank(row));
    const { problems } = mapColumns(values[index], overrides);
    if (problems.length) return fail('bad-mapping', problems.join('; '));
    if ((values[index] ?? []).filter(isText).length < 2)
      return fail('table-not-found', NOT_A_TABLE);
  }
  const headers = Array.from({ length: width }, (_, c) => String(values[index][c] ?? '').trim());
  const { columns } = mapColumns(headers, overrides);
  const mapping: FoundTable['mapping'] = {};
  for (const [field, c] of Object.entries(columns) as [Field, number][])
    mapping[field] = headers[c];
  const headerRow = (block.firstRow ?? 1) + index,
    firstColumn = block.firstColumn ?? 0;
  const rows = height - index;
  if (rows < 2)
    return fail('empty', `the table has a header (row ${headerRow}) but no data rows below it`);
  return {
    ok: true,
    value: {
      headerRow,
      firstColumn,
      rows,
      columns: width,
      range: `${columnLetter(firstColumn)}${headerRow}:${columnLetter(firstColumn + width - 1)}${headerRow + rows - 1}`,
      above: index,
      headers,
      dataRows: rows - 1,
      mapping,
      missing: (['customer', 'revenue'] as const).filter((f) => mapping[f] === undefined),
    },
  };
}

const NOT_A_TABLE =
  'no customer table here: click a cell inside your customer table (a header row, then one row per customer or invoice line), or select the whole table, and try again';

const isText = (v: CellValue): boolean => typeof v === 'string' && v.trim() !== '';
