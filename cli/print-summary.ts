/**
 * The readable table the CLI prints without --json: the 3×3 matrix with tiers, and a short
 * summary (totals, whale curve and Kaplan's benchmark, the causes of money-losers, exit
 * economics, concierge budget and service quality, warnings, rows used and rejected).
 */
import type { Analysis } from '../core/analyze.js';
import { moneyLoserCauses } from '../core/causes.js';
import { formatCount, formatMoney, formatPercent, plural } from '../core/format.js';
import type { GroupTable } from '../core/groups.js';
import { cellTierLabel } from '../core/matrix.js';
import { EXIT_SHARES_NOTE, exitRevenue } from '../core/report/exit-revenue.js';
import { baselineTotals } from '../core/scenario.js';
import { capacityLine, scenarioLine, sensitivityLine } from '../core/scenario-words.js';
import { serviceQualityWords } from '../core/service-quality.js';
import { thresholdsInWords } from '../core/thresholds-in-words.js';
import type { Trend } from '../core/trend.js';
import { PROFIT_CLASSES, SIZE_CLASSES } from '../core/types.js';
import { whaleBenchmark } from '../core/whale-curve.js';
import { WIDTH, wrap } from './wrap.js';

/** The matrix's label column ("  share of profit") and cell width: LABEL + 8 + 3 × W ≤ WIDTH. */
const LABEL = 17,
  W = Math.floor((WIDTH - LABEL - 8) / 3);

