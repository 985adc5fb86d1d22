/**
 * The Why sheet: each customer's waterfall from revenue to net profit, one row per customer
 * (revenue, cost of goods, gross profit, each cost-to-serve driver, net profit), its causes
 * (DOMAIN.md §5) in words, one per column, measured against its size class, each with the action
 * that answers it, and the advice (the exit or reprice recommendation for Fix customers, §10).
 */
import type { Analysis } from '../analyze.js';
import { costAt } from '../cost-to-serve.js';
import { actionOf } from '../customer-action.js';
import { COST_LINE_LABELS, NO_REVENUE, SEGMENTS, TOP_CAUSES } from '../defaults.js';
import { explainCustomer } from '../explain.js';
import { COST_LINES } from '../types.js';
import { whaleOrder } from '../whale-curve.js';
import {
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  type SheetValue,
  styleHeader,
} from './sheet-spec.js';

export function whySheet(a: Analysis): SheetSpec {
  const order = whaleOrder(a);
  const s = emptySheet('Why');
  const t = a.customers,
    n = order.length;
  const lines = COST_LINES.map((_, l) => l).filter((l) => a.cost.lines[l] !== null);
  const header = [
    'Customer',
    'Name',
    'Segment',
    'Revenue',
    'Cost of goods sold',
    'Gross profit',
    ...lines.map((l) => COST_LINE_LABELS[COST_LINES[l]]),
    'Net profit',
    ...Array.from({ length: TOP_CAUSES }, (_, i) => `Cause ${i + 1}`),
    'Advice',
  ];
  const values: SheetValue[][] = new Array(n + 1);
  values[0] = header;
  for (let i = 0; i < n; i++) {
    const c = order[i],
      seg = a.classes.segment[c];
    const why = explainCustomer(a, a.settings, c);
    values[i + 1] = [
      t.keys[c],
      t.names[c],
      seg < 0 ? NO_REVENUE : SEGMENTS[seg],
      t.revenue[c],
      -(t.revenue[c] - t.grossProfit[c]),
      t.grossProfit[c],
      ...lines.map((l) => -costAt(a.cost.lines[l]!, c)),
      a.netProfit[c],
      ...Array.from({ length: TOP_CAUSES }, (_, k) =>
        k < why.causes.length
          ? why.causes[k].text
          : k > 0
            ? null
            : seg < 0
              ? why.summary
              : 'Nothing stands out against its size class.',
      ),
      actionOf(a, a.settings, c),
    ];
  }
  s.values = values;
  s.width = header.length;
  styleHeader(s, 0, s.width);
  if (n > 0) {
    s.formats.push({ range: rect(1, 0, n, 2), format: FORMATS.text });
    const net = header.indexOf('Net profit');
    s.formats.push({ range: rect(1, 3, n, net - 2), format: FORMATS.money });
    s.conditional.push({ range: rect(1, net, n, 1), type: 'negative' });
  }
  s.freezeRows = 1;
  const money = header.indexOf('Net profit') - 3;
  s.columnWidths = [14, 28, 14, ...Array(money + 1).fill(14), 70, 60, 60, 70];
  return s;
}
