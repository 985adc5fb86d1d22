/**
 * Places the report sheets as the core's plan says (core/report/sheet-plan.ts): the add-on's own
 * sheets, found by their developer metadata, are reused in place — cleared of contents, formats,
 * conditional rules, charts and its filter, then written again — so a user's formula pointing at
 * 'Profit Matrix'!C7 keeps working; a user's sheet of a report name is never touched (ours becomes
 * "Profit Matrix (2)"); our sheets the report no longer has (Migration from a run with periods)
 * are deleted.
 */
import { planSheets } from '../core/report/sheet-plan.js';
import type { SheetSpec } from '../core/report/sheet-spec.js';
import { drawSheet } from './render-sheet.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Developer-metadata key on every sheet the add-on owns; the value is the report sheet's name. */
export const OWNER_KEY = 'profit-tiers.report';

/** Writes the report; returns the names of the sheets written, in order. */
export function renderReport(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  specs: SheetSpec[],
  onSheet: (done: number, total: number, next: string) => void = () => {},
): string[] {
  const sheets = ss.getSheets();
  const names = sheets.map((s) => s.getName());
  const marks = new Map(ownSheets(ss).map(({ report, sheet }) => [sheet.getSheetId(), report]));
  const plan = planSheets(
    sheets.map((s, i) => ({ name: names[i], report: marks.get(s.getSheetId()) ?? null })),
    specs.map((s) => s.name),
  );
  const byName = new Map(sheets.map((s, i) => [names[i], s]));

  let first: Sheet | null = null;
  for (const [i, step] of plan.steps.entries()) {
    onSheet(i, specs.length, step.name);
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
    drawSheet(sheet, specs[i]);
    first ??= sheet;
  }
  // Last, so the spreadsheet never runs out of sheets (the table may have been read from one of them).
  for (const name of plan.remove) ss.deleteSheet(byName.get(name)!);
  first?.activate();
  return plan.steps.map((s) => s.name);
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