export function printSummary(a: Analysis, source: string): string {
  const t = a.totals,
    out: string[] = [];
  out.push(`Profit Tiers: ${source}${a.period ? ` (period ${a.period})` : ''}`);
  out.push(
    `${plural(t.customers, 'customer')}, revenue ${formatMoney(t.revenue)}, net profit ${formatMoney(t.netProfit)}${t.netMargin === null ? '' : ` (${formatPercent(t.netMargin)} net margin)`}`,
  );
  // warnings first: a reader who stops at the matrix must not miss "cost-to-serve is 0"
  for (const w of a.warnings) out.push(`Warning: ${w}.`);
  out.push('');
  // What each line of a cell holds is said once, in the label column, so a cell holds one figure.
  const rule = `${'─'.repeat(LABEL)}┼${`${'─'.repeat(W + 2)}┼`.repeat(2)}${'─'.repeat(W + 1)}`;
  out.push(
    matrixLine(
      'Size',
      PROFIT_CLASSES.map((p) => `${p} profitability`),
    ),
  );
  SIZE_CLASSES.forEach((size, s) => {
    out.push(rule);
    const cells = PROFIT_CLASSES.map((_, p) => a.matrix[s * 3 + p]);
    out.push(
      matrixLine(
        size,
        cells.map((c) => cellTierLabel(c)),
      ),
    );
    out.push(
      matrixLine(
        '  customers',
        cells.map((c) => c.count.toLocaleString('en-US')),
      ),
    );
    out.push(
      matrixLine(
        '  revenue',
        cells.map((c) => fitMoney(c.revenue)),
      ),
    );
    out.push(
      matrixLine(
        '  net profit',
        cells.map((c) => fitMoney(c.netProfit)),
      ),
    );
    // a share of profit only when total net profit > 0 (§17); it is not a margin
    if (cells.some((c) => c.shareOfProfit !== null))
      out.push(
        matrixLine(
          '  share of profit',
          cells.map((c) => (c.shareOfProfit === null ? '' : fitPercent(c.shareOfProfit))),
        ),
      );
  });
  out.push('');
  for (const line of thresholdsInWords(a.settings, a.totals.marginTarget)) out.push(line);
  out.push(`Whale curve: ${a.whale.reading}.`);
  if (a.whale.customers) out.push(`Benchmark: ${whaleBenchmark(a.whale)}.`);
  const losers = a.totals.moneyLosers;
  if (losers) {
    const causes = moneyLoserCauses(a.causes)
      .map((x) => `${x.cause.toLowerCase()} ${x.customers}`)
      .join(', ');
    out.push(`Money-losers: ${plural(losers, 'customer')}; their causes: ${causes}.`);
    const e = a.exit.totals,
      gone = exitRevenue(a);
    out.push(
      e.helps
        ? `Exit: leaving would raise profit for ${e.helps} of them, by ${formatMoney(e.gain)} in all, and ${formatMoney(gone.revenue)} of revenue${gone.share === null ? '' : ` (${formatPercent(gone.share)})`} goes with them${e.strandedCost > 0 ? ` (${formatMoney(e.strandedCost)} of their cost-to-serve stays with the other customers)` : ''}${e.helps < losers ? `; reprice the other ${losers - e.helps}` : ''} (break-even price change per customer in --json and the report; ${EXIT_SHARES_NOTE}).`
        : `Exit: no money-loser's exit would raise profit (their pooled cost would stay with the others); reprice them (break-even price change per customer in --json and the report).`,
    );
  }
  const k = a.concierge;
  if (k.count)
    out.push(
      `Concierge: ${plural(k.count, 'account')} earn${k.count === 1 ? 's' : ''} ${formatMoney(k.netProfit)}; at ${formatPercent(k.budgetShare)} they carry a service budget of ${formatMoney(k.serviceBudget)} (${formatMoney(k.budgetPerAccount!)} per account).${k.movedToMaintain ? ` ${plural(k.movedToMaintain, 'more Large/High account')} moved to Maintain (Concierge accounts at most: conciergeMaxAccounts).` : ''}`,
    );
  const q = a.service;
  if (q) out.push(`Service: ${serviceQualityWords(q, a.cost.rates)}.`);
  if (t.noRevenue.count)
    out.push(
      `No revenue: ${plural(t.noRevenue.count, 'customer')} outside the matrix, net profit ${formatMoney(t.noRevenue.netProfit)}.`,
    );
  if (a.migration) {
    const m = a.migration;
    out.push(
      `Migration ${m.from} → ${m.to}: ${plural(m.movedUp, 'customer')} moved up a segment, ${formatCount(m.movedDown)} down, ${formatCount(m.unchanged)} in the same segment; ${formatCount(m.new.count)} new (revenue ${formatMoney(m.new.revenue)}), ${formatCount(m.lost.count)} lost (revenue ${formatMoney(m.lost.revenue)}).`,
    );
  }
  for (const g of a.groups) out.push(groupLine(g, a.period));
  if (a.trend) out.push(trendLine(a.trend));
  a.cost.capacity.forEach((r, i) => {
    out.push(`Capacity ${capacityLine(r, a.settings.capacity[i].minutes)}`);
  });
  if (a.sensitivity) out.push(sensitivityLine(a.sensitivity, t.matrixCustomers));
  const base = baselineTotals(a, a.settings);
  for (const sc of a.scenarios)
    out.push(`Scenario ${scenarioLine(sc, base, Object.keys(a.settings.avoidable).length > 0)}`);
  rowLines(out, 'Rows', a.rows);
  if (a.previousRows) rowLines(out, 'Rows of the previous table', a.previousRows);
  return out.flatMap((line) => wrap(line, WIDTH)).join('\n');
}

/** One line of the matrix: the label column, then three cells; no trailing blanks. */
function matrixLine(label: string, cells: string[]): string {
  return `${pad(label, LABEL)}│ ${cells.map((x) => pad(x, W)).join(' │ ')}`.trimEnd();
}

/** Money in a cell: whole units, or thousands (k) … when the figure is wider than the cell. */
function fitMoney(x: number): string {
  let text = formatMoney(x);
  for (const [scale, unit] of [
    [1e3, 'k'],
    [1e6, 'm'],
    [1e9, 'bn'],
    [1e12, 'tn'],
  ] as const) {
    if (text.length <= W) return text;
    text = `${formatMoney(x / scale)} ${unit}`;
  }
  return text.length <= W ? text : x.toExponential(3);
}

