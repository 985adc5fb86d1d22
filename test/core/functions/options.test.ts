/**
 * The `options` argument: JSON text, a range of settings paths, or the template's own Settings
 * rows — the three give the same settings.
 */
import { describe, expect, it } from 'vitest';
import { settingsSheet } from '../../../cli/template/settings-sheet.js';
import { functionSettings } from '../../../core/functions/options.js';
import { resolveSettings } from '../../../core/settings.js';
import type { CellValue } from '../../../core/types.js';

describe('functionSettings', () => {
  it('reads the template Settings labels as the JSON paths they stand for', () => {
    const byLabel = functionSettings([
      ['Size method', 'fixed'],
      ['Fixed: Large from revenue', 500_000],
      ['Fixed: Medium from revenue', 50_000],
      ['Profitability method', 'bands'],
      ['Bands: margin target', 0.12],
      ['Cost of capital (yearly)', 0.09],
      ['Orders', 25],
    ]);
    const byPath = functionSettings(
      '{"size": {"method": "fixed", "large": 500000, "medium": 50000}, "profitability": {"method": "bands", "target": 0.12}, "costOfCapital": 0.09, "rates": {"orders": 25}}',
    );
    expect(byLabel).toEqual(byPath);
    expect(byLabel.size).toMatchObject({ method: 'fixed', large: 500_000, medium: 50_000 });
  });

  it('takes the Setting and Value columns of a template Settings sheet as they are written', () => {
    const { settings } = resolveSettings({
      size: { method: 'fixed', large: 400_000, medium: 40_000 },
      profitability: { method: 'fixed', high: 0.15, low: 0.02 },
      costOfCapital: 0.07,
      rates: { orders: 20, deliveries: 35 },
    });
    const values = settingsSheet(settings).spec.values as CellValue[][];
    // the yellow input rows: from "Size method" down to the avoidable share of the cost of capital
    const first = values.findIndex((r) => r[0] === 'Size method'),
      last = values.findIndex((r) => r[0] === 'Cost of capital: avoidable share');
    const range = values.slice(first, last + 1).map((r) => [r[0], r[1]]);
    const read = functionSettings(range);
    expect(read.size).toEqual(settings.size);
    expect(read.profitability).toEqual(settings.profitability);
    expect(read.costOfCapital).toBe(0.07);
  });

  it('names a label it does not know', () => {
    expect(() => functionSettings([['Size metod', 'fixed']])).toThrow(/Size metod/);
  });
});
