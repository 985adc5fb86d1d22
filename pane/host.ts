/**
 * The small interface between the shared task pane / sidebar UI and a workbook host. The Excel
 * task pane implements it with Office.js, the Sheets sidebar with google.script.run, tests with
 * an in-memory workbook. The UI never touches a host API directly, so there is one UI.
 */
import type { GroupValue } from '../core/groups.js';
import type { MatrixCell } from '../core/matrix.js';
import type { Grain } from '../core/period.js';
import type { SheetSpec, SheetValue } from '../core/report/sheet-spec.js';
import type { ScenarioBase } from '../core/scenario-base.js';
import type { SettingsInput } from '../core/settings.js';
import type { TrendTotals } from '../core/trend.js';
import type { Field, Problem } from '../core/types.js';
import type { Diagnostics } from './self-test.js';

export type TableSource = 'selection' | 'table' | 'region' | 'sheet';

/**
 * Where a detection found the table, so that every run reads the same table, re-found as it is now
 * (rows added since, a renamed sheet), instead of whatever is active when Run is pressed.
 */
export interface TableLocation {
  source: TableSource;
  /** The sheet's id (Excel: Worksheet.id; Sheets: Sheet.getSheetId()): it survives a rename. */
  sheetId: string;
  /** The sheet's name at detection, for messages. */
  sheet: string;
  /**
   * A1 range without the sheet: the selection as made (a run clips it to the cells in use), the
   * cell the cursor was in (Excel: a run takes the region around it), or the data range found.
   */
  block: string;
  /** The Excel table's id, when source is 'table'. */
  tableId?: string;
}

export interface DetectedTable {
  /** Where the table is, header row first, in the host's notation (e.g. "'Sales data'!A3:M501"). */
  address: string;
  /** How it was found: the selection, an Excel table, the block of cells around the cursor, the sheet's data. */
  source: TableSource;
  headers: string[];
  /** Data rows below the header. */
  rows: number;
  /** The automatic column mapping: field → header text. */
  mapping: Partial<Record<Field, string>>;
  /** Required fields (customer, revenue) no header maps to: the user picks them. */
  missing: Field[];
  location: TableLocation;
  /** Headers offered as group columns: few distinct values in the first rows (§14). */
  groupCandidates?: string[];
}

export interface Progress {
  stage: 'read' | 'compute' | 'write' | 'done';
  /** 0 … 1 over the whole run. */
  fraction: number;
  /** In English, for logs and tests; the pane says it from the stage and the fields below. */
  message: string;
  /** While reading: rows read so far, of how many. */
  rows?: { done: number; total: number };
  /** While writing a sheet in row blocks (Sheets): its name and the rows of the block, of how many when more than one block. */
  writing?: { sheet: string; from: number; to: number; of: number | null };
  /** When done: the sheets written. */
  sheets?: string[];
}

export interface RunSummary {
  matrix: MatrixCell[];
  whaleReading: string;
  peakShareOfProfit: number | null;
  peakAtShareOfCustomers: number;
  customers: number;
  revenue: number;
  netProfit: number;
  rowsUsed: number;
  /** The first rejected rows (at most 200) and how many there are in all. */
  rejected: Problem[];
  rejectedCount: number;
  /** Names of the sheets written. */
  sheets: string[];
  /** Names of the source sheet, for links to rejected cells. */
  sourceSheet: string;
  /** Per groupBy column its first values (most net profit first) and how many there are (§14). */
  groups?: { column: string; values: GroupValue[]; valueCount: number }[];
  /** Totals per period when more than two periods were analysed (§15). */
  trend?: { periods: string[]; totals: TrendTotals[] };
  /**
   * The biggest money-losers, worst first (at most 5), with their main cause and the advice
   * (exit or reprice, DOMAIN.md §10).
   */
  losers: {
    customer: string;
    name: string;
    netProfit: number;
    cause?: string;
    recommendation?: 'exit' | 'reprice' | null;
    advice?: string;
  }[];
  /** Money-losers and the causes they carry (§5), most frequent first. */
  moneyLosers?: number;
  loserCauses?: { cause: string; customers: number }[];
  /** Money-losers whose exit raises profit, the profit gained, the cost they strand (§10). */
  exit?: { helps: number; gain: number; strandedCost: number };
  /** Kaplan's benchmark in words (§6): shares when the total is > 0, else money. */
  benchmark?: string;
  /** Things the user should know (a pool with nothing to spread over, Concierge not exclusive…). */
  warnings?: string[];
  /** Activity columns read while nothing prices them (§17): the pane opens the cost section. */
  unpriced?: string[];
  /** Tier stability and capacity use in words (DOMAIN.md §12–13), one line each. */
  decisionNotes?: string[];
  /**
   * The priced customers' columns, so the What-if section re-prices scenarios without reading the
   * sheet again (§11). Absent only from summaries made without a run.
   */
  whatIfBase?: ScenarioBase;
  /** Why there is no whatIfBase, for the pane to say. */
  whatIfMissing?: string;
}

/** What to compare, beyond the settings: migration between the two latest periods of the period column. */
export interface RunOptions {
  periods?: Grain;
  /** Leave the Why sheet out of the report (it alone is a third of a large report's cells). */
  leaveOutWhy?: boolean;
  /** Write the report to the self-test's scratch sheets ("Self-test Profit Matrix", …). */
  scratch?: boolean;
}

/** The options of `reportSheets` that a run's options ask for. */
export const reportOptions = (o: RunOptions) => ({
  why: o.leaveOutWhy !== true,
  scratch: o.scratch === true,
});

export interface PaneHost {
  /** Which host: 'excel', 'sheets' (and the tests' own). */
  readonly name: string;
  /** Finds the customer table and guesses the mapping. Throws an Error with a one-line message when there is none. */
  detectTable(): Promise<DetectedTable>;
  /**
   * Reads the table the last detection found (re-found where it is now, and still a customer
   * table, else a one-line Error), runs the core, writes the result sheets; reports progress.
   */
  run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options?: RunOptions,
  ): Promise<RunSummary>;
  /**
   * Adds a new sheet holding `rows` from A1 (header first; text stays text), named `name` or, when
   * a sheet has that name, the first free "name (2)", "name (3)"…: no existing sheet is touched.
   * Activates it with the rows selected, so detectTable finds them. Returns the name used.
   * "Try it with sample data" writes the sample customers this way.
   */
  addSheet(name: string, rows: SheetValue[][]): Promise<string>;
  /** Selects a cell (or a range, "A1:G16") of a sheet, e.g. to show a rejected row. */
  goTo(sheet: string, cell: string): Promise<void>;
  /** What the self-test needs besides the above (Diagnostics › Self-test); absent: no self-test. */
  readonly diagnostics?: Diagnostics;
  /**
   * Writes report sheets the pane built (the What-if's Scenarios sheet), leaving the other report
   * sheets as they are; returns the names written. Hosts without it cannot write what-ifs.
   */
  writeSheets?(sheets: SheetSpec[]): Promise<string[]>;
}
