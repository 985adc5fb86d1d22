/**
 * The template's Customers sheet: the client's rows (input columns) and, right of them, the
 * computed columns — cost-to-serve, net profit, margin, size, profitability, segment, tier, and
 * the exit economics of DOMAIN.md §10 (exit impact, break-even price change) — as
 * classic formulas pre-filled for every row; a blank Customer cell gives blank results.
 * The formulas are DOMAIN.md §2–4 exactly as the core computes them (same operation order, so
 * the same doubles): see the comments on each.
 */
import { BLANK_GROUP, COST_LINE_LABELS, EXITED, NO_REVENUE } from '../../core/defaults.js';
import { HEADER_FILL, HEADER_FONT, LOSS_FONT } from '../../core/report/colours.js';
import { emptySheet, FORMATS, rect, type SheetValue } from '../../core/report/sheet-spec.js';
import { DRIVERS } from '../../core/types.js';
import { atLeastRule, listRule, numberRule } from './input-rules.js';
import {
  ALL_COLUMNS,
  avoidableName,
  COMPUTED_COLUMNS,
  COMPUTED_FILL,
  type Column,
  CUSTOMERS_HEADER_ROW,
  col,
  colIndex,
  customerNames,
  driverColumn,
  FIRST_ROW,
  INPUT_COLUMNS,
  INPUT_FILL,
  rateName,
  SCENARIO_COLUMNS,
  SCENARIO_INPUT_COLUMNS,
  SHEET_ROWS,
  scenarioRateName,
  setFormula,
  type TemplateSheet,
} from './layout.js';

/** One customer row of input values, INPUT_COLUMNS order (null = blank). */
export type InputRow = SheetValue[];

/** The what-if per customer, by row: a price change (null = none) and an exit flag. */
export interface WhatIfInputs {
  price: (number | null)[];
  exit: boolean[];
}

/**
 * @param rows the customers to fill in (input columns only)
 * @param capacity data rows with formulas (≥ rows.length); the rest wait for the client's rows
 */
