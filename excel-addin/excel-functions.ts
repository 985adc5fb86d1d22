/// <reference types="custom-functions-runtime" />
/**
 * Adapts Excel's calling conventions to the core's, for every custom function of the one table:
 * - arguments: blanks arrive as null (web), "" or undefined; a 1×1 range is its value; a data
 *   type (formatted number, entity) is its basic value;
 * - results: never null (Excel shows 0 for null) — blanks become "";
 * - a bad argument (FunctionArgumentError) becomes #VALUE! with the message naming the argument,
 *   which Excel shows in the cell's error flag, instead of a thrown exception.
 * Excel desktop hands a blank cell over as 0, which the core already reads as blank where it matters
 * (revenue 0 is a blank row for PROFITTIER). custom-functions.ts registers them; the task pane's
 * self-test calls them through the same adapter.
 */

import { type Arg, FunctionArgumentError } from '../core/functions/arguments.js';
import type { CellValue } from '../core/types.js';

/**
 * One cell as the core reads it. A cell holding a data type (a formatted number, an entity, a
 * linked entity such as Stocks) arrives as an object; its `basicValue` is what the cell shows
 * when it is used as a plain value (the number, or the entity's text) — without this it would
 * reach the core as "[object Object]".
 */
function cellValue(v: unknown): CellValue {
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const typed = v as { basicValue?: unknown; text?: unknown };
    v = typed.basicValue !== undefined ? typed.basicValue : typed.text;
    if (v !== null && typeof v === 'object') return null;
  }
  return v === undefined || v === '' ? null : (v as CellValue);
}

/** One argument as the core reads it: cells normalised, a 1×1 range unwrapped to its value. */
export function excelArgument(arg: unknown): Arg {
  if (!Array.isArray(arg)) return arg === undefined ? undefined : cellValue(arg);
  if (arg.length === 1 && Array.isArray(arg[0]) && arg[0].length === 1) return cellValue(arg[0][0]);
  return arg.map((row: unknown[]) => row.map(cellValue));
}

/** A result cell Excel can show: null, undefined and NaN become "" (Excel would show 0 or #NUM!). */
const resultCell = (v: unknown): unknown =>
  v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '' : v;

/** Wraps a core implementation into what CustomFunctions.associate expects. */
export function excelFunction(
  impl: (...args: Arg[]) => unknown[][],
): (...args: unknown[]) => unknown[][] | CustomFunctions.Error {
  return (...args) => {
    try {
      return impl(...args.map(excelArgument)).map((row) => row.map(resultCell));
    } catch (e) {
      if (e instanceof FunctionArgumentError)
        return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, e.message);
      // A bug, not a user error: still a cell error with a message, never an uncaught exception.
      console.error(e);
      return new CustomFunctions.Error(
        CustomFunctions.ErrorCode.invalidValue,
        `Profit Tiers could not compute this: ${(e as Error).message}`,
      );
    }
  };
}
