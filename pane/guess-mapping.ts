/**
 * The column mapping the pane shows: field → header text, as the core would map this header row.
 * Example: `guessMapping(['Account No', 'Customer Name', 'Net Sales'])` →
 * `{ customer: 'Account No', name: 'Customer Name', revenue: 'Net Sales' }`.
 */
import { mapColumns } from '../core/column-map.js';
import type { Field } from '../core/types.js';

export function guessMapping(headers: readonly unknown[]): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const [field, column] of Object.entries(mapColumns(headers).columns) as [Field, number][])
    out[field] = String(headers[column] ?? '').trim();
  return out;
}
