/**
 * The one table of custom functions. Excel's functions.ts (with the JSDoc that
 * custom-functions-metadata reads) and the Sheets globals (with `@customfunction` JSDoc) are both
 * generated from it, so names, arguments and help are identical in both hosts (STYLE habit 7).
 * Ids never change: workbooks in the wild call them.
 */
import type { Arg } from './arguments.js';
import { profitByGroup } from './group-functions.js';
import {
  costToServeRows,
  profitMatrixGrid,
  whaleCurvePoints,
  whalePeak,
} from './portfolio-functions.js';
import { profitSegment, profitTier } from './profit-tier.js';

export interface ParamDef {
  name: string;
  description: string;
  /** A range (2-D) or one value. */
  range: boolean;
  optional: boolean;
}

export interface FunctionDef {
  /** Upper-case id and name, e.g. PROFITTIER. */
  id: string;
  description: string;
  params: ParamDef[];
  /** What the result is, for the help text. */
  returns: string;
  /** A worked example for the README and the help. */
  example: string;
  impl: (...args: Arg[]) => unknown[][];
}

const p = (name: string, description: string, optional = false, range = true): ParamDef => ({
  name,
  description,
  range,
  optional,
});
const population = [
  p(
    'allRevenue',
    'Revenue of every customer (the population the rows are placed in). Needed when revenue is one cell, as in a formula filled down.',
    true,
  ),
  p('allProfit', 'Gross profit of every customer, matching allRevenue.', true),
  p('allCostToServe', 'Cost-to-serve of every customer, matching allRevenue.', true),
  p(
    'options',
    'Settings: JSON text such as {"size":{"method":"terciles"}}, or a two-column range of settings paths (size.method) or the template\'s Settings labels (Size method) and their values.',
    true,
  ),
];

export const FUNCTIONS: FunctionDef[] = [
  {
    id: 'PROFITTIER',
    description:
      'Service tier of each customer (Concierge, Grow, Maintain, Fix, Self-service) from revenue size and profitability.',
    params: [
      p('revenue', 'Revenue of the customer(s): a cell or a column.'),
      p('grossProfit', 'Gross profit (revenue minus cost of goods) of the same customer(s).'),
      p(
        'costToServe',
        'Cost-to-serve of the same customer(s); net profit = grossProfit − costToServe.',
        true,
      ),
      ...population,
    ],
    returns: 'One column of tier names; "" for blank rows, "No revenue" for revenue below 0.',
    example: '=PROFITTIER(B2:B500, C2:C500, D2:D500) spills one tier per customer.',
    impl: profitTier,
  },
  {
    id: 'PROFITSEGMENT',
    description:
      'Segment label of each customer (Large/High … Small/Low): revenue size × profitability.',
    params: [
      p('revenue', 'Revenue of the customer(s): a cell or a column.'),
      p('grossProfit', 'Gross profit of the same customer(s).'),
      p('costToServe', 'Cost-to-serve of the same customer(s).', true),
      ...population,
    ],
    returns: 'One column of segment labels such as Large/High.',
    example:
      '=PROFITSEGMENT(B2, C2, D2, B$2:B$500, C$2:C$500, D$2:D$500) dragged down gives each row its segment.',
    impl: profitSegment,
  },
  {
    id: 'PROFITMATRIX',
    description:
      'The 3×3 profit matrix: customers, revenue or net profit per size (rows) and profitability (columns).',
    params: [
      p('revenue', 'Revenue of every customer.'),
      p('netProfit', 'Net profit of every customer (after cost-to-serve).'),
      p('measure', '"count" (default), "revenue" or "profit" (net profit).', true, false),
      p(
        'options',
        'Settings: JSON text, or a two-column range of settings paths or Settings labels and values.',
        true,
      ),
    ],
    returns: 'A labelled 4×4 grid.',
    example: '=PROFITMATRIX(B2:B500, E2:E500, "profit")',
    impl: profitMatrixGrid,
  },
  {
    id: 'COSTTOSERVE',
    description: 'Cost-to-serve of each customer: the sum of each activity volume times its rate.',
    params: [
      p(
        'volumes',
        'Activity volumes: one row per customer, one column per driver (orders, deliveries, returns, …).',
      ),
      p('rates', 'One rate per volume column (money per order, per delivery, …).'),
    ],
    returns: 'One column of costs.',
    example: '=COSTTOSERVE(F2:H500, {25, 40, 60})',
    impl: costToServeRows,
  },
  {
    id: 'WHALECURVE',
    description:
      'Points of the whale curve: customers sorted by profit, cumulative share of profit.',
    params: [
      p('netProfit', 'Net profit of every customer (after cost-to-serve).'),
      p('points', 'How many steps along the customers (default 20).', true, false),
    ],
    returns: 'Two columns with a header row: share of customers, share of profit.',
    example: '=WHALECURVE(E2:E500, 10)',
    impl: whaleCurvePoints,
  },
  {
    id: 'WHALEPEAK',
    description:
      'The peak of the whale curve: the share of customers that earns the most, and that share of total profit.',
    params: [p('netProfit', 'Net profit of every customer (after cost-to-serve).')],
    returns: 'One row: share of customers, share of profit (e.g. 0.22, 1.6).',
    example: '=WHALEPEAK(E2:E500)',
    impl: whalePeak,
  },
  {
    id: 'PROFITBYGROUP',
    description:
      'Profitability per group (region, channel, sales rep…): each group value with its total net profit, revenue, customer count or margin.',
    params: [
      p('groups', 'The group of each customer, e.g. the Region column.'),
      p('revenue', 'Revenue of the same customers.'),
      p('netProfit', 'Net profit of the same customers.'),
      p(
        'measure',
        '"profit" (net profit, default), "revenue", "count" (rows) or "margin" (net profit / revenue).',
        true,
        false,
      ),
    ],
    returns:
      'Two columns: group value and its total, largest first; a blank group is "(blank)", a margin without revenue "".',
    example: '=PROFITBYGROUP(C2:C500, D2:D500, G2:G500, "margin")',
    impl: profitByGroup,
  },
];
