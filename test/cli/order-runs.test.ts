/**
 * Distinct orders per customer from runs of ascending numbers (cli/order-runs.ts): every answer
 * it gives equals the exact set of (customer, order id) pairs, and where it cannot tell it says
 * so (-1) instead of guessing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderRuns } from '../../cli/order-runs.js';

const utf8 = new TextEncoder();
const see = (r: OrderRuns, id: string, k: number) => {
  const b = utf8.encode(`..${id}..`); // inside a larger buffer, as a CSV line holds it
  return r.see(b, 2, b.length - 2, k);
};

describe('order ids in ascending runs', () => {
  it('counts a higher number, not the same one again, and gives up on a lower one', () => {
    const r = new OrderRuns();
    expect(['INV-7', 'INV-7', 'INV-9', 'CN-2', 'CN-2'].map((id) => see(r, id, 0))).toEqual([
      1, 0, 1, 1, 0,
    ]);
    expect(see(r, 'INV-9', 1)).toBe(1); // another customer's pair (a shared order) is its own
    expect(see(r, 'INV-8', 0)).toBe(-1);
  });

  it('keeps ids apart that differ only in leading zeros, prefix or suffix', () => {
    const r = new OrderRuns();
    for (const id of ['7', '007', 'A7', '7A', 'A-7-B', 'A-7-C', '', 'X', 'x'])
      expect(see(r, id, 0), id).toBe(1);
    for (const id of ['7', '007', 'A7', '7A', 'A-7-B', '', 'X'])
      expect(see(r, id, 0), `${id} again`).toBe(0);
  });

  it('takes the last run of digits as the number: 2024-00017 after 2024-00016', () => {
    const r = new OrderRuns();
    expect(see(r, 'SO-2024-00016', 3)).toBe(1);
    expect(see(r, 'SO-2024-00017', 3)).toBe(1);
    expect(see(r, 'SO-2025-00001', 3)).toBe(1); // another series: the year is in the prefix
    expect(see(r, 'SO-2024-00016', 3)).toBe(-1);
  });

  it('cannot tell for a number of more than 15 digits', () => {
    expect(see(new OrderRuns(), '1234567890123456', 0)).toBe(-1);
    expect(see(new OrderRuns(), '123456789012345', 0)).toBe(1);
  });

  it('grows with customer numbers far apart', () => {
    const r = new OrderRuns();
    expect(see(r, 'A1', 5)).toBe(1);
    expect(see(r, 'A1', 200_000)).toBe(1);
    expect(see(r, 'A1', 5)).toBe(0);
    expect(see(r, 'A2', 200_000)).toBe(1);
  });

  it('gives up on ids with no common pattern rather than keep a series for each', () => {
    const r = new OrderRuns();
    const answers = Array.from({ length: 1100 }, (_, i) =>
      see(r, `${'x'.repeat(i % 50)}-${'y'.repeat(i / 50)}`, 0),
    );
    expect(answers.slice(0, 1024).every((a) => a === 1)).toBe(true);
    expect(answers.slice(1024)).toContain(-1);
  });

  it('agrees with the exact set of pairs on random files, wherever it answers', () => {
    const id = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map((n) => `INV-${100 + n}`),
      fc.integer({ min: 0, max: 40 }).map((n) => `CN${n}`),
      fc.constantFrom('', 'X', '007', '7', 'A-1-B', 'é9'),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), id), { maxLength: 60 }),
        (lines) => {
          const r = new OrderRuns();
          const seen = new Set<string>();
          for (const [k, o] of lines) {
            const exact = seen.has(`${k}|${o}`) ? 0 : 1;
            seen.add(`${k}|${o}`);
            const a = see(r, o, k);
            if (a === -1) return; // the caller counts again with the set
            expect(a).toBe(exact);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers every line of a file sorted by date with invoices and credit notes interleaved', () => {
    const r = new OrderRuns();
    let inv = 1000,
      cn = 50,
      answered = 0;
    for (let line = 0; line < 10_000; line++) {
      const k = (line * 7919) % 300;
      const id = line % 11 === 0 ? `CN-${++cn}` : `INV-${line % 3 === 0 ? inv : ++inv}`;
      if (see(r, id, k) !== -1) answered++;
    }
    expect(answered).toBe(10_000);
  });
});
