// DOMAIN.md §14: any column can be a group. A customer's group value is the value carrying most of
// its revenue over its rows (ties: the alphabetically first; blank → "(blank)"). Segmentation stays
// global; per value: customers, revenue, gross profit, cost-to-serve, net profit, net margin, share
// of total net profit, money-losers and customers per tier.
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../core/analyze.js';
import { analyze } from '../../core/analyze.js';
import { DEFAULT_TIERS } from '../../core/defaults.js';
import type { GroupTable } from '../../core/groups.js';
import { resolveSettings } from '../../core/settings.js';
import { tierNames } from '../../core/tier-names.js';
import { expectMoney, run, table, tiers } from './builder.js';

// Revenue by Pareto: A 130, B 100, C 100 are Large (before < 80 %), D 20 Medium (before 330/350).
// Target margin 130/350: A (.50) and B (.60) High → Concierge, C loses 10 → Fix, D (.75) → Grow.
const SALES = table([
  ['Customer', 'Region', 'Channel', 'Revenue', 'COGS'],
  ['A', 'North', 'Web', 60, 30],
  ['A', 'South', 'Web', 40, 20], // A: South carries 40 + 30 = 70 of 130, North 60 → South
  ['A', 'South', 'Store', 30, 15], // channel: Web 100, Store 30 → Web
  ['B', 'West', 'Store', 50, 20],
  ['B', 'East', 'Store', 50, 20], // B: East 50 = West 50, a tie → East (alphabetically first)
  ['C', 'North', '', 100, 110], //   C: North; no channel → (blank)
  ['D', ' ', 'Web', 20, 5], //        D: a blank region → (blank)
]);
const GROUPED = { groupBy: ['Region', 'Channel'] };

/** customer key → its value of group column `g`. */
function groupOf(a: Analysis, g: number): Record<string, string> {
  const col = a.customers.groups[g];
  return Object.fromEntries(a.customers.keys.map((k, c) => [k, col.values[col.of[c]]]));
}

function column(a: Analysis, name: string): GroupTable {
  const g = a.groups.find((x) => x.column === name);
  if (!g) throw new Error(`no group column ${name}`);
  return g;
}

describe("a customer's group value", () => {
  const a = run(SALES, GROUPED);

  it('is the value carrying most of its revenue; ties go to the alphabetically first', () => {
    expect(groupOf(a, 0)).toEqual({ A: 'South', B: 'East', C: 'North', D: '(blank)' });
    expect(groupOf(a, 1)).toEqual({ A: 'Web', B: 'Store', C: '(blank)', D: 'Web' });
  });

  it('does not depend on row order', () => {
    const reversed = [SALES[0], ...SALES.slice(1).reverse()];
    const b = run(reversed, GROUPED);
    expect(groupOf(b, 0)).toEqual(groupOf(a, 0));
    expect(b.groups).toEqual(a.groups);
  });

  it('leaves segmentation global', () => {
    expect(tiers(a)).toEqual(tiers(run(SALES)));
    expect(tiers(a)).toEqual({ A: 'Concierge', B: 'Concierge', C: 'Fix', D: 'Grow' });
  });

  it('reads numbers and dates as text, one row per customer as it is', () => {
    const b = run(
      table([
        ['Customer', 'Branch', 'Opened', 'Revenue', 'COGS'],
        ['A', 10, new Date(Date.UTC(2021, 2, 1)), 100, 50],
        ['B', 10.5, null, 100, 50],
      ]),
      { groupBy: ['branch', 'OPENED'] }, // matched as headers are: case aside
    );
    expect(groupOf(b, 0)).toEqual({ A: '10', B: '10.5' });
    expect(groupOf(b, 1)).toEqual({ A: '2021-03-01', B: '(blank)' });
    expect(b.groups.map((g) => g.column)).toEqual(['branch', 'OPENED']);
  });
});

