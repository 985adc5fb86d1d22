/**
 * The template's Profit Matrix: the 3×3 grid (tier, customers, revenue, net profit, share of
 * profit per cell) and totals, all COUNTIFS/SUMIFS over the Customers sheet's Segment column,
 * plus the No revenue group and the thresholds in force in words. Beside it, the what-if's matrix
 * (the Customers sheet's Scenario columns) and, below, what the what-if does to net profit.
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../core/cell-address.js';
import { NO_REVENUE } from '../../core/defaults.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  type SheetValue,
  styleHeader,
} from '../../core/report/sheet-spec.js';
import { PROFIT_CLASSES, SIZE_CLASSES } from '../../core/types.js';
import { setFormula, type TemplateSheet } from './layout.js';
import { heatRules, tierRules } from './matrix-heat.js';

const MEASURES = ['Customers', 'Revenue', 'Net profit', 'Share of profit'] as const;
const FORMAT_OF = [FORMATS.integer, FORMATS.money0, FORMATS.money0, FORMATS.percent];

/** The matrix's total row: customers with revenue only (the No revenue group is outside). */
export const MATRIX_TOTAL = 'Total: customers with revenue';
/** The line that ties to the business's net profit: the matrix total plus No revenue. */
export const ALL_CUSTOMERS = 'All customers';

