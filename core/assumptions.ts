/**
 * Every report states its assumptions (DOMAIN.md §17): the input and the time of the run, the
 * column mapping, the rates used and where each came from (direct, pool ÷ volume, capacity), cost
 * of capital, thresholds, the tier map, the rules behind the causes and the avoidable shares of
 * exit economics. One list serves the Assumptions sheet and the JSON.
 */
import type { Analysis } from './analyze.js';
import { AMOUNT_FLOOR, DRIVER_MULTIPLE } from './causes.js';
import { CONCIERGE_WARN_SHARE } from './concierge.js';
import { COST_LINE_LABELS, SEGMENTS } from './defaults.js';
import type { ShareSource } from './exit-economics.js';
import { formatMoney, formatPercent } from './format.js';
import { baselineTotals } from './scenario.js';
import { capacityLine, scenarioLine, sensitivityLine } from './scenario-words.js';
import { OVERALL_MARGIN, thresholdsInWords } from './thresholds-in-words.js';
import { COST_LINES, DRIVERS, type Driver, FIELDS, type Field } from './types.js';

export interface Assumption {
  section: string;
  item: string;
  /** The number or text in force; null when there is none. */
  value: string | number | null;
  /** Where it came from, or what it means. */
  note: string;
  /**
   * How a number reads: a share (0.1 = 10 %), money, a multiple; 'time' marks the run's ISO time.
   * Absent: as it is.
   */
  unit?: 'share' | 'money' | 'multiple' | 'time';
}

/** Each input column in the user's words, as the pane names them (not the settings keys). */
export const FIELD_LABELS: Record<Field, string> = {
  customer: 'Customer (key)',
  name: 'Customer name',
  revenue: 'Revenue',
  cogs: 'Cost of goods sold',
  grossProfit: 'Gross profit',
  orders: 'Orders',
  orderId: 'Order id',
  lines: 'Order lines',
  deliveries: 'Deliveries',
  returns: 'Returns',
  contacts: 'Service contacts',
  repeatContacts: 'Repeat contacts',
  visits: 'Sales visits',
  paymentDays: 'Payment days',
  discount: 'Discount (rate or money)',
  period: 'Period',
};

/** What the host knows about the run: the input's name and when it ran. */
export interface RunInfo {
  /** The file, sheet or range analysed. */
  source?: string;
  /** When the analysis ran, as the host writes it (ISO 8601 in the CLI). */
  time?: string;
  /** How the input was read, when the user should know (a semicolon CSV's decimal comma). */
  notes?: string[];
}

const UNITS: Record<Driver, [string, string]> = {
  orders: ['order', 'orders'],
  lines: ['order line', 'order lines'],
  deliveries: ['delivery', 'deliveries'],
  returns: ['return', 'returns'],
  contacts: ['contact', 'contacts'],
  repeatContacts: ['repeat contact', 'repeat contacts'],
  visits: ['visit', 'visits'],
};

const SHARE_SOURCES: Record<ShareSource, string> = {
  setting: 'set in avoidable',
  direct:
    'default: a direct rate is assumed avoidable, it goes with the customer (set avoidable to change)',
  pool: 'default: pooled cost stays with the other customers (set avoidable to change)',
  capacity: 'default: capacity cost stays (unused capacity; set avoidable to change)',
  mixed:
    'default: the direct part of the rate goes, the pool and capacity parts stay (set avoidable to change)',
  none: 'not priced',
};

/**
 * The assumptions of analysis `a`, section by section.
 * Example: an orders pool of 120,000 over 10,000 orders →
 * `{section: 'Rates', item: 'Orders', value: 12, note: 'pool 120,000 ÷ 10,000 orders (all rows read)'}`.
 */
