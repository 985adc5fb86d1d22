/**
 * The one entry of every Sheets custom function (the generated globals call it with their id).
 * Sheets hands over scalars or 2-D arrays, blanks as "" and dates as Date: blanks become null (so
 * an empty range counts as left out, as in Excel) and Dates 'yyyy-MM-dd' text in the spreadsheet's
 * zone. A bad argument is thrown as Error(message), which Sheets shows on the cell.
 */
import type { Arg } from '../core/functions/arguments.js';
import { FUNCTIONS, type FunctionDef } from '../core/functions/definitions.js';
import type { CellValue } from '../core/types.js';

const BY_ID = new Map<string, FunctionDef>(FUNCTIONS.map((f) => [f.id, f]));

export function callFunction(id: string, args: unknown[]): unknown[][] {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`Unknown function ${id}.`);
  const zone = lazyTimeZone();
  try {
    return def.impl(...args.slice(0, def.params.length).map((a) => normaliseArg(a, zone)));
  } catch (e) {
    // FunctionArgumentError names the argument; anything else is a bug, still shown as one line.
    throw new Error(e instanceof Error ? e.message : String(e));
  }
}

function normaliseArg(arg: unknown, zone: () => string): Arg {
  if (!Array.isArray(arg)) return normaliseCell(arg, zone);
  return arg.map((row: unknown[]) =>
    Array.isArray(row) ? row.map((v) => normaliseCell(v, zone)) : [normaliseCell(row, zone)],
  );
}

function normaliseCell(v: unknown, zone: () => string): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (Object.prototype.toString.call(v) === '[object Date]')
    return Utilities.formatDate(v as Date, zone(), 'yyyy-MM-dd');
  return v as CellValue;
}

/** Read only when a Date shows up; custom functions otherwise touch nothing but their arguments. */
function lazyTimeZone(): () => string {
  let zone: string | undefined;
  return () => (zone ??= SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
}
