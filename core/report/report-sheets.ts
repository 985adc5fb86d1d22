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
 * The self-test's report goes to scratch sheets named with this prefix ("Self-test Profit
 * Matrix"), so it never touches the real report; renderers treat the two as separate reports.
 */
export const SCRATCH_PREFIX = 'Self-test ';

/** True for a sheet of the self-test's scratch report. Example: `isScratch('Self-test Why')` → true. */
export const isScratch = (sheetName: string): boolean => sheetName.startsWith(SCRATCH_PREFIX);

export interface ReportOptions {
  /** false leaves out the Why sheet. */
  why?: boolean;
  /** true names every sheet (and the Customers table) for the self-test's scratch report. */
  scratch?: boolean;
}

/**
 * The report's sheets in order. `why: false` leaves out the Why sheet, the biggest one (a row of
 * money and words per customer), for a report that must fit Google Sheets' 10 M cells.
 */
export function reportSheets(
  a: Analysis,
  { why = true, scratch = false }: ReportOptions = {},
): SheetSpec[] {
  const sheets = [
    profitMatrixSheet(a),
    customersSheet(a),
    whaleCurveSheet(a),
    why ? whySheet(a) : null,
    migrationSheet(a),
    dataIssuesSheet(a),
  ].filter((s): s is SheetSpec => s !== null);
  if (scratch)
    for (const s of sheets) {
      s.name = SCRATCH_PREFIX + s.name;
      if (s.table) s.table = { ...s.table, name: `SelfTest${s.table.name}` };
    }
  return sheets;
}
