/**
 * The Why sheet: each customer's waterfall from revenue to net profit, one row per customer
 * (revenue, cost of goods, gross profit, each cost-to-serve driver, net profit), and the top cost
 * drivers in words with the multiple of the median and the action.
 */
import type { Analysis } from '../analyze.js';
import { costAt } from '../cost-to-serve.js';
import { COST_LINE_LABELS, NO_REVENUE, SEGMENTS } from '../defaults.js';
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
    'Why',
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
      why.topDrivers.length
        ? why.topDrivers.map((d) => d.text).join('; ')
        : seg < 0
          ? why.summary
          : 'No cost driver above the median.',
    ];
  }
  s.values = values;
  s.width = header.length;
  styleHeader(s, 0, s.width);
  if (n > 0) {
    s.formats.push({ range: rect(1, 0, n, 2), format: FORMATS.text });
    s.formats.push({ range: rect(1, 3, n, header.length - 4), format: FORMATS.money });
    s.conditional.push({ range: rect(1, header.length - 2, n, 1), type: 'negative' });
  }
  s.freezeRows = 1;
  s.columnWidths = [14, 28, 14, 14, ...header.slice(4, -1).map(() => 14), 90];
  return s;
}
