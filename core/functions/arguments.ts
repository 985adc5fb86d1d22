/**
 * Normalising custom-function arguments from either host: scalars or 2-D arrays; blanks arrive
 * as 0 (Excel desktop), null (Excel on the web) or "" (Sheets); dates as Date (Sheets).
 * A bad argument is a FunctionArgumentError naming the argument; hosts turn it into #VALUE!
 * (Excel) or a thrown message (Sheets) — never a crash.
 */
import { isBlank, parseNumber } from '../parse-number.js';
import type { CellValue } from '../types.js';

export class FunctionArgumentError extends Error {
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
  }
}

export type Arg = CellValue | CellValue[][] | undefined;

/** Flattens a range or scalar, row by row, into a list of cells. */
export function cells(arg: Arg): CellValue[] {
  if (Array.isArray(arg)) return arg.flat();
  return [arg];
}

/** An argument that was left out (undefined/null, or an empty range). */
export function omitted(arg: Arg): boolean {
  return (
    arg === undefined ||
    arg === null ||
    (Array.isArray(arg) && arg.every((r) => r.every((v) => v === null || v === undefined)))
  );
}

/**
 * Numbers of a range; blank cells are NaN (callers decide what blank means). Text that is a number
 * (`$1,200`) is read as one; other text is an error naming the argument.
 */
export function numbers(arg: Arg, name: string): Float64Array {
  const list = cells(arg);
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (isBlank(v)) {
      out[i] = NaN;
      continue;
    }
    const n = parseNumber(v);
    if (Number.isNaN(n))
      throw new FunctionArgumentError(name, `cell ${i + 1} holds "${String(v)}", not a number`);
    out[i] = n;
  }
  return out;
}

/** Requires two ranges to have the same number of cells. */
export function sameLength(a: Float64Array, b: Float64Array, nameA: string, nameB: string): void {
  if (a.length !== b.length)
    throw new FunctionArgumentError(
      nameB,
      `has ${b.length} cells but ${nameA} has ${a.length}; give ranges of the same size`,
    );
}
