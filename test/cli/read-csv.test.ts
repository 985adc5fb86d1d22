/**
 * CSV files as people have them (test/fixtures): Excel's "Unicode Text" in UTF-16, a quote that
 * never closes, classic-Mac line ends. Every line of the file ends up as a row the core accounts for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, readCsv } from '../../cli/read-csv.js';
import { analyze } from '../../core/analyze.js';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/${name}`));
const UNICODE_ROWS = [
  ['Customer', 'Revenue', 'COGS'],
  ['Café Müller', '100', '60'],
  ['Łódź Trading', '50', '45'],
  ['Zoë', '30', '10'],
];

describe('UTF-16 text (Excel: Save as Unicode Text)', () => {
  it.each([
    ['utf16le-bom.txt', 'utf-16le'],
    ['utf16be-bom.txt', 'utf-16be'],
    ['utf16le.txt', 'utf-16le'],
    ['utf16be.txt', 'utf-16be'],
  ])('%s is read as %s, tab-separated, CRLF', (name, encoding) => {
    const { text, encoding: found } = decodeText(fixture(name));
    expect(found).toBe(encoding);
    const { values, delimiter } = readCsv(text);
    expect(delimiter).toBe('\t');
    expect(values).toEqual(UNICODE_ROWS);
  });

  it('does not take UTF-8 or Windows-1252 text for UTF-16', () => {
    expect(decodeText(new TextEncoder().encode('Customer,Revenue\nA,1\n')).encoding).toBe('utf-8');
    expect(decodeText(Uint8Array.of(0x43, 0x61, 0x66, 0xe9, 0x2c, 0x31)).encoding).toBe(
      'windows-1252',
    );
  });
});

describe('a quote that never closes (unclosed-quote.csv)', () => {
  const text = new TextDecoder().decode(fixture('unclosed-quote.csv'));
  const { values, unread } = readCsv(text);

  it('costs only its own line: the rows after it are read as rows', () => {
    expect(values).toEqual([
      ['Customer', 'Revenue', 'COGS'],
      ['A', '100', '60'],
      ['B', '50', '45'],
      ['C', '"70,30'],
      ['D', '80', '40'],
      ['E', '90', '50'],
      ['F', '60', '20'],
    ]);
    expect(unread).toEqual([
      {
        row: 3,
        column: 1,
        reason:
          'malformed CSV: the quote (") that opens this field is never closed; this line was not read (the lines after it were)',
        wholeRow: true,
      },
    ]);
  });

  it('is listed by the core with its row and column; every other row is used', () => {
    const o = analyze({ values, unread });
    if (!o.ok) throw new Error(o.error.message);
    expect(o.value.rows).toMatchObject({ total: 6, used: 5 });
    expect(o.value.rows.rejected).toEqual([
      expect.objectContaining({ row: 4, column: 'Revenue', cell: 'B4' }),
    ]);
    // only the §8 Concierge note of a five-customer table: nothing about the broken line
    expect(o.value.warnings.filter((w) => !w.startsWith('Concierge holds'))).toEqual([]); // the broken line is not taken for a decimal comma
  });
});

describe('stray quotes', () => {
  it('keeps a stray quote closed on its own line, as PapaParse reads it', () => {
    const { values, unread } = readCsv('Customer,Revenue\n"Acme 12" pipe",5\n"x"y,3\nB,4\n');
    expect(values).toEqual([
      ['Customer', 'Revenue'],
      ['Acme 12" pipe', '5'],
      ['"x"y,3'],
      ['B', '4'],
    ]);
    expect(unread.map((u) => [u.row, u.column, u.reason.slice(0, 40)])).toEqual([
      [2, 0, 'malformed CSV: a quote (") inside this q'],
    ]);
  });

  it('reads well-formed quoted fields after a broken line, and fields spanning lines', () => {
    const { values, unread } = readCsv('a,b\n"1\nz",2\n3,"4\n5,6\n7,"8"\n9,"x,y"');
    expect(values).toEqual([
      ['a', 'b'],
      ['1\nz', '2'],
      ['3', '"4'],
      ['5', '6'],
      ['7', '8'],
      ['9', 'x,y'],
    ]);
    expect(unread.map((u) => u.row)).toEqual([2]);
  });
});

describe('classic Mac OS line ends (mac-cr.csv)', () => {
  it('read as line ends; the final CR is not a blank row', () => {
    const { values } = readCsv(new TextDecoder().decode(fixture('mac-cr.csv')));
    expect(values).toEqual([
      ['Customer', 'Revenue', 'COGS'],
      ['A', '100', '60'],
      ['B', '50', '45'],
    ]);
  });
});
