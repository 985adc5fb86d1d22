/**
 * The generated custom functions of Code.js: same ids and JSDoc as the one table, the core's
 * results, Sheets' argument shapes (scalars, 2-D arrays, "" blanks, Dates), errors as thrown messages.
 */
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../core/functions/definitions.js';
import { profitTier } from '../../core/functions/profit-tier.js';
import { generateCustomers } from '../data/generate.js';
import { boot, bundle } from './harness.js';

const column = (rows: (string | number)[][], c: number) => rows.slice(1).map((r) => [r[c]]);

describe('custom functions', () => {
  it('are global functions with @customfunction JSDoc generated from FUNCTIONS', async () => {
    const code = await bundle();
    const s = await boot();
    for (const f of FUNCTIONS) {
      expect(typeof (s.ctx as any)[f.id], f.id).toBe('function');
      const at = code.indexOf(`\nfunction ${f.id}(${f.params.map((p) => p.name).join(', ')}) {`);
      expect(at, f.id).toBeGreaterThan(0);
      const doc = code.slice(code.lastIndexOf('/**', at), at);
      expect(doc.split('\n')[1]).toBe(` * ${f.description}`);
      expect(doc).toContain('@customfunction');
      for (const p of f.params) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${p.name} `));
      expect(doc).toContain(`@return ${f.returns}`);
    }
  });

  it("PROFITTIER spills the core's tiers for a column, and places one row within a population", async () => {
    const s = await boot();
    const rows = generateCustomers(500, 4) as (string | number)[][];
    const rev = column(rows, 2),
      cogs = column(rows, 3);
    const profit = rev.map((r, i) => [(r[0] as number) - (cogs[i][0] as number)]);
    const want = profitTier(rev, profit);
    expect(s.global('PROFITTIER', rev, profit)).toEqual(want);
    // A dragged formula: single cells (scalars in Sheets) + the population ranges; blanks arrive as "".
    expect(s.global('PROFITTIER', rev[7][0], profit[7][0], '', rev, profit)).toEqual([want[7]]);
    expect(s.global('PROFITTIER', [[''], ...rev], [[''], ...profit])).toEqual(
      profitTier([[null], ...rev], [[null], ...profit]),
    );
  });

  it('treats an all-blank range as left out, and reads Dates in options as dates', async () => {
    const s = await boot({ timeZone: 'Asia/Tokyo' });
    const blanks = [[''], ['']];
    expect(s.global('PROFITSEGMENT', [[100], [10]], [[50], [1]], blanks)).toEqual(
      s.global('PROFITSEGMENT', [[100], [10]], [[50], [1]]),
    );
    expect(() =>
      s.global('PROFITSEGMENT', [[100], [10]], [[50], [1]], '', [[100], [10]], blanks),
    ).toThrow('allProfit: is needed with allRevenue');
    const when = new (vm.runInContext('Date', s.ctx))(Date.UTC(2024, 0, 4, 15)); // 5 Jan, 00:00 in Tokyo
    expect(() => s.global('PROFITTIER', [[when]], [[1]])).toThrow(
      'revenue: cell 1 holds "2024-01-05", not a number',
    );
  });

  it('throws Error(message) for bad arguments, which Sheets shows in the cell', async () => {
    const s = await boot();
    let caught: unknown;
    try {
      s.global('PROFITTIER', [[100], [200]], [[1]]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(vm.runInContext('Error', s.ctx));
    expect((caught as Error).message).toBe(
      'grossProfit: has 1 cells but revenue has 2; give ranges of the same size',
    );
    expect(() => s.global('PROFITTIER', [[1]], [[1]], '', '', '', '', '{bad')).toThrow(
      /^options: /,
    );
  });

  it('PROFITBYGROUP spills each group with its total; a Date group reads as its day', async () => {
    const s = await boot({ timeZone: 'Asia/Tokyo' });
    const when = new (vm.runInContext('Date', s.ctx))(Date.UTC(2024, 0, 4, 15)); // 5 Jan in Tokyo
    const groups = [['North'], ['South'], [''], ['North'], [when]];
    const revenue = [[100], [50], [20], [100], [10]];
    const profit = [[10], [-5], [4], [30], [1]];
    expect(s.global('PROFITBYGROUP', groups, revenue, profit)).toEqual([
      ['North', 40],
      ['(blank)', 4],
      ['2024-01-05', 1],
      ['South', -5],
    ]);
    expect(s.global('PROFITBYGROUP', groups, revenue, profit, 'count')).toEqual([
      ['North', 2],
      ['(blank)', 1],
      ['2024-01-05', 1],
      ['South', 1],
    ]);
    expect(() => s.global('PROFITBYGROUP', groups, revenue, [[1]])).toThrow(
      'netProfit: has 1 cells but revenue has 5; give ranges of the same size',
    );
  });

  it('answer for 100,000 rows, one result per row', async () => {
    const s = await boot();
    const rows = generateCustomers(100_000, 9) as (string | number)[][];
    const rev = column(rows, 2),
      profit = column(rows, 3).map((c, i) => [(rev[i][0] as number) - (c[0] as number)]);
    const vols = rows.slice(1).map((r) => r.slice(4, 7));
    const tiers = s.global('PROFITTIER', rev, profit) as string[][];
    const cts = s.global('COSTTOSERVE', vols, [[25, 2, 40]]) as number[][];
    const peak = s.global('WHALEPEAK', profit) as number[][];
    expect(tiers).toHaveLength(100_000);
    expect(cts).toHaveLength(100_000);
    expect(peak).toHaveLength(1);
    expect(tiers).toEqual(profitTier(rev, profit));
  });

  it('refuses an options range that would reach Object.prototype', async () => {
    const s = await boot();
    expect(() =>
      s.global('PROFITMATRIX', [[1], [2]], [[1], [1]], 'count', [['constructor.prototype.x', 1]]),
    ).toThrow('options: "constructor" cannot be a setting name (constructor.prototype.x)');
    expect(vm.runInContext('({}).x', s.ctx)).toBeUndefined();
  });

  it('a single customer without the population ranges is an error, not a population of one', async () => {
    const s = await boot();
    expect(() => s.global('PROFITTIER', 100, 40, 5)).toThrow(
      'give allRevenue and allProfit when the formula is filled down',
    );
    expect(() => s.global('PROFITSEGMENT', [[100]], [[40]])).toThrow(/filled down/);
  });
});
