/** Numbers read from CSV bytes: exactly what `Number()` reads from the same text, or NaN. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainNumber } from '../../cli/csv-bytes.js';

describe('plainNumber reads plain numbers exactly as Number() does', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it.each([
    '0',
    '-0',
    '1',
    '12.5',
    '.5',
    '5.',
    '-45.67',
    '0.1',
    '123456789012345',
    '9007199254740993',
    '1234567890.123456789',
    '0.000000000000000000001',
  ])('%s', (s) => {
    const b = bytes(s);
    expect(Object.is(plainNumber(b, 0, b.length), Number(s))).toBe(true);
  });
  it.each(['', '-', '.', '1e3', '+1', ' 1', '1,5', '$1', '1.2.3', '5%'])('%s is not plain', (s) => {
    const b = bytes(s);
    expect(plainNumber(b, 0, b.length)).toBeNaN();
  });
  it('agrees with Number() on random decimals', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 20 }),
        (x, digits) => {
          const s = Math.abs(x) < 1e21 ? x.toFixed(digits) : '1';
          const b = bytes(s);
          expect(Object.is(plainNumber(b, 0, b.length), Number(s))).toBe(true);
        },
      ),
    );
  });
});
