/**
 * The template's Customers sheet: the client's rows (input columns) and, right of them, the
 * computed columns — cost-to-serve, net profit, margin, size, profitability, segment, tier, and
 * the exit economics of DOMAIN.md §10 (exit impact, break-even price change) — as
 * classic formulas pre-filled for every row; a blank Customer cell gives blank results.
 * The formulas are DOMAIN.md §2–4 exactly as the core computes them (same operation order, so
 * the same doubles): see the comments on each.
 */
import { BLANK_GROUP, NO_REVENUE } from '../../core/defaults.js';
import { HEADER_FILL, HEADER_FONT } from '../../core/report/colours.js';
import { emptySheet, FORMATS, rect, type SheetValue } from '../../core/report/sheet-spec.js';
import { DRIVERS } from '../../core/types.js';
import {
  avoidableName,
  COMPUTED_COLUMNS,
  COMPUTED_FILL,
  CUSTOMERS_HEADER_ROW,
  col,
  customerNames,
  driverColumn,
  FIRST_ROW,
  INPUT_COLUMNS,
  INPUT_FILL,
  rateName,
  setFormula,
  type TemplateSheet,
} from './layout.js';

/** One customer row of input values, INPUT_COLUMNS order (null = blank). */
export type InputRow = SheetValue[];

/**
 * @param rows the customers to fill in (input columns only)
 * @param capacity data rows with formulas (≥ rows.length); the rest wait for the client's rows
 */
export function customersSheet(
  rows: InputRow[],
  capacity: number,
  note: string,
  groupHeader = 'Group',
): TemplateSheet {
  const spec = emptySheet('Customers');
  // The table's column names must differ: a group column named like another keeps "Group".
  const taken = [...INPUT_COLUMNS, ...COMPUTED_COLUMNS].map((h) => h.toLowerCase());
  if (groupHeader.toLowerCase() !== 'group' && taken.includes(groupHeader.toLowerCase()))
    groupHeader = 'Group';
  const width = INPUT_COLUMNS.length + COMPUTED_COLUMNS.length;
  spec.values = [
    ['Customers'],
    [note],
    [
      `Yellow columns: your data, one row per customer (up to ${capacity.toLocaleString('en-US')} rows; numbers only). Green columns compute — do not type over them. Fill COGS, or Gross Profit when you have no COGS.`,
    ],
    [...INPUT_COLUMNS.map((h) => (h === 'Group' ? groupHeader : h)), ...COMPUTED_COLUMNS],
    ...rows,
  ];
  spec.width = width;
  spec.titles.push(rect(0, 0));
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
  spec.fills.push({ range: rect(head - 1, 0, 1, INPUT_COLUMNS.length), color: INPUT_FILL });
  spec.fills.push({
    range: rect(head - 1, INPUT_COLUMNS.length, 1, COMPUTED_COLUMNS.length),
    color: COMPUTED_FILL,
  });
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
    40,
    13,
    12,
    13,
    14,
  ];

  const formulas: (string | undefined)[][] = [];
  for (let i = 0; i < capacity; i++) {
    const r = FIRST_ROW + i;
    const f = customerFormulas(r);
    COMPUTED_COLUMNS.forEach((h, j) => {
      setFormula(formulas, first + i, INPUT_COLUMNS.length + j, f[h]);
    });
  }
  return { spec, extras: { formulas }, names: customerNames(capacity) };
}

