// DOMAIN.md §11: a scenario's changes apply in order to the baseline customers, then everyone is
// priced and segmented again with the same settings. Direct rates stay, pool rates follow the
// scenario's volumes, capacity rates stay; customers who exit take revenue, gross profit and
// avoidable cost with them, and stranded pool cost lands on the rest.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../../cli/read-csv.js';
import type { Analysis } from '../../core/analyze.js';
import {
  baselineTotals,
  runScenario,
  type ScenarioResult,
  scenarioShares,
} from '../../core/scenario.js';
import { scenarioLine } from '../../core/scenario-words.js';
import { resolveSettings } from '../../core/settings.js';
import { EXITED_SEGMENT, tierState } from '../../core/tier-moves.js';
import { DRIVERS } from '../../core/types.js';
import { whaleOrder } from '../../core/whale-curve.js';
import { customers, expectMoney, run, settings } from './builder.js';

/** The scenario's state (tier, "No revenue" or "Exited") of each customer, by key. */
function tiersIn(a: Analysis, sc: ScenarioResult): Record<string, string> {
  const out: Record<string, string> = {};
  a.customers.keys.forEach((k, c) => {
    out[k] = tierState(sc.segment[c], sc.cut?.[c] === 1, a.settings.tiers);
  });
  return out;
}
const profitOf = (a: Analysis, sc: ScenarioResult, key: string) =>
  sc.netProfit[a.customers.keys.indexOf(key)];

// Orders cost 10 each (a direct rate).
//   A: 1,000 − 600 − 5 × 10  = 350   before 0            → Large, margin 0.35 → High: Concierge
//   B:   500 − 300 − 10 × 10 = 100   before 1000/1600    → Large, margin 0.20 → Mid:  Maintain
//   C:   100 −  80 − 4 × 10  = −20   before 1500/1600    → Medium, a money-loser:     Fix
// Target margin 430 / 1,600 = 0.26875.
const THREE = customers({
  A: { revenue: 1000, cogs: 600, orders: 5 },
  B: { revenue: 500, cogs: 300, orders: 10 },
  C: { revenue: 100, cogs: 80, orders: 4 },
});
const withScenario = (changes: unknown[], extra: object = {}) => {
  const a = run(THREE, { rates: { orders: 10 }, scenarios: [{ name: 'S', changes }], ...extra });
  return { a, sc: a.scenarios[0] };
};

describe('the baseline of the three customers', () => {
  it('is Concierge, Maintain, Fix', () => {
    const { a, sc } = withScenario([]);
    expect(tiersIn(a, sc)).toEqual({ A: 'Concierge', B: 'Maintain', C: 'Fix' });
    expectMoney(sc.totals.netProfit, 430);
  });
});

describe('price', () => {
  it('raises revenue and gross profit by revenue × p for the customers selected', () => {
    // C +25 %: revenue 125, gross profit 20 + 25 = 45, net 45 − 40 = 5 (margin 0.04).
    // Target (350 + 100 + 5) / 1,625 = 0.28; C before 1500/1625 = 0.92 → Medium/Mid: Maintain.
    const { a, sc } = withScenario([{ where: { tiers: ['Fix'] }, price: 0.25 }]);
    expectMoney(profitOf(a, sc, 'C'), 5);
    expect(tiersIn(a, sc)).toEqual({ A: 'Concierge', B: 'Maintain', C: 'Maintain' });
    expect(sc.moves).toEqual([{ from: 'Fix', to: 'Maintain', count: 1 }]);
    expectMoney(sc.delta.revenue, 25);
    expectMoney(sc.delta.grossProfit, 25);
    expectMoney(sc.delta.costToServe, 0);
    expectMoney(sc.delta.netProfit, 25);
    expectMoney(sc.totals.revenue, 1625);
    expectMoney(sc.totals.netMargin!, 455 / 1625);
  });
});

