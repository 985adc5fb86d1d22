/**
 * Every default of DOMAIN.md in one place: thresholds, tier names, actions, driver advice.
 * Host folders hold none of these (STYLE habit 2).
 */
import type { CostLine, Driver, Segment } from './types.js';

/** Pareto cut-offs on the share of revenue held by bigger customers (DOMAIN.md §3). */
export const PARETO_LARGE = 0.8;
export const PARETO_MEDIUM = 0.95;

/** The label of customers with revenue ≤ 0, outside the matrix (DOMAIN.md §3). */
export const NO_REVENUE = 'No revenue';

/** The state of a customer who leaves in a what-if scenario (DOMAIN.md §11). */
export const EXITED = 'Exited';

/** Share of the Concierge tier's net profit it can spend on extra service (DOMAIN.md §8). */
export const CONCIERGE_BUDGET_SHARE = 0.1;

/** How far each cost input moves, ±, in the tier-stability check (DOMAIN.md §12). */
export const SENSITIVITY = 0.2;

/** How many causes the "why" names per customer (DOMAIN.md §5). */
export const TOP_CAUSES = 3;

export const TIER_NAMES = ['Concierge', 'Grow', 'Maintain', 'Fix', 'Self-service'] as const;
export type TierName = (typeof TIER_NAMES)[number];

/** Segment index = size index × 3 + profit index; Large/High = 0 … Small/Low = 8. */
export const SEGMENTS: readonly Segment[] = [
  'Large/High',
  'Large/Mid',
  'Large/Low',
  'Medium/High',
  'Medium/Mid',
  'Medium/Low',
  'Small/High',
  'Small/Mid',
  'Small/Low',
];

/** Short codes `L-H` … `S-L`, in the same order as SEGMENTS. */
export const SEGMENT_CODES = [
  'L-H',
  'L-M',
  'L-L',
  'M-H',
  'M-M',
  'M-L',
  'S-H',
  'S-M',
  'S-L',
] as const;

/** Default tier per segment (DOMAIN.md §4), SEGMENTS order. */
export const DEFAULT_TIERS: readonly string[] = [
  'Concierge',
  'Maintain',
  'Fix',
  'Grow',
  'Maintain',
  'Fix',
  'Grow',
  'Self-service',
  'Self-service',
];

/** Default action per segment (DOMAIN.md §4), SEGMENTS order. */
export const DEFAULT_ACTIONS: readonly string[] = [
  'Protect: dedicated team, first call on inventory, fast bids',
  'Serve at lower cost, move up',
  'High-volume money-loser: reprice, cut cost-to-serve, or exit',
  'Consultative selling to move up',
  'Look for cost cuts',
  'Reduce cost-to-serve or reprice',
  'Under-served, buys at full margin: grow',
  'Serve efficiently',
  'Minimum orders, fees, digital channels',
];

/** The action that answers a cost driver that runs above the median (DOMAIN.md §5). */
export const DRIVER_ACTIONS: Record<CostLine, string> = {
  orders: 'minimum order size or order consolidation',
  lines: 'minimum order size or order consolidation',
  deliveries: 'delivery fee or delivery consolidation',
  returns: 'returns policy',
  contacts: 'first-contact resolution, self-service',
  repeatContacts: 'first-contact resolution, self-service',
  visits: 'inside sales instead of field visits',
  paymentDays: 'payment terms, early-payment discount',
};

/** What one unit of each driver is, for labels: "per order", "per delivery", … */
export const DRIVER_UNITS: Record<Driver, string> = {
  orders: 'per order',
  lines: 'per order line',
  deliveries: 'per delivery',
  returns: 'per return',
  contacts: 'per contact',
  repeatContacts: 'per repeat contact',
  visits: 'per visit',
};
/** The action that answers a cause other than a cost driver (DOMAIN.md §5). */
export const CAUSE_ACTIONS = {
  grossMargin: 'price list, product mix',
  discount: 'discount discipline',
  belowCost: 'price list, product mix',
} as const;

/** Plain-English names of cost lines, for waterfalls and explanations. */
export const COST_LINE_LABELS: Record<CostLine, string> = {
  orders: 'Orders',
  lines: 'Order lines',
  deliveries: 'Deliveries',
  returns: 'Returns',
  contacts: 'Service contacts',
  repeatContacts: 'Repeat contacts',
  visits: 'Sales visits',
  paymentDays: 'Cost of capital (payment days)',
};

/** The group value of a blank group cell (DOMAIN.md §14). */
export const BLANK_GROUP = '(blank)';
