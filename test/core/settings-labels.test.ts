import { describe, expect, it } from 'vitest';
import { SETTING_LABELS, settingPaths } from '../../core/settings-labels.js';

describe('settingPaths', () => {
  it('reads a Settings label as its path and leaves a path as it is', () => {
    expect(
      settingPaths([
        ['Size method', 'terciles'],
        ['  cost of CAPITAL   (yearly) ', 0.08],
        ['Deliveries', 12.5],
        ['profitability.method', 'bands'],
      ]),
    ).toEqual([
      ['size.method', 'terciles'],
      ['costOfCapital', 0.08],
      ['rates.deliveries', 12.5],
      ['profitability.method', 'bands'],
    ]);
  });

  it('keeps only the thresholds of the method in use, by label or path, else the default', () => {
    const sheet = [
      ['Pareto: Large below', 0.8],
      ['Pareto: Medium below', 0.95],
      ['Fixed: Large from revenue', 1_000_000],
      ['Fixed: Medium from revenue', 100_000],
      ['Bands: margin target', 0.1],
      ['Fixed: High from margin', 0.2],
      ['Fixed: Mid from margin', 0],
    ];
    expect(settingPaths([['Size method', 'fixed'], ...sheet])).toEqual([
      ['size.method', 'fixed'],
      ['size.large', 1_000_000],
      ['size.medium', 100_000],
      ['profitability.target', 0.1],
    ]);
    expect(settingPaths([['profitability.method', 'fixed'], ...sheet])).toEqual([
      ['profitability.method', 'fixed'],
      ['size.large', 0.8],
      ['size.medium', 0.95],
      ['profitability.high', 0.2],
      ['profitability.low', 0],
    ]);
  });

  it('leaves out a labelled setting with a blank value: blank is the default, as on the sheet', () => {
    expect(
      settingPaths([
        ['Bands: margin target', null],
        ['Orders', ''],
      ]),
    ).toEqual([]);
  });

  it('has one path per label, and each label once', () => {
    const labels = Object.values(SETTING_LABELS).map((s) => s.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
  });
});
