/**
 * Shared types of the core. Plain data only: every host (Excel, Sheets, CLI) hands the core
 * 2-D arrays of cell values and receives these structures back.
 */

/** What a spreadsheet cell can hold when a host hands it over (Excel, Sheets, CSV, xlsx). */
export type CellValue = string | number | boolean | Date | null | undefined;

/** The seven activity drivers of cost-to-serve (DOMAIN.md §2). */
export const DRIVERS = [
  'orders',
  'lines',
  'deliveries',
  'returns',
  'contacts',
  'repeatContacts',
  'visits',
] as const;
export type Driver = (typeof DRIVERS)[number];

/** Cost lines of the waterfall: the drivers plus the cost of capital on payment days. */
export type CostLine = Driver | 'paymentDays';
export const COST_LINES: readonly CostLine[] = [...DRIVERS, 'paymentDays'];

/** Fields a column can be mapped to (DOMAIN.md §1). */
export const FIELDS = [
  'customer',
  'name',
  'revenue',
  'cogs',
  'grossProfit',
  'orders',
  'orderId',
  'lines',
  'deliveries',
  'returns',
  'contacts',
  'repeatContacts',
  'visits',
  'paymentDays',
  'discount',
  'period',
] as const;
export type Field = (typeof FIELDS)[number];

export type SizeClass = 'Large' | 'Medium' | 'Small';
export type ProfitClass = 'High' | 'Mid' | 'Low';
export const SIZE_CLASSES: readonly SizeClass[] = ['Large', 'Medium', 'Small'];
export const PROFIT_CLASSES: readonly ProfitClass[] = ['High', 'Mid', 'Low'];
/** `Large/High` … `Small/Low`. */
export type Segment = `${SizeClass}/${ProfitClass}`;

/** One thing wrong with the input, as data (STYLE habit 4). Rows are sheet rows: header = row 1. */
export interface Problem {
  row: number;
  /** Header text of the column, or '' when the problem concerns the whole row. */
  column: string;
  reason: string;
  /** A1 address of the cell (or of the row's first cell), so hosts can link to it. */
  cell: string;
}
