/**
 * The Profit Matrix sheet: the 3×3 grid (tier, customers, revenue, net profit, share of profit per
 * cell) with heat colours, totals, the action per segment, and the thresholds in plain words.
 */
import type { Analysis } from '../analyze.js';
import { formatMoney, formatPercent } from '../format.js';
import { capacityLine, sensitivityLine } from '../scenario-words.js';
import { thresholdsInWords } from '../thresholds-in-words.js';
import { PROFIT_CLASSES, SIZE_CLASSES } from '../types.js';
import { heat, tierFill } from './colours.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  type SheetValue,
  styleHeader,
} from './sheet-spec.js';

const MEASURES = ['Customers', 'Revenue', 'Net profit', 'Share of profit'] as const;
const MEASURE_FORMATS = [FORMATS.integer, FORMATS.money0, FORMATS.money0, FORMATS.percent];

export function profitMatrixSheet(a: Analysis): SheetSpec {
  const s = emptySheet('Profit Matrix');
  const t = a.totals;
  addRows(s, [
    ['Profit Matrix'],
    [
      `${t.customers} customers · revenue ${formatMoney(t.revenue)} · net profit ${formatMoney(t.netProfit)}${t.netMargin === null ? '' : ` (${formatPercent(t.netMargin)} margin)`}${a.period ? ` · period ${a.period}` : ''}`,
    ],
    [`Whale curve: ${a.whale.reading}.`],
    [],
  ]);
  s.titles.push(rect(0, 0));
  const head = addRows(s, [['Revenue size', 'Profitability →', ...PROFIT_CLASSES, 'Total']]);
  styleHeader(s, head, 6);

  const maxAbsShare = Math.max(1e-12, ...a.matrix.map((c) => Math.abs(c.shareOfProfit ?? 0)));
  SIZE_CLASSES.forEach((size, si) => {
    const cells = PROFIT_CLASSES.map((_, p) => a.matrix[si * 3 + p]);
    const sum = (f: (c: (typeof cells)[number]) => number) => cells.reduce((x, c) => x + f(c), 0);
    const sizeShare =
      t.matrixCustomers && a.whale.totalNetProfit
        ? sum((c) => c.netProfit) / a.whale.totalNetProfit
        : null;
    const top = addRows(s, [
      [size, 'Tier', ...cells.map((c) => c.tier), null],
      [null, MEASURES[0], ...cells.map((c) => c.count), sum((c) => c.count)],
      [null, MEASURES[1], ...cells.map((c) => c.revenue), sum((c) => c.revenue)],
      [null, MEASURES[2], ...cells.map((c) => c.netProfit), sum((c) => c.netProfit)],
      [null, MEASURES[3], ...cells.map((c) => c.shareOfProfit), sizeShare],
    ]);
    s.bold.push(rect(top, 0, 1, 5));
    MEASURE_FORMATS.forEach((f, m) => {
      s.formats.push({ range: rect(top + 1 + m, 2, 1, 4), format: f });
    });
    cells.forEach((c, p) => {
      s.fills.push({
        range: rect(top + 1, 2 + p, 4, 1),
        color: heat((c.shareOfProfit ?? 0) / maxAbsShare),
      });
      s.fills.push({ range: rect(top, 2 + p, 1, 1), color: tierFill(c.tier) });
    });
  });
  const total = addRows(s, [
    [
      'Total',
      MEASURES[0],
      ...PROFIT_CLASSES.map((_, p) => colSum(a, p, (c) => c.count)),
      t.matrixCustomers,
    ],
    [
      null,
      MEASURES[1],
      ...PROFIT_CLASSES.map((_, p) => colSum(a, p, (c) => c.revenue)),
      a.matrix.reduce((x, c) => x + c.revenue, 0),
    ],
    [
      null,
      MEASURES[2],
      ...PROFIT_CLASSES.map((_, p) => colSum(a, p, (c) => c.netProfit)),
      a.whale.totalNetProfit,
    ],
    [
      null,
      MEASURES[3],
      ...PROFIT_CLASSES.map((_, p) =>
        a.whale.totalNetProfit ? colSum(a, p, (c) => c.netProfit) / a.whale.totalNetProfit : null,
      ),
      a.whale.totalNetProfit ? 1 : null,
    ],
  ]);
  s.bold.push(rect(total, 0, 4, 1));
  MEASURE_FORMATS.forEach((f, m) => {
    s.formats.push({ range: rect(total + m, 2, 1, 4), format: f });
  });

  addRows(s, [[]]);
  // Customers in the last column: the action text needs the three columns before it.
  // With sensitivity (§12), how many of each segment's customers a single ±X move re-tiers.
  const fragile = fragileBySegment(a);
  const actHead = addRows(s, [
    ['Segment', 'Tier', 'Action', null, null, 'Customers', ...(fragile ? ['Fragile'] : [])],
  ]);
  styleHeader(s, actHead, fragile ? 7 : 6);
  const actRows = addRows(
    s,
    a.matrix.map((c, i): SheetValue[] => [
      c.segment,
      c.tier,
      c.action,
      null,
      null,
      c.count,
      ...(fragile ? [fragile[i]] : []),
    ]),
  );
  a.matrix.forEach((c, i) => {
    s.fills.push({ range: rect(actRows + i, 1), color: tierFill(c.tier) });
  });
  s.formats.push({ range: rect(actRows, 5, 9, fragile ? 2 : 1), format: FORMATS.integer });

  addRows(s, [[]]);
  const notes: SheetValue[][] = thresholdsInWords(a.settings, t.marginTarget).map((l) => [l]);
  const k = a.concierge;
  notes.push([
    k.count
      ? `Concierge economics: ${k.count} accounts earn ${formatMoney(k.netProfit)} (${k.shareOfProfit === null ? '–' : formatPercent(k.shareOfProfit)} of profit); at ${formatPercent(k.budgetShare)} they carry ${formatMoney(k.serviceBudget)} of extra service, ${formatMoney(k.budgetPerAccount!)} per account.`
      : 'Concierge economics: no Concierge accounts.',
  ]);
  if (t.noRevenue.count)
    notes.push([
      `No revenue: ${t.noRevenue.count} customers outside the matrix, net profit ${formatMoney(t.noRevenue.netProfit)} (counted in the totals above).`,
    ]);
  // Capacity lines here until the Assumptions sheet carries them too (§13, §17).
  a.cost.capacity.forEach((r, i) => {
    notes.push([`Capacity ${capacityLine(r, a.settings.capacity[i].minutes)}`]);
  });
  if (a.sensitivity)
    notes.push([
      `${sensitivityLine(a.sensitivity, t.matrixCustomers)} Fragile customers are marked in the Customers sheet's Sensitivity column.`,
    ]);
  notes.push([
    `Rows: ${a.rows.total} read, ${a.rows.used} used, ${a.rows.rejected.length} not used (see Data Issues).`,
  ]);
  addRows(s, notes);
  s.columnWidths = [14, 16, 22, 22, 22, 16, ...(fragile ? [10] : [])];
  return s;
}

/** Per segment (SEGMENTS order), the customers some single sensitivity move re-tiers; null when off. */
function fragileBySegment(a: Analysis): number[] | null {
  const sens = a.sensitivity;
  if (!sens) return null;
  const count = new Array<number>(9).fill(0),
    seg = a.classes.segment;
  for (let c = 0; c < seg.length; c++) if (seg[c] >= 0 && sens.isFragile(c)) count[seg[c]]++;
  return count;
}

function colSum(a: Analysis, p: number, f: (c: Analysis['matrix'][number]) => number): number {
  return f(a.matrix[p]) + f(a.matrix[3 + p]) + f(a.matrix[6 + p]);
}
