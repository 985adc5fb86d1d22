// PROFITBYGROUP (DOMAIN.md §14 as a formula): each group value with its total net profit, revenue,
// row count or margin, largest first, ties by value; the same totals as the core's group table.
import { describe, expect, it } from 'vitest';
import { FunctionArgumentError } from '../../../core/functions/arguments.js';
import { profitByGroup } from '../../../core/functions/group-functions.js';
import { resultJson } from '../../../core/result-json.js';
import { generateTransactions, SAMPLE_SETTINGS } from '../../data/generate.js';
import { expectMoney, run } from '../builder.js';

const col = (...xs: (string | number | null)[]) => xs.map((x) => [x]);
const REGION = col('North', 'South', 'North', null, 'East');
const REVENUE = col(100, 50, 100, 20, 0);
const PROFIT = col(10, -5, 30, 4, -3);

describe('PROFITBYGROUP', () => {
  it('totals net profit per group by default, largest first', () => {
    expect(profitByGroup(REGION, REVENUE, PROFIT)).toEqual([
      ['North', 40],
      ['(blank)', 4],
      ['East', -3],
      ['South', -5],
    ]);
    expect(profitByGroup(REGION, REVENUE, PROFIT, 'Net profit')).toEqual(
      profitByGroup(REGION, REVENUE, PROFIT),
    );
  });

  it('totals revenue, counts rows, or divides profit by revenue', () => {
    expect(profitByGroup(REGION, REVENUE, PROFIT, 'revenue')).toEqual([
      ['North', 200],
      ['South', 50],
      ['(blank)', 20],
      ['East', 0],
    ]);
    expect(profitByGroup(REGION, REVENUE, PROFIT, 'count')).toEqual([
      ['North', 2],
      ['(blank)', 1],
      ['East', 1],
      ['South', 1],
    ]);
    // North 40/200, (blank) 4/20: a tie at 0.2, by value; East has no revenue: "" and last
    expect(profitByGroup(REGION, REVENUE, PROFIT, 'margin')).toEqual([
      ['(blank)', 0.2],
      ['North', 0.2],
      ['South', -0.1],
      ['East', ''],
    ]);
  });

  it('skips rows blank in all three ranges, and reads numbers as group text', () => {
    expect(profitByGroup(col(10, null, 10.5), col(1, null, 2), col(1, null, 2), 'revenue')).toEqual(
      [
        ['10.5', 2],
        ['10', 1],
      ],
    );
  });

  it('names the argument that is wrong', () => {
    expect(() => profitByGroup(REGION, REVENUE, PROFIT, 'median')).toThrow(FunctionArgumentError);
    expect(() => profitByGroup(REGION, REVENUE, PROFIT, 'median')).toThrow(/^measure: /);
    expect(() => profitByGroup(col('A'), REVENUE, PROFIT)).toThrow(
      'groups: has 1 cells but revenue has 5; give ranges of the same size',
    );
    expect(() => profitByGroup(REGION, col('x', 1, 1, 1, 1), PROFIT)).toThrow(/^revenue: /);
  });

  it("gives the core's group totals for the customers of an analysis", () => {
    const a = run(generateTransactions(5_000, 300, 11) as never, {
      ...SAMPLE_SETTINGS,
      groupBy: ['Product'],
    });
    const customers = resultJson(a).customers;
    const got = profitByGroup(
      customers.map((c) => [c.groups!.Product]),
      customers.map((c) => [c.revenue]),
      customers.map((c) => [c.netProfit]),
    );
    const want = a.groups[0].values;
    expect(got.map((r) => r[0])).toEqual(want.map((v) => v.value));
    got.forEach((r, i) => {
      expectMoney(r[1] as number, want[i].netProfit, String(r[0]));
    });
  });
});
