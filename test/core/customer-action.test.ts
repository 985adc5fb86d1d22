// DOMAIN.md §10: no advice the numbers contradict. Every money-loser's action says exit or reprice,
// whatever its tier; a tier meant to be profitable (Concierge, Grow) that holds money-losers or
// loses money in total is warned about.
import { describe, expect, it } from 'vitest';
import { customer, customers, run } from './builder.js';

describe('a Self-service money-loser (Small/Low)', () => {
  // sizes by Pareto: A before 0 → Large, B before .90 → Medium, C before .98 → Small.
  // C: revenue 20, COGS 25, no cost-to-serve: net profit −5; exit takes its gross profit of −5
  // away: exitImpact = 5 > 0 → exit; break-even price rise 5 / 20 = 25 %.
  const a = run(
    customers({
      A: { revenue: 900, cogs: 400 },
      B: { revenue: 80, cogs: 40 },
      C: { revenue: 20, cogs: 25 },
    }),
  );

  it('carries the exit advice before the segment action', () => {
    const C = customer(a, 'C');
    expect(C.segment).toBe('Small/Low');
    expect(C.tier).toBe('Self-service');
    expect(C.action).toBe(
      'Exit: leaving raises profit by 5, unless a 25 % price rise is accepted; main cause Sold below cost: price list, product mix; Self-service action: Minimum orders, fees, digital channels',
    );
  });

  it('leaves a profitable customer its segment action', () => {
    expect(customer(a, 'A').action).toBe(
      'Protect: dedicated team, first call on inventory, fast bids',
    );
  });
});

describe('a money-loser in the Concierge tier (profitability terciles)', () => {
  // Three Large customers all losing money (before: 0, .42, .75). Terciles rank by margin within
  // Large: A −.02 is the best → High → Concierge, though it loses 10. Exit takes its gross profit
  // of −10 away: exitImpact 10 → exit; break-even rise 10 / 500 = 2 %.
  const a = run(
    customers({
      A: { revenue: 500, cogs: 510 },
      B: { revenue: 400, cogs: 500 },
      C: { revenue: 300, cogs: 400 },
    }),
    { profitability: { method: 'terciles' } },
  );

  it('says exit instead of "Protect"', () => {
    const A = customer(a, 'A');
    expect(A.tier).toBe('Concierge');
    expect(A.recommendation).toBe('exit');
    expect(A.action).toMatch(/^Exit: leaving raises profit by 10, unless a 2 % price rise/);
    expect(A.action).toMatch(/\(loses money in the Concierge tier\)$/);
    expect(A.action).not.toMatch(/Protect/);
  });

  it('warns that the Concierge tier holds a money-loser and loses money', () => {
    expect(a.warnings).toContain(
      "The Concierge tier holds 1 money-loser and loses 10 in total: a tier meant to be profitable; each money-loser's action says exit or reprice instead of the tier's",
    );
  });

  it('gives every money-loser exit or reprice advice, so the exit count matches the actions', () => {
    const losers = a.customers.keys.map((k) => customer(a, k)).filter((c) => c.netProfit < 0);
    expect(losers).toHaveLength(3);
    for (const c of losers) expect(c.action).toMatch(/^(Exit: |Reprice: )/);
    const exits = losers.filter((c) => c.action!.startsWith('Exit: ')).length;
    expect(exits).toBe(a.exit.totals.helps);
  });
});
