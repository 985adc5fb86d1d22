/**
 * The Groups sheets (DOMAIN.md §14), one per `groupBy` column: each value with its customers,
 * revenue, gross profit, cost-to-serve, net profit, net margin, share of profit, money-losers and
 * customers per tier; a column chart of net profit per value beside what its money-losers give back.
 */
import type { Analysis } from '../analyze.js';
import { exactSum } from '../exact-sum.js';
import { formatMoney, formatPercent, plural } from '../format.js';
import type { GroupTable } from '../groups.js';
import { settingsTierNames } from '../tier-names.js';
import { layOut } from './layout.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  styleHeader,
  styleTierHeads,
} from './sheet-spec.js';

const MEASURES = [
  'Customers',
  'Revenue',
  'Gross profit',
  'Cost-to-serve',
  'Net profit',
  'Net margin',
  'Share of profit',
  'Money-losers',
  "Money-losers' net profit",
] as const;
/** Excel's limit on sheet names, and the characters it refuses in them. */
const NAME_LIMIT = 31;
const NOT_IN_NAMES = /[\\/?*[\]:]/g;

/**
 * The name of a group column's sheet: "Groups" when there is one group column, else
 * "Groups by Region" (cut to Excel's 31 characters, without the characters sheet names refuse).
 */
export function groupsSheetName(column: string, columns: number): string {
  if (columns === 1) return 'Groups';
  return `Groups by ${column.replace(NOT_IN_NAMES, ' ').trim()}`.slice(0, NAME_LIMIT).trim();
}

export function groupsSheets(a: Analysis): SheetSpec[] {
  return a.groups.map((g) => groupsSheet(a, g, groupsSheetName(g.column, a.groups.length)));
}

function groupsSheet(a: Analysis, g: GroupTable, name: string): SheetSpec {
  const s = emptySheet(name);
  const tiers = settingsTierNames(a.settings);
  addRows(s, [
    [`Net profit by ${g.column}${a.period ? ` · period ${a.period}` : ''}`],
    [reading(g)],
    [
      `A customer counts in the ${g.column} that carries most of its revenue. Tiers are those of the whole analysis; money-losers are customers whose net profit is below 0.`,
    ],
    [],
  ]);
  s.titles.push(rect(0, 0));
  const width = 1 + MEASURES.length + tiers.length;
  const head = addRows(s, [[g.column, ...MEASURES, ...tiers]]);
  styleHeader(s, head, width);
  s.wrap.push(rect(head, 0, 1, width));
  styleTierHeads(s, head, 1 + MEASURES.length, tiers);
  const n = g.values.length;
  const first = addRows(
    s,
    g.values.map((v) => [
      v.value,
      v.customers,
      v.revenue,
      v.grossProfit,
      v.costToServe,
      v.netProfit,
      v.netMargin,
      v.shareOfProfit,
      v.moneyLosers,
      v.moneyLosersNetProfit,
      ...tiers.map((t) => v.tiers[t]),
    ]),
  );
  const t = a.totals;
  const total = addRows(s, [
    [
      'Total',
      t.customers,
      t.revenue,
      t.grossProfit,
      t.costToServe,
      t.netProfit,
      t.netMargin,
      t.netProfit > 0 ? 1 : null,
      t.moneyLosers,
      exactSum(g.values.map((v) => v.moneyLosersNetProfit)),
      ...tiers.map((name) => g.values.reduce((x, v) => x + v.tiers[name], 0)),
    ],
  ]);
  s.bold.push(rect(total, 0, 1, width));
  s.formats.push(
    { range: rect(first, 0, n, 1), format: FORMATS.text },
    { range: rect(first, 1, n + 1, 1), format: FORMATS.integer },
    { range: rect(first, 2, n + 1, 4), format: FORMATS.money0 },
    { range: rect(first, 6, n + 1, 2), format: FORMATS.percent },
    { range: rect(first, 8, n + 1, 1), format: FORMATS.integer },
    { range: rect(first, 9, n + 1, 1), format: FORMATS.money0 },
    { range: rect(first, 10, n + 1, tiers.length), format: FORMATS.integer },
  );
  s.conditional.push({ range: rect(first, 5, n + 1, 1), type: 'negative' });
  s.conditional.push({ range: rect(first, 9, n + 1, 1), type: 'negative' });
  if (n > 0)
    s.charts.push({
      type: 'column',
      title: `Net profit by ${g.column}, and what its money-losers give back`,
      x: rect(first, 0, n, 1),
      series: [
        { name: 'Net profit', y: rect(first, 5, n, 1), color: '#1F7A8C' },
        { name: "Money-losers' net profit", y: rect(first, 9, n, 1), color: '#C0392B' },
      ],
      xTitle: g.column,
      yTitle: 'Net profit',
      yFormat: FORMATS.money0,
      anchor: { row: total + 2, col: 0 },
      width: Math.min(1200, Math.max(560, 60 * n)),
      height: 360,
    });
  return layOut(s);
}

/** "South earns most: 65 (50 % of net profit); North least: −10. 1 money-loser gives back 10, 1 of them in North." */
function reading(g: GroupTable): string {
  const v = g.values;
  if (v.length === 0) return 'No customers.';
  const best = v[0],
    worst = v[v.length - 1];
  const share = (x: (typeof v)[number]) =>
    x.shareOfProfit === null ? '' : ` (${formatPercent(x.shareOfProfit)} of net profit)`;
  const parts = [
    v.length === 1
      ? `${best.value}: net profit ${formatMoney(best.netProfit)}`
      : `${best.value} earns most: ${formatMoney(best.netProfit)}${share(best)}; ${worst.value} least: ${formatMoney(worst.netProfit)}${share(worst)}`,
  ];
  const losers = v.reduce((n, x) => n + x.moneyLosers, 0);
  if (losers) {
    const most = [...v].sort(
      (x, y) => x.moneyLosersNetProfit - y.moneyLosersNetProfit || (x.value < y.value ? -1 : 1),
    )[0];
    const lost = exactSum(v.map((x) => x.moneyLosersNetProfit));
    parts.push(
      `${plural(losers, 'money-loser')} give${losers === 1 ? 's' : ''} back ${formatMoney(-lost)}, most in ${most.value} (${formatMoney(-most.moneyLosersNetProfit)}, ${plural(most.moneyLosers, 'customer')})`,
    );
  }
  return `${parts.join('. ')}.`;
}
