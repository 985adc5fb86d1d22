/**
 * The report: the sheets every host writes, in order. Profit Matrix, Customers, Whale Curve, Why,
 * Groups (one per groupBy column), Migration (when two periods were compared), Trend (more than
 * two periods), Assumptions, Data Issues.
 */
import type { Analysis } from '../analyze.js';
import type { RunInfo } from '../assumptions.js';
import { assumptionsSheet } from './assumptions-sheet.js';
import { cutLongText, textCutLine } from './cell-text-limit.js';
import { customersSheet } from './customers-sheet.js';
import { dataIssuesSheet } from './data-issues-sheet.js';
import { groupsSheets } from './groups-sheet.js';
import { migrationSheet } from './migration-sheet.js';
import { profitMatrixSheet } from './profit-matrix-sheet.js';
import { addRows, type SheetSpec } from './sheet-spec.js';
import { trendSheet } from './trend-sheet.js';
import { whaleCurveSheet } from './whale-curve-sheet.js';
import { whySheet } from './why-sheet.js';

export const REPORT_SHEET_NAMES = [
  'Profit Matrix',
  'Customers',
  'Whale Curve',
  'Why',
  'Groups',
  'Migration',
  'Trend',
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
    ...groupsSheets(a),
    migrationSheet(a),
    trendSheet(a),
    assumptionsSheet(a, run),
  ].filter((s): s is SheetSpec => s !== null);
  // Text longer than an Excel cell holds is cut, and Data Issues lists where.
  const at = (s: SheetSpec) => cutLongText(s).map((cell) => `'${s.name}'!${cell}`);
  const cut = sheets.flatMap(at);
  const issues = dataIssuesSheet(a, cut);
  const cutIssues = at(issues); // a reason quoting a long text
  if (cutIssues.length) addRows(issues, [[null, null, null, textCutLine(cutIssues)]]);
  return [...sheets, issues];
}
