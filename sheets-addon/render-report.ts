/**
 * Places the report sheets as the core's plan says (core/report/sheet-plan.ts): the add-on's own
 * sheets, found by their developer metadata, are reused in place — cleared of contents, formats,
 * conditional rules, charts and its filter, then written again — so a user's formula pointing at
 * 'Profit Matrix'!C7 keeps working; a user's sheet of a report name is never touched (ours becomes
 * "Profit Matrix (2)"); our sheets the report no longer has (Migration from a run with periods)
 * are deleted, last. Every sheet is sized to what it holds, and the whole report is checked
 * against the spreadsheet's cell limit before anything changes.
 */
import { planSheets } from '../core/report/sheet-plan.js';
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
 * throws its one-line refusal before changing anything), then carries out the core's plan —
 * empties the sheets it reuses and inserts the missing ones where it says — each sized to exactly
 * what it will hold. A fixed number of SpreadsheetApp calls per sheet, whatever the rows.
 */
export function placeReport(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheets: PlannedSheet[],
  keepOthers = false,
): PlacedReport {
  const all = ss.getSheets();
  const ids = all.map((sh) => sh.getSheetId());
  const names = all.map((sh) => sh.getName());
  const marks = new Map(ownSheets(ss).map(({ report, sheet }) => [sheet.getSheetId(), report]));
  const plan = planSheets(
    all.map((_, i) => ({ name: names[i], report: marks.get(ids[i]) ?? null })),
    sheets.map((p) => p.name),
    { keepOthers }, // a What-if writes only its Scenarios sheet; the rest of the report stays
  );
  const byName = new Map(all.map((sh, i) => [names[i], sh]));
  const size = new Map(
    names.map((n, i) => [n, { rows: all[i].getMaxRows(), cols: all[i].getMaxColumns() }]),
  );

  // The cells after the run: every sheet the plan does not write (the user's, and stale ones of
  // ours until finishReport deletes them), plus each report sheet at its final size.
  const reused = new Set(plan.steps.filter((s) => s.action === 'reuse').map((s) => s.name));
  let others = 0;
  for (const [name, s] of size) if (!reused.has(name)) others += s.rows * s.cols;
  const final = sheets.map((p, i) => {
    const step = plan.steps[i];
    const have = step.action === 'reuse' ? size.get(step.name)! : { rows: 0, cols: 0 };
    // A reused sheet only grows: removing rows would break formulas of the user's pointing there.
    return { rows: Math.max(have.rows, p.rows, 1), cols: Math.max(have.cols, p.cols, 1) };
  });
  const problem = cellLimitProblem({
    others,
    report: sheets.map((p, i) => ({ name: p.name, cells: final[i].rows * final[i].cols })),
    inserts: plan.steps.some((s) => s.action === 'create'),
  });
  if (problem) throw new Error(problem);

  const placed: { id: number; name: string }[] = [];
  for (const [i, step] of plan.steps.entries()) {
    let sheet: Sheet;
    if (step.action === 'reuse') {
      sheet = byName.get(step.name)!;
      clearSheet(sheet);
    } else {
      sheet = ss.insertSheet(step.name, step.at);
      sheet.addDeveloperMetadata(
        OWNER_KEY,
        step.report,
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      );
    }
    resize(sheet, final[i].rows, final[i].cols);
    placed.push({ id: sheet.getSheetId(), name: step.name });
  }
  return { sheets: placed, stale: plan.remove.map((name) => byName.get(name)!.getSheetId()) };
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
  sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns()).breakApart(); // merged notes
  sheet.clear();
  sheet.clearConditionalFormatRules();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.setFrozenRows(0);
  sheet.setFrozenColumns(0);
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
