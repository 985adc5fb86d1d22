/**
 * Where everything sits in the consultant template, in one place: the Customers columns, the
 * Settings cells, and the workbook names the formulas use. Formulas read `SUMIF(Revenue, …)`
 * instead of `SUMIF(Customers!$C$5:$C$1004, …)`, so a consultant can follow them.
 */

import { columnLetter } from '../../core/cell-address.js';
import { COST_LINE_LABELS } from '../../core/defaults.js';
import { DRIVERS, type Driver } from '../../core/types.js';

/** Customers: the header row (1-based sheet row) and the first data row. */
export const CUSTOMERS_HEADER_ROW = 4;
export const FIRST_ROW = CUSTOMERS_HEADER_ROW + 1;

/** Input columns: what the client's data provides. `Customer` holds the key. */
export const INPUT_COLUMNS = [
  'Customer',
  'Name',
  'Revenue',
  'COGS',
  'Gross Profit',
  ...DRIVERS.map((d) => COST_LINE_LABELS[d]),
  'Payment Days',
  'Group',
] as const;

/** Computed columns, right of the inputs; every cell a formula. */
export const COMPUTED_COLUMNS = [
  'Cost-to-serve',
  'Net profit',
  'Net margin',
  'Revenue of bigger customers (share)',
  'Size',
  'Profitability',
  'Segment',
  'Tier',
  'Action',
  'Exit impact',
  'Break-even price change',
  'Matrix net profit',
  'Group value',
] as const;

/** The consultant's what-if per customer (DOMAIN.md §11): inputs right of the computed columns. */
export const SCENARIO_INPUT_COLUMNS = ['Scenario price change', 'Scenario exit'] as const;

/** The what-if, computed: the customer priced and segmented again in the scenario. */
export const SCENARIO_COLUMNS = [
  'Scenario in',
  'Scenario revenue',
  'Scenario cost-to-serve',
  'Scenario net profit',
  'Scenario net margin',
  'Scenario revenue of bigger customers (share)',
  'Scenario size',
  'Scenario profitability',
  'Scenario segment',
  'Scenario tier',
] as const;

/** Every Customers header, left to right. */
export const ALL_COLUMNS = [
  ...INPUT_COLUMNS,
  ...COMPUTED_COLUMNS,
  ...SCENARIO_INPUT_COLUMNS,
  ...SCENARIO_COLUMNS,
] as const;
export type Column = (typeof ALL_COLUMNS)[number];

/** Column letter of a Customers header. */
export function col(header: Column): string {
  const i = (ALL_COLUMNS as readonly string[]).indexOf(header);
  if (i < 0) throw new Error(`template layout: no column ${header}`);
  return columnLetter(i);
}

/** 0-based index of a Customers header. */
export const colIndex = (header: Column): number =>
  (ALL_COLUMNS as readonly string[]).indexOf(header);

export const driverColumn = (d: Driver): string => columnLetter(5 + DRIVERS.indexOf(d));

/** Workbook name of a driver's rate in use (Settings): RateOrders, RateRepeatContacts, … */
export const rateName = (d: Driver): string => `Rate${d[0].toUpperCase()}${d.slice(1)}`;
/** Workbook name of a driver's avoidable share in use (Settings, DOMAIN.md §10): AvoidableOrders, … */
export const avoidableName = (d: Driver): string => `Avoidable${d[0].toUpperCase()}${d.slice(1)}`;
/** Workbook name of a driver's volume column (Customers): VolumeOrders, … */
export const volumeName = (d: Driver): string => `Volume${d[0].toUpperCase()}${d.slice(1)}`;