export function customersSheet(
  rows: InputRow[],
  capacity: number,
  note: string,
  groupHeader = 'Group',
  whatIf?: WhatIfInputs,
): TemplateSheet {
  const spec = emptySheet('Customers');
  const outside: (string | undefined)[][] = [];
  // The table's column names must differ: a group column named like another keeps "Group".
  const taken = ALL_COLUMNS.map((h) => h.toLowerCase());
  if (groupHeader.toLowerCase() !== 'group' && taken.includes(groupHeader.toLowerCase()))
    groupHeader = 'Group';
  const width = ALL_COLUMNS.length;
  const priceAt = colIndex('Scenario price change'),
    exitAt = colIndex('Scenario exit');
  const withWhatIf = rows.map((r, i) => {
    const p = whatIf?.price[i] ?? null,
      x = whatIf?.exit[i] ?? false;
    if (p === null && !x) return r;
    const out: SheetValue[] = [...r];
    out[priceAt] = p;
    out[exitAt] = x ? 'exit' : null;
    return out;
  });
  spec.values = [
    ['Customers'],
    [note],
    [
      `Yellow columns: your data, one row per customer (up to ${capacity.toLocaleString('en-US')} rows; numbers only). Green columns compute (protected, no password: Review › Unprotect Sheet to change a formula). Fill COGS, or Gross Profit when you have no COGS. What if: a price change (e.g. 3 %) or "exit" per customer in the yellow Scenario columns; rate, pool and capacity changes on Settings.`,
    ],
    [...ALL_COLUMNS.map((h) => (h === 'Group' ? groupHeader : h))],
    ...withWhatIf,
  ];
  spec.width = width;
  spec.titles.push(rect(0, 0));
  // every cell of the title rows gets a look of its own (locked), so the open input columns'
  // unlocked style (template-xlsx.ts) reaches no cell above the header
  spec.fontColors.push({ range: rect(0, 0, CUSTOMERS_HEADER_ROW - 1, width), color: '#000000' });
  const head = CUSTOMERS_HEADER_ROW - 1,
    first = FIRST_ROW - 1;
  spec.bold.push(rect(head, 0, 1, width));
  spec.fills.push({ range: rect(head, 0, 1, INPUT_COLUMNS.length), color: HEADER_FILL });
  spec.fills.push({
    range: rect(head, INPUT_COLUMNS.length, 1, COMPUTED_COLUMNS.length),
    color: '#375623',
  });
  spec.fontColors.push({ range: rect(head, 0, 1, width), color: HEADER_FONT });
  spec.wrap.push(rect(head, 0, 1, width));
  // The data rows: yellow inputs (unlocked), green formulas (protected), as the sheet says.
  spec.fills.push(
    { range: rect(first, 0, capacity, INPUT_COLUMNS.length), color: INPUT_FILL },
    {
      range: rect(first, INPUT_COLUMNS.length, capacity, COMPUTED_COLUMNS.length),
      color: COMPUTED_FILL,
    },
  );
  spec.formats.push(
    { range: rect(first, 0, capacity, 2), format: FORMATS.text },
    { range: rect(first, INPUT_COLUMNS.length - 1, capacity, 1), format: FORMATS.text },
    { range: rect(first, 2, capacity, 3), format: FORMATS.money },
    { range: rect(first, 5, capacity, DRIVERS.length + 1), format: FORMATS.integer },
  );
  const at = (h: Parameters<typeof col>[0]) =>
    INPUT_COLUMNS.length + (COMPUTED_COLUMNS as readonly string[]).indexOf(h);
  spec.formats.push(
    { range: rect(first, at('Cost-to-serve'), capacity, 2), format: FORMATS.money },
    { range: rect(first, at('Net margin'), capacity, 2), format: FORMATS.percent },
    { range: rect(first, at('Exit impact'), capacity, 1), format: FORMATS.money },
    { range: rect(first, at('Break-even price change'), capacity, 1), format: FORMATS.percent },
    { range: rect(first, at('Matrix net profit'), capacity, 1), format: FORMATS.money },
  );
  spec.conditional.push(
    { range: rect(first, at('Net profit'), capacity, 1), type: 'negative' },
    { range: rect(first, at('Net margin'), capacity, 1), type: 'scale' },
    { range: rect(first, at('Exit impact'), capacity, 1), type: 'negative' },
  );
  // The what-if block: two yellow inputs, then its computed columns.
  const wi = colIndex('Scenario price change'),
    wc = colIndex('Scenario in');
  spec.fills.push(
    { range: rect(head, wi, 1, SCENARIO_INPUT_COLUMNS.length), color: HEADER_FILL },
    { range: rect(first, wi, capacity, SCENARIO_INPUT_COLUMNS.length), color: INPUT_FILL },
    { range: rect(head, wc, 1, SCENARIO_COLUMNS.length), color: '#375623' },
    { range: rect(first, wc, capacity, SCENARIO_COLUMNS.length), color: COMPUTED_FILL },
  );
  const last = FIRST_ROW + capacity - 1;
  // Every numeric input refuses text ("$82,310.53" would read as blank: a silent "No revenue"),
  // also in PASTE_ROWS rows below the formula rows, where a client may paste more customers.
  // (Not to the sheet's end: a reader such as ExcelJS expands a validated range cell by cell.)
  const end = Math.min(SHEET_ROWS, last + PASTE_ROWS);
  const down = (h: Column) => `${col(h)}${FIRST_ROW}:${col(h)}${end}`;
  const validations = [
    ...(['Revenue', 'COGS', 'Gross Profit'] as const).map((h) => ({
      range: down(h),
      rule: numberRule(h),
    })),
    ...DRIVERS.map((d) => ({
      range: down(COST_LINE_LABELS[d] as Column),
      rule: atLeastRule(0, `${COST_LINE_LABELS[d]} (a volume)`),
    })),
    { range: down('Payment Days'), rule: atLeastRule(0, 'Payment Days') },
    {
      range: `${col('Scenario price change')}${FIRST_ROW}:${col('Scenario price change')}${last}`,
      rule: atLeastRule(-1, 'Scenario price change (3 % for a 3 % rise)'),
    },
    {
      range: `${col('Scenario exit')}${FIRST_ROW}:${col('Scenario exit')}${last}`,
      rule: listRule(['exit'], 'Scenario exit: "exit" for a customer who leaves, else blank'),
    },
  ];
  // A customer typed or pasted below the formula rows is in no formula: say so, in red.
  setFormula(outside, 0, OUTSIDE_AT, outsideRowsFormula(capacity));
  spec.fontColors.push({ range: rect(0, OUTSIDE_AT), color: LOSS_FONT });
  spec.bold.push(rect(0, OUTSIDE_AT));
  spec.formats.push(
    { range: rect(first, wi, capacity, 1), format: FORMATS.percent },
    { range: rect(first, wi + 1, capacity, 1), format: FORMATS.text },
    { range: rect(first, colIndex('Scenario revenue'), capacity, 3), format: FORMATS.money },
    { range: rect(first, colIndex('Scenario net margin'), capacity, 2), format: FORMATS.percent },
  );
  spec.conditional.push({
    range: rect(first, colIndex('Scenario net profit'), capacity, 1),
    type: 'negative',
  });
  spec.table = { range: rect(head, 0, capacity + 1, width), name: 'Customers' };
  spec.freezeRows = CUSTOMERS_HEADER_ROW;
  spec.columnWidths = [
    14,
    26,
    14,
    14,
    14,
    ...DRIVERS.map(() => 10),
    10,
    14,
    14,
    14,
    10,
    11,
    10,
    12,
    13,
    13,
    62, // Action: the longest default action in full
    13,
    12,
    13,
    14,
    12,
    10,
    ...SCENARIO_COLUMNS.map(() => 13),
  ];

  const formulas = outside;
  for (let i = 0; i < capacity; i++) {
    const r = FIRST_ROW + i;
    const f = customerFormulas(r);
    for (const h of [...COMPUTED_COLUMNS, ...SCENARIO_COLUMNS])
      setFormula(formulas, first + i, colIndex(h), f[h]);
  }
  return {
    spec,
    extras: { formulas },
    names: customerNames(capacity),
    // the yellow input columns stay open below the formula rows (the title rows above stay locked)
    template: {
      validations,
      openColumns: [...INPUT_COLUMNS.keys(), wi, wi + 1],
      // 39 columns on one page width would print at 3 points: pages across, key and name repeated
      print: { scale: 70, titleColumns: 'A:B' },
    },
  };
}

