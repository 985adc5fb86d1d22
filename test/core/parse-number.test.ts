// DOMAIN.md §1: cells arrive as numbers, or as text such as `$1,234.50`, ` $261.96 `, `(1,200)`,
// `-5%`, `1 234,50` (decimal comma locale), blanks, or spreadsheet errors (`#N/A`).
import { describe, expect, it } from 'vitest';
import {
  explainNotANumber,
  isBlank,
  isErrorValue,
  isPercentText,
  parseNumber,
} from '../../core/parse-number.js';

describe('parseNumber: numbers as cells hold them', () => {
  it('passes finite numbers through unchanged', () => {
    expect(parseNumber(1234.5)).toBe(1234.5);
    expect(parseNumber(-0.25)).toBe(-0.25);
    expect(parseNumber(0)).toBe(0);
  });

  it('treats non-finite numbers as no number', () => {
    expect(parseNumber(NaN)).toBeNaN();
    expect(parseNumber(Infinity)).toBeNaN();
    expect(parseNumber(-Infinity)).toBeNaN();
    expect(explainNotANumber(Infinity)).toBe('Infinity is not a finite number');
  });

  it('reads no number from booleans and dates', () => {
    expect(parseNumber(true)).toBeNaN();
    expect(parseNumber(new Date(Date.UTC(2024, 0, 1)))).toBeNaN();
    expect(explainNotANumber(false)).toBe('FALSE is not a number');
    expect(explainNotANumber(new Date(Date.UTC(2024, 0, 1)))).toBe(
      'a date where a number is expected',
    );
  });
});

describe('parseNumber: money as finance exports write it (decimal point)', () => {
  it.each([
    ['1234.5', 1234.5],
    ['$1,234.50', 1234.5],
    [' $261.96 ', 261.96], // padded accounting format
    [' $5,003.12 ', 5003.12],
    ['$ 1,234.50', 1234.5], // space after the symbol
    ['-$5.00', -5],
    ['$-5.00', -5],
    ['(1,200)', -1200], // accounting negative
    ['$(1,234.50)', -1234.5],
    [' ( $1,234.50 ) ', -1234.5],
    ['1,200-', -1200], // trailing minus (SAP exports)
    ['22,97,200.86', 2297200.86], // Indian grouping: lakh, crore
    ['1,00,000', 100000],
    ['1,234,567.891', 1234567.891],
    ['€1,000', 1000],
    ['1,000 EUR', 1000],
    ['USD 12.50', 12.5],
    ['+7', 7],
    ['.5', 0.5],
    ['1.5E+3', 1500], // scientific notation from CSV exports
    ['−3', -3], // Unicode minus sign
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it('reads the accounting zero ` $-  ` and a lone dash as 0', () => {
    expect(parseNumber(' $-  ')).toBe(0);
    expect(parseNumber('$-')).toBe(0);
    expect(parseNumber('-')).toBe(0);
  });

  it('reads percents as shares: -5% → -0.05', () => {
    expect(parseNumber('-5%')).toBe(-0.05);
    expect(parseNumber('12.5%')).toBe(0.125);
    expect(parseNumber('(5%)')).toBe(-0.05);
    expect(parseNumber('100 %')).toBe(1);
    expect(isPercentText('-5%')).toBe(true);
    expect(isPercentText('(5%)')).toBe(true);
    expect(isPercentText('5')).toBe(false);
    expect(isPercentText(5)).toBe(false);
  });

  it('refuses text that is not one number', () => {
    for (const text of ['abc', '12abc', '--5', '1,5', '1,2345.6', '12,34', '5%%', '1.2.3', '$']) {
      expect(parseNumber(text), text).toBeNaN();
    }
  });

  it('says why: a decimal comma under the decimal point locale points at the locale setting', () => {
    // '1 234,50' under '.' is not a number: the ',50' cannot be a thousands group.
    expect(parseNumber('1 234,50')).toBeNaN();
    expect(parseNumber('1.234,50')).toBeNaN();
    expect(explainNotANumber('1.234,50')).toBe(
      '"1.234,50" is not a number with a decimal point (set the decimal comma locale if it uses one)',
    );
    expect(explainNotANumber('abc')).toBe('"abc" is not a number');
    expect(explainNotANumber('x'.repeat(50))).toBe(`"${'x'.repeat(37)}..." is not a number`);
  });
});

describe('parseNumber: decimal comma locale', () => {
  it.each([
    ['1 234,50', 1234.5],
    ['1.234,50', 1234.5],
    ['1\u00a0234,50', 1234.5], // no-break space, as French Excel groups thousands
    ['1\u202f234,50', 1234.5], // narrow no-break space
    ["1'234,50", 1234.5], // Swiss grouping
    ['-1.234,5 €', -1234.5],
    ['(1.200)', -1200],
    ['12,5 %', 0.125],
    ['0,05', 0.05],
    ['1.234.567', 1234567],
    ['1.000 kr', 1000],
  ])('%j → %d', (text, expected) => {
    expect(parseNumber(text, ',')).toBe(expected);
  });

  it('says why a decimal-point number does not read under the comma locale', () => {
    expect(parseNumber('1,234.50', ',')).toBeNaN();
    expect(explainNotANumber('1,234.50', ',')).toBe(
      '"1,234.50" is not a number with a decimal comma (set the decimal point locale if it uses one)',
    );
  });
});

describe('blanks and spreadsheet errors', () => {
  it('treats empty cells and spaces as blank, and parses them as no number', () => {
    for (const v of [null, undefined, '', '   ', '\u00a0', '\t']) {
      expect(isBlank(v), JSON.stringify(v)).toBe(true);
      expect(parseNumber(v), JSON.stringify(v)).toBeNaN();
    }
    expect(isBlank(0)).toBe(false);
    expect(isBlank(' 0 ')).toBe(false);
  });

  it('recognises error values such as #N/A and names them', () => {
    for (const e of [
      '#N/A',
      '#VALUE!',
      '#REF!',
      '#DIV/0!',
      '#NUM!',
      '#NAME?',
      '#NULL!',
      '#SPILL!',
      ' #n/a ',
    ]) {
      expect(isErrorValue(e), e).toBe(true);
      expect(parseNumber(e), e).toBeNaN();
    }
    expect(isErrorValue('N/A')).toBe(false);
    expect(isErrorValue(0)).toBe(false);
    expect(explainNotANumber('#N/A')).toBe('error value #N/A');
    expect(explainNotANumber('#div/0!')).toBe('error value #DIV/0!');
  });
});
