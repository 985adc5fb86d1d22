import { describe, expect, it } from 'vitest';
import { MemoryHost } from './memory-host.js';

// Two years of the same three customers: B grows, C appears, A leaves.
const rows = [
  ['Customer', 'Revenue', 'COGS', 'Year'],
  ['A', 500, 300, 2024],
  ['B', 100, 50, 2024],
  ['B', 800, 400, 2025],
  ['C', 200, 150, 2025],
];

describe('MemoryHost.run', () => {
  it('analyses all rows together without options', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({}, () => {});
    expect(s.sheets).not.toContain('Migration');
    expect(s.customers).toBe(3); // A, B (both years summed), C
  });

  it('leaves the Why sheet out when asked', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({}, () => {}, { leaveOutWhy: true });
    expect(s.sheets).toEqual([
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Assumptions',
      'Data Issues',
    ]);
  });

  it('compares the two latest periods when asked, and writes the Migration sheet', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({ columns: { period: 'Year' } }, () => {}, { periods: 'year' });
    expect(s.sheets).toContain('Migration');
    expect(s.customers).toBe(2); // 2025: B and C
    const migration = host.written.find((x) => x.name === 'Migration')!;
    expect(String(migration.values[0][0])).toBe('Migration: 2024 → 2025');
  });
});

describe('MemoryHost.run with what the pane sends', () => {
  it('leaves a guessed column out when the pane sends null, and says why the run cannot go on', async () => {
    const host = new MemoryHost(rows);
    await expect(host.run({ columns: { cogs: null } }, () => {})).rejects.toMatchObject({
      code: 'no-gross-profit',
      message: expect.stringMatching(/^No COGS or Gross Profit column/),
    });
  });

  it('runs on cost-to-serve alone when the user confirms it', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({ columns: { cogs: null }, costToServeOnly: true }, () => {});
    expect(s.revenue).toBe(1600);
    expect(s.netProfit).toBe(1600); // no rates: cost-to-serve 0, gross profit = revenue
  });
});

describe('MemoryHost.detectTable', () => {
  it('finds the header below a title row with the core detection, as Excel and Sheets do', async () => {
    const t = await new MemoryHost([['Sales by customer'], ...rows], 'Sales data').detectTable();
    expect([t.address, t.rows, t.missing]).toEqual(["'Sales data'!A2:D6", 4, []]);
    expect(t.mapping).toEqual({
      customer: 'Customer',
      revenue: 'Revenue',
      cogs: 'COGS',
      period: 'Year',
    });
  });
});

describe('MemoryHost with groups and a trend (§14, §15)', () => {
  const sales = [
    ['Customer', 'Region', 'Year', 'Revenue', 'COGS'],
    ['A', 'North', 2023, 100, 50],
    ['B', 'South', 2023, 100, 90],
    ['A', 'North', 2024, 100, 50],
    ['B', 'South', 2024, 100, 120],
    ['A', 'North', 2025, 300, 100],
    ['B', 'South', 2025, 100, 90],
    ['C', 'South', 2025, 50, 60],
  ];

  it('offers Region as a group column, not the year or the amounts', async () => {
    const t = await new MemoryHost(sales).detectTable();
    expect(t.groupCandidates).toEqual(['Region']);
  });

  it('returns the group table and the totals per period in the summary', async () => {
    const host = new MemoryHost(sales);
    const s = await host.run({ groupBy: ['Region'], columns: { period: 'Year' } }, () => {}, {
      periods: 'year',
    });
    expect(s.sheets).toEqual([
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Why',
      'Groups',
      'Migration',
      'Trend',
      'Assumptions',
      'Data Issues',
    ]);
    // 2025: North A 200; South B 10 and C −10
    expect(s.groups!.map((g) => [g.column, g.valueCount])).toEqual([['Region', 2]]);
    expect(s.groups![0].values.map((v) => [v.value, v.netProfit, v.moneyLosers])).toEqual([
      ['North', 200, 0],
      ['South', 0, 1],
    ]);
    expect(s.trend!.totals.map((t) => [t.period, t.customers, t.netProfit])).toEqual([
      ['2023', 2, 60],
      ['2024', 2, 30],
      ['2025', 3, 200],
    ]);
  });
});
