/**
 * The Profit Matrix sheet: the 3×3 grid (tier, customers, revenue, net profit, share of profit per
 * cell) with heat colours, totals, the action per segment, and the thresholds in plain words.
 */
import type { Analysis } from '../analyze.js';
import { moneyLoserCauses } from '../causes.js';
import { formatMoney, formatPercent, plural } from '../format.js';
import { cellTierLabel } from '../matrix.js';
import { capacityLine, sensitivityLine } from '../scenario-words.js';
import { serviceQualityWords } from '../service-quality.js';
import { thresholdsInWords } from '../thresholds-in-words.js';
import { PROFIT_CLASSES, SIZE_CLASSES } from '../types.js';
import { whaleBenchmark } from '../whale-curve.js';
import { LOSS_FONT, profitHeat, tierFill } from './colours.js';
import { EXIT_SHARES_NOTE, exitRevenue } from './exit-revenue.js';
import { layOut } from './layout.js';
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
/** Money on a heat fill: the sign, no red text (the fill carries the colour). */
export const ON_FILL_MONEY = '#,##0;-#,##0';
export const ON_FILL_FONT = '#000000';

export function profitMatrixSheet(a: Analysis): SheetSpec {
  const s = emptySheet('Profit Matrix');
  const t = a.totals;
  addRows(s, [
    ['Profit Matrix'],
    [
      `${plural(t.customers, 'customer')} · revenue ${formatMoney(t.revenue)} · net profit ${formatMoney(t.netProfit)}${t.netMargin === null ? '' : ` (${formatPercent(t.netMargin)} net margin)`}${a.period ? ` · period ${a.period}` : ''}`,
    ],
    [`Whale curve: ${a.whale.reading}.`],
    // warnings on top: a reader who stops at the grid must not miss "cost-to-serve is 0"
    ...a.warnings.map((w) => [`Warning: ${w}.`]),
    [],
  ]);
  s.titles.push(rect(0, 0));
  if (a.warnings.length)
    s.fontColors.push({ range: rect(3, 0, a.warnings.length, 1), color: LOSS_FONT });
  const head = addRows(s, [['Revenue size', 'Profitability →', ...PROFIT_CLASSES, 'Total']]);
  styleHeader(s, head, 6);

  // colours follow money (§17): a cell's net profit, never its share of a possibly negative total
  const heat = profitHeat(a.matrix.map((c) => c.netProfit));
  const shares = a.whale.totalNetProfit > 0;
  SIZE_CLASSES.forEach((size, si) => {
    const cells = PROFIT_CLASSES.map((_, p) => a.matrix[si * 3 + p]);
    const sum = (f: (c: (typeof cells)[number]) => number) => cells.reduce((x, c) => x + f(c), 0);
    const sizeShare =
      t.matrixCustomers && shares ? sum((c) => c.netProfit) / a.whale.totalNetProfit : null;
    const top = addRows(s, [
      [size, 'Tier', ...cells.map((c) => cellTierLabel(c)), null],
      [null, MEASURES[0], ...cells.map((c) => c.count), sum((c) => c.count)],
      [null, MEASURES[1], ...cells.map((c) => c.revenue), sum((c) => c.revenue)],
      [null, MEASURES[2], ...cells.map((c) => c.netProfit), sum((c) => c.netProfit)],
      [null, shareLabel(shares), ...cells.map((c) => c.shareOfProfit), sizeShare],
    ]);
    s.bold.push(rect(top, 0, 1, 5));
    MEASURE_FORMATS.forEach((f, m) => {
      s.formats.push({ range: rect(top + 1 + m, 2, 1, 4), format: f });
    });
    cells.forEach((c, p) => {
      s.fills.push({ range: rect(top + 1, 2 + p, 4, 1), color: heat[si * 3 + p] });
      s.fills.push({ range: rect(top, 2 + p, 1, 1), color: tierFill(c.tier) });
    });
    // on the heat fills, black figures with their sign: red text on a red fill does not read,
    // on screen or in greyscale (the fill already says loss)
    s.formats.push(
      { range: rect(top + 2, 2, 2, 3), format: ON_FILL_MONEY },
      { range: rect(top + 4, 2, 1, 3), format: FORMATS.percent },
    );
    s.fontColors.push({ range: rect(top + 1, 2, 4, 3), color: ON_FILL_FONT });
  });
  const total = addRows(s, [
    [
      t.noRevenue.count ? 'Total (matrix customers)' : 'Total',
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
      shareLabel(shares),
      ...PROFIT_CLASSES.map((_, p) =>
        shares ? colSum(a, p, (c) => c.netProfit) / a.whale.totalNetProfit : null,
      ),
      shares ? 1 : null,
    ],
  ]);
  s.bold.push(rect(total, 0, 4, 1));
  MEASURE_FORMATS.forEach((f, m) => {
    s.formats.push({ range: rect(total + m, 2, 1, 4), format: f });
  });
  // §3: customers with revenue ≤ 0 sit outside the matrix; the tie-out to the headline totals
  if (t.noRevenue.count) {
    const out = addRows(s, [
      ['No revenue (outside the matrix)', MEASURES[0], null, null, null, t.noRevenue.count],
      [null, MEASURES[1], null, null, null, t.noRevenue.revenue],
      [null, MEASURES[2], null, null, null, t.noRevenue.netProfit],
      ['All customers', MEASURES[0], null, null, null, t.customers],
      [null, MEASURES[1], null, null, null, t.revenue],
      [null, MEASURES[2], null, null, null, t.netProfit],
    ]);
    s.bold.push(rect(out, 0, 1, 1), rect(out + 3, 0, 1, 1));
    [0, 3].forEach((k) => {
      MEASURE_FORMATS.slice(0, 3).forEach((f, m) => {
        s.formats.push({ range: rect(out + k + m, 5, 1, 1), format: f });
      });
    });
  }

  addRows(s, [[]]);
  // Customers in the last column: the action text needs the three columns before it.
  // With sensitivity (§12), how many of each segment's customers a single ±X move re-tiers.
  const fragile = fragileBySegment(a);
  const actHead = addRows(s, [
    ['Segment', 'Tier', 'Action', null, null, 'Customers', ...(fragile ? ['Fragile'] : [])],
  ]);
  styleHeader(s, actHead, fragile ? 7 : 6);
  s.merges.push(rect(actHead, 2, 1, 3));
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
    s.merges.push(rect(actRows + i, 2, 1, 3)); // the action across Action and the two blanks after it
  });
  s.formats.push({ range: rect(actRows, 5, 9, fragile ? 2 : 1), format: FORMATS.integer });
  if (t.moneyLosers)
    addRows(s, [
      [
        "Money-losers, in every tier: each one's own action on Customers says exit (only where leaving raises profit) or reprice, with the figures.",
      ],
    ]);

  addRows(s, [[]]);
  const notes: SheetValue[][] = thresholdsInWords(a.settings, t.marginTarget).map((l) => [l]);
  if (a.whale.customers) notes.push([`Benchmark: ${whaleBenchmark(a.whale)}.`]);
  if (t.moneyLosers) {
    const causes = moneyLoserCauses(a.causes)
      .map((x) => `${x.cause.toLowerCase()} ${x.customers}`)
      .join(', ');
    notes.push([`Money-losers: ${t.moneyLosers}; their causes (see Why): ${causes}.`]);
    const e = a.exit.totals,
      gone = exitRevenue(a);
    notes.push([
      e.helps
        ? `Exit: leaving would raise profit for ${e.helps} of them, by ${formatMoney(e.gain)} in all, and ${formatMoney(gone.revenue)} of revenue${gone.share === null ? '' : ` (${formatPercent(gone.share)})`} goes with them${e.strandedCost > 0 ? `; ${formatMoney(e.strandedCost)} of their cost-to-serve stays and is re-spread over the other customers` : ''} (${EXIT_SHARES_NOTE}).${e.helps < t.moneyLosers ? ` Reprice the other ${t.moneyLosers - e.helps}: see Break-even price change on Customers.` : ''}`
        : 'Exit: no money-loser leaving would raise profit (the pooled cost it carries would stay); reprice them: see Break-even price change on Customers.',
    ]);
  }
  const k = a.concierge;
  notes.push([
    k.count
      ? `Concierge economics: ${plural(k.count, 'account')} earn${k.count === 1 ? 's' : ''} ${formatMoney(k.netProfit)}${k.shareOfProfit === null ? '' : ` (${formatPercent(k.shareOfProfit)} of profit)`}; at ${formatPercent(k.budgetShare)} ${k.count === 1 ? 'it carries' : 'they carry'} ${formatMoney(k.serviceBudget)} of extra service, ${formatMoney(k.budgetPerAccount!)} per account.${k.movedToMaintain ? ` ${plural(k.movedToMaintain, 'more Large/High account')} ${k.movedToMaintain === 1 ? 'gets' : 'get'} Maintain (Concierge accounts at most: conciergeMaxAccounts).` : ''}`
      : 'Concierge economics: no Concierge accounts.',
  ]);
  const q = a.service;
  if (q) notes.push([`Service quality: ${serviceQualityWords(q, a.cost.rates)}.`]);
  if (t.noRevenue.count)
    notes.push([
      `No revenue: ${plural(t.noRevenue.count, 'customer')} outside the matrix, net profit ${formatMoney(t.noRevenue.netProfit)} (in the All customers rows above, which tie to the headline totals).`,
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
    `Rows: ${a.rows.total.toLocaleString('en-US')} read, ${a.rows.used.toLocaleString('en-US')} used, ${a.rows.rejected.length.toLocaleString('en-US')} not used (see Data Issues).`,
  ]);
  addRows(s, notes);
  return layOut(s, { onePage: true });
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

/** The share row's label: a share of a loss would read as a profit, so say why it is empty. */
function shareLabel(shares: boolean): string {
  return shares ? MEASURES[3] : 'Share of profit (none: a loss overall)';
}

function colSum(a: Analysis, p: number, f: (c: Analysis['matrix'][number]) => number): number {
  return f(a.matrix[p]) + f(a.matrix[3 + p]) + f(a.matrix[6 + p]);
}
