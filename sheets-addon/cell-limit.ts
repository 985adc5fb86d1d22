/**
 * Google Sheets holds at most 10 million cells per spreadsheet, counting every cell of every sheet,
 * empty or not. The stepwise run checks the whole report against it BEFORE writing anything, so a
 * report that cannot fit is refused with one line saying what would fit, instead of dying
 * half-written.
 */

/** Cells a spreadsheet may hold. */
export const SHEETS_CELL_LIMIT = 10_000_000;
/** A new sheet starts with 1,000 rows × 26 columns, until it is sized to its report sheet. */
export const NEW_SHEET_CELLS = 1_000 * 26;

export interface CellCheck {
  /** Cells of the sheets the report does not write (the user's, and ours about to be deleted). */
  others: number;
  /** Cells of each report sheet once written, by name. */
  report: { name: string; cells: number }[];
  /** A new sheet is inserted at its default size before it is sized: room needed for one. */
  inserts: boolean;
}

/** Millions with one decimal, rounded up so the message never understates: 11,150,001 → "11.2 M". */
const millions = (n: number) => `${(Math.ceil(n / 100_000) / 10).toFixed(1)} M`;

/**
 * Null when the report fits, else the one-line refusal. Example: others 3.2 M, report 7.4 M with
 * a Why sheet of 2.0 M → "This report needs 7.4 M cells and the spreadsheet holds 3.2 M besides;
 * Sheets allows 10 M: leave out the Why sheet (under Report) or analyse in Excel or with the CLI."
 */
export function cellLimitProblem(c: CellCheck, limit = SHEETS_CELL_LIMIT): string | null {
  const transient = c.inserts ? NEW_SHEET_CELLS : 0;
  const report = c.report.reduce((n, s) => n + s.cells, 0);
  if (c.others + report + transient <= limit) return null;
  const why = c.report.find((s) => s.name === 'Why')?.cells;
  const fitsWithoutWhy = why !== undefined && c.others + report - why + transient <= limit;
  const head = `This report needs ${millions(report)} cells${c.others > 0 ? ` and the spreadsheet holds ${millions(c.others)} besides` : ''}; Sheets allows ${limit / 1_000_000} M`;
  return fitsWithoutWhy
    ? `${head}: leave out the Why sheet (under Report) or analyse in Excel or with the CLI.`
    : `${head}: analyse in Excel or with the CLI.`;
}