/** The computed cells of sheet row `r`, by header. */
export function customerFormulas(r: number): Record<(typeof COMPUTED_COLUMNS)[number], string> {
  const c = (h: Parameters<typeof col>[0]) => `${col(h)}${r}`;
  const blank = `${c('Customer')}=""`;
  const noRevenue = `OR(${blank},N(${c('Revenue')})<=0)`;
  // Σ volume × rate in DRIVERS order, then revenue × days × (rate / 365): the core's order of operations.
  const drivers = DRIVERS.map((d) => `N(${driverColumn(d)}${r})*${rateName(d)}`).join('+');
  const capital = `N(${c('Revenue')})*N(${c('Payment Days')})*(CostOfCapital/365)`;
  // §10: each cost times its avoidable share, in the same order, then less gross profit
  const avoidable = `${DRIVERS.map((d) => `N(${driverColumn(d)}${r})*${rateName(d)}*${avoidableName(d)}`).join('+')}+${capital}*AvoidableCapital`;
  const grossProfit = `IF(ISNUMBER(${c('COGS')}),N(${c('Revenue')})-${c('COGS')},N(${c('Gross Profit')}))`;
  const size = c('Size'),
    margin = c('Net margin');
  const rankBySize = `SUMPRODUCT((SizeClass=${size})*(NetMargin>${margin}))`; // exact: no number→text criteria
  return {
    'Cost-to-serve': `IF(${blank},"",${drivers}+${capital})`,
    // Gross profit: revenue − COGS when COGS is filled, else the Gross Profit column.
    'Net profit': `IF(${blank},"",${grossProfit}-${c('Cost-to-serve')})`,
    'Net margin': `IF(${noRevenue},"",${c('Net profit')}/${c('Revenue')})`,
    // before(c): revenue of customers with strictly greater revenue / revenue of customers with revenue > 0.
    'Revenue share before': `IF(${noRevenue},"",SUMIF(Revenue,">"&${c('Revenue')})/MatrixRevenue)`,
    Size:
      `IF(${blank},"",IF(N(${c('Revenue')})<=0,"${NO_REVENUE}",` +
      `IF(SizeMethod="fixed",IF(${c('Revenue')}>=FixedLarge,"Large",IF(${c('Revenue')}>=FixedMedium,"Medium","Small")),` +
      `IF(SizeMethod="terciles",IF(3*COUNTIF(Revenue,">"&${c('Revenue')})<MatrixCount,"Large",IF(3*COUNTIF(Revenue,">"&${c('Revenue')})<2*MatrixCount,"Medium","Small")),` +
      `IF(${c('Revenue share before')}<ParetoLarge,"Large",IF(${c('Revenue share before')}<ParetoMedium,"Medium","Small"))))))`,
    Profitability:
      `IF(OR(${size}="",${size}="${NO_REVENUE}"),"",` +
      `IF(ProfitMethod="fixed",IF(${margin}>=FixedHigh,"High",IF(${margin}>=FixedLow,"Mid","Low")),` +
      `IF(ProfitMethod="terciles",IF(3*${rankBySize}<COUNTIF(SizeClass,${size}),"High",IF(3*${rankBySize}<2*COUNTIF(SizeClass,${size}),"Mid","Low")),` +
      `IF(${c('Net profit')}<0,"Low",IF(${margin}>=MarginTarget,"High","Mid")))))`,
    Segment: `IF(${c('Profitability')}="","",${size}&"/"&${c('Profitability')})`,
    Tier: `IF(${c('Segment')}="","",INDEX(TierNames,MATCH(${c('Segment')},TierSegments,0)))`,
    Action: `IF(${c('Segment')}="","",INDEX(TierActions,MATCH(${c('Segment')},TierSegments,0)))`,
    // exit impact: the change in total net profit if this customer alone leaves (> 0: exit helps)
    'Exit impact': `IF(${blank},"",(${avoidable})-${grossProfit})`,
    // a money-loser's break-even price change: −net profit / revenue
    'Break-even price change': `IF(OR(${c('Segment')}="",N(${c('Net profit')})>=0),"",-${c('Net profit')}/${c('Revenue')})`,
    'Matrix net profit': `IF(${c('Segment')}="","",${c('Net profit')})`,
    // §14: the group as text, trimmed as the core trims it; a blank group is "(blank)".
    'Group value': `IF(${blank},"",IF(TRIM(""&${c('Group')})="","${BLANK_GROUP}",TRIM(""&${c('Group')})))`,
  };
}
