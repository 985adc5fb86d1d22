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
let context: vm.Context;

beforeAll(() => {
  ensureExcelBuild();
  context = vm.createContext({
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

  it('names its profit arguments for what they hold: gross before cost-to-serve, net after', () => {
    const json = JSON.parse(readFileSync('dist/excel/functions.json', 'utf8'));
    const params = (id: string) =>
      json.functions
        .find((f: { id: string }) => f.id === id)
        .parameters.map((p: { name: string }) => p.name);
    expect(params('PROFITTIER').slice(0, 5)).toEqual([
      'revenue',
      'grossProfit',
      'costToServe',
      'allRevenue',
      'allProfit',
    ]);
    expect(params('PROFITSEGMENT')[1]).toBe('grossProfit');
    expect(params('PROFITMATRIX').slice(0, 2)).toEqual(['revenue', 'netProfit']);
    expect(params('WHALECURVE')[0]).toBe('netProfit');
    expect(params('WHALEPEAK')).toEqual(['netProfit']);
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

  it('refuses an options range that would reach Object.prototype of the shared runtime', () => {
    const bad = registered.get('PROFITMATRIX')!([[1], [2]], [[1], [1]], 'count', [
      ['__proto__.polluted', 'yes'],
    ]) as StubError;
    expect(bad).toBeInstanceOf(StubError);
    expect(bad.message).toBe('options: "__proto__" cannot be a setting name (__proto__.polluted)');
    expect(vm.runInContext('({}).polluted', context)).toBeUndefined();
  });

  it('a single customer without the population ranges is #VALUE!, not a population of one', () => {
    const one = registered.get('PROFITTIER')!([[100]], [[40]], [[5]]) as StubError;
    expect(one).toBeInstanceOf(StubError);
    expect(one.code).toBe('#VALUE!');
    expect(one.message).toMatch(/give allRevenue and allProfit when the formula is filled down/);
  });

  it('reads cells holding data types (formatted numbers, entities) by their basic value', () => {
    const money = (n: number) => ({
      type: 'FormattedNumber',
      basicValue: n,
      numberFormat: '$#,##0',
    });
    const double = (n: number) => ({ type: 'Double', basicValue: n, basicType: 'Double' });
    const plain = registered.get('PROFITTIER')!([[800], [150], [50]], [[240], [15], [-10]]);
    expect(
      registered.get('PROFITTIER')!(
        [[money(800)], [money(150)], [money(50)]],
        [[double(240)], [double(15)], [double(-10)]],
      ),
    ).toEqual(plain);
    const entity = { type: 'Entity', text: 'Acme Ltd', basicValue: 'Acme Ltd', properties: {} };
    const bad = registered.get('PROFITTIER')!([[entity], [money(10)]], [[1], [2]]) as StubError;
    expect(bad.message).toBe('revenue: cell 1 holds "Acme Ltd", not a number');
    const terciles = {
      type: 'LinkedEntity',
      text: '{"size":{"method":"terciles"}}',
      basicValue: '{"size":{"method":"terciles"}}',
      id: { domainId: 'x', entityId: 'y' },
    };
    expect(
      registered.get('PROFITMATRIX')!([[1], [2], [3]], [[1], [1], [1]], 'count', [[terciles]]),
    ).toEqual(
      registered.get('PROFITMATRIX')!(
        [[1], [2], [3]],
        [[1], [1], [1]],
        'count',
        '{"size":{"method":"terciles"}}',
      ),
    );
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