/** Names over Customers columns, for `rows` data rows. */
export function customerNames(rows: number): { name: string; ref: string }[] {
  const range = (c: string) => `Customers!$${c}$${FIRST_ROW}:$${c}$${FIRST_ROW + rows - 1}`;
  return [
    { name: 'CustomerKey', ref: range(col('Customer')) },
    { name: 'Revenue', ref: range(col('Revenue')) },
    { name: 'NetProfit', ref: range(col('Net profit')) },
    { name: 'NetMargin', ref: range(col('Net margin')) },
    { name: 'SizeClass', ref: range(col('Size')) },
    { name: 'Segment', ref: range(col('Segment')) },
    { name: 'MatrixNetProfit', ref: range(col('Matrix net profit')) },
    { name: 'CostToServe', ref: range(col('Cost-to-serve')) },
    { name: 'CustomerTier', ref: range(col('Tier')) },
    { name: 'GroupValue', ref: range(col('Group value')) },
    // the Customer card reads these
    { name: 'CustomerName', ref: range(col('Name')) },
    { name: 'CustomerCOGS', ref: range(col('COGS')) },
    { name: 'GrossProfitInput', ref: range(col('Gross Profit')) },
    { name: 'PaymentDays', ref: range(col('Payment Days')) },
    { name: 'ProfitClass', ref: range(col('Profitability')) },
    { name: 'CustomerAction', ref: range(col('Action')) },
    { name: 'ExitImpact', ref: range(col('Exit impact')) },
    { name: 'BreakEvenPriceChange', ref: range(col('Break-even price change')) },
    ...DRIVERS.map((d) => ({ name: volumeName(d), ref: range(driverColumn(d)) })),
    { name: 'ScenarioIn', ref: range(col('Scenario in')) },
    { name: 'ScenarioRevenue', ref: range(col('Scenario revenue')) },
    { name: 'ScenarioNetProfit', ref: range(col('Scenario net profit')) },
    { name: 'ScenarioNetMargin', ref: range(col('Scenario net margin')) },
    { name: 'ScenarioSizeClass', ref: range(col('Scenario size')) },
    { name: 'ScenarioSegment', ref: range(col('Scenario segment')) },
    { name: 'ScenarioTier', ref: range(col('Scenario tier')) },
  ];
}

/** Workbook name of a driver's scenario rate (Settings): ScenarioRateOrders, … */
export const scenarioRateName = (d: Driver): string => `Scenario${rateName(d)}`;

/** The most rows a sheet has (Excel, LibreOffice). */
export const SHEET_ROWS = 1_048_576;
/** Formula rows `template --rows` may ask for: up to the sheet's end, one row left to count rows outside. */
export const MAX_CAPACITY = SHEET_ROWS - FIRST_ROW;

/** Capacity resources the template has rows for: the settings' own, and room for more. */
export const capacityRows = (resources: number): number => Math.max(3, resources + 1);

/** A template sheet: its look and values, its formulas and drop-downs, and the names it defines. */
export interface TemplateSheet {
  spec: import('../../core/report/sheet-spec.js').SheetSpec;
  extras: import('../render-xlsx.js').SheetExtras;
  names: { name: string; ref: string }[];
  /** Validation, formula-based colours and array formulas (template-xlsx.ts). */
  template?: import('./template-xlsx.js').TemplateExtras;
}

/** Sets a formula (without `=`) at a 0-based cell of a sparse row-major grid. */
export function setFormula(
  grid: (string | undefined)[][],
  row: number,
  c: number,
  formula: string,
): void {
  grid[row] ??= [];
  grid[row][c] = formula;
}

/**
 * Colours of the template: inputs the consultant edits vs. cells that compute. The input yellow is
 * also the protection: every cell filled with it, and only those, is unlocked (template-xlsx.ts).
 */
export const INPUT_FILL = '#FFF2CC';
export const COMPUTED_FILL = '#E2EFDA';

/**
 * A cell's text as MATCH, SUMIF and COUNTIF read it literally: they take * ? ~ as wildcards
 * (Excel, Google Sheets and LibreOffice alike), so each is escaped with ~. A number stays a
 * number. Example: "Acme*" → "Acme~*", which finds "Acme*" and not "Acme Ltd".
 */
export function literal(ref: string): string {
  return `IF(ISNUMBER(${ref}),${ref},SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?"))`;
}

/**
 * A SUMIF/COUNTIF criterion that matches the cell's value exactly: "=" first, so a value such as
 * "<50" or ">500" is not read as a comparison, and wildcards escaped (`literal`).
 */
export function equalTo(ref: string): string {
  return `"="&${literal(ref)}`;
}