export function matrixSheet(tiers: readonly string[]): TemplateSheet {
  const spec = emptySheet('Profit Matrix');
  const formulas: (string | undefined)[][] = [];
  addRows(spec, [
    ['Profit Matrix'],
    [],
    ['Live: recalculates from the Customers and Settings sheets.'],
    [],
  ]);
  spec.titles.push(rect(0, 0));
  const head = addRows(spec, [['Revenue size', 'Measure', ...PROFIT_CLASSES, 'Total']]);
  styleHeader(spec, head, 6);

  const sumOf: Record<(typeof MEASURES)[number], (seg: string) => string> = {
    Customers: (seg) => `COUNTIF(Segment,${seg})`,
    Revenue: (seg) => `SUMIF(Segment,${seg},Revenue)`,
    'Net profit': (seg) => `SUMIF(Segment,${seg},NetProfit)`,
    'Share of profit': () => '',
  };
  const totalRow = head + 1 + SIZE_CLASSES.length * 5;
  const totalNet = `$F$${totalRow + 3}`; // the matrix's total net profit
  // a share of a loss would read as a profit (DOMAIN.md §17): none unless the total is positive
  const share = (netCell: string) => `IF(${totalNet}<=0,"",${netCell}/${totalNet})`;
  const L = ['C', 'D', 'E'];
  SIZE_CLASSES.forEach((size) => {
    const top = addRows(spec, [[size, 'Tier'], ...MEASURES.map((m): SheetValue[] => [null, m])]);
    spec.bold.push(rect(top, 0, 1, 5));
    PROFIT_CLASSES.forEach((p, j) => {
      const seg = `"${size}/${p}"`;
      setFormula(formulas, top, 2 + j, `INDEX(TierNames,MATCH(${seg},TierSegments,0))`);
      MEASURES.forEach((m, k) => {
        const row = top + 1 + k;
        setFormula(
          formulas,
          row,
          2 + j,
          m === 'Share of profit' ? share(`${L[j]}${row}`) : sumOf[m](seg),
        );
      });
    });
    MEASURES.forEach((m, k) => {
      const row = top + 1 + k,
        r1 = row + 1;
      setFormula(
        formulas,
        row,
        5,
        m === 'Share of profit' ? share(`F${row}`) : `SUM(C${r1}:E${r1})`,
      );
      spec.formats.push({ range: rect(row, 2, 1, 4), format: FORMAT_OF[k] });
    });
  });
  const total = addRows(
    spec,
    MEASURES.map((m, k): SheetValue[] => [k === 0 ? MATRIX_TOTAL : null, m]),
  );
  spec.bold.push(rect(total, 0, 4, 1));
  MEASURES.forEach((m, k) => {
    const row = total + k;
    for (let j = 0; j < 4; j++) {
      const L2 = 'CDEF'[j];
      const rows = SIZE_CLASSES.map((_, s) => `${L2}${head + 1 + s * 5 + 1 + k + 1}`);
      setFormula(
        formulas,
        row,
        2 + j,
        m === 'Share of profit' ? share(`${L2}${row}`) : rows.join('+'),
      );
    }
    spec.formats.push({ range: rect(row, 2, 1, 4), format: FORMAT_OF[k] });
  });
  whatIfGrid(spec, formulas, head);

  // The report's colours (§17): each cell by its own net profit against the largest profit or loss
  // of the nine; the tier row in the report's tier fills.
  const scale = addRows(spec, [
    ['Colours', 'Largest profit'],
    [null, 'Largest loss'],
    [
      'Green for profit, red for loss, stronger for more, as in the report: each cell by its net profit against the largest cell profit or loss.',
    ],
  ]);
  const rules: ExcelJS.ConditionalFormattingOptions[] = [];
  for (const c0 of [2, 9]) {
    const L = (j: number) => columnLetter(c0 + j);
    const nets = SIZE_CLASSES.map(
      (_, s) => `${L(0)}${head + s * 5 + 5}:${L(2)}${head + s * 5 + 5}`,
    );
    setFormula(formulas, scale, c0, `MAX(0,${nets.join(',')})`);
    setFormula(formulas, scale + 1, c0, `MAX(0,-MIN(${nets.join(',')}))`);
    spec.formats.push({ range: rect(scale, c0, 2, 1), format: FORMATS.money0 });
    const maxP = `$${L(0)}$${scale + 1}`,
      maxL = `$${L(0)}$${scale + 2}`;
    SIZE_CLASSES.forEach((_, s) => {
      const top = head + 1 + s * 5; // 0-based tier row; the measures are the four rows below it
      rules.push(tierRules(`${L(0)}${top + 1}:${L(2)}${top + 1}`, tiers));
      for (let j = 0; j < 3; j++)
        rules.push(
          heatRules(`${L(j)}${top + 2}:${L(j)}${top + 5}`, `$${L(j)}$${top + 4}`, maxP, maxL),
        );
    });
  }

  addRows(spec, [[]]);
  const nr = addRows(spec, [
    [NO_REVENUE, 'Customers'],
    [null, 'Revenue'],
    [null, 'Net profit'],
  ]);
  setFormula(formulas, nr, 2, `COUNTIF(SizeClass,"${NO_REVENUE}")`);
  setFormula(formulas, nr + 1, 2, `SUMIF(SizeClass,"${NO_REVENUE}",Revenue)`);
  setFormula(formulas, nr + 2, 2, `SUMIF(SizeClass,"${NO_REVENUE}",NetProfit)`);
  spec.bold.push(rect(nr, 0));
  spec.formats.push(
    { range: rect(nr, 2), format: FORMATS.integer },
    { range: rect(nr + 1, 2, 2, 1), format: FORMATS.money0 },
  );
  // the matrix total plus the No revenue group: ties to the business's net profit (as the report)
  const all = addRows(spec, [
    [ALL_CUSTOMERS, 'Customers'],
    [null, 'Revenue'],
    [null, 'Net profit'],
  ]);
  for (let k = 0; k < 3; k++) setFormula(formulas, all + k, 2, `F${total + k + 1}+C${nr + k + 1}`);
  spec.bold.push(rect(all, 0));
  spec.formats.push(
    { range: rect(all, 2), format: FORMATS.integer },
    { range: rect(all + 1, 2, 2, 1), format: FORMATS.money0 },
  );

  addRows(spec, [[]]);
  const words = addRows(spec, [[], [], []]);
  setFormula(
    formulas,
    words,
    0,
    'IF(SizeMethod="pareto","Large: the biggest customers, who together make the first "&TEXT(ParetoLarge,"0 %")&" of revenue. Medium: the next, up to "&TEXT(ParetoMedium,"0 %")&". Small: the rest.",' +
      'IF(SizeMethod="terciles","Large, Medium, Small: the top, middle and bottom third of customers by revenue.","Large: revenue of "&TEXT(FixedLarge,"#,##0")&" or more. Medium: "&TEXT(FixedMedium,"#,##0")&" or more. Small: less."))',
  );
  setFormula(
    formulas,
    words + 1,
    0,
    'IF(ProfitMethod="bands","High: net margin at or above "&TEXT(MarginTarget,"0.0 %")&IF(ISNUMBER(TargetOverride),""," (the overall margin: net profit ÷ revenue of the customers with revenue > 0, 0 when negative)")&". Low: customers who lose money. Mid: the rest.",' +
      'IF(ProfitMethod="terciles","High, Mid, Low: the top, middle and bottom third by net margin within each size.","High: net margin of "&TEXT(FixedHigh,"0.0 %")&" or more. Mid: "&TEXT(FixedLow,"0.0 %")&" or more. Low: less."))',
  );
  setFormula(
    formulas,
    words + 2,
    0,
    '"Customers: "&TEXT(COUNTA(CustomerKey),"#,##0")&" · with revenue: "&TEXT(MatrixCount,"#,##0")',
  );
  addRows(spec, [[]]);
  whatIfSummary(spec, formulas);
  // column A holds the what-if's labels too ("Change in the business's net profit")
  spec.columnWidths = [36, 16, 18, 18, 18, 18, 3, 14, 16, 18, 18, 18, 18];
  return { spec, extras: { formulas }, names: [], template: { rules } };
}

