/**
 * Tables for the template tests, each with the settings to analyse it: threshold-exact values,
 * ties, pools, and every size/profitability method.
 */
import type { CellValue } from '../../core/types.js';
import { generateCustomers, SAMPLE_SETTINGS } from '../data/generate.js';

export interface Scenario {
  name: string;
  values: CellValue[][];
  settings: Record<string, unknown>;
}

/**
 * Integer money, so every spreadsheet engine computes the same doubles as the core:
 * before(C) is exactly 0.80 and before(D) exactly 0.95 (Medium and Small: on the threshold goes up
 * the class, i.e. not Large); A and B tie at 400; A, C and F sit exactly on the 10 % margin target
 * (High); E earns exactly 0 (Mid, not Low); G and H have no revenue; names start with = + - @.
 */
export const THRESHOLDS: Scenario = {
  name: 'threshold-exact',
  settings: {},
  values: [
    ['Customer', 'Customer Name', 'Revenue', 'Gross Profit'],
    ['A', '=HYPERLINK("http://x","A")', 400, 40],
    ['B', '+B Ltd', 400, 47],
    ['C', '-C', 150, 15],
    ['D', '@D', 30, -3],
    ['E', 'E', 10, 0],
    ['F', 'F', 10, 1],
    ['G', 'G', 0, -5],
    ['H', 'H', -20, -2],
  ],
};

/** Generated customers with every 7th revenue copied from the row before (ties). */
export function withTies(n: number, seed: number): CellValue[][] {
  const rows = generateCustomers(n, seed) as CellValue[][];
  for (let i = 8; i < rows.length; i += 7) rows[i][2] = rows[i - 1][2];
  return rows;
}

const { deliveries: _d, ...ratesWithoutDeliveries } = SAMPLE_SETTINGS.rates;

export const GENERATED: Scenario[] = [
  {
    name: 'ties + a cost pool',
    values: withTies(300, 11),
    settings: {
      rates: ratesWithoutDeliveries,
      pools: { deliveries: 250_000 },
      costOfCapital: 0.08,
    },
  },
  {
    name: 'terciles',
    values: withTies(240, 12),
    settings: {
      ...SAMPLE_SETTINGS,
      size: { method: 'terciles' },
      profitability: { method: 'terciles' },
    },
  },
  {
    name: 'fixed',
    values: withTies(240, 13),
    settings: {
      ...SAMPLE_SETTINGS,
      size: { method: 'fixed', large: 60_000, medium: 15_000 },
      profitability: { method: 'fixed', high: 0.12, low: 0.02 },
    },
  },
  {
    name: 'margin target set',
    values: withTies(200, 14),
    settings: { ...SAMPLE_SETTINGS, profitability: { method: 'bands', target: 0.05 } },
  },
  {
    // §10: avoidable shares set by hand, on a pool and on the cost of capital
    name: 'avoidable shares set',
    values: withTies(200, 15),
    settings: {
      rates: ratesWithoutDeliveries,
      pools: { deliveries: 250_000 },
      costOfCapital: 0.08,
      avoidable: { deliveries: 0.4, orders: 0.5, paymentDays: 0 },
    },
  },
];

/**
 * The what-if (DOMAIN.md §11) on top of capacity (§13): price changes by tier and segment, a rate,
 * a pool and a capacity cost changed for the business, and the small money-losers exit — the
 * template's Scenario columns must equal the core's scenario after recalculation.
 */
export const WHAT_IF: Scenario = {
  name: 'what-if with capacity',
  values: withTies(260, 15),
  settings: {
    rates: { ...ratesWithoutDeliveries, orders: 10 },
    pools: { deliveries: 150_000 },
    capacity: [
      {
        name: 'Warehouse',
        cost: 300_000,
        minutes: 900_000,
        minutesPer: { orders: 12, lines: 1.5, deliveries: 20, returns: 30 },
      },
      {
        name: 'Service',
        cost: 90_000,
        minutes: 200_000,
        minutesPer: { contacts: 8, repeatContacts: 12 },
      },
    ],
    costOfCapital: 0.08,
    scenarios: [
      {
        name: 'Reprice, cut, exit',
        changes: [
          { where: { tiers: ['Fix'] }, price: 0.05 },
          { where: { segments: ['S-M'] }, price: -0.02 },
          { rates: { orders: 0.2 } },
          { pools: { deliveries: -0.1 } },
          { capacityCost: { Warehouse: 0.25 } },
          { where: { moneyLosers: true, segments: ['S-L'] }, exit: true },
        ],
      },
    ],
  },
};
