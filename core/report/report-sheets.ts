/**
 * The report: the sheets every host writes, in order. Profit Matrix, Customers, Whale Curve, Why,
 * Groups (one per groupBy column), Migration (when two periods were compared), Trend (more than
 * two periods), Scenarios (when there are scenarios), Assumptions, Data Issues.
 */
import type { Analysis } from '../analyze.js';
import type { RunInfo } from '../assumptions.js';
import { assumptionsSheet } from './assumptions-sheet.js';
import { cutLongText, textCutLine } from './cell-text-limit.js';
import { customersSheet } from './customers-sheet.js';
import { dataIssuesSheet } from './data-issues-sheet.js';
import { groupsSheets } from './groups-sheet.js';
import { layOut } from './layout.js';
import { migrationSheet } from './migration-sheet.js';
import { profitMatrixSheet } from './profit-matrix-sheet.js';
import { scenariosSheet } from './scenarios-sheet.js';
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
  'Scenarios',
  'Trend',
  'Assumptions',
  'Data Issues',
] as const;

/**
 * The self-test's report goes to scratch sheets named with this prefix ("Self-test Profit
 * Matrix"), so it never touches the real report; renderers treat the two as separate reports.
 */
export const SCRATCH_PREFIX = 'Self-test ';

/** True for a sheet of the self-test's scratch report. Example: `isScratch('Self-test Why')` → true. */
export const isScratch = (sheetName: string): boolean => sheetName.startsWith(SCRATCH_PREFIX);

/** What a host asks of the report; `source` and `time` name the input and the run on Assumptions. */
export interface ReportOptions extends RunInfo {
  /** false leaves out the Why sheet. */
  why?: boolean;
  /** true names every sheet (and the Customers table) for the self-test's scratch report. */
  scratch?: boolean;
}

/**
 * The report's sheets of analysis `a`, in order. `why: false` leaves out the Why sheet, the
 * biggest one (a row of money and words per customer), for a report that must fit Google Sheets'
 * 10 M cells.
 */
export function reportSheets(
  a: Analysis,
  { why = true, scratch = false, ...run }: ReportOptions = {},
): SheetSpec[] {
  const sheets = [
    profitMatrixSheet(a),
    customersSheet(a),
    whaleCurveSheet(a),
    why ? whySheet(a) : null,
    ...groupsSheets(a),
    migrationSheet(a),
    scenariosSheet(a, a.settings, a.scenarios),
    trendSheet(a),
    assumptionsSheet(a, run),
  ].filter((s): s is SheetSpec => s !== null);
  const named = (s: SheetSpec): SheetSpec => {
    if (scratch) {
      s.name = SCRATCH_PREFIX + s.name;
      if (s.table) s.table = { ...s.table, name: `SelfTest${s.table.name}` };
    }
    return s;
  };
  sheets.forEach(named);
  // Text longer than an Excel cell holds is cut, and Data Issues lists where.
  const at = (s: SheetSpec) => cutLongText(s).map((cell) => `'${s.name}'!${cell}`);
  const cut = sheets.flatMap(at);
  const issues = named(dataIssuesSheet(a, cut));
  const cutIssues = at(issues); // a reason quoting a long text
  if (cutIssues.length) addRows(issues, [[null, null, null, textCutLine(cutIssues)]]);
  return [...sheets, layOut(issues)];
}