describe('fees', () => {
  it('add fee × volume to revenue and gross profit, selected by segment code or label', () => {
    // C pays 6 per order: 4 × 6 = 24 → revenue 124, gross profit 44, net 4 (margin 0.032): Mid.
    for (const segment of ['M-L', 'Medium/Low', 'm-l']) {
      const { a, sc } = withScenario([{ where: { segments: [segment] }, fees: { orders: 6 } }]);
      expectMoney(profitOf(a, sc, 'C'), 4);
      expectMoney(sc.delta.revenue, 24);
      expectMoney(sc.delta.netProfit, 24);
      expect(sc.moves).toEqual([{ from: 'Fix', to: 'Maintain', count: 1 }]);
    }
  });

  it('apply in order with the other changes', () => {
    // C: fee first (100 + 24 = 124), then +10 % on all of it: 136.4; gross 44 + 12.4 = 56.4
    const fee = { where: { customers: ['C'] }, fees: { orders: 6 } };
    const price = { where: { customers: ['C'] }, price: 0.1 };
    const first = withScenario([fee, price]);
    expectMoney(first.sc.delta.revenue, 36.4);
    // price first (110), then the fee (134): gross 20 + 10 + 24 = 54
    const second = withScenario([price, fee]);
    expectMoney(second.sc.delta.revenue, 34);
    expectMoney(profitOf(second.a, second.sc, 'C'), 54 - 40);
  });
});

describe('volumes', () => {
  it('scale each selected customer volume; a direct rate stays', () => {
    // Half the orders: A 2.5 × 10 = 25 → 375; B 5 × 10 → 150; C 2 × 10 → 0 (margin 0: Mid);
    // 25 + 50 + 20 = 95 less cost.
    // Target 525 / 1,600 = 0.328125: A High, B (0.30) Mid.
    const { a, sc } = withScenario([{ volumes: { orders: -0.5 } }]);
    expectMoney(profitOf(a, sc, 'A'), 375);
    expectMoney(profitOf(a, sc, 'B'), 150);
    expectMoney(profitOf(a, sc, 'C'), 0);
    expectMoney(sc.delta.costToServe, -95);
    expectMoney(sc.delta.netProfit, 95);
    expect(tiersIn(a, sc)).toEqual({ A: 'Concierge', B: 'Maintain', C: 'Maintain' });
  });

  it('change payment days too', () => {
    // 36,500 × 30 / 365 × 0.1 = 300; 20 days fewer is a third less: 200
    const a = run(customers({ A: { revenue: 36500, cogs: 20000, paymentDays: 30 } }), {
      costOfCapital: 0.1,
      scenarios: [{ name: 'Terms', changes: [{ volumes: { paymentDays: -1 / 3 } }] }],
    });
    expectMoney(a.scenarios[0].delta.costToServe, -100);
  });
});

describe('rates', () => {
  it('scale the direct rate for the selected customers only', () => {
    // C's orders at 5: 4 × 5 = 20 → net 0; A and B still pay 10 an order.
    const { a, sc } = withScenario([{ where: { customers: ['C'] }, rates: { orders: -0.5 } }]);
    expectMoney(profitOf(a, sc, 'C'), 0);
    expectMoney(profitOf(a, sc, 'A'), 350);
    expectMoney(profitOf(a, sc, 'B'), 100);
    expectMoney(sc.delta.costToServe, -20);
  });

  it('leave the pool and capacity parts of a rate as they are', () => {
    // orders: direct 10 + capacity 12 a minute-priced order (1,200 / 1,000 min × 10 min).
    // C's direct part doubles: 4 × (20 + 12) = 128 instead of 4 × 22 = 88.
    const cap = [{ name: 'Warehouse', cost: 1200, minutes: 1000, minutesPer: { orders: 10 } }];
    const { a, sc } = withScenario([{ where: { customers: ['C'] }, rates: { orders: 1 } }], {
      capacity: cap,
    });
    expectMoney(profitOf(a, sc, 'C'), 20 - 128);
    expectMoney(sc.delta.costToServe, 40);
  });
});

