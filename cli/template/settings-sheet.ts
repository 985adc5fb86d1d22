/**
 * The template's Settings sheet: size and profitability methods and thresholds, driver rates and
 * cost pools, cost of capital, and the tier map — every value the formulas read, each a named cell.
 * Yellow cells are inputs; green cells compute (the rate in use, the margin target in use).
 */
import {
  COST_LINE_LABELS,
  NO_REVENUE,
  PARETO_LARGE,
  PARETO_MEDIUM,
  SEGMENT_CODES,
  SEGMENTS,
} from '../../core/defaults.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetValue,
  styleHeader,
} from '../../core/report/sheet-spec.js';
import type { Settings } from '../../core/settings.js';
import { SETTING_LABELS } from '../../core/settings-labels.js';
import { DRIVERS } from '../../core/types.js';
import {
  avoidableName,
  COMPUTED_FILL,
  INPUT_FILL,
  rateName,
  setFormula,
  type TemplateSheet,
  volumeName,
} from './layout.js';

export const SIZE_METHODS = ['pareto', 'terciles', 'fixed'];
export const PROFIT_METHODS = ['bands', 'terciles', 'fixed'];

export function settingsSheet(s: Settings): TemplateSheet {
  const spec = emptySheet('Settings');
  const formulas: (string | undefined)[][] = [];
  const names: TemplateSheet['names'] = [];
  const named = (name: string, row: number, c = 1) =>
    names.push({ name, ref: `Settings!$${'ABCD'[c]}$${row + 1}` });
  const header = (cells: string[]) => styleHeader(spec, addRows(spec, [cells]), cells.length);
  addRows(spec, [
    ['Settings'],
    [
      'Change any yellow cell: every size, profitability, segment and tier recalculates. Green cells compute.',
    ],
    [],
  ]);
  spec.titles.push(rect(0, 0));

  header(['Setting', 'Value', 'Meaning']);
  const fixed = (x: number) => (Number.isFinite(x) ? x : null);
  // the labels come from the table the `options` argument of the worksheet functions reads
  const inputs: [keyof typeof SETTING_LABELS, string, SheetValue, string, string?][] = [
    [
      'SizeMethod',
      SETTING_LABELS.SizeMethod.label,
      s.size.method,
      'pareto: share of revenue of bigger customers; terciles: thirds by count; fixed: revenue amounts',
    ],
    [
      'ParetoLarge',
      SETTING_LABELS.ParetoLarge.label,
      s.size.method === 'pareto' ? s.size.large : PARETO_LARGE,
      'Large if the revenue of bigger customers is below this share of revenue',
      FORMATS.percent,
    ],
    [
      'ParetoMedium',
      SETTING_LABELS.ParetoMedium.label,
      s.size.method === 'pareto' ? s.size.medium : PARETO_MEDIUM,
      'Medium if below this share; else Small',
      FORMATS.percent,
    ],
    [
      'FixedLarge',
      SETTING_LABELS.FixedLarge.label,
      s.size.method === 'fixed' ? s.size.large : null,
      'fixed method: Large at this revenue or more',
      FORMATS.money0,
    ],
    [
      'FixedMedium',
      SETTING_LABELS.FixedMedium.label,
      s.size.method === 'fixed' ? s.size.medium : null,
      'fixed method: Medium at this revenue or more; else Small',
      FORMATS.money0,
    ],
    [
      'ProfitMethod',
      SETTING_LABELS.ProfitMethod.label,
      s.profitability.method,
      'bands: Low if losing money, High at or above the margin target; terciles: thirds by net margin within each size; fixed: margins',
    ],
    [
      'TargetOverride',
      SETTING_LABELS.TargetOverride.label,
      s.profitability.target,
      'leave blank to use the overall net margin of customers with revenue (never below 0 %)',
      FORMATS.percent,
    ],
    [
      'FixedHigh',
      SETTING_LABELS.FixedHigh.label,
      fixed(s.profitability.high),
      'fixed method: High at this net margin or more',
      FORMATS.percent,
    ],
    [
      'FixedLow',
      SETTING_LABELS.FixedLow.label,
      fixed(s.profitability.low),
      'fixed method: Mid at this net margin or more; else Low',
      FORMATS.percent,
    ],
    [
      'CostOfCapital',
      SETTING_LABELS.CostOfCapital.label,
      s.costOfCapital,
      'cost of waiting for payment: revenue × payment days / 365 × this rate',
      FORMATS.percent,
    ],
    [
      'AvoidableCapital',
      SETTING_LABELS.AvoidableCapital.label,
      s.avoidable.paymentDays ?? 1,
      'share of the cost of capital that goes when a customer leaves (exit impact)',
      FORMATS.percent,
    ],
  ];
  for (const [name, label, value, meaning, format] of inputs) {
    const r = addRows(spec, [[label, value, meaning]]);
    named(name, r);
    spec.fills.push({ range: rect(r, 1), color: INPUT_FILL });
    if (format) spec.formats.push({ range: rect(r, 1), format });
  }
  const sizeRow = spec.values.findIndex((v) => v[0] === SETTING_LABELS.SizeMethod.label),
    profitRow = spec.values.findIndex((v) => v[0] === SETTING_LABELS.ProfitMethod.label);
  const lists = [
    { cell: `B${sizeRow + 1}`, values: SIZE_METHODS },
    { cell: `B${profitRow + 1}`, values: PROFIT_METHODS },
  ];
  const computed: [string, string, string, string, string][] = [
    [
      'MatrixRevenue',
      'Revenue of customers with revenue',
      'SUMIF(Revenue,">0")',
      'the matrix customers: revenue > 0',
      FORMATS.money0,
    ],
    [
      'MatrixCount',
      'Customers with revenue',
      'COUNTIF(Revenue,">0")',
      `customers with revenue ≤ 0 are listed as ${NO_REVENUE}`,
      FORMATS.integer,
    ],
    [
      'MarginTarget',
      'Margin target in use',
      'IF(ISNUMBER(TargetOverride),TargetOverride,IF(MatrixRevenue>0,MAX(0,SUMIF(Revenue,">0",NetProfit)/MatrixRevenue),0))',
      'bands method: High at or above this net margin',
      FORMATS.percent,
    ],
  ];
  for (const [name, label, formula, meaning, format] of computed) {
    const r = addRows(spec, [[label, null, meaning]]);
    setFormula(formulas, r, 1, formula);
    named(name, r);
    spec.fills.push({ range: rect(r, 1), color: COMPUTED_FILL });
    spec.formats.push({ range: rect(r, 1), format });
  }

  addRows(spec, [[]]);
  header([
    'Cost driver',
    'Rate per unit',
    'Cost pool',
    'Total volume',
    'Rate in use',
    'Avoidable share',
    'Avoidable in use',
  ]);
  for (const d of DRIVERS) {
    const r = addRows(spec, [
      [
        COST_LINE_LABELS[d],
        s.rates[d] ?? null,
        s.pools[d] ?? null,
        null,
        null,
        s.avoidable[d] ?? null,
      ],
    ]);
    const row = r + 1;
    setFormula(formulas, r, 3, `SUM(${volumeName(d)})`);
    // Activity-based costing: a pool is spread over the total volume (DOMAIN.md §2); a pool wins over a rate.
    setFormula(formulas, r, 4, `IF(ISNUMBER(C${row}),IF(D${row}>0,C${row}/D${row},0),N(B${row}))`);
    // §10: blank = the default, a direct rate goes with the customer (1), a pool stays (0)
    setFormula(formulas, r, 6, `IF(ISNUMBER(F${row}),F${row},IF(ISNUMBER(C${row}),0,1))`);
    names.push({ name: rateName(d), ref: `Settings!$E$${row}` });
    names.push({ name: avoidableName(d), ref: `Settings!$G$${row}` });
    spec.fills.push(
      { range: rect(r, 1, 1, 2), color: INPUT_FILL },
      { range: rect(r, 3, 1, 2), color: COMPUTED_FILL },
      { range: rect(r, 5), color: INPUT_FILL },
      { range: rect(r, 6), color: COMPUTED_FILL },
    );
    spec.formats.push(
      { range: rect(r, 1, 1, 2), format: FORMATS.money },
      { range: rect(r, 3), format: FORMATS.integer },
      { range: rect(r, 4), format: '#,##0.0000' },
      { range: rect(r, 5, 1, 2), format: FORMATS.percent },
    );
  }

  addRows(spec, [[]]);
  header(['Segment', 'Code', 'Tier', 'Action']);
  const first = addRows(
    spec,
    SEGMENTS.map((seg, i) => [seg, SEGMENT_CODES[i], s.tiers[i], s.actions[i]]),
  );
  spec.fills.push({ range: rect(first, 2, 9, 2), color: INPUT_FILL });
  const range = (c: string) => `Settings!$${c}$${first + 1}:$${c}$${first + 9}`;
  names.push(
    { name: 'TierSegments', ref: range('A') },
    { name: 'TierNames', ref: range('C') },
    { name: 'TierActions', ref: range('D') },
  );

  // Meanings overflow into the empty cells to their right; the driver and tier tables below use C–E.
  spec.columnWidths = [32, 16, 16, 14, 14, 14, 14];
  return { spec, extras: { formulas, lists }, names };
}
