// The report's side of issue 13: the Scenarios sheet (baseline beside each scenario: totals,
// matrix, moves, every customer), the Customers sheet's Sensitivity column, and the Profit
// Matrix's fragile counts and capacity lines.
import { describe, expect, it } from 'vitest';
import { customersSheet } from '../../../core/report/customers-sheet.js';
import { profitMatrixSheet } from '../../../core/report/profit-matrix-sheet.js';
import { reportSheets } from '../../../core/report/report-sheets.js';
import { scenariosSheet } from '../../../core/report/scenarios-sheet.js';
import type { SheetSpec, SheetValue } from '../../../core/report/sheet-spec.js';
import { customers, run } from '../builder.js';

/** The row whose first cell is `label`, from that cell on. */
function row(s: SheetSpec, label: string): SheetValue[] {
  const r = s.values.find((v) => v[0] === label);
  if (!r) throw new Error(`no row "${label}" in ${s.name}`);
  return r;
}

// Orders from a pool of 500 over 50 orders (10 each); contacts 5 each (direct).
//   A: 1,000 − 600 − 100 = 300 (Concierge); B: 500 − 300 − 200 = 0 (Maintain);
//   C: 100 − 50 − 200 − 20 = −170 (Fix). Exit C: A 233.33, B −133.33 (Fix), business −30.
const a = run(
  customers({
    A: { name: 'Alpha', revenue: 1000, cogs: 600, orders: 10, contacts: 0 },
    B: { name: 'Beta', revenue: 500, cogs: 300, orders: 20, contacts: 0 },
    C: { name: 'Gamma', revenue: 100, cogs: 50, orders: 20, contacts: 4 },
  }),
  {
    pools: { orders: 500 },
    rates: { contacts: 5 },
    capacity: [{ name: 'Warehouse', cost: 600, minutes: 1000, minutesPer: { contacts: 10 } }],
    scenarios: [
      { name: 'Exit the money-losers', changes: [{ where: { moneyLosers: true }, exit: true }] },
      { name: 'Contacts fee', changes: [{ fees: { contacts: 50 } }] },
    ],
  },
);

describe('the Scenarios sheet', () => {
  const s = scenariosSheet(a, a.settings, a.scenarios)!;

  it('is in the report only when there are scenarios', () => {
    expect(reportSheets(a).map((x) => x.name)).toContain('Scenarios');
    expect(scenariosSheet(a, a.settings, [])).toBeNull();
  });

  it('puts the totals of the baseline and of each scenario side by side, with the change', () => {
    expect(row(s, 'Totals')).toEqual([
      'Totals',
      'Baseline',
      'Exit the money-losers',
      'Change',
      'Contacts fee',
      'Change',
    ]);
    // C's contacts also take 10 Warehouse minutes at 0.60: 24 more, so C is at −194.
    expect(row(s, 'Customers')).toEqual(['Customers', 3, 2, -1, 3, 0]);
    expect(row(s, 'Revenue')).toEqual(['Revenue', 1600, 1500, -100, 1800, 200]);
    const np = row(s, 'Net profit (customers)');
    expect(np[1]).toBeCloseTo(106, 9);
    expect(np[2]).toBeCloseTo(100, 9);
    expect(row(s, 'Unused capacity cost')).toEqual(['Unused capacity cost', 576, 600, 24, 576, 0]);
    const change = row(s, "Change in the business's net profit");
    expect(change[3]).toBeCloseTo(-30, 9); // −50 gross profit + 20 direct contacts cost
    expect(change[5]).toBeCloseTo(200, 9);
  });

  it('shows the matrix per segment and the moves', () => {
    expect(row(s, 'Large/Low').slice(0, 6)).toEqual([
      'Large/Low',
      'Fix',
      0,
      0,
      1,
      expect.any(Number),
    ]);
    const moves = s.values.filter((v) => v[0] === 'Exit the money-losers' && v.length === 4);
    expect(moves).toEqual([
      ['Exit the money-losers', 'Fix', 'Exited', 1],
      ['Exit the money-losers', 'Maintain', 'Fix', 1],
    ]);
  });

  it('lists every customer: baseline net profit and tier, then each scenario’s', () => {
    const c = row(s, 'C');
    expect(c.slice(0, 4)).toEqual(['C', 'Gamma', expect.closeTo(-194, 9), 'Fix']);
    expect(c.slice(4, 6)).toEqual([null, 'Exited']);
    const b = row(s, 'B');
    expect(b[4]).toBeCloseTo(200 - 1000 / 3, 9);
    expect(b[5]).toBe('Fix');
  });
});

describe('sensitivity and capacity in the report', () => {
  it('adds a Sensitivity column to Customers', () => {
    const s = customersSheet(a);
    expect(s.values[0].at(-1)).toBe('Sensitivity');
    expect(s.width).toBe(16);
    const texts = s.values.slice(1).map((r) => r.at(-1));
    for (const t of texts) expect(t).toMatch(/^(stable|fragile: .+ [+-]20 %.*)$/);
    const off = customersSheet(run(customers({ A: { revenue: 1, cogs: 0 } }), { sensitivity: 0 }));
    expect(off.values[0]).not.toContain('Sensitivity');
  });

  it('counts fragile customers per segment on the Profit Matrix, with the capacity line', () => {
    const s = profitMatrixSheet(a);
    const head = s.values.find((r) => r[0] === 'Segment' && r[5] === 'Customers')!;
    expect(head[6]).toBe('Fragile');
    const fragile = s.values
      .filter(
        (r) =>
          typeof r[0] === 'string' && /\/(High|Mid|Low)$/.test(r[0] as string) && r.length === 7,
      )
      .reduce((x, r) => x + (r[6] as number), 0);
    expect(fragile).toBe(a.sensitivity!.fragileCustomers);
    expect(s.values.flat()).toContain(
      'Capacity Warehouse: 4 % of capacity used (40 of 1,000 minutes); unused capacity 576, charged to no customer.',
    );
  });
});
