import { describe, expect, it } from 'vitest';
import { wrap } from '../../cli/wrap.js';

describe('wrap', () => {
  it('breaks at the last space that fits and indents the rest by 4 more than the line', () => {
    expect(wrap('aaa bbb ccc ddd eee fff ggg hhh', 30)).toEqual([
      'aaa bbb ccc ddd eee fff ggg',
      '    hhh',
    ]);
    expect(wrap('  row 4, Revenue: "abc" is not a number', 30)).toEqual([
      '  row 4, Revenue: "abc" is not',
      '      a number',
    ]);
    expect(wrap('short', 80)).toEqual(['short']);
  });

  it('hangs the text of an option under its column', () => {
    expect(wrap(`  --out FILE   ${'word '.repeat(12).trim()}`, 40, 13)).toEqual([
      '  --out FILE   word word word word word',
      `               ${'word '.repeat(5).trim()}`,
      `               ${'word '.repeat(2).trim()}`,
    ]);
  });

  it('cuts a word longer than the line; keeps the indent when a deeper one leaves no room', () => {
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap(`see ${'x'.repeat(40)}`, 30)).toEqual([
      'see',
      `    ${'x'.repeat(26)}`,
      `    ${'x'.repeat(14)}`,
    ]);
  });
});