describe('per group value', () => {
  const a = run(SALES, GROUPED);
  const region = column(a, 'Region');
  const zeroTiers = { Concierge: 0, Grow: 0, Maintain: 0, Fix: 0, 'Self-service': 0 };

  it('reports the totals of its customers, most net profit first', () => {
    // South: A (130, gross 65, net 65); East: B (100, 60); (blank): D (20, 15); North: C (100, −10).
    // West holds rows of B only, and B is East: no customer, no line.
    expect(region.values.map((v) => v.value)).toEqual(['South', 'East', '(blank)', 'North']);
    const [south, east, blank, north] = region.values;
    expect(south).toMatchObject({ customers: 1, moneyLosers: 0 });
    expectMoney(south.revenue, 130);
    expectMoney(south.grossProfit, 65);
    expectMoney(south.costToServe, 0);
    expectMoney(south.netProfit, 65);
    expectMoney(south.netMargin, 0.5);
    expectMoney(south.shareOfProfit, 65 / 130);
    expect(south.tiers).toEqual({ ...zeroTiers, Concierge: 1 });
    expectMoney(east.shareOfProfit, 60 / 130);
    expect(blank.tiers).toEqual({ ...zeroTiers, Grow: 1 });
    expect(north).toMatchObject({ customers: 1, moneyLosers: 1, moneyLosersNetProfit: -10 });
    expect(south.moneyLosersNetProfit).toBe(0);
    expectMoney(north.netMargin, -0.1);
    expectMoney(north.shareOfProfit, -10 / 130);
    expect(north.tiers).toEqual({ ...zeroTiers, Fix: 1 });
  });

  it('adds up to the totals of the analysis', () => {
    for (const g of a.groups) {
      expect(g.values.reduce((n, v) => n + v.customers, 0)).toBe(a.totals.customers);
      expect(g.values.reduce((n, v) => n + v.moneyLosers, 0)).toBe(a.totals.moneyLosers);
      expectMoney(
        g.values.reduce((n, v) => n + v.netProfit, 0),
        a.totals.netProfit,
      );
    }
    const channel = column(a, 'Channel');
    expect(channel.values.map((v) => [v.value, v.customers, v.netProfit])).toEqual([
      ['Web', 2, 80],
      ['Store', 1, 60],
      ['(blank)', 1, -10],
    ]);
  });

  it('prices cost-to-serve per customer before it is summed per group', () => {
    const b = run(
      SALES.map((r, i) => [...r, i === 0 ? 'Orders' : 1]),
      {
        ...GROUPED,
        rates: { orders: 5 },
      },
    ); // A: 3 orders = 15, B: 10, C: 5, D: 5
    const south = column(b, 'Region').values.find((v) => v.value === 'South')!;
    expectMoney(south.costToServe, 15);
    expectMoney(south.netProfit, 50);
  });

  it('counts each customer in the tier it is given, after conciergeMaxAccounts (§8)', () => {
    // A (net 65) keeps Concierge; B (net 60), the second, is given Maintain
    const b = run(SALES, { ...GROUPED, conciergeMaxAccounts: 1 });
    const east = column(b, 'Region').values.find((v) => v.value === 'East')!;
    expect(east.tiers).toEqual({ ...zeroTiers, Maintain: 1 });
    expect(tiers(b).B).toBe('Maintain');
  });

  it('gives money, not shares, when customers lose money overall', () => {
    const b = run(
      table([
        ['Customer', 'Region', 'Revenue', 'COGS'],
        ['A', 'North', 100, 90],
        ['B', 'South', 100, 150],
      ]),
      { groupBy: ['Region'] },
    );
    expect(b.groups[0].values.map((v) => [v.value, v.netProfit, v.shareOfProfit])).toEqual([
      ['North', 10, null],
      ['South', -50, null],
    ]);
  });

  it('counts customers without revenue, outside every tier', () => {
    const b = run(
      table([
        ['Customer', 'Region', 'Revenue', 'COGS'],
        ['A', 'North', 100, 50],
        ['Z', 'North', 0, 10],
      ]),
      { groupBy: ['Region'] },
    );
    const [north] = b.groups[0].values;
    expect(north.customers).toBe(2);
    expect(north.moneyLosers).toBe(0); // a money-loser is a matrix customer, as in the totals
    expect(Object.values(north.tiers).reduce((x, y) => x + y, 0)).toBe(1);
    expectMoney(north.netProfit, 40);
  });
});

describe('with periods', () => {
  it("takes each customer's value from the rows of the period analysed", () => {
    const a = run(
      table([
        ['Customer', 'Region', 'Period', 'Revenue', 'COGS'],
        ['A', 'North', 2024, 500, 100],
        ['A', 'South', 2025, 100, 50],
        ['B', 'North', 2025, 100, 50],
      ]),
      { groupBy: ['Region'] },
      { periods: 'year' },
    );
    expect(a.groups[0].values.map((v) => [v.value, v.customers])).toEqual([
      ['North', 1],
      ['South', 1],
    ]);
  });
});

describe('settings', () => {
  it('refuse a group column that is not there, in one line naming the headers', () => {
    const out = analyze({ values: SALES }, { groupBy: ['Sales Rep'] });
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'missing-column',
        message:
          'groupBy: no column "Sales Rep" (headers found: "Customer", "Region", "Channel", "Revenue", "COGS")',
      },
    });
  });

  it('take a list of headers, each once', () => {
    expect(resolveSettings({ groupBy: ['Region', ' Sales Rep '] }).settings.groupBy).toEqual([
      'Region',
      'Sales Rep',
    ]);
    expect(resolveSettings({ groupBy: 'Region' }).problems).toEqual([
      'groupBy must be a list of column headers, e.g. ["Region"] (got "Region")',
    ]);
    expect(resolveSettings({ groupBy: ['Region', 'region'] }).problems).toEqual([
      'groupBy names "region" twice',
    ]);
  });

  it('order the tier columns as the tiers read, remapped names last', () => {
    expect(tierNames(DEFAULT_TIERS)).toEqual([
      'Concierge',
      'Grow',
      'Maintain',
      'Fix',
      'Self-service',
    ]);
    const remapped = [...DEFAULT_TIERS];
    remapped[8] = 'Digital';
    remapped[2] = 'Exit';
    expect(tierNames(remapped)).toEqual([
      'Concierge',
      'Grow',
      'Maintain',
      'Fix',
      'Self-service',
      'Exit',
      'Digital',
    ]);
  });
});