describe('pools and capacity cost (the whole business)', () => {
  // Deliveries from a pool of 300 over 10 + 20 = 30 deliveries: 10 each.
  const POOLED = customers({
    A: { revenue: 1000, cogs: 600, deliveries: 10 },
    B: { revenue: 500, cogs: 300, deliveries: 20 },
  });

  it('a pool cut by 20 % lowers the rate over the same volume', () => {
    // 240 / 30 = 8: A pays 80 (not 100), B 160 (not 200)
    const a = run(POOLED, {
      pools: { deliveries: 300 },
      scenarios: [{ name: 'Leaner dispatch', changes: [{ pools: { deliveries: -0.2 } }] }],
    });
    const sc = a.scenarios[0];
    expectMoney(profitOf(a, sc, 'A'), 400 - 80);
    expectMoney(sc.delta.costToServe, -60);
    expectMoney(sc.delta.netProfit, 60);
  });

  it('fewer deliveries raise the pool rate: a pool is a fixed cost', () => {
    // B halves its deliveries: 300 over 10 + 10 = 20 → 15 each; A now pays 150 (was 100).
    const a = run(POOLED, {
      pools: { deliveries: 300 },
      scenarios: [
        {
          name: 'B consolidates',
          changes: [{ where: { customers: ['B'] }, volumes: { deliveries: -0.5 } }],
        },
      ],
    });
    const sc = a.scenarios[0];
    expectMoney(profitOf(a, sc, 'A'), 400 - 150);
    expectMoney(profitOf(a, sc, 'B'), 200 - 150);
    expectMoney(sc.delta.costToServe, 0);
    expectMoney(sc.delta.netProfit, 0);
  });

  it('a resource 50 % dearer raises its cost per minute; fewer minutes show as unused capacity', () => {
    // Warehouse 600 for 1,000 minutes (0.60), 10 minutes a delivery → 6 each; used 300 minutes.
    // +50 %: 0.90 a minute → 9 a delivery; unused (1,000 − 300) × 0.9 = 630 (was 420).
    const a = run(POOLED, {
      capacity: [{ name: 'Warehouse', cost: 600, minutes: 1000, minutesPer: { deliveries: 10 } }],
      scenarios: [{ name: 'Rent rise', changes: [{ capacityCost: { warehouse: 0.5 } }] }],
    });
    const sc = a.scenarios[0];
    expectMoney(a.totals.unusedCapacityCost, 420);
    expectMoney(sc.totals.unusedCapacityCost, 630);
    expectMoney(profitOf(a, sc, 'A'), 400 - 90);
    expectMoney(sc.delta.costToServe, 90);
    // the business pays 300 more: 90 more charged, 210 more unused
    expectMoney(sc.delta.netProfit, -300);
  });
});

