/**
 * The `options` argument: JSON text, a range of settings paths, or the template's own Settings
 * rows — the three give the same settings. Excel's shared runtime lives as long as the workbook,
 * so a path must never reach Object.prototype.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSheet } from '../../../cli/template/settings-sheet.js';
import { FunctionArgumentError } from '../../../core/functions/arguments.js';
import { functionSettings } from '../../../core/functions/options.js';
import { resolveSettings } from '../../../core/settings.js';
import type { CellValue } from '../../../core/types.js';

afterEach(() => {
  // Clean up after a failing run, so one polluted prototype cannot fail every later test.
  for (const k of ['polluted', 'method']) delete (Object.prototype as Record<string, unknown>)[k];
});

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

  it('reads a two-column range of paths and values into settings', () => {
    const s = functionSettings([
      ['size.method', 'terciles'],
      ['costOfCapital', 0.08],
      [null, null],
    ]);
    expect(s.size.method).toBe('terciles');
    expect(s.costOfCapital).toBe(0.08);
  });

  it.each([
    ['__proto__.polluted', '__proto__'],
    ['constructor.prototype.polluted', 'constructor'],
    ['size.__proto__.polluted', '__proto__'],
    ['prototype', 'prototype'],
  ])('refuses the path %s and leaves Object.prototype alone', (path, name) => {
    let caught: unknown;
    try {
      functionSettings([[path, 'yes']]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FunctionArgumentError);
    expect((caught as Error).message).toBe(`options: "${name}" cannot be a setting name (${path})`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses the names in JSON text too', () => {
    expect(() => functionSettings('{"__proto__": {"polluted": 1}}')).toThrow(
      'options: "__proto__" cannot be a setting name',
    );
    expect(() => functionSettings('{"size": {"constructor": {"prototype": 1}}}')).toThrow(
      'options: "constructor" cannot be a setting name',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('says so when a path goes through a value', () => {
    expect(() =>
      functionSettings([
        ['size', 'big'],
        ['size.method', 'terciles'],
      ]),
    ).toThrow('options: size.method: size is a value, not a group');
  });
});
