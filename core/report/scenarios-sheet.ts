/**
 * The Scenarios sheet (DOMAIN.md §11): the baseline beside each what-if scenario — totals and their
 * change, the 3×3 matrix (customers and net profit per segment), the tier moves, and per customer
 * the new net profit and tier, most profitable (baseline) first. Drawn only when there are
 * scenarios: from the settings (CLI, hosts) or from the pane's What-if section.
 */
import { SEGMENTS } from '../defaults.js';
import type { PeriodAnalysis } from '../price-and-segment.js';
import { baselineTotals, type ScenarioResult, type ScenarioTotals } from '../scenario.js';
import { scenarioLine } from '../scenario-words.js';
import type { Settings } from '../settings.js';
import { EXITED_SEGMENT, tierState } from '../tier-moves.js';
import { whaleOrder } from '../whale-curve.js';
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

/** The totals rows: label, the figure, its format. */
const TOTALS: [string, (t: ScenarioTotals) => number | null, string][] = [
  ['Customers', (t) => t.customers, FORMATS.integer],
  ['Revenue', (t) => t.revenue, FORMATS.money0],
  ['Gross profit', (t) => t.grossProfit, FORMATS.money0],
  ['Cost-to-serve', (t) => t.costToServe, FORMATS.money0],
  ['Net profit (customers)', (t) => t.netProfit, FORMATS.money0],
  ['Net margin', (t) => t.netMargin, FORMATS.percent],
  ['Money-losers', (t) => t.moneyLosers, FORMATS.integer],
  ['High margin bar', (t) => t.marginTarget, FORMATS.percent],
  ['Unused capacity cost', (t) => t.unusedCapacityCost, FORMATS.money0],
  ['Stranded cost (charged to no one)', (t) => t.strandedCost, FORMATS.money0],
];

/**
 * Example: one scenario "Fees for small orders" → a sheet with Baseline | Fees for small orders |
 * Change columns for the totals, then the matrix, the moves and every customer side by side.
 */