/** Rows below the formula rows whose inputs are validated too (they are unlocked to the sheet's end). */
export const PASTE_ROWS = 5000;

/** The Customers cell (row 1) that counts the rows outside the formulas. */
export const OUTSIDE_AT = 2;

/**
 * "Rows outside the formulas: N" when N customer keys sit below the `capacity` formula rows (they
 * are in no total); blank when none. Example: capacity 1,000 and 3 keys in rows 1,005+ → "Rows
 * outside the formulas: 3 …".
 */
export function outsideRowsFormula(capacity: number): string {
  const below = `Customers!$A$${FIRST_ROW + capacity}:$A$${SHEET_ROWS}`;
  return `IF(COUNTA(${below})=0,"","Rows outside the formulas: "&COUNTA(${below})&" (customers below row ${FIRST_ROW + capacity - 1} are in no total: run profit-tiers template --rows with more rows, or unprotect the sheet and copy the last row's formulas down)")`;
}

/** The computed cells of sheet row `r`, by header: the baseline, then the what-if. */
export function customerFormulas(
  r: number,
): Record<(typeof COMPUTED_COLUMNS)[number] | (typeof SCENARIO_COLUMNS)[number], string> {
  const c = (h: Column) => `${col(h)}${r}`;
  const blank = `${c('Customer')}=""`;
  // Σ volume × rate in DRIVERS order, then revenue × days × (rate / 365): the core's order of operations.
  const drivers = DRIVERS.map((d) => `N(${driverColumn(d)}${r})*${rateName(d)}`).join('+');
  const capital = `N(${c('Revenue')})*N(${c('Payment Days')})*(CostOfCapital/365)`;
  // Gross profit: revenue − COGS when COGS is filled, else the Gross Profit column.
  const gross = `IF(ISNUMBER(${c('COGS')}),N(${c('Revenue')})-${c('COGS')},N(${c('Gross Profit')}))`;
  // §10: each cost times its avoidable share, in the same order, then less gross profit
  const avoidable = `${DRIVERS.map((d) => `N(${driverColumn(d)}${r})*${rateName(d)}*${avoidableName(d)}`).join('+')}+${capital}*AvoidableCapital`;
  const base = classFormulas({
    blank,
    revenue: c('Revenue'),
    netProfit: c('Net profit'),
    margin: c('Net margin'),
    share: c('Revenue of bigger customers (share)'),
    size: c('Size'),
    profitability: c('Profitability'),
    segment: c('Segment'),
    names: {
      Revenue: 'Revenue',
      NetMargin: 'NetMargin',
      SizeClass: 'SizeClass',
      MatrixRevenue: 'MatrixRevenue',
      MatrixCount: 'MatrixCount',
      MarginTarget: 'MarginTarget',
    },
  });

  // The what-if (DOMAIN.md §11): price × (1 + p) adds revenue × p to gross profit; an exit takes
  // the customer out (its direct cost and cost of capital go with it); the scenario rates
  // (Settings) re-spread pools over the volumes left and keep capacity's cost per minute.
  // N(): a row with no customer has a blank "Scenario in", and is out of the what-if too
  const out = `N(${c('Scenario in')})=0`;
  const price = `N(${c('Scenario price change')})`;
  const exit = `OR(${c('Scenario exit')}="exit",N(${c('Scenario exit')})=1)`;
  const scenarioDrivers = DRIVERS.map(
    (d) => `N(${driverColumn(d)}${r})*${scenarioRateName(d)}`,
  ).join('+');
  const scenario = classFormulas({
    blank: out,
    revenue: c('Scenario revenue'),
    netProfit: c('Scenario net profit'),
    margin: c('Scenario net margin'),
    share: c('Scenario revenue of bigger customers (share)'),
    size: c('Scenario size'),
    profitability: c('Scenario profitability'),
    segment: c('Scenario segment'),
    names: {
      Revenue: 'ScenarioRevenue',
      NetMargin: 'ScenarioNetMargin',
      SizeClass: 'ScenarioSizeClass',
      MatrixRevenue: 'ScenarioMatrixRevenue',
      MatrixCount: 'ScenarioMatrixCount',
      MarginTarget: 'ScenarioMarginTarget',
    },
  });
  return {
    'Cost-to-serve': `IF(${blank},"",${drivers}+${capital})`,
    'Net profit': `IF(${blank},"",${gross}-${c('Cost-to-serve')})`,
    'Net margin': base.margin,
    'Revenue of bigger customers (share)': base.share,
    Size: base.size,
    Profitability: base.profitability,
    Segment: base.segment,
    Tier: `IF(${c('Segment')}="","",INDEX(TierNames,MATCH(${c('Segment')},TierSegments,0)))`,
    Action: `IF(${c('Segment')}="","",INDEX(TierActions,MATCH(${c('Segment')},TierSegments,0)))`,
    // exit impact: the change in total net profit if this customer alone leaves (> 0: exit helps)
    'Exit impact': `IF(${blank},"",(${avoidable})-${gross})`,
    // a money-loser's break-even price change: −net profit / revenue
    'Break-even price change': `IF(OR(${c('Segment')}="",N(${c('Net profit')})>=0),"",-${c('Net profit')}/${c('Revenue')})`,
    'Matrix net profit': `IF(${c('Segment')}="","",${c('Net profit')})`,
    // §14: the group as text, trimmed as the core trims it; a blank group is "(blank)".
    'Group value': `IF(${blank},"",IF(TRIM(""&${c('Group')})="","${BLANK_GROUP}",TRIM(""&${c('Group')})))`,
    'Scenario in': `IF(${blank},"",IF(${exit},0,1))`,
    'Scenario revenue': `IF(${out},"",N(${c('Revenue')})*(1+${price}))`,
    'Scenario cost-to-serve': `IF(${out},"",${scenarioDrivers}+${c('Scenario revenue')}*N(${c('Payment Days')})*(CostOfCapital/365))`,
    'Scenario net profit': `IF(${out},"",(${gross}+N(${c('Revenue')})*${price})-${c('Scenario cost-to-serve')})`,
    'Scenario net margin': scenario.margin,
    'Scenario revenue of bigger customers (share)': scenario.share,
    'Scenario size': scenario.size,
    'Scenario profitability': scenario.profitability,
    'Scenario segment': scenario.segment,
    'Scenario tier': `IF(${out},IF(${blank},"","${EXITED}"),IF(${c('Scenario segment')}="","",INDEX(TierNames,MATCH(${c('Scenario segment')},TierSegments,0))))`,
  };
}

