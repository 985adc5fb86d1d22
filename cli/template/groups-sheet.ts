/**
 * The template's Groups sheet (DOMAIN.md §14): per value of the Customers sheet's Group column,
 * its customers, revenue, gross profit, cost-to-serve, net profit, net margin, share of profit,
 * money-losers and customers per tier — SUMIF/COUNTIFS over the computed Group value column.
 * The values are listed once (the data's, or the sample's) with room below for more.
 */

import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetValue,
  styleHeader,
  styleTierHeads,
} from '../../core/report/sheet-spec.js';
import { tierNames } from '../../core/tier-names.js';
import { equalTo, INPUT_FILL, setFormula, type TemplateSheet } from './layout.js';

/** The Total row (every customer) and the row of customers whose value is not listed. */
export const GROUPS_TOTAL = 'Total (all customers)';
export const NOT_LISTED = 'Values not listed above';

/** Empty rows below the listed values, for values the consultant adds (at least). */
export const SPARE_GROUP_ROWS = 20;
const MEASURES = [
  'Customers',
  'Revenue',
  'Gross profit',
  'Cost-to-serve',
  'Net profit',
  'Net margin',
  'Share of profit',
  'Money-losers',
] as const;

/**
 * @param column the group column's name (e.g. Region), for the headings
 * @param values the values to list, in order
 * @param tiers the settings' tier names (columns of customers per tier)
 */
export function groupsSheet(
  column: string,
  values: string[],
  tiers: readonly string[],
): TemplateSheet {
  const spec = emptySheet('Groups');
  const formulas: (string | undefined)[][] = [];
  const names = tierNames(tiers);
  addRows(spec, [
    [`Net profit by ${column}`],
    [
      `Live: sums over the Customers sheet by its ${column} column (a blank one counts as "(blank)"). Type more values in the yellow cells below the list.`,
    ],
    [
      'With transactions, a customer counts in the value carrying most of its revenue; the command line and the add-ins fill the column that way.',
    ],
    [],
  ]);
  spec.titles.push(rect(0, 0));
  const width = 1 + MEASURES.length + names.length;
  const head = addRows(spec, [[column, ...MEASURES, ...names]]);
  styleHeader(spec, head, width);
  spec.wrap.push(rect(head, 0, 1, width));
  styleTierHeads(spec, head, 1 + MEASURES.length, names);
  // room below the list: as many rows as listed values, at least SPARE_GROUP_ROWS
  const rows = values.length + Math.max(SPARE_GROUP_ROWS, values.length);
  const first = addRows(
    spec,
    Array.from({ length: rows }, (_, i): SheetValue[] => [values[i] ?? null]),
  );
  const total = first + rows;
  const totalNet = `$F$${total + 1}`;
  for (let i = 0; i < rows; i++) {
    const r = first + i + 1,
      v = equalTo(`$A${r}`);
    const sum = (name: string) => `SUMIF(GroupValue,${v},${name})`;
    const cells = [
      `COUNTIF(GroupValue,${v})`,
      sum('Revenue'),
      `${sum('NetProfit')}+${sum('CostToServe')}`,
      sum('CostToServe'),
      sum('NetProfit'),
      `IF(C${r}>0,F${r}/C${r},"")`,
      `IF(${totalNet}>0,F${r}/${totalNet},"")`,
      `COUNTIFS(GroupValue,${v},MatrixNetProfit,"<0")`,
      ...names.map(
        (_, t) => `COUNTIFS(GroupValue,${v},CustomerTier,${equalTo(tierHead(head, t))})`,
      ),
    ];
    cells.forEach((f, j) => {
      setFormula(formulas, first + i, 1 + j, `IF($A${r}="","",${f})`);
    });
  }
  // Total: every customer, listed value or not; the next row shows what the list leaves out.
  addRows(spec, [[GROUPS_TOTAL], [NOT_LISTED]]);
  const listed = (c: string) => `SUM(${c}${first + 1}:${c}${total})`;
  const all = [
    'COUNTA(CustomerKey)',
    'SUM(Revenue)',
    'SUM(NetProfit)+SUM(CostToServe)',
    'SUM(CostToServe)',
    'SUM(NetProfit)',
    '',
    '',
    'COUNTIF(MatrixNetProfit,"<0")',
    ...names.map((_, t) => `COUNTIF(CustomerTier,${equalTo(tierHead(head, t))})`),
  ];
  const L = (j: number) => String.fromCharCode(65 + j);
  for (let j = 1; j < width; j++) {
    const c = L(j);
    const margin = (r: number) => `IF(C${r}>0,F${r}/C${r},"")`;
    if (c === 'G') {
      setFormula(formulas, total, j, margin(total + 1));
      setFormula(formulas, total + 1, j, margin(total + 2));
    } else if (c === 'H') {
      setFormula(formulas, total, j, `IF(${totalNet}>0,1,"")`);
      setFormula(formulas, total + 1, j, `IF(${totalNet}>0,F${total + 2}/${totalNet},"")`);
    } else {
      setFormula(formulas, total, j, all[j - 1]);
      setFormula(formulas, total + 1, j, `${c}${total + 1}-${listed(c)}`);
    }
  }
  spec.bold.push(rect(total, 0, 1, width));
  spec.fills.push({ range: rect(first, 0, rows, 1), color: INPUT_FILL });
  spec.formats.push(
    { range: rect(first, 0, rows, 1), format: FORMATS.text },
    { range: rect(first, 1, rows + 2, 1), format: FORMATS.integer },
    { range: rect(first, 2, rows + 2, 4), format: FORMATS.money0 },
    { range: rect(first, 6, rows + 2, 2), format: FORMATS.percent },
    { range: rect(first, 8, rows + 2, 1 + names.length), format: FORMATS.integer },
  );
  spec.conditional.push({ range: rect(first, 5, rows + 2, 1), type: 'negative' });
  spec.columnWidths = [24, 11, 14, 14, 14, 14, 10, 10, 10, ...names.map(() => 11)];
  return { spec, extras: { formulas }, names: [] };
}

/** The absolute address of tier column t's heading (the COUNTIFS criterion). */
function tierHead(head: number, t: number): string {
  return `$${String.fromCharCode(65 + 9 + t)}$${head + 1}`;
}
