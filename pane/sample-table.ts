/**
 * The sample customers as sheet rows: samples/customers.csv (the quick start's 500 customers) read
 * with PapaParse (as the CLI reads CSV), its plain numbers as numbers (a host would otherwise keep "29949.94" as
 * text), everything else as text.
 * Example: `sampleRows('Customer,Revenue\nA,12.5\n')` → `[['Customer', 'Revenue'], ['A', 12.5]]`.
 */
import Papa from 'papaparse';
import type { SheetValue } from '../core/report/sheet-spec.js';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function sampleRows(csv: string): SheetValue[][] {
  const parsed = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true });
  return parsed.data.map((row, r) =>
    row.map((cell) => (r > 0 && PLAIN_NUMBER.test(cell) ? Number(cell) : cell)),
  );
}
