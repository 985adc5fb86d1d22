// Properties that hold for any table (DOMAIN.md §3, §9): results never depend on row order; every
// matrix customer sits in exactly one cell; cells add up to the totals; segments are about
// proportions, so scaling all money changes none; every row is used or listed.
// Money is generated as integer cents (1234 = 12.34 in money units of cents), so sums are exact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Analysis, analyze } from '../../core/analyze.js';
import { isBlank } from '../../core/parse-number.js';
import { readRows } from '../../core/read-rows.js';
import type { CellValue } from '../../core/types.js';
import { customer, expectMoney, run, settings } from './builder.js';

const RUNS = { numRuns: 150 };

interface Gen {
  revenue: number;
  cogs: number;
  orders: number;
  deliveries: number;
  contacts: number;
}

/** Revenue in cents: mostly positive, with ties, zeros and credit notes. */
const revenueCents = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 2_000_000 }) },
  { weight: 2, arbitrary: fc.constantFrom(1_000, 5_000, 100_000) }, // ties
  { weight: 1, arbitrary: fc.integer({ min: -50_000, max: 0 }) },
);
const customerGen: fc.Arbitrary<Gen> = fc.record({
  revenue: revenueCents,
  cogs: fc.integer({ min: 0, max: 2_000_000 }),
  orders: fc.integer({ min: 0, max: 40 }),
  deliveries: fc.integer({ min: 0, max: 40 }),
  contacts: fc.integer({ min: 0, max: 15 }),
});
const ratesGen = fc.record({
  orders: fc.integer({ min: 0, max: 5_000 }),
  deliveries: fc.integer({ min: 0, max: 8_000 }),
  contacts: fc.integer({ min: 0, max: 3_000 }),
});
const methodsGen = fc.record({
  size: fc.constantFrom('pareto', 'terciles'),
  profitability: fc.constantFrom('bands', 'terciles'),
});
type Rates = { orders: number; deliveries: number; contacts: number };
type Methods = { size: string; profitability: string };

const HEADER = ['Customer', 'Revenue', 'COGS', 'Orders', 'Deliveries', 'Contacts'];
/** One row per customer, money multiplied by `scale`. */
function tableOf(gens: Gen[], scale = 1, keyOf = (i: number) => `C${i}`): CellValue[][] {
  return [
    HEADER,
    ...gens.map((g, i) => [
      keyOf(i),
      g.revenue * scale,
      g.cogs * scale,
      g.orders,
      g.deliveries,
      g.contacts,
    ]),
  ];
}
function settingsOf(rates: Rates, m: Methods, scale = 1) {
  return {
    rates: {
      orders: rates.orders * scale,
      deliveries: rates.deliveries * scale,
      contacts: rates.contacts * scale,
    },
    size: { method: m.size },
    profitability: { method: m.profitability },
  };
}
/** Per customer key: [segment, tier, netProfit]. */
function byCustomer(a: Analysis): Record<string, [string | null, string | null, number]> {
  const out: Record<string, [string | null, string | null, number]> = {};
  for (const k of a.customers.keys) {
    const c = customer(a, k);
    out[k] = [c.segment, c.tier, c.netProfit];
  }
  return out;
}
function segmentsOnly(a: Analysis): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of a.customers.keys) out[k] = customer(a, k).segment;
  return out;
}

/** A table and one permutation of its data rows. */
const tableAndPermutation = fc.array(customerGen, { minLength: 1, maxLength: 30 }).chain((gens) =>
  fc.tuple(
    fc.constant(gens),
    fc.shuffledSubarray(
      gens.map((_, i) => i),
      { minLength: gens.length, maxLength: gens.length },
    ),
  ),
);