export function assumptions(a: Analysis, run: RunInfo = {}): Assumption[] {
  const s = a.settings,
    out: Assumption[] = [];
  const add = (
    section: string,
    item: string,
    value: string | number | null,
    note = '',
    unit?: Assumption['unit'],
  ) => {
    out.push({ section, item, value, note, ...(unit ? { unit } : {}) });
  };

  add('Run', 'Input', run.source ?? null, 'the table analysed; it is never modified');
  add('Run', 'Time of the run', run.time ?? null, '', 'time');
  for (const note of run.notes ?? []) add('Run', 'How it was read', null, note);
  add(
    'Run',
    'Rows',
    a.rows.used,
    `${a.rows.total} read, ${a.rows.rejected.length} not used (see Data Issues)`,
  );
  add(
    'Run',
    'Rows are',
    a.input.transactions ? 'transactions' : 'customers',
    a.input.transactions ? 'aggregated per customer' : 'one row per customer',
  );
  if (a.period) add('Run', 'Period', a.period, `compared with ${a.migration?.from ?? ''}`);

  for (const f of FIELDS) {
    const header = a.input.mapping[f];
    if (header === undefined) continue;
    const note =
      f === 'discount'
        ? a.input.discountKind === 'rate'
          ? 'read as rates: discount money = revenue × d / (1 − d)'
          : 'read as money'
        : f === 'period' && !a.migration
          ? 'not used: periods are compared only when asked (--periods)'
          : s.columns[f]
            ? 'set in the settings'
            : 'recognised from the header';
    add('Column mapping', FIELD_LABELS[f], header, note);
  }

  // §7: with migration one rate per pool, over every row read
  const shared = a.previousRows
    ? ' (both tables)'
    : a.period
      ? ' (every row read, in every period: the pool is the cost of that whole span)'
      : '';
  DRIVERS.forEach((d) => {
    const p = a.cost.rateParts[d],
      rate = a.cost.rates[d];
    const parts: string[] = [];
    const [unit, units] = UNITS[d];
    if (p.direct > 0) parts.push(`direct rate ${p.direct} per ${unit}`);
    const pool = s.pools[d];
    if (pool !== undefined)
      parts.push(
        p.pool > 0
          ? `pool ${formatMoney(pool)} ÷ ${round(pool / p.pool)} ${units}${shared}`
          : `pool ${formatMoney(pool)} not spread: no ${units}`,
      );
    if (p.capacity > 0)
      parts.push(`capacity ${round(p.capacity)} per ${unit} (minutes × cost per minute)`);
    const mapped = a.customers.volumes[DRIVERS.indexOf(d)] !== null;
    if (!mapped) {
      const set = s.rates[d] ? `rate ${s.rates[d]}` : pool ? `pool ${formatMoney(pool)}` : '';
      parts.length = 0;
      parts.push(
        set ? `${set} set but not applied: no such column, so it costs nothing` : 'no such column',
      );
    } else if (!parts.length) parts.push('no rate: costs nothing');
    add('Rates', COST_LINE_LABELS[d], rate, parts.join(mapped ? ' + ' : '; '), 'money');
  });
  add(
    'Rates',
    'Cost of capital',
    s.costOfCapital,
    a.customers.paymentDays
      ? 'a year, on revenue × payment days / 365'
      : s.costOfCapital > 0
        ? 'no payment-days column: it costs nothing'
        : 'none',
    'share',
  );

  for (const line of thresholdsInWords(s, a.totals.marginTarget))
    add('Thresholds', 'Segmentation', null, line);
  add('Thresholds', 'Size method', s.size.method, sizeNote(a));
  add(
    'Thresholds',
    'Profitability method',
    s.profitability.method,
    a.totals.marginTarget === null
      ? ''
      : s.profitability.method === 'bands' && s.profitability.target === null
        ? `margin target ${formatPercent(a.totals.marginTarget)}: the overall margin (${OVERALL_MARGIN}), at least 0 %`
        : `margin target ${formatPercent(a.totals.marginTarget)}`,
  );

  SEGMENTS.forEach((seg, i) => {
    add('Tier map', seg, s.tiers[i], s.actions[i]);
  });
  add(
    'Tier map',
    'Concierge budget share',
    s.conciergeBudgetShare,
    'of the Concierge net profit, for extra service',
    'share',
  );
  add(
    'Tier map',
    'Concierge accounts at most',
    s.conciergeMaxAccounts,
    s.conciergeMaxAccounts === null
      ? `no limit; a warning above ${formatPercent(CONCIERGE_WARN_SHARE)} of the matrix customers`
      : 'the most profitable Large/High customers; the rest get Maintain',
  );

  add(
    'Causes',
    'Cost driver',
    DRIVER_MULTIPLE,
    'named from this multiple of its size-class median cost per unit of revenue',
    'multiple',
  );
  add(
    'Causes',
    'Gross margin, discount',
    AMOUNT_FLOOR,
    'named when the gap to the size-class median costs at least this share of revenue',
    'share',
  );
  if (a.customers.discount)
    add(
      'Causes',
      'Discount and gross margin',
      null,
      'revenue is net of the discount, so a big discount also lowers the gross margin: their amounts overlap, do not add them',
    );

  for (const line of COST_LINES)
    add(
      'Exit: avoidable share',
      COST_LINE_LABELS[line],
      a.exit.shares[line],
      line === 'paymentDays' && a.exit.shareSources[line] !== 'setting'
        ? 'default: the cost of capital is assumed avoidable, it goes with the customer (set avoidable to change)'
        : SHARE_SOURCES[a.exit.shareSources[line]],
      'share',
    );
  for (const x of exitDefinitions(a)) add('Exit', x.item, x.value, x.note);

  // §13: each resource's cost per minute and how much of it customers used
  a.cost.capacity.forEach((r, i) => {
    const res = s.capacity[i];
    add(
      'Capacity',
      `${res.name}: cost per minute`,
      r.costPerMinute,
      `cost ${formatMoney(res.cost)} ÷ ${formatMoney(res.minutes)} minutes (practical capacity); ${capacityLine(r, res.minutes)}`,
      'money',
    );
  });
  if (s.capacity.length)
    add(
      'Capacity',
      'Unused capacity cost',
      a.totals.unusedCapacityCost,
      'paid for, used by no customer: never charged to customers',
      'money',
    );
  // §12 and §11
  add(
    'Tier stability',
    'Each cost input moves by ±',
    s.sensitivity,
    a.sensitivity
      ? sensitivityLine(a.sensitivity, a.totals.matrixCustomers)
      : 'off (sensitivity 0)',
    'share',
  );
  const base = a.scenarios.length ? baselineTotals(a, s) : null;
  for (const sc of a.scenarios)
    add(
      'Scenarios',
      sc.name,
      sc.delta.netProfit,
      scenarioLine(sc, base!, Object.keys(s.avoidable).length > 0),
      'money',
    );
  return out;
}

