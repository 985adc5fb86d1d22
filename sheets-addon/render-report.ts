/**
 * Places the report sheets. The add-on's own sheets carry developer metadata naming the report
 * sheet they hold; a re-run deletes exactly those and writes fresh ones in their place. A user's
 * sheet that merely has the same name is never touched: ours becomes "Profit Matrix (2)".
 */
import type { SheetSpec } from '../core/report/sheet-spec.js';
import { drawSheet } from './render-sheet.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Developer-metadata key on every sheet the add-on owns; the value is the report sheet's name. */
export const OWNER_KEY = 'profit-tiers.report';

/** Writes the report; returns the names of the sheets written, in order. */
export function renderReport(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, specs: SheetSpec[]): string[] {
  const own = ownSheets(ss);
  const taken = new Set(ss.getSheets().map((s) => s.getName().toLowerCase()));
  let at = ss.getNumSheets();
  for (const old of own.values()) {
    at = Math.min(at, old.getIndex() - 1);
    taken.delete(old.getName().toLowerCase());
    ss.deleteSheet(old);
  }
  at = Math.min(at, ss.getNumSheets());
  const written: string[] = [];
  let first: Sheet | null = null;
  for (const spec of specs) {
    const name = freeName(spec.name, taken);
    taken.add(name.toLowerCase());
    const sheet = ss.insertSheet(name, at++);
    sheet.addDeveloperMetadata(OWNER_KEY, spec.name, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    drawSheet(sheet, spec);
    written.push(name);
    first ??= sheet;
  }
  first?.activate();
  return written;
}

/** The add-on's sheets from earlier runs (one finder call, not one call per sheet's cells). */
function ownSheets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Sheet[] {
  const found = ss.createDeveloperMetadataFinder().withKey(OWNER_KEY).find();
  const out: Sheet[] = [];
  for (const m of found) {
    const sheet = m.getLocation().getSheet();
    if (sheet) out.push(sheet);
  }
  return out;
}

/** "Profit Matrix", else "Profit Matrix (2)", "(3)"… (sheet names compare case-insensitively). */
export function freeName(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base} (${k})`.toLowerCase())) return `${base} (${k})`;
}
