// DOMAIN.md §12: every cost input (direct rate, pool, capacity cost, cost of capital) moves by +X
// and −X, one at a time; everyone is priced and segmented again; a customer is fragile when any
// single move changes its tier.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../cli/read-csv.js';
import { tierOf } from '../../core/customer-action.js';
import { priceAndSegment } from '../../core/price-and-segment.js';
import { sensitivity } from '../../core/sensitivity.js';
import type { Settings } from '../../core/settings.js';
import { tierCodes } from '../../core/tier-moves.js';
import { customers, run } from './builder.js';

describe('three customers, orders at 10', () => {
  //   A: 1,000 − 600 − 5 × 10 = 350   Large/High   Concierge
  //   B:   500 − 300 − 10 × 10 = 100  Large/Mid    Maintain
  //   C:   100 −  58 −  4 × 10 = 2    Medium/Mid   Maintain (margin 0.02; target 452 / 1,600)
  // orders +20 % (12): C pays 48 → −6, a money-loser: Medium/Low, Fix. A 340 (0.34, High),
  //   B 80 (0.16, Mid) against target 414 / 1,600 = 0.259: unchanged.
  // orders −20 % (8): C 10 (0.10), B 120 (0.24), A 360 (0.36); target 490 / 1,600 = 0.306:
  //   nobody moves.
  const a = run(
    customers({
      A: { revenue: 1000, cogs: 600, orders: 5 },
      B: { revenue: 500, cogs: 300, orders: 10 },
      C: { revenue: 100, cogs: 58, orders: 4 },
    }),
    { rates: { orders: 10 } },
  );

  it('finds C fragile on the orders rate rising 20 %', () => {
    const s = a.sensitivity!;
    expect(s.change).toBe(0.2);
    expect(s.inputs).toEqual([{ input: 'orders rate', up: 1, down: 0 }]);
    expect(s.fragileCustomers).toBe(1);
    expect(s.fragile(2)).toEqual(['orders rate +20 %']);
    expect(s.fragile(0)).toEqual([]);
    expect(s.fragile(1)).toEqual([]);
  });

  it('is off at 0, and names the moves by the share set', () => {
    expect(
      run(customers({ A: { revenue: 1, cogs: 0 } }), { sensitivity: 0 }).sensitivity,
    ).toBeNull();
    const wide = run(
      customers({
        A: { revenue: 1000, cogs: 600, orders: 5 },
        C: { revenue: 100, cogs: 58, orders: 4 },
      }),
      { rates: { orders: 10 }, sensitivity: 0.125 },
    );
    expect(wide.sensitivity!.fragile(1)).toEqual(['orders rate +12.5 %']);
  });

  it('counts a move of the margin target too: B sits just above it', () => {
    // A: 1,000 − 500 − 10 × 20 = 300; B: 1,000 − 700 − 0 = 300 … both 0.30 margin, High.
    // C: 500 − 200 − 20 × 20 = −100 (Low). Target 500 / 2,500 = 0.2.
    // orders +20 % (24): A 260, C −180; target 380 / 2,500 = 0.152: still A High.
    // orders −20 % (16): A 340, C −20; target 620 / 2,500 = 0.248 — A 0.34, B 0.30: High.
    // So no tier moves, though C's loss halves: fragility is about tiers, not money.
    const b = run(
      customers({
        A: { revenue: 1000, cogs: 500, orders: 10 },
        B: { revenue: 1000, cogs: 700, orders: 0 },
        C: { revenue: 500, cogs: 200, orders: 20 },
      }),
      { rates: { orders: 20 } },
    );
    expect(b.sensitivity!.inputs).toEqual([{ input: 'orders rate', up: 0, down: 0 }]);
  });
});

