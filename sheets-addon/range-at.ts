import type { Rect } from '../core/report/sheet-spec.js';

/** The spec's 0-based rectangle as a (1-based) Range. */
export function rangeAt(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  q: Rect,
): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(q.row + 1, q.col + 1, q.rows, q.cols);
}
