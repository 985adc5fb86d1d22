/**
 * The template's Settings sheet: size and profitability methods and thresholds, driver rates and
 * cost pools, cost of capital, and the tier map — every value the formulas read, each a named cell.
 * Yellow cells are inputs; green cells compute (the rate in use, the margin target in use).
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../core/cell-address.js';
import {
  COST_LINE_LABELS,
  DRIVER_UNITS,
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
import { DRIVERS, type Driver } from '../../core/types.js';
import { atLeastRule, listRule, marginRule, shareRule } from './input-rules.js';
import {
  avoidableName,
  COMPUTED_FILL,
  capacityRows,
  INPUT_FILL,
  rateName,
  scenarioRateName,
  setFormula,
  type TemplateSheet,
  volumeName,
} from './layout.js';

export const SIZE_METHODS = ['pareto', 'terciles', 'fixed'];
export const PROFIT_METHODS = ['bands', 'terciles', 'fixed'];

/** What the what-if changes on Settings: a % per driver's rate or pool, and per resource's cost. */
export interface WhatIfSettings {
  driverChange: Partial<Record<Driver, number>>;
  capacityChange: Record<string, number>;
}

export function settingsSheet(s: Settings, whatIf?: WhatIfSettings): TemplateSheet {
  const spec = emptySheet('Settings');
  const formulas: (string | undefined)[][] = [];
  const names: TemplateSheet['names'] = [];
  const named = (name: string, row: number, c = 1) =>
    names.push({ name, ref: `Settings!$${'ABCD'[c]}$${row + 1}` });
  const header = (cells: string[]) => styleHeader(spec, addRows(spec, [cells]), cells.length);
  // every input gets a rule: numbers where numbers, shares as percentages, methods from a list
  const validations: NonNullable<TemplateSheet['template']>['validations'] = [];
  const rule = (r: number, c: number, v: ExcelJS.DataValidation, cols = 1) =>
    validations.push({
      range:
        cols === 1
          ? `${columnLetter(c)}${r + 1}`
          : `${columnLetter(c)}${r + 1}:${columnLetter(c + cols - 1)}${r + 1}`,
      rule: v,
    });
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
  const inputRule: Record<(typeof inputs)[number][0], (what: string) => ExcelJS.DataValidation> = {
    SizeMethod: (w) => listRule(SIZE_METHODS, w),
    ParetoLarge: shareRule,
    ParetoMedium: shareRule,
    FixedLarge: (w) => atLeastRule(0, w),
    FixedMedium: (w) => atLeastRule(0, w),
    ProfitMethod: (w) => listRule(PROFIT_METHODS, w),
    TargetOverride: marginRule,
    FixedHigh: marginRule,
    FixedLow: marginRule,
    CostOfCapital: shareRule,
    AvoidableCapital: shareRule,
  };
  for (const [name, label, value, meaning, format] of inputs) {
    const r = addRows(spec, [[label, value, meaning]]);
    named(name, r);
    spec.fills.push({ range: rect(r, 1), color: INPUT_FILL });
    if (format) spec.formats.push({ range: rect(r, 1), format });
    rule(r, 1, inputRule[name](label));
  }
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
    [
      'ScenarioMatrixRevenue',
      'What-if: revenue of customers with revenue',
      'SUMIF(ScenarioRevenue,">0")',
      'the what-if on the Customers sheet: its customers with revenue > 0',
      FORMATS.money0,
    ],
    [
      'ScenarioMatrixCount',
      'What-if: customers with revenue',
      'COUNTIF(ScenarioRevenue,">0")',
      'customers who exit are out of the what-if',
      FORMATS.integer,
    ],
    [
      'ScenarioMarginTarget',
      'What-if: margin target in use',
      'IF(ISNUMBER(TargetOverride),TargetOverride,IF(ScenarioMatrixRevenue>0,MAX(0,SUMIF(ScenarioRevenue,">0",ScenarioNetProfit)/ScenarioMatrixRevenue),0))',
      'the bar moves with the population, as in the baseline',
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
    'Capacity part',
    'Scenario change',
    'Scenario volume',
    'Scenario capacity part',
    'Scenario rate in use',
  ]);
  spec.wrap.push(rect(spec.values.length - 1, 0, 1, 12));
  const driverRow = new Map<string, number>(); // driver → 1-based sheet row
  for (const d of DRIVERS) {
    const change = whatIf?.driverChange[d] ?? null;
    const r = addRows(spec, [
      [
        COST_LINE_LABELS[d],
        s.rates[d] ?? null,
        s.pools[d] ?? null,
        null,
        null,
        s.avoidable[d] ?? null,
        null,
        null,
        change,
      ],
    ]);
    driverRow.set(d, r + 1);
    const what = COST_LINE_LABELS[d];
    rule(r, 1, atLeastRule(0, `${what}: rate per unit`));
    rule(r, 2, atLeastRule(0, `${what}: cost pool`));
    rule(r, 5, shareRule(`${what}: avoidable share`));
    rule(r, 8, atLeastRule(-1, `${what}: scenario change`));
    spec.fills.push(
      { range: rect(r, 1, 1, 2), color: INPUT_FILL },
      { range: rect(r, 3, 1, 2), color: COMPUTED_FILL },
      { range: rect(r, 5), color: INPUT_FILL },
      { range: rect(r, 6, 1, 2), color: COMPUTED_FILL },
      { range: rect(r, 8), color: INPUT_FILL },
      { range: rect(r, 9, 1, 3), color: COMPUTED_FILL },
    );
    spec.formats.push(
      { range: rect(r, 1, 1, 2), format: FORMATS.money },
      { range: rect(r, 3), format: FORMATS.integer },
      { range: rect(r, 4), format: '#,##0.0000' },
      { range: rect(r, 5, 1, 2), format: FORMATS.percent },
      { range: rect(r, 7), format: '#,##0.0000' },
      { range: rect(r, 8), format: FORMATS.percent },
      { range: rect(r, 9), format: FORMATS.integer },
      { range: rect(r, 10, 1, 2), format: '#,##0.0000' },
    );
  }

  // Capacity (DOMAIN.md §13): a resource's cost over its practical minutes prices each minute a
  // unit of a driver takes; what no customer uses is unused capacity, charged to no one.
  addRows(spec, [[]]);
  const capHead = [
    'Capacity resource',
    'Cost',
    'Minutes (practical capacity)',
    ...DRIVERS.map((d) => `Minutes ${DRIVER_UNITS[d]}`),
    'Cost per minute',
    'Used minutes',
    'Used share',
    'Unused capacity cost',
    'Scenario cost change',
    'Scenario cost per minute',
    'Scenario used minutes',
    'Scenario unused cost',
  ];
  header(capHead);
  spec.wrap.push(rect(spec.values.length - 1, 0, 1, capHead.length));
  const L = (i: number) => columnLetter(i);
  const K = L(3 + DRIVERS.length), // cost per minute
    P = L(3 + DRIVERS.length + 5); // scenario cost per minute
  const rows = capacityRows(s.capacity.length);
  const capFirst = spec.values.length + 1; // 1-based
  for (let q = 0; q < rows; q++) {
    const res = s.capacity[q];
    const r = addRows(spec, [
      [
        res?.name ?? null,
        res?.cost ?? null,
        res?.minutes ?? null,
        ...DRIVERS.map((d) => res?.minutesPer[d] ?? null),
        null,
        null,
        null,
        null,
        res ? (whatIf?.capacityChange[res.name] ?? null) : null,
      ],
    ]);
    const row = r + 1,
      c0 = 3 + DRIVERS.length;
    rule(r, 1, atLeastRule(0, 'Capacity cost'));
    rule(r, 2, atLeastRule(0, 'Practical capacity in minutes'));
    rule(r, 3, atLeastRule(0, 'Minutes per unit'), DRIVERS.length);
    rule(r, c0 + 4, atLeastRule(-1, 'Scenario cost change'));
    const used = (volumeCol: string) =>
      DRIVERS.map((d, i) => `N(${L(3 + i)}${row})*$${volumeCol}$${driverRow.get(d)}`).join('+');
    setFormula(formulas, r, c0, `IF(N(C${row})>0,N(B${row})/C${row},0)`);
    setFormula(formulas, r, c0 + 1, used('D'));
    setFormula(formulas, r, c0 + 2, `IF(N(C${row})>0,${L(c0 + 1)}${row}/C${row},"")`);
    setFormula(formulas, r, c0 + 3, `IF(N(C${row})>0,(C${row}-${L(c0 + 1)}${row})*${K}${row},0)`);
    setFormula(
      formulas,
      r,
      c0 + 5,
      `IF(N(C${row})>0,N(B${row})*(1+N(${L(c0 + 4)}${row}))/C${row},0)`,
    );
    setFormula(formulas, r, c0 + 6, used('J'));
    setFormula(formulas, r, c0 + 7, `IF(N(C${row})>0,(C${row}-${L(c0 + 6)}${row})*${P}${row},0)`);
    spec.fills.push(
      { range: rect(r, 0, 1, 3 + DRIVERS.length), color: INPUT_FILL },
      { range: rect(r, c0, 1, 4), color: COMPUTED_FILL },
      { range: rect(r, c0 + 4), color: INPUT_FILL },
      { range: rect(r, c0 + 5, 1, 3), color: COMPUTED_FILL },
    );
    spec.formats.push(
      { range: rect(r, 1), format: FORMATS.money0 },
      { range: rect(r, 2), format: FORMATS.integer },
      { range: rect(r, c0), format: '#,##0.0000' },
      { range: rect(r, c0 + 1), format: FORMATS.integer },
      { range: rect(r, c0 + 2), format: FORMATS.percent },
      { range: rect(r, c0 + 3), format: FORMATS.money0 },
      { range: rect(r, c0 + 4), format: FORMATS.percent },
      { range: rect(r, c0 + 5), format: '#,##0.0000' },
      { range: rect(r, c0 + 6), format: FORMATS.integer },
      { range: rect(r, c0 + 7), format: FORMATS.money0 },
    );
  }
  const capLast = capFirst + rows - 1;
  const capSum = (c: number) => `SUM(${L(c)}${capFirst}:${L(c)}${capLast})`;
  const totals = addRows(spec, [
    [
      'Unused capacity cost, all resources',
      null,
      'paid for, used by no customer: never charged to customers',
    ],
    [
      'Scenario unused capacity cost',
      null,
      'the same in the what-if (leavers’ minutes become unused)',
    ],
  ]);
  setFormula(formulas, totals, 1, capSum(3 + DRIVERS.length + 3));
  setFormula(formulas, totals + 1, 1, capSum(3 + DRIVERS.length + 7));
  named('UnusedCapacityCost', totals);
  named('ScenarioUnusedCapacityCost', totals + 1);
  spec.fills.push({ range: rect(totals, 1, 2, 1), color: COMPUTED_FILL });
  spec.formats.push({ range: rect(totals, 1, 2, 1), format: FORMATS.money0 });

  // Each driver's rates, now that the capacity rows are known: the capacity part is Σ minutes per
  // unit × cost per minute, resource by resource (the core's order); the rate in use adds it to
  // the direct rate or the pool rate (a pool is spread over the total volume, DOMAIN.md §2).
  for (const d of DRIVERS) {
    const row = driverRow.get(d)!,
      r = row - 1;
    const mp = L(3 + DRIVERS.indexOf(d));
    const part = (perMinute: string) =>
      Array.from(
        { length: rows },
        (_, q) => `N(${mp}${capFirst + q})*${perMinute}${capFirst + q}`,
      ).join('+');
    setFormula(formulas, r, 3, `SUM(${volumeName(d)})`);
    setFormula(formulas, r, 7, part(K));
    setFormula(
      formulas,
      r,
      4,
      `IF(ISNUMBER(C${row}),IF(D${row}>0,C${row}/D${row},0),N(B${row}))+H${row}`,
    );
    names.push({ name: rateName(d), ref: `Settings!$E$${row}` });
    // §10: blank = the default, the direct part of the rate goes with the customer, the pool and
    // capacity parts stay: direct / rate in use (1 when the driver costs nothing), as the core.
    setFormula(
      formulas,
      r,
      6,
      `IF(ISNUMBER(F${row}),F${row},IF(E${row}>0,IF(ISNUMBER(C${row}),0,N(B${row}))/E${row},1))`,
    );
    names.push({ name: avoidableName(d), ref: `Settings!$G$${row}` });
    // What-if: the change scales the direct rate or the pool; a pool is spread over the volume left.
    setFormula(formulas, r, 9, `SUMIF(ScenarioIn,1,${volumeName(d)})`);
    setFormula(formulas, r, 10, part(P));
    setFormula(
      formulas,
      r,
      11,
      `IF(ISNUMBER(C${row}),IF(J${row}>0,C${row}*(1+N(I${row}))/J${row},0),N(B${row})*(1+N(I${row})))+K${row}`,
    );
    names.push({ name: scenarioRateName(d), ref: `Settings!$L$${row}` });
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

  // Meanings overflow into the empty cells to their right; the tables below use more columns.
  spec.columnWidths = [44, 16, 16, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14, 14];
  return { spec, extras: { formulas }, names, template: { validations } };
}