describe('row order never matters', () => {
  it('shuffling customer rows gives the same segment, tier and net profit per customer, and the same matrix', () => {
    fc.assert(
      fc.property(tableAndPermutation, ratesGen, methodsGen, ([gens, perm], rates, m) => {
        const s = settingsOf(rates, m);
        const original = tableOf(gens);
        const shuffled = [original[0], ...perm.map((i) => original[i + 1])];
        const a = run(original, s),
          b = run(shuffled, s);
        expect(byCustomer(b)).toEqual(byCustomer(a));
        expect(b.matrix).toEqual(a.matrix);
        expect(b.totals).toEqual(a.totals);
        expect(b.whale).toEqual(a.whale);
      }),
      RUNS,
    );
  });

  it('holds for money with cents as decimals too (12.34), where plain sums would differ in the last bit', () => {
    fc.assert(
      fc.property(tableAndPermutation, ratesGen, methodsGen, ([gens, perm], rates, m) => {
        const s = settingsOf(rates, m, 0.01);
        const original = tableOf(gens, 0.01);
        const shuffled = [original[0], ...perm.map((i) => original[i + 1])];
        expect(byCustomer(run(shuffled, s))).toEqual(byCustomer(run(original, s)));
      }),
      RUNS,
    );
  });

  it('shuffling transaction lines gives the same customers', () => {
    const line = fc.record({
      key: fc.integer({ min: 0, max: 7 }),
      invoice: fc.integer({ min: 0, max: 15 }),
      revenue: fc.integer({ min: -5_000, max: 500_000 }),
      cogs: fc.integer({ min: 0, max: 400_000 }),
      days: fc.integer({ min: 0, max: 120 }),
    });
    const linesAndPermutation = fc.array(line, { minLength: 1, maxLength: 60 }).chain((ls) =>
      fc.tuple(
        fc.constant(ls),
        fc.shuffledSubarray(
          ls.map((_, i) => i),
          { minLength: ls.length, maxLength: ls.length },
        ),
      ),
    );
    fc.assert(
      fc.property(linesAndPermutation, ([ls, perm]) => {
        const header = ['Customer', 'Invoice No', 'Revenue', 'COGS', 'Payment Days'];
        const rows = ls.map((l) => [
          `K${l.key}`,
          `INV-${l.invoice}`,
          l.revenue / 100,
          l.cogs / 100,
          l.days,
        ]);
        const s = { rates: { orders: 12.5, lines: 1.25 }, costOfCapital: 0.1 };
        const a = run([header, ...rows], s),
          b = run([header, ...perm.map((i) => rows[i])], s);
        for (const k of a.customers.keys) {
          const x = customer(a, k),
            y = customer(b, k);
          expect(y.segment).toBe(x.segment);
          expect(y.volumes).toEqual(x.volumes);
          expect(y.revenue).toBe(x.revenue);
          expectMoney(y.netProfit, x.netProfit, k);
        }
        expect(b.customers.keys.slice().sort()).toEqual(a.customers.keys.slice().sort());
      }),
      RUNS,
    );
  });
});

describe('the matrix', () => {
  it('holds every matrix customer in exactly one cell, and its cells add up to the totals', () => {
    fc.assert(
      fc.property(
        fc.array(customerGen, { minLength: 1, maxLength: 40 }),
        ratesGen,
        methodsGen,
        (gens, rates, m) => {
          const a = run(tableOf(gens), settingsOf(rates, m));
          const segs = Object.values(segmentsOnly(a));
          for (const cell of a.matrix)
            expect(cell.count, cell.segment).toBe(segs.filter((s) => s === cell.segment).length);
          const inMatrix = segs.filter((s) => s !== null).length;
          expect(a.matrix.reduce((s, c) => s + c.count, 0)).toBe(inMatrix);
          expect(a.totals.matrixCustomers).toBe(inMatrix);
          expect(a.totals.noRevenue.count).toBe(segs.length - inMatrix);
          // the customers outside the matrix are exactly those with revenue ≤ 0
          for (const k of a.customers.keys)
            expect(customer(a, k).segment === null, k).toBe(customer(a, k).revenue <= 0);

          const sum = (f: (c: (typeof a.matrix)[number]) => number) =>
            a.matrix.reduce((s, c) => s + f(c), 0);
          expectMoney(
            sum((c) => c.revenue),
            a.totals.revenue - a.totals.noRevenue.revenue,
            'revenue',
          );
          expectMoney(
            sum((c) => c.netProfit),
            a.totals.netProfit - a.totals.noRevenue.netProfit,
            'net profit',
          );
          const outside = a.customers.keys
            .map((k) => customer(a, k))
            .filter((c) => c.segment === null);
          expectMoney(
            sum((c) => c.grossProfit),
            a.totals.grossProfit - outside.reduce((s, c) => s + c.grossProfit, 0),
            'gross profit',
          );
          expectMoney(
            sum((c) => c.costToServe),
            a.totals.costToServe - outside.reduce((s, c) => s + c.costToServe, 0),
            'cost-to-serve',
          );
          expectMoney(
            a.whale.totalNetProfit,
            sum((c) => c.netProfit),
            'whale total',
          );
        },
      ),
      RUNS,
    );
  });
});

