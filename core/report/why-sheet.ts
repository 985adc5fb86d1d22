/**
 * The Why sheet, one row per customer: the key columns (customer, name, segment, tier, frozen),
 * then its causes (DOMAIN.md §5) in words, one per column, measured against its size class, each
 * with the action that answers it, and the advice (the exit or reprice recommendation for Fix
 * customers, §10); then its waterfall from revenue to net profit: revenue − cost of goods sold =
 * gross profit, gross profit − each cost-to-serve line = net profit. Costs are positive amounts
 * under headers that name them as costs ("Order cost"), in black: a cost is not a loss.
 */
import type { Analysis } from '../analyze.js';
import { costAt } from '../cost-to-serve.js';
import { actionOf, tierOf } from '../customer-action.js';
import { NO_REVENUE, SEGMENTS, TOP_CAUSES } from '../defaults.js';
import { explainCustomer } from '../explain.js';
import { COST_LINES, type CostLine } from '../types.js';
import { whaleOrder } from '../whale-curve.js';
import { layOut } from './layout.js';
import {
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  type SheetValue,
  styleHeader,
} from './sheet-spec.js';

/** Cost column heads: each says it holds a cost, so a positive amount reads as money spent. */
export const COST_HEADERS: Record<CostLine, string> = {
  orders: 'Order cost',
  lines: 'Order line cost',
  deliveries: 'Delivery cost',
  returns: 'Return cost',
  contacts: 'Service contact cost',
  repeatContacts: 'Repeat contact cost',
  visits: 'Sales visit cost',
  paymentDays: 'Cost of capital',
};

/** The key columns, frozen while the reader scrolls right to the waterfall. */
export const WHY_KEYS = ['Customer', 'Name', 'Segment', 'Tier'] as const;

export function whySheet(a: Analysis): SheetSpec {
  const order = whaleOrder(a);
  const s = emptySheet('Why');
  const t = a.customers,
    n = order.length;
  const lines = COST_LINES.map((_, l) => l).filter((l) => a.cost.lines[l] !== null);
  const causes = Array.from({ length: TOP_CAUSES }, (_, i) => `Cause ${i + 1}`);
  const header = [
    ...WHY_KEYS,
    ...causes,
    'Advice',
    'Revenue',
    'Cost of goods sold',
    'Gross profit',
    ...lines.map((l) => COST_HEADERS[COST_LINES[l]]),
    'Net profit',
  ];
  const money = WHY_KEYS.length + TOP_CAUSES + 1;
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
      tierOf(a, a.settings, c),
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
      // the waterfall: revenue − cost of goods = gross profit; gross profit − each cost = net profit
      t.revenue[c],
      t.revenue[c] - t.grossProfit[c],
      t.grossProfit[c],
      ...lines.map((l) => costAt(a.cost.lines[l]!, c)),
      a.netProfit[c],
    ];
  }
  s.values = values;
  s.width = header.length;
  styleHeader(s, 0, s.width);
  if (n > 0) {
    s.formats.push({ range: rect(1, 0, n, 2), format: FORMATS.text });
    s.formats.push({ range: rect(1, money, n, s.width - money), format: FORMATS.money });
    // costs in black (they are costs, not losses); profits red only below 0
    const gross = money + 2;
    s.conditional.push(
      { range: rect(1, gross, n, 1), type: 'negative' },
      { range: rect(1, s.width - 1, n, 1), type: 'negative' },
    );
    s.formats.push(
      { range: rect(1, money + 1, n, 1), format: FORMATS.cost },
      { range: rect(1, gross + 1, n, lines.length), format: FORMATS.cost },
    );
  }
  s.freezeRows = 1;
  s.freezeCols = WHY_KEYS.length;
  // 20 columns: at most 3 landscape pages across, Customer and Name on each
  return layOut(s, { maxPagesWide: 3, titleCols: 2 });
}