describe('exit', () => {
  // Orders from a pool of 500 over 10 + 20 + 20 = 50 orders: 10 each; contacts 5 each (direct).
  //   A: 1,000 − 600 − 100       = 300   Large/High   Concierge
  //   B:   500 − 300 − 200       =   0   Large/Mid    Maintain (margin 0 < target 130/1,600)
  //   C:   100 −  50 − 200 − 20  = −170  Medium/Low   Fix
  const SPIRAL = customers({
    A: { revenue: 1000, cogs: 600, orders: 10, contacts: 0 },
    B: { revenue: 500, cogs: 300, orders: 20, contacts: 0 },
    C: { revenue: 100, cogs: 50, orders: 20, contacts: 4 },
  });
  const spiral = (extra: object = {}) =>
    run(SPIRAL, {
      pools: { orders: 500 },
      rates: { contacts: 5 },
      scenarios: [
        { name: 'Exit the money-losers', changes: [{ where: { moneyLosers: true }, exit: true }] },
      ],
      ...extra,
    });

  it('re-spreads the stranded pool over the customers left: the death spiral', () => {
    // C leaves with its gross profit (50) and its direct contacts cost (20); the pool of 500
    // stays and is spread over 30 orders: 16.67 each. A: 400 − 166.67 = 233.33;
    // B: 200 − 333.33 = −133.33 — B now loses money (Large/Low: Fix).
    const a = spiral();
    const sc = a.scenarios[0];
    expect(tiersIn(a, sc)).toEqual({ A: 'Concierge', B: 'Fix', C: 'Exited' });
    expectMoney(profitOf(a, sc, 'A'), 400 - 500 / 3);
    expectMoney(profitOf(a, sc, 'B'), 200 - 1000 / 3);
    expect(profitOf(a, sc, 'C')).toBe(0);
    expect(sc.exited).toBe(1);
    expect(sc.totals.customers).toBe(2);
    expect(sc.totals.moneyLosers).toBe(1);
    expect(sc.moves).toEqual([
      { from: 'Fix', to: 'Exited', count: 1 },
      { from: 'Maintain', to: 'Fix', count: 1 },
    ]);
    // profit falls by C's gross profit less its avoidable cost: −50 + 20 = −30 (130 → 100)
    expectMoney(a.totals.netProfit, 130);
    expectMoney(sc.totals.netProfit, 100);
    expectMoney(sc.delta.netProfit, -30);
    expectMoney(sc.delta.revenue, -100);
    expectMoney(sc.delta.grossProfit, -50);
    expectMoney(sc.delta.costToServe, -20);
    expectMoney(sc.totals.strandedCost, 0);
  });

  it("turns a leaver's capacity minutes into unused capacity, not into profit", () => {
    // Warehouse 600 for 1,000 minutes (0.60), 10 minutes an order: 6 an order, 500 minutes used.
    // C (20 orders, 120 of capacity) leaves: 200 minutes fewer → unused 700 × 0.6 = 420 (was 300).
    // A and B keep their rate of 6; the business loses C's gross profit less its contacts: −30.
    const a = run(SPIRAL, {
      rates: { contacts: 5 },
      capacity: [{ name: 'Warehouse', cost: 600, minutes: 1000, minutesPer: { orders: 10 } }],
      scenarios: [{ name: 'Exit C', changes: [{ where: { customers: ['C'] }, exit: true }] }],
    });
    const sc = a.scenarios[0];
    expectMoney(profitOf(a, sc, 'A'), 400 - 60);
    expectMoney(sc.totals.unusedCapacityCost, 420);
    expectMoney(sc.delta.unusedCapacityCost, 120);
    expectMoney(sc.delta.costToServe, -140);
    expectMoney(sc.delta.netProfit, -30);
    expectMoney(sc.capacity[0].usedMinutes, 300);
  });

  it('takes avoidable shares other than the defaults (§10)', () => {
    // Orders' pool fully avoidable: the pool shrinks by C's 200 → 300 over 30 = 10, A and B as
    // before. Contacts' direct cost fully stranded: C's 20 stays, charged to no one.
    // Δ = −50 + 200 + 0 = +150.
    const a = spiral({ scenarios: [] });
    const shares = scenarioShares(a.cost, a.settings);
    shares.pool.orders = 1;
    shares.direct.contacts = 0;
    const sc = runScenario(
      a,
      a.settings,
      {
        name: 'Exit C',
        changes: [{ where: { customers: ['C'] }, exit: true }],
      },
      shares,
    );
    expectMoney(profitOf(a, sc, 'A'), 300);
    expectMoney(profitOf(a, sc, 'B'), 0);
    expectMoney(sc.totals.strandedCost, 20);
    expectMoney(sc.delta.netProfit, 150);
  });

  it('moneyLosers: false selects everyone else', () => {
    const a = spiral({
      scenarios: [
        { name: 'Keep only C', changes: [{ where: { moneyLosers: false }, exit: true }] },
      ],
    });
    expect(tiersIn(a, a.scenarios[0])).toEqual({ A: 'Exited', B: 'Exited', C: 'Fix' });
  });
});

