/**
 * The Trend sheet (DOMAIN.md §15), when more than two periods were analysed: the totals of each
 * period with new and lost customers and customers per tier, a line chart of net profit per
 * period, the 20 largest swings between the last two periods, and each customer's tier per period
 * coloured by tier.
 */
import type { Analysis } from '../analyze.js';
import { NO_REVENUE } from '../defaults.js';
import { formatMoney, plural } from '../format.js';
import { settingsTierNames } from '../tier-names.js';
import type { Trend } from '../trend.js';
import { tierFill } from './colours.js';
import { layOut } from './layout.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  type SheetValue,
  styleHeader,
  styleTierHeads,
} from './sheet-spec.js';

const TOTALS = [
  'Period',
  'Customers',
  'Revenue',
  'Net profit',
  'New customers',
  'New: revenue',
  'New: net profit',
  'Lost customers',
  'Lost: revenue',
  'Lost: net profit',
] as const;

export function trendSheet(a: Analysis): SheetSpec | null {
  const t = a.trend;
  if (!t) return null;
  const s = emptySheet('Trend');
  const P = t.periods.length;
  const tiers = settingsTierNames(a.settings);
  addRows(s, [
    [`Trend: ${t.periods[0]} to ${t.periods[P - 1]}`],
    [reading(t)],
    [
      'Each period is segmented on its own, every cost pool priced at one rate over all periods. New: in the period, not in the one before; lost: in the one before, not in this one (with that period’s revenue and net profit).',
    ],
    [],
  ]);
  s.titles.push(rect(0, 0));

  // Totals per period, customers per tier to the right.
  const width = TOTALS.length + tiers.length;
  const head = addRows(s, [[...TOTALS, ...tiers]]);
  styleHeader(s, head, width);
  s.wrap.push(rect(head, 0, 1, width));
  styleTierHeads(s, head, TOTALS.length, tiers);
  const first = addRows(
    s,
    t.totals.map((x) => [
      x.period,
      x.customers,
      x.revenue,
      x.netProfit,
      x.new?.count ?? null,
      x.new?.revenue ?? null,
      x.new?.netProfit ?? null,
      x.lost?.count ?? null,
      x.lost?.revenue ?? null,
      x.lost?.netProfit ?? null,
      ...tiers.map((name) => x.tiers[name]),
    ]),
  );
  s.formats.push(
    { range: rect(first, 0, P, 1), format: FORMATS.text },
    { range: rect(first, 1, P, 1), format: FORMATS.integer },
    { range: rect(first, 2, P, 2), format: FORMATS.money0 },
    { range: rect(first, 4, P, 1), format: FORMATS.integer },
    { range: rect(first, 5, P, 2), format: FORMATS.money0 },
    { range: rect(first, 7, P, 1), format: FORMATS.integer },
    { range: rect(first, 8, P, 2), format: FORMATS.money0 },
    { range: rect(first, TOTALS.length, P, tiers.length), format: FORMATS.integer },
  );
  s.conditional.push(
    { range: rect(first, 3, P, 1), type: 'negative' },
    { range: rect(first, 6, P, 1), type: 'negative' },
    { range: rect(first, 9, P, 1), type: 'negative' },
  );
  addRows(s, [[]]);

  // The largest swings, with the chart of net profit per period beside them.
  const [from, to] = t.periods.slice(-2);
  const swingTitle = addRows(s, [[`Largest changes in net profit, ${from} → ${to}`]]);
  s.bold.push(rect(swingTitle, 0));
  const swingHead = addRows(s, [['Customer', `Net profit ${from}`, `Net profit ${to}`, 'Change']]);
  styleHeader(s, swingHead, 4);
  const swings = addRows(
    s,
    t.swings.map((x) => [x.customer, x.from, x.to, x.change]),
  );
  const k = t.swings.length;
  if (k) {
    s.formats.push(
      { range: rect(swings, 0, k, 1), format: FORMATS.text },
      { range: rect(swings, 1, k, 3), format: FORMATS.money0 },
    );
    s.conditional.push({ range: rect(swings, 1, k, 3), type: 'negative' });
  }
  s.charts.push({
    type: 'line',
    title: 'Net profit per period',
    x: rect(first, 0, P, 1),
    series: [{ name: 'Net profit', y: rect(first, 3, P, 1), color: '#1F7A8C', marker: true }],
    xTitle: 'Period',
    yTitle: 'Net profit',
    yFormat: FORMATS.money0,
    anchor: { row: swingTitle, col: 5 },
    width: 640,
    height: 360,
  });
  // Room for the chart when there are few swings (about 20 px a row).
  addRows(
    s,
    Array.from({ length: Math.max(1, 20 - k) }, () => []),
  );

  // Each customer's tier per period, then net profit per period.
  const gridTitle = addRows(s, [
    [
      `Tier per period (${NO_REVENUE} where present without revenue, blank where absent), then net profit per period`,
    ],
  ]);
  s.bold.push(rect(gridTitle, 0));
  const gridHead = addRows(s, [
    ['Customer', ...t.periods, ...t.periods.map((p) => `Net profit ${p}`)],
  ]);
  styleHeader(s, gridHead, 1 + 2 * P);
  s.wrap.push(rect(gridHead, 0, 1, 1 + 2 * P));
  const n = t.customers.length;
  const grid = addRows(
    s,
    t.customers.map((c): SheetValue[] => [
      c.customer,
      ...c.tiers.map((tier, p) => tier ?? (c.netProfit[p] === null ? null : NO_REVENUE)),
      ...c.netProfit,
    ]),
  );
  if (n) {
    s.formats.push(
      { range: rect(grid, 0, n, 1 + P), format: FORMATS.text },
      { range: rect(grid, 1 + P, n, P), format: FORMATS.money0 },
    );
    s.conditional.push(
      {
        range: rect(grid, 1, n, P),
        type: 'text',
        texts: tiers.map((name) => ({ text: name, color: tierFill(name) })),
      },
      { range: rect(grid, 1 + P, n, P), type: 'negative' },
    );
  }
  return layOut(s);
}

/** "Net profit 400 in 2024-Q1, 385 in 2024-Q4 (change −15). 2024-Q4: 1 new customer …, 1 lost …" */
function reading(t: Trend): string {
  const P = t.periods.length;
  const first = t.totals[0],
    last = t.totals[P - 1];
  const parts = [
    `Net profit ${formatMoney(first.netProfit)} in ${first.period}, ${formatMoney(last.netProfit)} in ${last.period} (change ${formatMoney(last.netProfit - first.netProfit)})`,
  ];
  if (last.new && last.lost)
    parts.push(
      `${last.period}: ${plural(last.new.count, 'new customer')} (revenue ${formatMoney(last.new.revenue)}, net profit ${formatMoney(last.new.netProfit)}), ${last.lost.count} lost (who had revenue ${formatMoney(last.lost.revenue)}, net profit ${formatMoney(last.lost.netProfit)})`,
    );
  return `${parts.join('. ')}.`;
}
