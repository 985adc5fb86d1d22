/**
 * The report: the sheets every host writes, in order. Profit Matrix, Customers, Whale Curve, Why,
 * Migration (when two periods were compared), Data Issues.
 */
import type { Analysis } from '../analyze.js';
import { customersSheet } from './customers-sheet.js';
import { dataIssuesSheet } from './data-issues-sheet.js';
import { migrationSheet } from './migration-sheet.js';
import { profitMatrixSheet } from './profit-matrix-sheet.js';
import type { SheetSpec } from './sheet-spec.js';
import { whaleCurveSheet } from './whale-curve-sheet.js';
import { whySheet } from './why-sheet.js';

export const REPORT_SHEET_NAMES = [
  'Profit Matrix',
  'Customers',
  'Whale Curve',
  'Why',
  'Migration',
  'Data Issues',
] as const;

/**
 * The report's sheets in order. `why: false` leaves out the Why sheet, the biggest one (a row of
 * money and words per customer), for a report that must fit Google Sheets' 10 M cells.
 */
export function reportSheets(a: Analysis, { why = true }: { why?: boolean } = {}): SheetSpec[] {
  const sheets = [
    profitMatrixSheet(a),
    customersSheet(a),
    whaleCurveSheet(a),
    why ? whySheet(a) : null,
    migrationSheet(a),
    dataIssuesSheet(a),
  ];
  return sheets.filter((s): s is SheetSpec => s !== null);
}