export function scenariosSheet(
  b: PeriodAnalysis,
  settings: Settings,
  scenarios: readonly ScenarioResult[],
): SheetSpec | null {
  if (!scenarios.length) return null;
  const s = emptySheet('Scenarios');
  const base = baselineTotals(b, settings);
  addRows(s, [
    ['Scenarios: the baseline beside each what-if'],
    [
      'Same settings for all; sizes and profitability are relative, so the thresholds move with each scenario. Changes apply as given: a price or a fee leaves volumes as they are unless a volume change says so. Exit: direct-rate costs leave with the customer, pool and capacity costs stay (pools are spread over the customers left; capacity minutes become unused).',
    ],
    ...scenarios.map((sc) => [scenarioLine(sc, base, Object.keys(settings.avoidable).length > 0)]),
    [],
  ]);
  s.titles.push(rect(0, 0));
  s.wrap.push(rect(1, 0, 1 + scenarios.length, 1));

  // 1. Totals: Baseline, then each scenario and its change.
  const head = addRows(s, [
    ['Totals', 'Baseline', ...scenarios.flatMap((sc) => [sc.name, 'Change'])],
  ]);
  const width = 2 + 2 * scenarios.length;
  styleHeader(s, head, width);
  s.wrap.push(rect(head, 0, 1, width));
  const first = addRows(
    s,
    TOTALS.map(([label, f]) => [
      label,
      f(base),
      ...scenarios.flatMap((sc) => {
        const x = f(sc.totals),
          y = f(base);
        return [x, x === null || y === null ? null : x - y];
      }),
    ]),
  );
  TOTALS.forEach(([, , format], i) => {
    s.formats.push({ range: rect(first + i, 1, 1, width - 1), format });
  });
  const business = addRows(s, [
    [
      "Change in the business's net profit",
      null,
      ...scenarios.flatMap((sc) => [null, sc.delta.netProfit]),
    ],
  ]);
  s.bold.push(rect(business, 0, 1, width));
  s.formats.push({ range: rect(business, 1, 1, width - 1), format: FORMATS.money0 });
  s.conditional.push({ range: rect(business, 1, 1, width - 1), type: 'negative' });
  addRows(s, [
    [
      "The business's net profit = customers' net profit − unused capacity cost − stranded cost: a customer who leaves takes no cost with it that the business still pays.",
    ],
    [],
  ]);

  // 2. The matrix: customers and net profit per segment, baseline and each scenario.
  const mHead = addRows(s, [
    [
      'Segment',
      'Tier',
      'Baseline customers',
      'Baseline net profit',
      ...scenarios.flatMap((sc) => [`${sc.name}: customers`, `${sc.name}: net profit`]),
    ],
  ]);
  const mWidth = 4 + 2 * scenarios.length;
  styleHeader(s, mHead, mWidth);
  s.wrap.push(rect(mHead, 0, 1, mWidth));
  const mRows = addRows(
    s,
    SEGMENTS.map((seg, i): SheetValue[] => [
      seg,
      settings.tiers[i],
      b.matrix[i].count,
      b.matrix[i].netProfit,
      ...scenarios.flatMap((sc) => [sc.matrix[i].count, sc.matrix[i].netProfit]),
    ]),
  );
  for (let k = 0; k <= scenarios.length; k++) {
    s.formats.push(
      { range: rect(mRows, 2 + 2 * k, 9, 1), format: FORMATS.integer },
      { range: rect(mRows, 3 + 2 * k, 9, 1), format: FORMATS.money0 },
    );
  }
  addRows(s, [[]]);

  // 3. Tier moves.
  const movesHead = addRows(s, [['Scenario', 'From tier', 'To tier', 'Customers']]);
  styleHeader(s, movesHead, 4);
  const moves = scenarios.flatMap((sc) =>
    sc.moves.length
      ? sc.moves.map((m): SheetValue[] => [sc.name, m.from, m.to, m.count])
      : [[sc.name, 'no tier moves', null, null] as SheetValue[]],
  );
  const movesAt = addRows(s, moves);
  s.formats.push({ range: rect(movesAt, 3, moves.length, 1), format: FORMATS.integer });
  addRows(s, [[]]);

  // 4. Every customer: baseline net profit and tier, then each scenario's.
  const cHead = addRows(s, [
    [
      'Customer',
      'Name',
      'Baseline net profit',
      'Baseline tier',
      ...scenarios.flatMap((sc) => [`${sc.name}: net profit`, `${sc.name}: tier`]),
    ],
  ]);
  const cWidth = 4 + 2 * scenarios.length;
  styleHeader(s, cHead, cWidth);
  s.wrap.push(rect(cHead, 0, 1, cWidth));
  const order = whaleOrder(b),
    t = b.customers,
    n = order.length;
  const tierOf = (seg: number, cut: Uint8Array | null, c: number) =>
    tierState(seg, cut?.[c] === 1, settings.tiers);
  const rows: SheetValue[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = order[i];
    const row: SheetValue[] = [
      t.keys[c],
      t.names[c],
      b.netProfit[c],
      tierOf(b.classes.segment[c], b.conciergeCut, c),
    ];
    for (const sc of scenarios)
      row.push(
        sc.segment[c] === EXITED_SEGMENT ? null : sc.netProfit[c],
        tierOf(sc.segment[c], sc.cut, c),
      );
    rows[i] = row;
  }
  const cAt = addRows(s, rows);
  if (n) {
    s.formats.push({ range: rect(cAt, 0, n, 2), format: FORMATS.text });
    for (let k = 0; k <= scenarios.length; k++) {
      s.formats.push({ range: rect(cAt, 2 + 2 * k, n, 1), format: FORMATS.money0 });
      s.conditional.push({ range: rect(cAt, 2 + 2 * k, n, 1), type: 'negative' });
    }
  }
  return layOut(s);
}
