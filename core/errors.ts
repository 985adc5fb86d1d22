/**
 * The one error vocabulary of the core (STYLE habit 4). Problems with single rows are data
 * (`Problem`); an `InputError` means the whole input cannot be analysed. Each host maps it once:
 * CLI exit code and one line, pane message, cell error.
 */
export type ErrorCode =
  | 'empty' // no rows at all, or a header with no data rows below it
  | 'no-header' // no row looks like a header with a customer and a revenue column
  | 'missing-column' // a required column is missing (customer, revenue; period for migration)
  | 'bad-mapping' // a column override names a header that is not there
  | 'no-gross-profit' // neither COGS nor gross profit, and cost-to-serve-only analysis not confirmed
  | 'no-usable-rows' // data rows, but every one of them was rejected
  | 'bad-settings' // settings that cannot be used (every problem is listed)
  | 'no-periods' // migration asked for, but fewer than two periods
  | 'table-not-found' // the cells a host looked at hold no customer table
  | 'table-gone'; // a run finds no customer table (or no sheet) where detection found one

export interface InputError {
  code: ErrorCode;
  /** One line, for a person: what is wrong and where. */
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: InputError };

export const fail = (code: ErrorCode, message: string): { ok: false; error: InputError } => ({
  ok: false,
  error: { code, message },
});
