/**
 * The small interface between the shared task pane / sidebar UI and a workbook host. The Excel
 * task pane implements it with Office.js, the Sheets sidebar with google.script.run, tests with
 * an in-memory workbook. The UI never touches a host API directly, so there is one UI.
 */
import type { GroupValue } from '../core/groups.js';
import type { MatrixCell } from '../core/matrix.js';
import type { Grain } from '../core/period.js';
import type { SettingsInput } from '../core/settings.js';
import type { TrendTotals } from '../core/trend.js';
import type { Field, Problem } from '../core/types.js';

export interface DetectedTable {
  /** Where the table is, in the host's notation (e.g. "Sheet1!A1:M501"). */
  address: string;
  /** How it was found: the selection, an Excel table, or the current region around the cursor. */
  source: 'selection' | 'table' | 'region' | 'sheet';
  headers: string[];
  /** Data rows below the header. */
  rows: number;
  /** The automatic column mapping: field → header text. */
  mapping: Partial<Record<Field, string>>;
  /** Headers offered as group columns: few distinct values in the first rows (§14). */
  groupCandidates?: string[];
}

export interface Progress {
  stage: 'read' | 'compute' | 'write' | 'done';
  /** 0 … 1 over the whole run. */
  fraction: number;
  message: string;
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
}

/** What to compare, beyond the settings: migration between the two latest periods of the period column. */
export interface RunOptions {
  periods?: Grain;
}

export interface PaneHost {
  /** Which host: 'excel', 'sheets' (and the tests' own). */
  readonly name: string;
  /** Finds the customer table and guesses the mapping. Throws an Error with a one-line message when there is none. */
  detectTable(): Promise<DetectedTable>;
  /** Reads the table, runs the core, writes the result sheets; reports progress on the way. */
  run(
    settings: SettingsInput,
    onProgress: (p: Progress) => void,
    options?: RunOptions,
  ): Promise<RunSummary>;
  /** Selects a cell of the source table, e.g. to show a rejected row. */
  goTo(sheet: string, cell: string): Promise<void>;
}
