/**
 * The Customers sheet: every customer, most profitable first, with money and percent formats, a
 * filterable table, a frozen header and conditional formatting on net profit and margin. Exit
 * impact and break-even price change come from DOMAIN.md §10; the main cause from §5.
 */
import type { Analysis } from '../analyze.js';
import { causeLabel, causesOf } from '../causes.js';
import { actionOf, tierOf } from '../customer-action.js';
import { NO_REVENUE, SEGMENTS } from '../defaults.js';
import { breakEvenPriceChange } from '../exit-economics.js';
import { netMarginOf } from '../price-and-segment.js';
import { PROFIT_CLASSES, SIZE_CLASSES } from '../types.js';
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

export const CUSTOMER_COLUMNS = [
  'Customer',
  'Name',
  'Revenue',
  'Gross profit',
  'Cost-to-serve',
  'Net profit',
  'Net margin',
  'Size',
  'Profitability',
  'Segment',
  'Tier',
  'Main cause',
  'Exit impact',
  'Break-even price change',
  'Action',
] as const;

export function customersSheet(a: Analysis): SheetSpec {
  const order = whaleOrder(a);
  const s = emptySheet('Customers');
  const t = a.customers,
    n = order.length;
  const values: SheetValue[][] = new Array(n + 1);
  const sens = a.sensitivity; // §12: the Sensitivity column, when it is on
  values[0] = sens ? [...CUSTOMER_COLUMNS, 'Sensitivity'] : [...CUSTOMER_COLUMNS];
  for (let i = 0; i < n; i++) {
    const c = order[i],
      seg = a.classes.segment[c];
    const cause = causesOf(a.causes, c)[0];
    values[i + 1] = [
      t.keys[c],
      t.names[c],
      t.revenue[c],
      t.grossProfit[c],
      a.cost.total[c],
      a.netProfit[c],
      netMarginOf(a, c),
      seg < 0 ? NO_REVENUE : SIZE_CLASSES[a.classes.size[c]],
      seg < 0 ? null : PROFIT_CLASSES[a.classes.profit[c]],
      seg < 0 ? null : SEGMENTS[seg],
      tierOf(a, a.settings, c),
      cause ? causeLabel(cause) : null,
      a.exit.exitImpact[c],
      breakEvenPriceChange(seg, a.netProfit[c], t.revenue[c]),
      actionOf(a, a.settings, c),
    ];
    if (sens) values[i + 1].push(seg < 0 ? null : sensitivityText(sens.fragile(c)));
  }
  s.values = values;
  s.width = values[0].length;
  styleHeader(s, 0, s.width);
  if (n > 0) {
    s.formats.push({ range: rect(1, 0, n, 2), format: FORMATS.text });
    s.formats.push({ range: rect(1, 2, n, 4), format: FORMATS.money });
    s.formats.push({ range: rect(1, 6, n, 1), format: FORMATS.percent });
    s.formats.push({ range: rect(1, 12, n, 1), format: FORMATS.money });
    s.formats.push({ range: rect(1, 13, n, 1), format: FORMATS.smallPercent });
    s.conditional.push(
      { range: rect(1, 5, n, 1), type: 'negative' },
      { range: rect(1, 6, n, 1), type: 'scale' },
      { range: rect(1, 12, n, 1), type: 'negative' },
    );
  }
  s.table = { range: rect(0, 0, n + 1, s.width), name: 'ProfitTiersCustomers' };
  s.freezeRows = 1;
  // a wide list: at most 2 landscape pages across, Customer and Name on each
  return layOut(s, { maxPagesWide: 2, titleCols: 2 });
}

/** "fragile: orders rate +20 %, visits rate -20 %", or "stable" when no single move changes the tier. */
export function sensitivityText(moves: string[]): string {
  return moves.length ? `fragile: ${moves.join(', ')}` : 'stable';
}
