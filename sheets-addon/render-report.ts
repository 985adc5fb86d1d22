/**
 * Places the report sheets. The add-on's own sheets carry developer metadata naming the report
 * sheet they hold. A re-run REUSES each of them — cleared of contents, formats, conditional rules,
 * charts and its filter, then written again — so it keeps its position, its name and every formula
 * of the user's that points into it ('Profit Matrix'!C7 would turn into #REF! if the sheet were
 * deleted and inserted again). Report sheets that no longer apply (Migration from a run with
 * periods) are deleted. A user's sheet that merely has a report name is never touched: ours
 * becomes "Profit Matrix (2)".
 */
import { isScratch } from '../core/report/report-sheets.js';
import { freeName } from '../core/report/sheet-spec.js';
import { cellLimitProblem } from './cell-limit.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Developer-metadata key on every sheet the add-on owns; the value is the report sheet's name. */
export const OWNER_KEY = 'profit-tiers.report';

/** A report sheet to place: its name and the cells it will hold. */
export interface PlannedSheet {
  name: string;
  rows: number;
  cols: number;
}

export interface PlacedReport {
  /** One per planned sheet, in order: the sheet's id and its name (with " (2)" where needed). */
  sheets: { id: number; name: string }[];
  /** Our sheets that are no longer part of the report, deleted by finishReport. */
  stale: number[];
}

/**
 * Places the report's sheets: checks the spreadsheet's cell limit for the whole report first (and
 * throws its one-line refusal before changing anything), then empties the sheets it reuses and
 * inserts the missing ones, each sized to exactly what it will hold. A fixed number of
 * SpreadsheetApp calls per sheet, whatever the rows.
 */
export function placeReport(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  plan: PlannedSheet[],
): PlacedReport {
  const wanted = new Set(plan.map((s) => s.name));
  const reuse = new Map<string, Sheet>();
  const stale: Sheet[] = [];
  // The self-test's scratch report and the real one never replace each other's sheets.
  const scratchRun = plan.length > 0 && isScratch(plan[0].name);
  for (const { report, sheet } of ownSheets(ss)) {
    if (isScratch(report) !== scratchRun) continue; // left alone, like the user's own sheets
    if (wanted.has(report) && !reuse.has(report)) reuse.set(report, sheet);
    else stale.push(sheet); // no longer part of the report, or a second sheet marked for the same one
  }
  const all = ss.getSheets();
  const size = new Map<number, { rows: number; cols: number }>();
  for (const sh of all)
    size.set(sh.getSheetId(), { rows: sh.getMaxRows(), cols: sh.getMaxColumns() });
  const reusedIds = new Set([...reuse.values()].map((sh) => sh.getSheetId()));
  let others = 0;
  for (const [id, s] of size) if (!reusedIds.has(id)) others += s.rows * s.cols;
  const final = plan.map((p) => {
    const old = reuse.get(p.name);
    const have = old ? size.get(old.getSheetId())! : { rows: 0, cols: 0 };
    // A reused sheet only grows: removing rows would break formulas of the user's pointing there.
    return { rows: Math.max(have.rows, p.rows, 1), cols: Math.max(have.cols, p.cols, 1) };
  });
  const problem = cellLimitProblem({
    others,
    report: plan.map((p, i) => ({ name: p.name, cells: final[i].rows * final[i].cols })),
    inserts: plan.some((p) => !reuse.has(p.name)),
  });
  if (problem) throw new Error(problem);

  const taken = new Set(all.map((sh) => sh.getName().toLowerCase()));
  const placed: { id: number; name: string }[] = [];
  /** 0-based slot for the next new sheet: right after the report sheet before it. */
  let at: number | null = null;
  for (const [i, p] of plan.entries()) {
    let sheet = reuse.get(p.name);
    let name: string;
    if (sheet) {
      clearSheet(sheet);
      name = sheet.getName();
      at = sheet.getIndex();
    } else {
      at ??= firstIndex([...reuse.values()]) ?? ss.getNumSheets();
      name = freeName(p.name, taken);
      taken.add(name.toLowerCase());
      sheet = ss.insertSheet(name, at++);
      sheet.addDeveloperMetadata(
        OWNER_KEY,
        p.name,
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      );
    }
    resize(sheet, final[i].rows, final[i].cols);
    placed.push({ id: sheet.getSheetId(), name });
  }
  return { sheets: placed, stale: stale.map((sh) => sh.getSheetId()) };
}

/**
 * Deletes our sheets that are no longer part of the report — last, so the spreadsheet never runs
 * out of sheets — and shows the report's first sheet.
 */
export function finishReport(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  stale: number[],
  first: number | null,
): void {
  for (const id of stale) {
    const sheet = ss.getSheetById(id);
    if (sheet) ss.deleteSheet(sheet);
  }
  if (first !== null) ss.getSheetById(first)?.activate();
}

/** Sizes a sheet to rows × cols with at most one call per dimension (new sheets: 1,000 × 26). */
function resize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows(),
    maxCols = sheet.getMaxColumns();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  else if (rows < maxRows) sheet.deleteRows(rows + 1, maxRows - rows);
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  else if (cols < maxCols) sheet.deleteColumns(cols + 1, maxCols - cols);
}

/**
 * Empties one of our sheets for a re-run, keeping the sheet itself. Sheet.clear() takes contents
 * and formats but neither the filter, the conditional rules nor the charts; the frozen rows stay
 * too. A fixed number of calls (one more per chart), whatever the sheet held.
 */
function clearSheet(sheet: Sheet): void {
  sheet.getFilter()?.remove();
  sheet.clear();
  sheet.clearConditionalFormatRules();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.setFrozenRows(0);
}

/** The add-on's sheets from earlier runs and the report sheet each holds (one finder call). */
function ownSheets(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): { report: string; sheet: Sheet }[] {
  const found = ss.createDeveloperMetadataFinder().withKey(OWNER_KEY).find();
  const out: { report: string; sheet: Sheet }[] = [];
  for (const m of found) {
    const sheet = m.getLocation().getSheet();
    if (sheet) out.push({ report: m.getValue() ?? '', sheet });
  }
  return out;
}

/** 0-based position of the first of these sheets, or null when there are none. */
function firstIndex(sheets: Sheet[]): number | null {
  return sheets.length ? Math.min(...sheets.map((s) => s.getIndex() - 1)) : null;
}
