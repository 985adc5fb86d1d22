// DOMAIN.md §6: sort matrix customers by netProfit descending; point k: x = k / n,
// y = cumulative netProfit of the first k / total netProfit. Report the peak (max y, smallest x
// where it occurs) and the profit destroyed by money-losers.
import { describe, expect, it } from 'vitest';
import { whaleBenchmark, whaleCurve, whaleOrder } from '../../core/whale-curve.js';
import { customers, expectMoney, run } from './builder.js';

const xy = (w: ReturnType<typeof whaleCurve>) =>
  w.curve.map((p) => [p.shareOfCustomers, p.shareOfProfit]);

describe('the whale curve', () => {
  it('climbs past 100 % and comes back down (hand example)', () => {
    // sorted 60, 50, −10; total 100; cumulative 60, 110, 100 → y .6, 1.1, 1.0
    const w = whaleCurve([50, -10, 60]);
    expect(w.totalNetProfit).toBe(100);
    expect(xy(w)).toEqual([
      [0, 0],
      [1 / 3, 0.6],
      [2 / 3, 1.1],
      [1, 1],
    ]);
    expect(w.peakShareOfProfit).toBe(1.1);
    expect(w.peakAtShareOfCustomers).toBe(2 / 3);
    expect(w.peakCustomers).toBe(2);
    expect(w.peakProfit).toBe(110);
    expect(w.moneyLosers).toBe(1);
    expect(w.profitDestroyed).toBe(10);
    expect(w.destroyedShareOfProfit).toBe(0.1);
    expect(w.reading).toBe(
      'the top 67 % of customers earn 110 % of profit; money-losers give back 10 %',
    );
  });

  it('reports the smallest x at which the peak occurs (customers earning 0 add nothing)', () => {
    // sorted 50, 50, 0, −20; total 80; cumulative 50, 100, 100, 80 → peak 100 / 80 = 1.25 at k = 2
    const w = whaleCurve([0, 50, -20, 50]);
    expect(w.peakShareOfProfit).toBe(1.25);
    expect(w.peakCustomers).toBe(2);
    expect(w.peakAtShareOfCustomers).toBe(0.5);
    expect(w.moneyLosers).toBe(1); // a customer earning 0 is not a money-loser
  });

  it('gives the same curve for tied profits in any order', () => {
    const a = whaleCurve([30, 10, 30, -5, 10]),
      b = whaleCurve([10, -5, 30, 10, 30]);
    expect(b).toEqual(a);
    // sorted 30, 30, 10, 10, −5; total 75; cumulative 30, 60, 70, 80, 75 → peak 80/75 at 4/5
    expect(a.peakAtShareOfCustomers).toBe(0.8);
    expectMoney(a.peakShareOfProfit!, 80 / 75);
  });

  it('has no shares when every customer loses money (total ≤ 0)', () => {
    // sorted −5, −10; total −15
    const w = whaleCurve([-10, -5]);
    expect(w.totalNetProfit).toBe(-15);
    expect(w.peakShareOfProfit).toBeNull();
    expect(w.destroyedShareOfProfit).toBeNull();
    expect(w.curve.every((p) => p.shareOfProfit === null)).toBe(true);
    expect(w.curve.map((p) => p.cumulativeProfit)).toEqual([0, -5, -15]);
    expect(w.moneyLosers).toBe(2);
    expect(w.profitDestroyed).toBe(15);
    // not "the top 50 % of customers earn -5": nobody earns anything
    expect(w.reading).toBe(
      'matrix customers (revenue > 0) lose 15 in total: no customer earns a profit; money-losers lose 15',
    );
    expect(w.top20Share).toBeNull();
    expect(w.bottom10Share).toBeNull();
    expect(w.top20Profit).toBe(-5);
    expect(w.bottom10Profit).toBe(-10);
  });

  it("gives Kaplan's benchmark figures: the top ceil(20 %) and the bottom ceil(10 %)", () => {
    // 11 customers: 100, 60, 40, 20, 10, 0, 0, −5, −10, −15, −50 → total 150
    // top ceil(2.2) = 3: 200 → 200 / 150 = 1.333…; bottom ceil(1.1) = 2: −65 → −65 / 150
    const w = whaleCurve([0, -10, 60, 20, -50, 100, 10, -5, 40, 0, -15]);
    expect(w.top20Profit).toBe(200);
    expect(w.bottom10Profit).toBe(-65);
    expectMoney(w.top20Share!, 200 / 150);
    expectMoney(w.bottom10Share!, -65 / 150);
    expect(whaleBenchmark(w)).toBe(
      'the top 20 % of customers earn 133 % of profit (Kaplan & Cooper: typically 150–300 %); the bottom 10 % lose 43 % of it (the least profitable 10–20 % typically lose 50–200 %)',
    );
  });

  it('gives the benchmark in money when customers lose money overall (§6, §17)', () => {
    // 5 customers: 2,100, 0, −1,000, −1,000, −2,000 → total −1,900; top ceil(1) = 1, bottom ceil(.5) = 1
    const w = whaleCurve([-1000, 2100, -2000, 0, -1000]);
    expect(w.top20Share).toBeNull();
    expect(w.bottom10Share).toBeNull();
    expect(whaleBenchmark(w)).toBe(
      'the top 20 % of customers earn 2,100, the bottom 10 % lose 2,000 (in money: matrix customers (revenue > 0) lose 1,900 in total, so shares of profit would mislead)',
    );
    expect(w.reading).toBe(
      'matrix customers (revenue > 0) lose 1,900 in total: the top 20 % of customers earn 2,100; money-losers give back 4,000',
    );
  });

  it('has no shares when the total is exactly 0', () => {
    const w = whaleCurve([10, -10]);
    expect(w.peakShareOfProfit).toBeNull();
    expect(w.peakProfit).toBe(10);
    expect(w.profitDestroyed).toBe(10);
  });

  it('draws one customer as a straight line to (1, 1)', () => {
    const w = whaleCurve([10]);
    expect(xy(w)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(w.peakShareOfProfit).toBe(1);
    expect(w.peakAtShareOfCustomers).toBe(1);
    expect(w.moneyLosers).toBe(0);
    expect(w.profitDestroyed).toBe(0);
    expect(w.reading).toBe(
      'the top 100 % of customers earn 100 % of profit; no customer loses money',
    );
  });

  it('is empty without customers', () => {
    const w = whaleCurve([]);
    expect(w.customers).toBe(0);
    expect(w.reading).toBe('no customers with revenue');
  });

  it('keeps every point up to 200 customers, else about 100 points plus the peak', () => {
    expect(whaleCurve(Array.from({ length: 200 }, (_, i) => 100 - i)).curve).toHaveLength(201);
    // 1,000 customers: 500 earn 500 … 1, one earns 0, 499 lose. The cumulative profit peaks after
    // the 500 earners (the one at 0 adds nothing), so the smallest x is 500 / 1000.
    const w = whaleCurve(Array.from({ length: 1000 }, (_, i) => 500 - i));
    expect(w.peakCustomers).toBe(500);
    expect(w.curve.length).toBeGreaterThanOrEqual(101);
    expect(w.curve.length).toBeLessThanOrEqual(102);
    expect(w.curve[0]).toEqual({
      shareOfCustomers: 0,
      shareOfProfit: 0,
      customers: 0,
      cumulativeProfit: 0,
    });
    expect(w.curve.at(-1)!.shareOfCustomers).toBe(1);
    expect(w.curve.at(-1)!.shareOfProfit).toBe(1);
    expect(w.curve.some((p) => p.customers === 500)).toBe(true);
  });
});

describe('in the analysis', () => {
  it('takes matrix customers only: revenue ≤ 0 stays out of the curve', () => {
    // A earns 60, B 50, C loses 10; Z (revenue 0, net −100) is not on the curve
    const a = run(
      customers({
        A: { revenue: 100, cogs: 40 },
        B: { revenue: 100, cogs: 50 },
        C: { revenue: 100, cogs: 110 },
        Z: { revenue: 0, cogs: 100 },
      }),
    );
    expect(a.whale.customers).toBe(3);
    expect(a.whale.totalNetProfit).toBe(100);
    expect(a.whale.peakShareOfProfit).toBe(1.1);
    expect(a.totals.netProfit).toBe(0); // 60 + 50 − 10 − 100: the totals count everyone
  });
});

describe('whale order', () => {
  it('ranks customers by net profit descending, ties by key, whatever the row order', () => {
    // net profits 40 (B), 180 (C), 40 (A), −15 (D) → C, then A before B on the tie, then D
    const ranked = { netProfit: [40, 180, 40, -15], customers: { keys: ['B', 'C', 'A', 'D'] } };
    expect(Array.from(whaleOrder(ranked))).toEqual([1, 2, 0, 3]);
    const shuffled = { netProfit: [-15, 40, 40, 180], customers: { keys: ['D', 'A', 'B', 'C'] } };
    expect(Array.from(whaleOrder(shuffled), (c) => shuffled.customers.keys[c])).toEqual([
      'C',
      'A',
      'B',
      'D',
    ]);
  });

  it('sorts once per analysis', () => {
    const ranked = { netProfit: [1, 2], customers: { keys: ['a', 'b'] } };
    expect(whaleOrder(ranked)).toBe(whaleOrder(ranked));
  });
});

describe('a share short of all customers never reads as 100 %', () => {
  it('11 money-losers among 10,294 leave the top 99.8 %, and their loss is not 0', () => {
    const np = new Float64Array(10_294).fill(1000);
    for (let i = 0; i < 11; i++) np[i] = -0.01;
    const w = whaleCurve(np);
    expect(w.reading).toBe(
      'the top 99.8 % of customers earn >100 % of profit; money-losers give back <0.01 %',
    );
  });
});