function fitPercent(share: number): string {
  const text = formatPercent(share);
  return text.length <= W ? text : `${(share * 100).toExponential(2)} %`;
}

/**
 * How many rows were read, used and not used, and the first five reasons not used. A run of
 * consecutive rows not used for the same reason is one line ("rows 11–1003: blank row, 993
 * rows"): a template's empty formula rows would otherwise fill the five lines.
 */
function rowLines(out: string[], title: string, r: NonNullable<Analysis['previousRows']>): void {
  out.push(
    `${title}: ${formatCount(r.total)} read, ${formatCount(r.used)} used, ${formatCount(r.rejected.length)} not used${r.rejected.length ? ':' : '.'}`,
  );
  let shown = 0,
    lines = 0;
  for (let i = 0; i < r.rejected.length && lines < 5; lines++) {
    const p = r.rejected[i];
    let j = i + 1;
    while (
      j < r.rejected.length &&
      !p.column &&
      !r.rejected[j].column &&
      r.rejected[j].reason === p.reason &&
      r.rejected[j].row === r.rejected[j - 1].row + 1
    )
      j++;
    const last = r.rejected[j - 1].row;
    out.push(
      j - i > 1
        ? `  rows ${p.row}–${last}: ${p.reason}, ${j - i} rows`
        : `  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.reason}`,
    );
    shown += j - i;
    i = j;
  }
  if (r.rejected.length > shown)
    out.push(
      `  … and ${formatCount(r.rejected.length - shown)} more (all listed with --json and in the report's Data Issues sheet)`,
    );
}

/** "Net profit by Region: South 65 (50 %), East 60 (46 %), … 4 more, North −10 (−7.7 %)." */
function groupLine(g: GroupTable, period: string | null): string {
  const v = g.values;
  const shown = v.length <= 6 ? v : [...v.slice(0, 3), null, ...v.slice(-2)];
  const parts = shown.map((x) =>
    x === null
      ? `… ${v.length - 5} more`
      : `${x.value} ${formatMoney(x.netProfit)}${x.shareOfProfit === null ? '' : ` (${formatPercent(x.shareOfProfit)})`}${x.moneyLosers ? ` with ${plural(x.moneyLosers, 'money-loser')}` : ''}`,
  );
  return `Net profit by ${g.column}${period ? ` in ${period}` : ''}: ${parts.join(', ')}.`;
}

/** "Trend 2024-Q1 to 2024-Q4: net profit 400 → 350 → 535 → 385; largest swing A −125 (375 → 250)." */
function trendLine(t: Trend): string {
  const P = t.periods.length;
  const series = (f: (x: Trend['totals'][number]) => string) => {
    const all = t.totals.map(f);
    return (P <= 8 ? all : [...all.slice(0, 2), '…', ...all.slice(-3)]).join(' → ');
  };
  const s = t.swings[0];
  const swing = s
    ? `; largest swing ${s.customer} ${formatMoney(s.change)} (${formatMoney(s.from)} → ${formatMoney(s.to)})`
    : '';
  return `Trend ${t.periods[0]} to ${t.periods[P - 1]} (${P} periods): net profit ${series((x) => formatMoney(x.netProfit))}; customers ${series((x) => x.customers.toLocaleString('en-US'))}${swing}.`;
}

function pad(s: string, w: number): string {
  return s.length > w ? `${s.slice(0, w - 1)}…` : s + ' '.repeat(w - s.length);
}

/** How a file was read, when the user should know (the sheet picked, a file named for another kind): stderr, so --json stays clean. */
export function printNotes(notes: readonly string[]): void {
  for (const n of notes) process.stderr.write(`profit-tiers: note: ${n}\n`);
}
