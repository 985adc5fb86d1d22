// DOMAIN.md §8: for the Concierge tier: count, revenue, net profit, share of total net profit, and
// the service budget it can carry at a set share of its net profit (default 10 %), per account.
import { describe, expect, it } from 'vitest';
import { conciergeCut, conciergeEconomics } from '../../core/concierge.js';
import type { MatrixCell } from '../../core/matrix.js';
import { cellTierLabel } from '../../core/matrix.js';
import { customer, customers, expectMoney, run, tiers } from './builder.js';

const cell = (tier: string, count: number, revenue: number, netProfit: number): MatrixCell => ({
  segment: 'Large/High',
  code: 'L-H',
  size: 'Large',
  profitability: 'High',
  tier,
  tierCounts: [{ tier, count }],
  action: '',
  count,
  revenue,
  grossProfit: netProfit,
  costToServe: 0,
  netProfit,
  shareOfCustomers: null,
  shareOfRevenue: null,
  shareOfProfit: null,
});

describe('conciergeEconomics', () => {
  it('gives the Concierge accounts a budget of 10 % of their net profit (doc example)', () => {
    // 4 accounts earn 200,000 of a total 250,000: share .8; budget 20,000; 5,000 per account
    const e = conciergeEconomics(
      [cell('Concierge', 4, 1_000_000, 200_000), cell('Grow', 10, 300_000, 50_000)],
      250_000,
      0.1,
    );
    expect(e).toEqual({
      count: 4,
      revenue: 1_000_000,
      netProfit: 200_000,
      shareOfProfit: 0.8,
      shareOfCustomers: 4 / 14,
      budgetShare: 0.1,
      serviceBudget: 20_000,
      budgetPerAccount: 5_000,
      movedToMaintain: 0,
      // 4 of 14 = 29 % > 20 %: no longer exclusive
      warning:
        'Concierge holds 4 of 14 matrix customers (29 %), so its service budget thins out to 5,000 per account. Concierge service pays only while it stays exclusive: set Concierge accounts at most (conciergeMaxAccounts) to keep it for the most profitable few',
    });
  });

  it('gives no budget to a Concierge tier that loses money', () => {
    const e = conciergeEconomics([cell('Concierge', 2, 1000, -50)], 100, 0.1);
    expect(e.serviceBudget).toBe(0);
    expect(e.budgetPerAccount).toBe(0);
    expect(e.shareOfProfit).toBe(-0.5);
  });

  it('has no per-account budget without accounts, and no share of a zero total', () => {
    const e = conciergeEconomics([cell('Grow', 3, 100, 10)], 0, 0.1);
    expect(e).toEqual({
      count: 0,
      revenue: 0,
      netProfit: 0,
      shareOfProfit: null,
      shareOfCustomers: 0,
      budgetShare: 0.1,
      serviceBudget: 0,
      budgetPerAccount: null,
      movedToMaintain: 0,
      warning: null,
    });
  });

  it('gives no share of a losing total (§17): a share of a loss reads as a profit', () => {
    const e = conciergeEconomics([cell('Concierge', 1, 1000, 50)], -200, 0.1);
    expect(e.shareOfProfit).toBeNull();
  });

  it('warns only above 20 % of the matrix customers', () => {
    // 1 of 5 = 20 %: still exclusive
    const e = conciergeEconomics(
      [cell('Concierge', 1, 1000, 50), cell('Grow', 4, 400, 40)],
      90,
      0.1,
    );
    expect(e.shareOfCustomers).toBe(0.2);
    expect(e.warning).toBeNull();
  });
});

describe('conciergeCut', () => {
  const seg = Int8Array.of(0, 0, 0, 1, 0);
  const tiers = ['Concierge', 'Maintain', 'Fix', 'Grow', 'Maintain', 'Fix', 'Grow', 'S', 'S'];
  it('keeps the most profitable N, ties by key (doc example plus a tie)', () => {
    // Large/High: A 50, B 90, C 70, E 70; D is Large/Mid. Max 2 → B and C (C before E by key)
    const cut = conciergeCut(
      seg,
      Float64Array.of(50, 90, 70, 999, 70),
      ['A', 'B', 'C', 'D', 'E'],
      tiers,
      2,
    );
    expect(Array.from(cut!)).toEqual([1, 0, 0, 0, 1]);
  });
  it('cuts nothing without the setting or when there are few enough', () => {
    const np = Float64Array.of(50, 90, 70, 999, 70);
    expect(conciergeCut(seg, np, ['A', 'B', 'C', 'D', 'E'], tiers, null)).toBeNull();
    expect(conciergeCut(seg, np, ['A', 'B', 'C', 'D', 'E'], tiers, 4)).toBeNull();
    expect(Array.from(conciergeCut(seg, np, ['A', 'B', 'C', 'D', 'E'], tiers, 0)!)).toEqual([
      1, 1, 1, 0, 1,
    ]);
  });
});

