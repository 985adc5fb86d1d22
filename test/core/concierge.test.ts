// DOMAIN.md §8: for the Concierge tier: count, revenue, net profit, share of total net profit, and
// the service budget it can carry at a set share of its net profit (default 10 %), per account.
import { describe, expect, it } from 'vitest';
import { conciergeEconomics } from '../../core/concierge.js';
import type { MatrixCell } from '../../core/matrix.js';
import { customers, expectMoney, run } from './builder.js';

const cell = (tier: string, count: number, revenue: number, netProfit: number): MatrixCell => ({
  segment: 'Large/High',
  code: 'L-H',
  size: 'Large',
  profitability: 'High',
  tier,
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
      budgetShare: 0.1,
      serviceBudget: 20_000,
      budgetPerAccount: 5_000,
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
      budgetShare: 0.1,
      serviceBudget: 0,
      budgetPerAccount: null,
    });
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
