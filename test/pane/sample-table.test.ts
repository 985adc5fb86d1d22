// "Try it with sample data" writes samples/customers.csv as sheet rows: every row, names as
// typed (commas and quotes included), numbers as numbers.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../cli/read-csv.js';
import { analyze } from '../../core/analyze.js';
import { sampleRows } from '../../pane/sample-table.js';

describe('sampleRows', () => {
  const csv = readFileSync('samples/customers.csv', 'utf8');
  const rows = sampleRows(csv);

  it('reads the 500 sample customers below their header, as the CLI reads the file', () => {
    const cli = parseCsv(csv);
    expect(rows).toHaveLength(501);
    expect(rows[0]).toEqual(cli[0]);
    const asTyped = (v: unknown) =>
      typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    expect(rows).toEqual(cli.map((r, i) => (i === 0 ? r : r.map(asTyped))));
    expect(rows[1]).toEqual([
      'C000001',
      'Dubois Retail',
      29949.94,
      23308.61,
      33,
      54,
      33,
      1,
      7,
      1,
      1,
      51,
    ]);
    expect(rows.map((r) => r[1])).toContain('Smith, Jones & Partners');
    expect(rows.map((r) => r[1])).toContain('The "Corner" Deli');
  });

  it('keeps a header that looks like a number as text, and only plain numbers become numbers', () => {
    expect(sampleRows('Customer,2024\nA,12.50\nB,1e3\nC,-4\n')).toEqual([
      ['Customer', '2024'],
      ['A', 12.5],
      ['B', '1e3'],
      ['C', -4],
    ]);
  });

  it('analyses to the same totals as the file', () => {
    const fromRows = analyze({ values: rows }, {});
    const fromCsv = analyze({ values: parseCsv(csv) }, {});
    if (!fromRows.ok || !fromCsv.ok) throw new Error('the sample does not analyse');
    expect(fromRows.value.totals).toEqual(fromCsv.value.totals);
  });
});