describe('where', () => {
  it('needs every key given to hold', () => {
    // Fix customers who are also Large: nobody (C is Medium) → a warning, no change
    const { a, sc } = withScenario([{ where: { tiers: ['fix'], segments: ['L-L'] }, price: 0.5 }]);
    expect(sc.delta.revenue).toBe(0);
    expect(sc.warnings).toEqual(['scenario "S", change 1: selects no customer']);
    expect(a.warnings).toContain('scenario "S", change 1: selects no customer');
  });

  it('names customer keys that are not in the data', () => {
    const { sc } = withScenario([{ where: { customers: ['C', 'Z9'] }, exit: true }]);
    expect(sc.exited).toBe(1);
    expect(sc.warnings).toEqual(['scenario "S", change 1: customer "Z9" is not in the data']);
  });

  it('selects by group value (§14): the value carrying most of a customer’s revenue', () => {
    // A and C are North, B South (B's one North row carries less revenue than its South row)
    const values = [
      ['Customer', 'Revenue', 'COGS', 'Orders', 'Region'],
      ['A', 1000, 600, 5, 'North'],
      ['B', 400, 240, 8, 'South'],
      ['B', 100, 60, 2, 'North'],
      ['C', 100, 80, 4, 'north '],
    ];
    const a = run(values, {
      rates: { orders: 10 },
      groupBy: ['region'],
      scenarios: [
        { name: 'North +10 %', changes: [{ where: { group: { Region: 'North' } }, price: 0.1 }] },
        { name: 'East', changes: [{ where: { group: { Region: 'East' } }, exit: true }] },
        { name: 'Channel', changes: [{ where: { group: { Channel: 'Web' } }, exit: true }] },
      ],
    });
    // values are compared as the data holds them (trimmed): C's "north" is not "North"
    expectMoney(a.scenarios[0].delta.revenue, 100);
    expect(a.scenarios[1].warnings).toContain(
      'scenario "East", change 1: where.group: region has no value "East"',
    );
    expect(a.scenarios[1].exited).toBe(0);
    expect(a.scenarios[2].warnings[0]).toBe(
      'scenario "Channel", change 1: where.group: "Channel" is not a groupBy column (groupBy: region), so it selects no one; add it to groupBy',
    );
  });

  it('says when the data has no column for a fee', () => {
    const { sc } = withScenario([{ fees: { deliveries: 5 } }]);
    expect(sc.warnings).toEqual([
      'scenario "S", change 1: the data has no deliveries column, so no deliveries fee is charged',
    ]);
  });
});

describe('a scenario that changes nothing', () => {
  const values = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
  const a = run(values, {
    rates: { orders: 25, lines: 2, returns: 60, contacts: 15 },
    pools: { deliveries: 90000 },
    capacity: [
      { name: 'Warehouse', cost: 480000, minutes: 1200000, minutesPer: { orders: 12, lines: 1.5 } },
      {
        name: 'Service',
        cost: 50000,
        minutes: 40000,
        minutesPer: { contacts: 8, repeatContacts: 12 },
      },
    ],
    costOfCapital: 0.1,
    scenarios: [
      { name: 'Nothing', changes: [] },
      {
        name: 'Zero changes',
        changes: [
          { price: 0 },
          { rates: { orders: 0 } },
          { volumes: { deliveries: 0 } },
          { pools: { deliveries: 0 } },
          { capacityCost: { Warehouse: 0 } },
        ],
      },
    ],
  });

  it('equals the baseline exactly: every customer, the totals, the matrix', () => {
    expect(a.customers.n).toBe(500);
    for (const sc of a.scenarios) {
      expect(Array.from(sc.netProfit)).toEqual(Array.from(a.netProfit));
      expect(Array.from(sc.segment)).toEqual(Array.from(a.classes.segment));
      expect(sc.matrix).toEqual(a.matrix);
      expect(sc.moves).toEqual([]);
      expect(sc.delta).toEqual({
        revenue: 0,
        grossProfit: 0,
        costToServe: 0,
        netProfit: 0,
        unusedCapacityCost: 0,
        strandedCost: 0,
      });
      expect(sc.totals.netProfit).toBe(a.totals.netProfit);
      expect(sc.totals.unusedCapacityCost).toBe(a.totals.unusedCapacityCost);
      expect(sc.capacity).toEqual(a.cost.capacity);
    }
  });

  it('does not touch the baseline columns', () => {
    const before = Array.from(a.customers.revenue);
    runScenario(a, a.settings, {
      name: 'x',
      changes: [{ price: 0.5 }, { volumes: { orders: 1 } }],
    });
    expect(Array.from(a.customers.revenue)).toEqual(before);
    expect(whaleOrder(a)).toHaveLength(500);
  });
});