describe('scaling all money', () => {
  it('by a positive integer, or by 0.5, changes no segment', () => {
    fc.assert(
      fc.property(
        fc.array(customerGen, { minLength: 1, maxLength: 30 }),
        ratesGen,
        methodsGen,
        fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant(0.5)),
        (gens, rates, m, k) => {
          const a = run(tableOf(gens), settingsOf(rates, m));
          const b = run(tableOf(gens, k), settingsOf(rates, m, k));
          expect(segmentsOnly(b)).toEqual(segmentsOnly(a));
        },
      ),
      RUNS,
    );
  });
});

describe('every row is used or listed', () => {
  const junk: fc.Arbitrary<CellValue[]> = fc.constantFrom<CellValue[]>(
    [],
    [null, '', '  '],
    ['', 10, 5, 1, 0, 0],
    ['X', 'n/a', 1, 1, 1, 1],
    ['X', '', 1, 1, 1, 1],
    ['X', '#N/A', 1, 1, 1, 1],
    ['X', 10, '#REF!', 1, 1, 1],
    ['X', 10, 5, -1, 0, 0],
    ['X', 10, 5, 'two', 0, 0],
    ['Total', 99, 1, 1, 1, 1],
    ['', 'Grand Total', 1, 1, 1, 1],
    ['#VALUE!', 1, 1, 1, 1, 1],
  );
  const row = fc.oneof(
    {
      weight: 3,
      arbitrary: customerGen.map((g): CellValue[] => [
        `C${g.orders % 9}`,
        g.revenue / 100,
        g.cogs / 100,
        g.orders,
        g.deliveries,
        g.contacts,
      ]),
    },
    { weight: 2, arbitrary: junk },
  );

  it('used + rejected = all rows, each sheet row exactly once', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const values = [HEADER, ...rows];
        const t = readRows({ values }, settings({}));
        if (!t.ok) throw new Error(t.error.message);
        const used = Array.from(t.value.sheetRow),
          rejected = t.value.rejected.map((p) => p.row);
        expect(used.length + rejected.length).toBe(rows.length);
        expect([...used, ...rejected].sort((x, y) => x - y)).toEqual(rows.map((_, i) => i + 2));
        for (const p of t.value.rejected) expect(p.reason, JSON.stringify(p)).not.toBe('');
        if (rows.some((r) => r.some((v) => !isBlank(v)))) {
          // a table of only blank rows is refused as empty, one with no usable row as such
          const a = analyze({ values });
          if (t.value.count === 0) expect(!a.ok && a.error.code).toBe('no-usable-rows');
          else if (!a.ok) throw new Error(a.error.message);
          else {
            expect(a.value.rows.used + a.value.rows.rejected.length).toBe(a.value.rows.total);
            expect(a.value.rows.total).toBe(rows.length);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('advice a controller can sign (§5, §10)', () => {
  // Orders at a direct rate (avoidable), deliveries from a pool (stranded), contacts at a rate
  // whose avoidable share is set; a discount column in money.
  const adviceSettings = fc.record({
    orders: fc.integer({ min: 0, max: 5_000 }),
    pool: fc.integer({ min: 0, max: 400_000 }),
    contacts: fc.integer({ min: 0, max: 3_000 }),
    share: fc.constantFrom(0, 0.25, 1),
  });
  type AdviceSettings = { orders: number; pool: number; contacts: number; share: number };
  const toSettings = (s: AdviceSettings) => ({
    rates: { orders: s.orders, contacts: s.contacts },
    pools: { deliveries: s.pool },
    avoidable: { contacts: s.share },
  });
  const withDiscount = fc.array(fc.tuple(customerGen, fc.integer({ min: 0, max: 200_000 })), {
    minLength: 1,
    maxLength: 30,
  });
  const tableWithDiscount = (rows: [Gen, number][]): CellValue[][] => [
    [...HEADER, 'Discount'],
    ...rows.map(([g, d], i) => [`C${i}`, g.revenue, g.cogs, g.orders, g.deliveries, g.contacts, d]),
  ];

  it('gives every money-loser a cause; at most three, ranked by amount', () => {
    fc.assert(
      fc.property(withDiscount, adviceSettings, (rows, s) => {
        const a = run(tableWithDiscount(rows), toSettings(s));
        for (const k of a.customers.keys) {
          const c = customer(a, k);
          const causes = c.why.causes;
          if (c.segment !== null && c.netProfit < 0) expect(causes.length, k).toBeGreaterThan(0);
          expect(causes.length).toBeLessThanOrEqual(3);
          for (let i = 1; i < causes.length; i++)
            expect(causes[i].amount).toBeLessThanOrEqual(causes[i - 1].amount);
          for (const cause of causes) expect(cause.amount, cause.text).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('exit impact + stranded cost = −net profit, and exit only where it raises profit', () => {
    fc.assert(
      fc.property(withDiscount, adviceSettings, (rows, s) => {
        const a = run(tableWithDiscount(rows), toSettings(s));
        for (let c = 0; c < a.customers.n; c++) {
          const k = a.customers.keys[c];
          expectMoney(a.exit.exitImpact[c] + a.exit.stranded[c], -a.netProfit[c], k);
          const r = customer(a, k);
          if (r.exitImpact <= 0) expect(r.recommendation).not.toBe('exit');
          const loser = r.segment !== null && r.netProfit < 0;
          expect(r.recommendation === null, k).toBe(!loser);
          if (r.recommendation === 'exit') expect(r.action ?? '').not.toMatch(/^Reprice/);
        }
        const exits = a.customers.keys.filter((k) => customer(a, k).recommendation === 'exit');
        expect(a.exit.totals.helps).toBe(exits.length);
        expectMoney(
          a.exit.totals.gain,
          exits.reduce((x, k) => x + customer(a, k).exitImpact, 0),
          'gain',
        );
      }),
      RUNS,
    );
  });

  it('gives the same causes, exit impact and advice in any row order', () => {
    const shuffled = withDiscount.chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(
          rows.map((_, i) => i),
          { minLength: rows.length, maxLength: rows.length },
        ),
      ),
    );
    fc.assert(
      fc.property(shuffled, adviceSettings, ([rows, perm], s) => {
        const t = tableWithDiscount(rows);
        const a = run(t, toSettings(s)),
          b = run([t[0], ...perm.map((i) => t[i + 1])], toSettings(s));
        for (const k of a.customers.keys) {
          const x = customer(a, k),
            y = customer(b, k);
          expect(y.why.causes, k).toEqual(x.why.causes);
          expect(y.exitImpact).toBe(x.exitImpact);
          expect(y.recommendation).toBe(x.recommendation);
          expect(y.action).toBe(x.action);
          expect(y.discount).toBe(x.discount);
        }
        expect(b.exit.totals).toEqual(a.exit.totals);
        expect(b.whale.top20Share).toBe(a.whale.top20Share);
        expect(b.whale.bottom10Share).toBe(a.whale.bottom10Share);
      }),
      RUNS,
    );
  });
});
