// DOMAIN.md §1 cells: the decimal style a text shows, and a column that shows both.
import { describe, expect, it } from 'vitest';
import { decimalMixing, decimalStyle } from '../../core/decimal-style.js';

describe('decimalStyle', () => {
  it.each([
    ['1.234,56', 'comma'],
    ['12,5', 'comma'],
    ['1.234.567', 'comma'],
    ['1,234.56', 'point'],
    ['12.5', 'point'],
    ['1,234,567', 'point'],
    ['22,97,200.86', 'point'],
    ['12.000', 'either'],
    ['1,234', 'either'],
    ['$ 12.000 ', 'either'],
    ['.500', 'point'],
    ['1500', 'none'],
    ['abc', 'none'],
  ] as const)('%s → %s', (text, style) => expect(decimalStyle(text)).toBe(style));
});

describe('decimalMixing', () => {
  it('names a column written wholly in the other style, and refuses nothing extra', () => {
    const m = decimalMixing([['Revenue'], ['1.234,56'], ['7,5'], [12]], 1, [0], ['Revenue'], '.');
    expect(m.refuse[0]).toBe(false);
    expect(m.warnings).toEqual([
      'column "Revenue" is written with a decimal comma ("1.234,56") but read with a decimal point (locale.decimal "."), so 2 cells are not used: set the locale setting to the file\'s mark ({"locale": {"decimal": ","}} if it writes a decimal comma)',
    ]);
  });

  it('refuses the two-way cells of a decimal-point column under the decimal comma', () => {
    const m = decimalMixing([['1,234.50'], ['12,000']], 0, [0], ['Sales'], ',');
    expect(m.refuse[0]).toBe(true);
    expect(m.sample[0]).toBe('1,234.50');
  });

  it('looks only at text: numbers show no style', () => {
    expect(decimalMixing([[1234.56], [12]], 0, [0], ['Revenue'], ',').warnings).toEqual([]);
  });
});