describe('the scenarios setting', () => {
  it('lists every problem at once', () => {
    const s = { rates: { orders: 10 }, pools: { deliveries: 100 } };
    const problems = (scenarios: unknown) => resolveSettings({ ...s, scenarios }).problems;
    expect(
      problems([
        { name: 'A', changes: [{ price: 0.1, exit: true }, {}] },
        {
          name: 'a',
          changes: [{ where: { segments: ['X-Y'], tiers: ['VIP'] }, fees: { teleports: 1 } }],
        },
        { name: '', changes: {} },
        {
          name: 'B',
          changes: [
            { rates: { deliveries: 0.1, contacts: 0.1 } },
            { pools: { orders: -0.1 }, where: { tiers: ['Fix'] } },
            { capacityCost: { Warehouse: 0.1 } },
            { volumes: { orders: -2 } },
            { exit: false, colour: 'red' },
          ],
        },
      ]),
    ).toEqual([
      'scenarios[0].changes[0] has price and exit: one change per item (split them, they apply in order)',
      'scenarios[0].changes[1] changes nothing: give one of price, fees, volumes, rates, pools, capacityCost, exit',
      'scenarios[1]: the name "a" is used twice: give each scenario its own',
      'scenarios[1].changes[0].where.segments: unknown segment "X-Y" (use Large/High, Large/Mid, Large/Low, Medium/High, Medium/Mid, Medium/Low, Small/High, Small/Mid, Small/Low or L-H, L-M, L-L, M-H, M-M, M-L, S-H, S-M, S-L)',
      'scenarios[1].changes[0].where.tiers: unknown tier "VIP" (tiers: Concierge, Maintain, Fix, Grow, Self-service)',
      'scenarios[1].changes[0].fees: unknown driver "teleports" (drivers: orders, lines, deliveries, returns, contacts, repeatContacts, visits)',
      'scenarios[2].name must be a text, e.g. "Fees for small orders"',
      'scenarios[2].changes must be a list of changes, e.g. [{"price": 0.03}]',
      'scenarios[3].changes[0].rates.deliveries: deliveries has no direct rate in the settings (it is priced by a cost pool: change pools instead)',
      'scenarios[3].changes[0].rates.contacts: contacts has no direct rate in the settings',
      'scenarios[3].changes[1]: pools change the whole business (a team, not a customer\'s use of it): remove "where"',
      'scenarios[3].changes[1].pools.orders: orders has no cost pool in the settings',
      'scenarios[3].changes[2].capacityCost: no capacity resource "Warehouse" in the settings',
      'scenarios[3].changes[3].volumes.orders must be a fraction of -1 or more, e.g. -0.3 for 30 % less (got -2)',
      'scenarios[3].changes[4]: unknown key "colour" (keys: where, price, fees, volumes, rates, pools, capacityCost, exit)',
      'scenarios[3].changes[4].exit must be true (got false)',
    ]);
  });

  it('must be a list, and checks each scenario like the settings', () => {
    expect(resolveSettings({ scenarios: { name: 'x' } }).problems).toEqual([
      'scenarios must be a list, e.g. [{"name": "Reprice", "changes": [{"price": 0.03}]}]',
    ]);
    expect(
      settings({ scenarios: [{ name: 'Fees', changes: [{ fees: { orders: 15 } }] }] }).scenarios,
    ).toEqual([{ name: 'Fees', changes: [{ fees: { orders: 15 } }] }]);
  });
});

