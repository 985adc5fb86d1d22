// DOMAIN.md §3, size (Pareto on revenue): before(c) = revenue of customers with strictly greater
// revenue than c / total revenue (of customers with revenue > 0).
// Large if before(c) < 0.80; Medium if before(c) < 0.95; else Small. Ties share a class.
// Other methods: terciles by count; fixed money thresholds (a value on a threshold → higher class).
import { describe, expect, it } from 'vitest';
import { sizeClasses } from '../../core/size-class.js';
import { customers, run, settings } from './builder.js';

const NAMES = ['Large', 'Medium', 'Small'];
function sizes(revenue: number[], size: unknown = {}): (string | null)[] {
  const out = sizeClasses(Float64Array.from(revenue), settings({ size }).size);
  return Array.from(out, (s) => (s < 0 ? null : NAMES[s]));
}

describe('Pareto (default)', () => {
  it('places customers by the share of revenue of bigger customers', () => {
    // total 100; before: 50 → 0/100 = 0; 30 → 50/100 = .5; 15 → 80/100 = .8; 5 → 95/100 = .95
    // 0 < .8 Large; .5 < .8 Large; .8 is not < .8 → Medium; .95 is not < .95 → Small
    expect(sizes([50, 30, 15, 5])).toEqual(['Large', 'Large', 'Medium', 'Small']);
  });

  it('sends a customer exactly on before(c) = 0.80 to Medium, and on 0.95 to Small', () => {
    // total 1,000: before(150) = 800/1000 = 0.80 exactly; before(40) = 950/1000 = 0.95 exactly
    expect(sizes([800, 150, 40, 10])).toEqual(['Large', 'Medium', 'Small', 'Small']);
    // the same in cents-and-dollars money: 8.00 / 10.00
    expect(sizes([8, 1.5, 0.4, 0.1])).toEqual(['Large', 'Medium', 'Small', 'Small']);
  });

  it('lets ties share a class', () => {
    // total 100; both 40s: before = 0 → Large; both 10s: before = 80/100 = .8 → Medium
    expect(sizes([40, 10, 40, 10])).toEqual(['Large', 'Medium', 'Large', 'Medium']);
    // three equal customers: nobody is bigger, all Large
    expect(sizes([7, 7, 7])).toEqual(['Large', 'Large', 'Large']);
  });

  it('leaves customers with revenue ≤ 0 out, and out of the total', () => {
    // total of positives = 80 + 15 + 5 = 100: 15 → .8 Medium, 5 → .95 Small
    expect(sizes([80, 0, 15, -10, 5])).toEqual(['Large', null, 'Medium', null, 'Small']);
    expect(sizes([0, -1])).toEqual([null, null]);
    expect(sizes([])).toEqual([]);
  });

  it('uses the shares of the settings', () => {
    // large 0.5, medium 0.9 on [50, 30, 15, 5]: befores 0, .5, .8, .95 → L, M, M, S
    expect(sizes([50, 30, 15, 5], { method: 'pareto', large: 0.5, medium: 0.9 })).toEqual([
      'Large',
      'Medium',
      'Medium',
      'Small',
    ]);
  });

  it('matches the spreadsheet formula SUMIF(rev, ">"&rev_c) / SUM(rev) on a bigger case', () => {
    const revenue = [120, 3, 45, 45, 9, 300, 18, 1, 60, 2];
    const total = revenue.reduce((a, b) => a + b, 0); // 603
    const expected = revenue.map((r) => {
      const before = revenue.filter((x) => x > r).reduce((a, b) => a + b, 0) / total;
      return before < 0.8 ? 'Large' : before < 0.95 ? 'Medium' : 'Small';
    });
    // by hand: 300 → 0; 120 → 300/603 = .50; 60 → 420/603 = .70; 45 → 480/603 = .80 (0.796) Large;
    // 18 → 570/603 = .945 Medium; 9 → 588/603 = .975 Small; 3, 2, 1 Small
    expect(expected).toEqual([
      'Large',
      'Small',
      'Large',
      'Large',
      'Small',
      'Large',
      'Medium',
      'Small',
      'Large',
      'Small',
    ]);
    expect(sizes(revenue)).toEqual(expected);
  });
});

describe('terciles by count', () => {
  it('splits six customers two, two, two', () => {
    // rank = customers with greater revenue: 0,1 → Large (rank < 2); 2,3 → Medium (rank < 4); 4,5 → Small
    expect(sizes([60, 50, 40, 30, 20, 10], { method: 'terciles' })).toEqual([
      'Large',
      'Large',
      'Medium',
      'Medium',
      'Small',
      'Small',
    ]);
  });

  it('splits four customers two, one, one', () => {
    // n = 4: Large if rank < 4/3 ≈ 1.33 (ranks 0, 1), Medium if rank < 8/3 ≈ 2.67 (rank 2), else Small (rank 3)
    expect(sizes([4, 3, 2, 1], { method: 'terciles' })).toEqual([
      'Large',
      'Large',
      'Medium',
      'Small',
    ]);
  });

  it('lets ties share a class', () => {
    expect(sizes([5, 5, 5], { method: 'terciles' })).toEqual(['Large', 'Large', 'Large']);
    // ranks 0, 1, 1, 3, 3, 5 with n = 6 → L, L, L, M, M, S
    expect(sizes([9, 8, 8, 2, 2, 1], { method: 'terciles' })).toEqual([
      'Large',
      'Large',
      'Large',
      'Medium',
      'Medium',
      'Small',
    ]);
  });
});

describe('fixed money thresholds', () => {
  it('puts a revenue exactly on a threshold in the higher class', () => {
    const size = { method: 'fixed', large: 1000, medium: 100 };
    expect(sizes([1000, 999.99, 100, 99.99, 5000, 0], size)).toEqual([
      'Large',
      'Medium',
      'Medium',
      'Small',
      'Large',
      null,
    ]);
  });
});

describe('in the analysis', () => {
  it('gives every customer its size, the same whatever the row order', () => {
    const rows = {
      A: { revenue: 50, cogs: 0 },
      B: { revenue: 30, cogs: 0 },
      C: { revenue: 15, cogs: 0 },
      D: { revenue: 5, cogs: 0 },
    };
    const a = run(customers(rows));
    const b = run(customers(Object.fromEntries(Object.entries(rows).reverse())));
    const size = (x: typeof a, k: string) => NAMES[x.classes.size[x.customers.keys.indexOf(k)]];
    for (const k of ['A', 'B', 'C', 'D']) expect(size(b, k)).toBe(size(a, k));
    expect(['A', 'B', 'C', 'D'].map((k) => size(a, k))).toEqual([
      'Large',
      'Large',
      'Medium',
      'Small',
    ]);
  });
});
