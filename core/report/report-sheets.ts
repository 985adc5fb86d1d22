/**
 * The report: the sheets every host writes, in order. Profit Matrix, Customers, Whale Curve, Why,
 * Migration (when two periods were compared), Scenarios (when there are scenarios), Data Issues.
 */
import type { Analysis } from '../analyze.js';
import { customersSheet } from './customers-sheet.js';
import { dataIssuesSheet } from './data-issues-sheet.js';
import { migrationSheet } from './migration-sheet.js';
import { profitMatrixSheet } from './profit-matrix-sheet.js';
import { scenariosSheet } from './scenarios-sheet.js';
import type { SheetSpec } from './sheet-spec.js';
import { whaleCurveSheet } from './whale-curve-sheet.js';
import { whySheet } from './why-sheet.js';

export const REPORT_SHEET_NAMES = [
  'Profit Matrix',
  'Customers',
  'Whale Curve',
  'Why',
  'Migration',
  'Scenarios',
  'Data Issues',
] as const;

export function reportSheets(a: Analysis): SheetSpec[] {
  const sheets = [
    profitMatrixSheet(a),
    customersSheet(a),
    whaleCurveSheet(a),
    whySheet(a),
    migrationSheet(a),
    scenariosSheet(a, a.settings, a.scenarios),
    dataIssuesSheet(a),
  ];
  return sheets.filter((s): s is SheetSpec => s !== null);
}
