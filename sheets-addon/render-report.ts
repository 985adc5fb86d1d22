/**
 * Places the report sheets. The add-on's own sheets carry developer metadata naming the report
 * sheet they hold. A re-run REUSES each of them — cleared of contents, formats, conditional rules,
 * charts and its filter, then written again — so it keeps its position, its name and every formula
 * of the user's that points into it ('Profit Matrix'!C7 would turn into #REF! if the sheet were
 * deleted and inserted again). Report sheets that no longer apply (Migration from a run with
 * periods) are deleted. A user's sheet that merely has a report name is never touched: ours
 * becomes "Profit Matrix (2)".
 */
import { freeName, type SheetSpec } from '../core/report/sheet-spec.js';
import { drawSheet } from './render-sheet.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Developer-metadata key on every sheet the add-on owns; the value is the report sheet's name. */
export const OWNER_KEY = 'profit-tiers.report';

/** Writes the report; returns the names of the sheets written, in order. */
export function renderReport(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  specs: SheetSpec[],
  onSheet: (done: number, total: number, next: string) => void = () => {},
  keepOthers = false,
): string[] {
  const wanted = new Set(specs.map((s) => s.name));
  const reuse = new Map<string, Sheet>();
  const stale: Sheet[] = [];
  for (const { report, sheet } of ownSheets(ss)) {
    if (wanted.has(report) && !reuse.has(report)) reuse.set(report, sheet);
    // no longer part of the report, or a second sheet marked for the same one; with keepOthers
    // (a What-if writes only its Scenarios sheet) the rest of the report stays
    else if (!keepOthers || wanted.has(report)) stale.push(sheet);
  }
  const taken = new Set(ss.getSheets().map((s) => s.getName().toLowerCase()));

  const written: string[] = [];
  let first: Sheet | null = null;
  /** 0-based slot for the next new sheet: right after the report sheet before it. */
  let at: number | null = null;
  for (const [i, spec] of specs.entries()) {
    onSheet(i, specs.length, spec.name);
    let sheet = reuse.get(spec.name);
    let name: string;
    if (sheet) {
      clearSheet(sheet);
      name = sheet.getName();
      at = sheet.getIndex();
    } else {
      at ??= firstIndex([...reuse.values()]) ?? ss.getNumSheets();
      name = freeName(spec.name, taken);
      taken.add(name.toLowerCase());
      sheet = ss.insertSheet(name, at++);
      sheet.addDeveloperMetadata(
        OWNER_KEY,
        spec.name,
        SpreadsheetApp.DeveloperMetadataVisibility.PROJECT,
      );
    }
    drawSheet(sheet, spec);
    written.push(name);
    first ??= sheet;
  }
  // Last, so the spreadsheet never runs out of sheets (the table may have been read from one of them).
  for (const old of stale) ss.deleteSheet(old);
  first?.activate();
  return written;
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