describe('in the analysis', () => {
  it('uses the budget share of the settings', () => {
    // A and B tie at 1,000 → Large; target = (400 + 200 + 10) / 2,100 = .29 → A (.4) High, B (.2) Mid;
    // C: before = 2000/2100 = .952 → Small. Concierge = A alone: 400; budget 20 % = 80.
    const a = run(
      customers({
        A: { revenue: 1000, cogs: 600 },
        B: { revenue: 1000, cogs: 800 },
        C: { revenue: 100, cogs: 90 },
      }),
      { conciergeBudgetShare: 0.2 },
    );
    expect(a.concierge.count).toBe(1);
    expectMoney(a.concierge.netProfit, 400);
    expectMoney(a.concierge.shareOfProfit!, 400 / 610);
    expectMoney(a.concierge.serviceBudget, 80);
    expectMoney(a.concierge.budgetPerAccount!, 80);
  });
});

describe('conciergeMaxAccounts in the analysis', () => {
  // Fixed thresholds: revenue ≥ 1,000 Large; margin ≥ 20 % High. Four Large/High customers.
  const FOUR = customers({
    A: { revenue: 1000, cogs: 500 }, // 500
    B: { revenue: 2000, cogs: 1200 }, // 800
    C: { revenue: 1500, cogs: 1000 }, // 500
    D: { revenue: 1000, cogs: 700 }, // 300
    E: { revenue: 1000, cogs: 950 }, // 50: Large/Mid
  });
  const FIXED = {
    size: { method: 'fixed', large: 1000, medium: 100 },
    profitability: { method: 'fixed', high: 0.2, low: 0 },
  };

  it('keeps Concierge for the N most profitable, the rest get Maintain and its action', () => {
    const a = run(FOUR, { ...FIXED, conciergeMaxAccounts: 2 });
    // B 800 first, then A and C tie at 500: A by key
    expect(tiers(a)).toEqual({
      A: 'Concierge',
      B: 'Concierge',
      C: 'Maintain',
      D: 'Maintain',
      E: 'Maintain',
    });
    expect(customer(a, 'C').segment).toBe('Large/High');
    expect(customer(a, 'C').action).toBe('Serve at lower cost, move up');
    expect(a.concierge.count).toBe(2);
    expectMoney(a.concierge.revenue, 3000);
    expectMoney(a.concierge.netProfit, 1300);
    expect(a.concierge.movedToMaintain).toBe(2);
    // 2 of 5 = 40 %: still more than 20 %, still said
    expect(a.warnings.some((w) => w.startsWith('Concierge holds 2 of 5'))).toBe(true);
  });

  it('shows the cut in the matrix cell: Concierge 2 · Maintain 2 in Large/High', () => {
    const a = run(FOUR, { ...FIXED, conciergeMaxAccounts: 2 });
    expect(a.matrix[0].count).toBe(4);
    expect(a.matrix[0].tierCounts).toEqual([
      { tier: 'Concierge', count: 2 },
      { tier: 'Maintain', count: 2 },
    ]);
    expect(cellTierLabel(a.matrix[0])).toBe('Concierge 2 · Maintain 2');
    expect(cellTierLabel(a.matrix[1])).toBe('Maintain'); // Large/Mid, not split
    expect(cellTierLabel(run(FOUR, FIXED).matrix[0])).toBe('Concierge');
  });

  it('says so when Concierge holds more than 20 % of the matrix customers', () => {
    const a = run(FOUR, FIXED);
    expect(a.concierge.count).toBe(4);
    expect(a.warnings).toContain(
      'Concierge holds 4 of 5 matrix customers (80 %), so its service budget thins out to 53 per account. Concierge service pays only while it stays exclusive: set Concierge accounts at most (conciergeMaxAccounts) to keep it for the most profitable few',
    );
    expect(run(FOUR, { ...FIXED, conciergeMaxAccounts: 1 }).warnings.join()).not.toMatch(
      /Concierge holds/,
    );
  });
});
