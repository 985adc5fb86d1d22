/**
 * Turns host-neutral sheet content into the 2-D arrays SpreadsheetApp writes in one call each.
 * setValues parses strings like typed input ("=…" is a formula, "-5" a number), so every string
 * that would change gets a leading apostrophe and stays the text it is (a customer named
 * `=IMPORTXML(…)` must never run).
 */
import { type Rect, type SheetValue, typedInputCell } from '../core/report/sheet-spec.js';

/** Sheets' own "Automatic" number format, for cells inside a format block that no rectangle covers. */
export const AUTOMATIC_FORMAT = '0.###############';

export function valuesForSheets(
  values: SheetValue[][],
  width: number,
): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const src = values[r],
      row: (string | number | boolean)[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = typedInputCell(src[c]);
    out[r] = row;
  }
  return out;
}

/** A 2-D block: where it starts (0-based) and one entry per cell. */
export interface Block<T> {
  row: number;
  col: number;
  cells: T[][];
}

/**
 * One 2-D array covering every rectangle of one property (the bounding box), so a property costs
 * one call whatever the row count. Later rectangles win where they overlap, as in the spec.
 */
export function paint<T>(items: { range: Rect; value: T }[], blank: T): Block<T> | null {
  if (items.length === 0) return null;
  let r0 = Infinity,
    c0 = Infinity,
    r1 = -1,
    c1 = -1;
  for (const { range: q } of items) {
    r0 = Math.min(r0, q.row);
    c0 = Math.min(c0, q.col);
    r1 = Math.max(r1, q.row + q.rows);
    c1 = Math.max(c1, q.col + q.cols);
  }
  const cells: T[][] = new Array(r1 - r0);
  for (let r = 0; r < cells.length; r++) cells[r] = new Array<T>(c1 - c0).fill(blank);
  for (const { range: q, value } of items) {
    for (let r = q.row; r < q.row + q.rows; r++) {
      const row = cells[r - r0];
      for (let c = q.col; c < q.col + q.cols; c++) row[c - c0] = value;
    }
  }
  return { row: r0, col: c0, cells };
}
