/**
 * The report: the sheets every host writes, in order. Profit Matrix, Customers, Whale Curve, Why,
 * Groups (one per groupBy column), Migration (when two periods were compared), Trend (more than
 * two periods), Data Issues.
 */
import type { Analysis } from '../analyze.js';
import { customersSheet } from './customers-sheet.js';
import { dataIssuesSheet } from './data-issues-sheet.js';
import { groupsSheets } from './groups-sheet.js';
import { migrationSheet } from './migration-sheet.js';
import { profitMatrixSheet } from './profit-matrix-sheet.js';
import type { SheetSpec } from './sheet-spec.js';
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
  'Data Issues',
] as const;

export function reportSheets(a: Analysis): SheetSpec[] {
  const sheets = [
    profitMatrixSheet(a),
    customersSheet(a),
    whaleCurveSheet(a),
    whySheet(a),
    ...groupsSheets(a),
    migrationSheet(a),
    trendSheet(a),
    dataIssuesSheet(a),
  ];
  return sheets.filter((s): s is SheetSpec => s !== null);
}
