// DOMAIN.md §7: a period column groups dates by year, quarter or month; labels sort in time order.
import { describe, expect, it } from 'vitest';
import { periodLabel } from '../../core/period.js';

describe('periodLabel', () => {
  it('groups an ISO date by year, quarter and month', () => {
    expect(periodLabel('2024-05-31', 'year')).toBe('2024');
    expect(periodLabel('2024-05-31', 'quarter')).toBe('2024-Q2');
    expect(periodLabel('2024-05-31', 'month')).toBe('2024-05');
    expect(periodLabel('2024-12-01T10:30:00', 'quarter')).toBe('2024-Q4');
  });

  it('reads Date objects by their UTC fields', () => {
    expect(periodLabel(new Date(Date.UTC(2025, 0, 1)), 'quarter')).toBe('2025-Q1');
    expect(periodLabel(new Date(Date.UTC(2024, 8, 30)), 'month')).toBe('2024-09');
    expect(periodLabel(new Date(NaN), 'year')).toBeNull();
  });

  it('reads Excel serial dates (1900 system)', () => {
    // serial 45292 = 2024-01-01 (days since 1899-12-30); 45444 = 45292 + 152 = 2024-06-01
    expect(periodLabel(45292, 'month')).toBe('2024-01');
    expect(periodLabel(45444, 'month')).toBe('2024-06');
    expect(periodLabel(45444.75, 'quarter')).toBe('2024-Q2');
  });

  it('reads Excel serial dates that a CSV export wrote as text', () => {
    expect(periodLabel('45292', 'month')).toBe('2024-01');
    expect(periodLabel(' 45444.75 ', 'quarter')).toBe('2024-Q2');
    expect(periodLabel('2024', 'quarter')).toBeNull(); // four digits stay a year
  });

  it('reads a plain year as a year only', () => {
    expect(periodLabel(2024, 'year')).toBe('2024');
    expect(periodLabel('2024', 'year')).toBe('2024');
    expect(periodLabel(2024, 'quarter')).toBeNull();
  });

  it('reads quarter and month labels', () => {
    expect(periodLabel('2024-Q3', 'quarter')).toBe('2024-Q3');
    expect(periodLabel('Q1 2024', 'quarter')).toBe('2024-Q1');
    expect(periodLabel('q4-2023', 'year')).toBe('2023');
    expect(periodLabel('2024-Q3', 'month')).toBeNull(); // a quarter has no single month
    expect(periodLabel('2024-03', 'month')).toBe('2024-03');
    expect(periodLabel('2024/3', 'quarter')).toBe('2024-Q1');
  });

  it('reads slashed dates by the locale date order', () => {
    expect(periodLabel('3/15/2024', 'month', 'mdy')).toBe('2024-03');
    expect(periodLabel('15/3/2024', 'month', 'dmy')).toBe('2024-03');
    expect(periodLabel('15/3/2024', 'month', 'mdy')).toBeNull(); // month 15
    expect(periodLabel('01.02.2024', 'month', 'dmy')).toBe('2024-02');
  });

  it('finds no period in other text or values', () => {
    for (const v of ['soon', '', null, true, '2024-13-01', Infinity, -5])
      expect(periodLabel(v as never, 'year'), String(v)).toBeNull();
  });

  it('makes labels that sort in time order', () => {
    const labels = ['2024-11-15', '2025-01-10', '2024-02-01', '2023-12-31'].map(
      (d) => periodLabel(d, 'month')!,
    );
    expect([...labels].sort()).toEqual(['2023-12', '2024-02', '2024-11', '2025-01']);
  });
});