/**
 * The what-if's matrix (DOMAIN.md §11) in columns H–M, beside the baseline, row for row: the same
 * measures over the Customers sheet's Scenario columns.
 */
function whatIfGrid(spec: SheetSpec, formulas: (string | undefined)[][], head: number): void {
  const C0 = 7; // column H
  const L = (j: number) => columnLetter(C0 + j);
  // rows of the baseline grid, padded with blanks up to the what-if's columns
  const row = (r: number) => {
    spec.values[r] ??= [];
    const v = spec.values[r];
    while (v.length < C0 + 6) v.push(null);
    return v;
  };
  row(head)[C0] = 'What-if size';
  row(head)[C0 + 1] = 'Measure';
  PROFIT_CLASSES.forEach((p, j) => {
    row(head)[C0 + 2 + j] = p;
  });
  row(head)[C0 + 5] = 'Total';
  spec.width = Math.max(spec.width, C0 + 6);
  const h = rect(head, C0, 1, 6);
  spec.bold.push(h);
  spec.fills.push({ range: h, color: '#375623' });
  spec.fontColors.push({ range: h, color: '#FFFFFF' });
  const sumOf: Record<(typeof MEASURES)[number], (seg: string) => string> = {
    Customers: (seg) => `COUNTIF(ScenarioSegment,${seg})`,
    Revenue: (seg) => `SUMIF(ScenarioSegment,${seg},ScenarioRevenue)`,
    'Net profit': (seg) => `SUMIF(ScenarioSegment,${seg},ScenarioNetProfit)`,
    'Share of profit': () => '',
  };
  const totalRow = head + 1 + SIZE_CLASSES.length * 5;
  const totalNet = `$${L(5)}$${totalRow + 3}`;
  const share = (netCell: string) => `IF(${totalNet}<=0,"",${netCell}/${totalNet})`;
  SIZE_CLASSES.forEach((size, si) => {
    const top = head + 1 + si * 5;
    row(top)[C0] = size;
    row(top)[C0 + 1] = 'Tier';
    spec.bold.push(rect(top, C0, 1, 5));
    PROFIT_CLASSES.forEach((p, j) => {
      const seg = `"${size}/${p}"`;
      setFormula(formulas, top, C0 + 2 + j, `INDEX(TierNames,MATCH(${seg},TierSegments,0))`);
      MEASURES.forEach((m, k) => {
        const r = top + 1 + k;
        row(r)[C0 + 1] = m;
        setFormula(
          formulas,
          r,
          C0 + 2 + j,
          m === 'Share of profit' ? share(`${L(2 + j)}${r}`) : sumOf[m](seg),
        );
      });
    });
    MEASURES.forEach((m, k) => {
      const r = top + 1 + k,
        r1 = r + 1;
      setFormula(
        formulas,
        r,
        C0 + 5,
        m === 'Share of profit' ? share(`${L(5)}${r}`) : `SUM(${L(2)}${r1}:${L(4)}${r1})`,
      );
      spec.formats.push({ range: rect(r, C0 + 2, 1, 4), format: FORMAT_OF[k] });
    });
  });
  MEASURES.forEach((m, k) => {
    const r = totalRow + k;
    row(r)[C0] = k === 0 ? 'Total' : null;
    row(r)[C0 + 1] = m;
    for (let j = 0; j < 4; j++) {
      const rows = SIZE_CLASSES.map((_, s) => `${L(2 + j)}${head + 1 + s * 5 + 1 + k + 1}`);
      setFormula(
        formulas,
        r,
        C0 + 2 + j,
        m === 'Share of profit' ? share(`${L(2 + j)}${r}`) : rows.join('+'),
      );
    }
    spec.formats.push({ range: rect(r, C0 + 2, 1, 4), format: FORMAT_OF[k] });
  });
  spec.bold.push(rect(totalRow, C0, 4, 1));
}