/** The cells and workbook names one segmentation (baseline or what-if) reads. */
interface ClassRefs {
  /** The condition under which the row is no customer (blank key; for the what-if, also exited). */
  blank: string;
  revenue: string;
  netProfit: string;
  margin: string;
  share: string;
  size: string;
  profitability: string;
  segment: string;
  names: Record<
    'Revenue' | 'NetMargin' | 'SizeClass' | 'MatrixRevenue' | 'MatrixCount' | 'MarginTarget',
    string
  >;
}

/** DOMAIN.md §3 as formulas over one population: net margin, before(c), size, profitability, segment. */
function classFormulas(x: ClassRefs) {
  const n = x.names;
  const revenue = `N(${x.revenue})`;
  const noRevenue = `OR(${x.blank},${revenue}<=0)`;
  const rankBySize = `SUMPRODUCT((${n.SizeClass}=${x.size})*(${n.NetMargin}>${x.margin}))`; // exact: no number→text criteria
  return {
    margin: `IF(${noRevenue},"",${x.netProfit}/${x.revenue})`,
    // before(c): revenue of customers with strictly greater revenue / revenue of customers with revenue > 0.
    share: `IF(${noRevenue},"",SUMIF(${n.Revenue},">"&${x.revenue})/${n.MatrixRevenue})`,
    size:
      `IF(${x.blank},"",IF(${revenue}<=0,"${NO_REVENUE}",` +
      `IF(SizeMethod="fixed",IF(${x.revenue}>=FixedLarge,"Large",IF(${x.revenue}>=FixedMedium,"Medium","Small")),` +
      `IF(SizeMethod="terciles",IF(3*COUNTIF(${n.Revenue},">"&${x.revenue})<${n.MatrixCount},"Large",IF(3*COUNTIF(${n.Revenue},">"&${x.revenue})<2*${n.MatrixCount},"Medium","Small")),` +
      `IF(${x.share}<ParetoLarge,"Large",IF(${x.share}<ParetoMedium,"Medium","Small"))))))`,
    profitability:
      `IF(OR(${x.size}="",${x.size}="${NO_REVENUE}"),"",` +
      `IF(ProfitMethod="fixed",IF(${x.margin}>=FixedHigh,"High",IF(${x.margin}>=FixedLow,"Mid","Low")),` +
      `IF(ProfitMethod="terciles",IF(3*${rankBySize}<COUNTIF(${n.SizeClass},${x.size}),"High",IF(3*${rankBySize}<2*COUNTIF(${n.SizeClass},${x.size}),"Mid","Low")),` +
      `IF(${x.netProfit}<0,"Low",IF(${x.margin}>=${n.MarginTarget},"High","Mid")))))`,
    segment: `IF(${x.profitability}="","",${x.size}&"/"&${x.profitability})`,
  };
}
