// The BUILT dist/excel/functions.js in a bare node:vm context with a stub CustomFunctions: every
// function of the definition table registers, PROFITTIER agrees with the core's tiers on the
// sample data, and bad arguments come back as #VALUE! values naming the argument.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../cli/read-csv.js';
import { analyze } from '../../core/analyze.js';
import { FUNCTIONS } from '../../core/functions/definitions.js';
import { ensureExcelBuild } from './built-dist.js';

class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
type Fn = (...args: unknown[]) => unknown;
const registered = new Map<string, Fn>();

beforeAll(() => {
  ensureExcelBuild();
  const context = vm.createContext({
    console,
    CustomFunctions: {
      associate: (id: string, fn: Fn) => registered.set(id, fn),
      Error: StubError,
      ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
    },
  });
  vm.runInContext(readFileSync('dist/excel/functions.js', 'utf8'), context, {
    filename: 'functions.js',
  });
}, 60_000);

const sample = parseCsv(readFileSync('samples/customers.csv', 'utf8'));
const header = sample[0] as string[];
const column = (name: string) => sample.slice(1).map((r) => [r[header.indexOf(name)]]);

describe('dist/excel/functions.js', () => {
  it('registers every function of the definition table, and only those', () => {
    expect([...registered.keys()].sort()).toEqual(FUNCTIONS.map((f) => f.id).sort());
    const json = JSON.parse(readFileSync('dist/excel/functions.json', 'utf8'));
    expect(json.functions.map((f: { id: string }) => f.id)).toEqual(FUNCTIONS.map((f) => f.id));
  });

  it('PROFITTIER gives the core analysis its tiers on samples/customers.csv', () => {
    // Gross profit and no cost-to-serve: the custom function and analyze() see the same numbers.
    const a = analyze({ values: sample.map((r) => r.slice(0, 4)) });
    if (!a.ok) throw new Error(a.error.message);
    const rev = column('Revenue').map(([v]) => [Number(v)]);
    const gp = sample
      .slice(1)
      .map((r) => [Number(r[header.indexOf('Revenue')]) - Number(r[header.indexOf('COGS')])]);
    const tiers = registered.get('PROFITTIER')!(rev, gp) as string[][];
    const byKey = new Map(
      a.value.customers.keys.map((k, c) => [
        k,
        a.value.classes.segment[c] < 0
          ? 'No revenue'
          : a.value.settings.tiers[a.value.classes.segment[c]],
      ]),
    );
    expect(tiers).toHaveLength(500);
    sample.slice(1).forEach((r, i) => {
      expect(tiers[i][0], String(r[0])).toBe(byKey.get(String(r[0])));
    });
  });

  it('a dragged single-cell PROFITTIER with the population ranges matches the spilled column', () => {
    const rev = column('Revenue').map(([v]) => [Number(v)]);
    const gp = column('COGS').map(([c], i) => [rev[i][0] - Number(c)]);
    const spilled = registered.get('PROFITTIER')!(rev, gp) as string[][];
    for (const i of [0, 1, 2, 250, 499]) {
      expect(
        registered.get('PROFITTIER')!([[rev[i][0]]], [[gp[i][0]]], null, rev, gp, null),
      ).toEqual([[spilled[i][0]]]);
    }
  });

  it('treats blanks from desktop (0), the web (null) and "" alike, and returns "" rather than null', () => {
    const out = registered.get('PROFITTIER')!(
      [[100], [null], [''], [0], [50]],
      [[40], [null], [''], [0], [10]],
    ) as unknown[][];
    expect(out.map((r) => r[0])).toEqual([expect.any(String), '', '', '', expect.any(String)]);
    expect(out.flat()).not.toContain(null);
    const cost = registered.get('COSTTOSERVE')!(
      [
        [1, 2],
        [null, null],
      ],
      [[10, 5]],
    ) as unknown[][];
    expect(cost).toEqual([[20], ['']]);
  });

  it('a bad argument gives #VALUE! with a message that names it, not an exception', () => {
    const bad = registered.get('PROFITTIER')!([[100], ['abc']], [[40], [10]]) as StubError;
    expect(bad).toBeInstanceOf(StubError);
    expect(bad.code).toBe('#VALUE!');
    expect(bad.message).toMatch(/^revenue: /);
    const measure = registered.get('PROFITMATRIX')!([[1], [2]], [[1], [1]], 'margin') as StubError;
    expect(measure.code).toBe('#VALUE!');
    expect(measure.message).toMatch(/^measure: /);
    const points = registered.get('WHALECURVE')!([[1], [2]], 1) as StubError;
    expect(points.message).toMatch(/^points: /);
  });

  it('options as JSON text in one cell reach the core', () => {
    const rev = column('Revenue').map(([v]) => [Number(v)]);
    const gp = column('COGS').map(([c], i) => [rev[i][0] - Number(c)]);
    const grid = registered.get('PROFITMATRIX')!(rev, gp, 'count', [
      ['{"size":{"method":"terciles"}}'],
    ]) as unknown[][];
    const large = grid[1].slice(1) as number[];
    expect(large.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(166);
    expect(large.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(167);
  });

  it('PROFITBYGROUP spills each group with its total, and #VALUE! for an unknown measure', () => {
    const groups = [['North'], ['South'], [null], ['North'], ['']];
    const revenue = [[100], [50], [20], [100], [null]];
    const profit = [[10], [-5], [4], [30], [null]];
    expect(registered.get('PROFITBYGROUP')!(groups, revenue, profit)).toEqual([
      ['North', 40],
      ['(blank)', 4],
      ['South', -5],
    ]);
    expect(registered.get('PROFITBYGROUP')!(groups, revenue, profit, 'margin')).toEqual([
      ['(blank)', 0.2],
      ['North', 0.2],
      ['South', -0.1],
    ]);
    const bad = registered.get('PROFITBYGROUP')!(groups, revenue, profit, 'mode') as StubError;
    expect(bad.code).toBe('#VALUE!');
    expect(bad.message).toMatch(/^measure: /);
  });
});