/**
 * The what-if against the baseline in money: net profit of all customers, unused capacity, and the
 * change in the business's net profit (customers' change less the change in unused capacity: a
 * customer who exits takes no capacity cost with it).
 */
function whatIfSummary(spec: SheetSpec, formulas: (string | undefined)[][]): void {
  const head = addRows(spec, [['What-if', 'Baseline', 'What-if', 'Change']]);
  styleHeader(spec, head, 4);
  const lines: [string, string, string, string][] = [
    ['Net profit, all customers', 'SUM(NetProfit)', 'SUM(ScenarioNetProfit)', FORMATS.money0],
    ['Unused capacity cost', 'UnusedCapacityCost', 'ScenarioUnusedCapacityCost', FORMATS.money0],
    ['Customers', 'COUNTA(CustomerKey)', 'SUM(ScenarioIn)', FORMATS.integer],
  ];
  const first = addRows(
    spec,
    lines.map(([label]) => [label]),
  );
  lines.forEach(([, base, scenario, format], i) => {
    const r = first + i,
      x = r + 1;
    setFormula(formulas, r, 1, base);
    setFormula(formulas, r, 2, scenario);
    setFormula(formulas, r, 3, `C${x}-B${x}`);
    spec.formats.push({ range: rect(r, 1, 1, 3), format });
  });
  const change = addRows(spec, [["Change in the business's net profit"]]);
  setFormula(formulas, change, 3, `D${first + 1}-D${first + 2}`);
  spec.bold.push(rect(change, 0, 1, 4));
  spec.formats.push({ range: rect(change, 3), format: FORMATS.money0 });
  spec.conditional.push({ range: rect(change, 3), type: 'negative' });
  const exits = addRows(spec, [['Customers who exit'], ['Customers whose tier changes']]);
  setFormula(formulas, exits, 3, 'COUNTIF(ScenarioTier,"Exited")');
  setFormula(formulas, exits + 1, 3, 'SUMPRODUCT((CustomerKey<>"")*(ScenarioTier<>CustomerTier))');
  spec.formats.push({ range: rect(exits, 3, 2, 1), format: FORMATS.integer });
}
