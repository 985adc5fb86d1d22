/**
 * The report: the sheets every host writes, in order. Profit Matrix, Customers, Whale Curve, Why,
 * Migration (when two periods were compared), Assumptions, Data Issues.
 */
import type { Analysis } from '../analyze.js';
import type { RunInfo } from '../assumptions.js';
import { assumptionsSheet } from './assumptions-sheet.js';
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
  'Assumptions',
  'Data Issues',
] as const;

/** The sheets of analysis `a`; `run` names the input and the time of the run on Assumptions. */
export function reportSheets(a: Analysis, run: RunInfo = {}): SheetSpec[] {
  const sheets = [
    profitMatrixSheet(a),
    customersSheet(a),
    whaleCurveSheet(a),
    whySheet(a),
    migrationSheet(a),
    assumptionsSheet(a, run),
    dataIssuesSheet(a),
  ];
  return sheets.filter((s): s is SheetSpec => s !== null);
}
