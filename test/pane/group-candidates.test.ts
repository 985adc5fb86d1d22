// The pane offers as groups the unmapped columns with few distinct values (DOMAIN.md §14):
// Region, Channel, Sales Rep — not ids, names, amounts or dates of every day.
import { describe, expect, it } from 'vitest';
import { groupCandidates, MAX_GROUP_VALUES } from '../../pane/group-candidates.js';

describe('groupCandidates', () => {
  const header = ['Customer', 'Region', 'Store', 'Note', 'Discount', 'Revenue', 'Flag'];
  const rows = [
    ['A', 'North', 1, 'first order', 0.05, 120.5, 'x'],
    ['B', 'North', 2, 'call back', 0.1, 99.1, 'x'],
    ['C', 'South', 1, 'late', 0.05, 10.25, 'x'],
    ['D', ' South ', 2, '', 0.1, 12.75, 'x'],
  ];

  it('offers unmapped columns with between 2 and half as many values as filled cells', () => {
    // Note: 3 values in 3 filled cells; Store and Discount: numbers only (a quantity or an amount
    // far more often than a group); Flag: one value
    expect(groupCandidates([header, ...rows], ['Customer', 'Revenue'])).toEqual(['Region']);
  });

  it('leaves out columns the mapping uses, and reads numbers written as text as numbers', () => {
    expect(groupCandidates([header, ...rows], ['Customer', 'Revenue', 'Region'])).toEqual([]);
    const text = rows.map((r) => [r[0], r[1], String(r[2])]);
    expect(groupCandidates([['Customer', 'Region', 'Store'], ...text], ['Customer'])).toEqual([
      'Region',
    ]);
  });

  it(`stops at ${MAX_GROUP_VALUES} distinct values`, () => {
    const many = Array.from({ length: 200 }, (_, i) => [`C${i}`, `Rep ${i % 31}`, `Rep ${i % 30}`]);
    expect(groupCandidates([['Customer', 'Rep A', 'Rep B'], ...many], ['Customer'])).toEqual([
      'Rep B',
    ]);
  });
});