describe('every kind of input, against a full re-pricing of each move', () => {
  const values = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
  const base = {
    rates: { orders: 25, lines: 2, returns: 60, contacts: 15, visits: 250 },
    pools: { deliveries: 90000 },
    capacity: [
      { name: 'Warehouse', cost: 480000, minutes: 1200000, minutesPer: { orders: 12, lines: 1.5 } },
      {
        name: 'Service',
        cost: 80000,
        minutes: 40000,
        minutesPer: { contacts: 8, repeatContacts: 12 },
      },
    ],
    costOfCapital: 0.1,
  };
  const a = run(values, base);
  const s = a.sensitivity!;

  it('names each input that costs something', () => {
    expect(s.inputs.map((i) => i.input)).toEqual([
      'orders rate',
      'lines rate',
      'deliveries pool',
      'returns rate',
      'contacts rate',
      'visits rate',
      'Warehouse capacity cost',
      'Service capacity cost',
      'cost of capital',
    ]);
  });

  it('counts, per move, exactly the tier changes of pricing everything again', () => {
    const tierOf = tierCodes(a.settings.tiers).bySegment;
    const tierChanges = (settings: Settings) => {
      const p = priceAndSegment(a.customers, settings);
      const changed = new Set<number>();
      for (let c = 0; c < a.customers.n; c++) {
        const x = a.classes.segment[c],
          y = p.classes.segment[c];
        if (x >= 0 && tierOf[x] !== tierOf[y]) changed.add(c);
      }
      return changed;
    };
    const moved = (k: number) => {
      const f = (x: number) => x * (1 + k);
      const sets: Settings[] = [];
      for (const d of ['orders', 'lines'] as const)
        sets.push({ ...a.settings, rates: { ...a.settings.rates, [d]: f(a.settings.rates[d]!) } });
      sets.push({ ...a.settings, pools: { deliveries: f(90000) } });
      for (const d of ['returns', 'contacts', 'visits'] as const)
        sets.push({ ...a.settings, rates: { ...a.settings.rates, [d]: f(a.settings.rates[d]!) } });
      for (const r of [0, 1])
        sets.push({
          ...a.settings,
          capacity: a.settings.capacity.map((x, i) => (i === r ? { ...x, cost: f(x.cost) } : x)),
        });
      sets.push({ ...a.settings, costOfCapital: f(0.1) });
      return sets.map(tierChanges);
    };
    const up = moved(0.2),
      down = moved(-0.2);
    expect(s.inputs.map((i) => [i.up, i.down])).toEqual(up.map((u, j) => [u.size, down[j].size]));
    // at least some moves do change tiers, so this compares something
    expect(up.some((u) => u.size > 0)).toBe(true);
    const fragile = new Set([...up, ...down].flatMap((x) => [...x]));
    expect(s.fragileCustomers).toBe(fragile.size);
    for (let c = 0; c < a.customers.n; c++) {
      const want = s.inputs.flatMap((i, j) => [
        ...(up[j].has(c) ? [`${i.input} +20 %`] : []),
        ...(down[j].has(c) ? [`${i.input} -20 %`] : []),
      ]);
      expect(s.fragile(c)).toEqual(want);
    }
  });

  it('gives the same answer from the function as from analyze()', () => {
    const again = sensitivity(a, a.settings);
    expect(again.inputs).toEqual(s.inputs);
  });
});

describe('with conciergeMaxAccounts (§8)', () => {
  it('counts a customer re-ranked out of (or into) Concierge as a tier change, as re-pricing does', () => {
    const values = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
    const a = run(values, {
      rates: { orders: 25, lines: 2, deliveries: 40, returns: 60, contacts: 15, visits: 250 },
      conciergeMaxAccounts: 20,
    });
    expect(a.conciergeCut).not.toBeNull();
    const changes = (k: number) => {
      const rates = Object.fromEntries(
        Object.entries(a.settings.rates).map(([d, r]) => [d, d === 'orders' ? r! * (1 + k) : r]),
      );
      const p = priceAndSegment(a.customers, { ...a.settings, rates });
      let n = 0;
      for (let c = 0; c < a.customers.n; c++)
        if (a.classes.segment[c] >= 0 && tierOf(a, a.settings, c) !== tierOf(p, a.settings, c)) n++;
      return n;
    };
    expect(a.sensitivity!.inputs[0]).toEqual({
      input: 'orders rate',
      up: changes(0.2),
      down: changes(-0.2),
    });
  });
});