/**
 * What the two per-customer exit figures on Customers mean (DOMAIN.md §10), as Assumptions rows.
 * Break-even price change is −net profit ÷ revenue with every cost held; when cost of capital is
 * charged on revenue (revenue × payment days / 365 × rate), a price rise raises that charge too,
 * so the stated rise leaves a small loss — the caveat says so, and gives the exact rise.
 * Example: net profit −100 on revenue 1,000, 73 payment days at 10 % → −(−100) ÷ 1,000 = 10 %;
 * the charge grows by 1,000 × 10 % × 73/365 × 10 % = 2, so 2 short; exact rise 100 ÷ 980 ≈ 10.2 %.
 */
export function exitDefinitions(a: Analysis): { item: string; value: string; note: string }[] {
  const capital = a.customers.paymentDays !== null && a.settings.costOfCapital > 0;
  return [
    {
      item: 'Exit impact',
      value: '−gross profit + avoidable cost',
      note: 'the change in total net profit if that customer alone leaves; sign: + means profit rises (exit), − means it falls (reprice instead)',
    },
    {
      item: 'Break-even price change',
      value: '−net profit ÷ revenue',
      note: `the price rise that brings a money-loser to break-even, cost of goods and cost-to-serve unchanged${capital ? `; but cost of capital is charged on revenue (revenue × payment days / 365 × ${formatPercent(a.settings.costOfCapital)}), so a price rise raises it too and the stated rise leaves a small loss: the exact rise is −net profit ÷ (revenue × (1 − payment days / 365 × ${formatPercent(a.settings.costOfCapital)}))` : ''}`,
    },
  ];
}

function sizeNote(a: Analysis): string {
  const z = a.settings.size;
  if (z.method === 'pareto') return `large ${z.large}, medium ${z.medium} (shares of revenue)`;
  if (z.method === 'fixed')
    return `large from ${formatMoney(z.large)}, medium from ${formatMoney(z.medium)}`;
  return 'thirds by count';
}

/** Up to 6 significant digits, for volumes and rates in notes. */
function round(x: number): string {
  return Number(x.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}