describe('exit agrees with exit economics (§10)', () => {
  // Pools, capacity, a mixed driver and a setting: one customer's exit as a scenario changes the
  // business's profit by exactly that customer's exit impact.
  const values = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
  const base = {
    rates: { orders: 25, lines: 2, returns: 60, contacts: 15, visits: 250 },
    pools: { deliveries: 90000 },
    capacity: [
      {
        name: 'Warehouse',
        cost: 900000,
        minutes: 3000000,
        minutesPer: { orders: 12, returns: 45 },
      },
    ],
    costOfCapital: 0.1,
  };
  for (const avoidable of [{}, { deliveries: 0.5, returns: 1, paymentDays: 0 }]) {
    it(`one leaver's delta is its exit impact (avoidable ${JSON.stringify(avoidable)})`, () => {
      const a = run(values, { ...base, avoidable });
      const losers = Array.from(whaleOrder(a)).slice(-4); // the four biggest money-losers
      for (const c of losers) {
        const sc = runScenario(a, a.settings, {
          name: 'one',
          changes: [{ where: { customers: [a.customers.keys[c]] }, exit: true }],
        });
        expect(sc.exited).toBe(1);
        expect(Math.abs(sc.delta.netProfit - a.exit.exitImpact[c])).toBeLessThan(1e-6);
      }
    });
  }
});

describe('the exit line', () => {
  it('says which costs leave: direct-rate by default, else as the avoidable setting says', () => {
    const exit = [{ where: { customers: ['C'] }, exit: true }];
    const plain = withScenario(exit);
    const set = withScenario(exit, { avoidable: { orders: 0.5 } });
    const line = (x: typeof plain) =>
      scenarioLine(
        x.sc,
        baselineTotals(x.a, x.a.settings),
        Object.keys(x.a.settings.avoidable).length > 0,
      );
    expect(line(plain)).toContain(
      '1 customer exits (its direct-rate costs go with it; pool and capacity costs stay)',
    );
    expect(line(set)).toContain(
      '1 customer exits (its avoidable costs, as the avoidable setting says, go with it; the rest stays)',
    );
    // C's gross profit 20 goes, half its 40 of orders cost goes (20), the other 20 stays, charged
    // to no one: Δ = −20 + 20 = 0, its exit impact
    expectMoney(set.sc.totals.strandedCost, 20);
    expectMoney(set.sc.delta.netProfit, 0);
    expectMoney(set.a.exit.exitImpact[2], 0);
  });
});

describe('with migration (§7: one rate for both periods)', () => {
  const values = parseCsv(decodeText(readFileSync('samples/transactions-2024-2025.csv')).text);
  const a = run(
    values,
    {
      rates: { orders: 25 },
      pools: { deliveries: 40000 },
      capacity: [{ name: 'Service', cost: 30000, minutes: 60000, minutesPer: { contacts: 20 } }],
      scenarios: [
        { name: 'Nothing', changes: [] },
        { name: 'Exit the money-losers', changes: [{ where: { moneyLosers: true }, exit: true }] },
      ],
    },
    { periods: 'year' },
  );

  it('a scenario that changes nothing equals the later period exactly', () => {
    const sc = a.scenarios[0];
    expect(Array.from(sc.netProfit)).toEqual(Array.from(a.netProfit));
    expect(sc.matrix).toEqual(a.matrix);
    expect(sc.delta.netProfit).toBe(0);
  });

  it("spreads a leaver's pool share over the volume left in both periods", () => {
    // the pool rate is 40,000 over all deliveries of both years; the leavers' deliveries of the
    // later year go, the earlier year's stay in the denominator
    const sc = a.scenarios[1];
    const i = DRIVERS.indexOf('deliveries');
    const all = a.cost.rateVolumes[i];
    let gone = 0;
    for (let c = 0; c < a.customers.n; c++)
      if (sc.segment[c] === EXITED_SEGMENT) gone += a.customers.volumes[i]![c];
    const rate = 40000 / (all - gone);
    const stay = Array.from({ length: a.customers.n }, (_, c) => c).find(
      (c) => sc.segment[c] !== EXITED_SEGMENT && a.customers.volumes[i]![c] > 0,
    )!;
    const before =
      a.netProfit[stay] + a.customers.volumes[i]![stay] * a.cost.rateParts.deliveries.pool;
    expectMoney(sc.netProfit[stay], before - a.customers.volumes[i]![stay] * rate);
  });
});
