/**
 * Period labels for migration (DOMAIN.md §7): dates grouped by year, quarter or month, so that
 * the labels sort in time order (`2024`, `2024-Q3`, `2024-07`). Time zones play no part: Date
 * objects are read by their UTC fields (hosts hand over dates as UTC midnight).
 */
import type { CellValue } from './types.js';

export type Grain = 'year' | 'quarter' | 'month';
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * The period label of a cell, or null when it holds no recognisable date or period.
 * Accepts Date objects, Excel serial numbers, years (2024), ISO dates (2024-03-15), `2024-03`,
 * `2024-Q1`, `Q1 2024`, and `3/15/2024` or `15/3/2024` by the locale's date order.
 * Example: `periodLabel('2024-05-31', 'quarter')` → `'2024-Q2'`.
 */
export function periodLabel(v: CellValue, grain: Grain, order: DateOrder = 'mdy'): string | null {
  const ymd = toYearMonth(v, order);
  if (!ymd) return null;
  const [y, m, quarterOnly] = ymd;
  if (grain === 'year') return String(y);
  if (m === 0) return null; // only a year given, but a finer grain asked for
  if (grain === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  if (quarterOnly) return null;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** [year, month (0 = unknown), month stands for a quarter only]. */
function toYearMonth(v: CellValue, order: DateOrder): [number, number, boolean] | null {
  if (v instanceof Date)
    return Number.isNaN(v.getTime()) ? null : [v.getUTCFullYear(), v.getUTCMonth() + 1, false];
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    if (Number.isInteger(v) && v >= 1000 && v <= 9999) return [v, 0, false];
    if (v >= 1 && v < 2958466) {
      // Excel serial date (1900 system)
      const d = new Date(EXCEL_EPOCH_MS + Math.floor(v) * 86400000);
      return [d.getUTCFullYear(), d.getUTCMonth() + 1, false];
    }
    return null;
  }
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let m = /^(\d{4})$/.exec(s);
  if (m) return [+m[1], 0, false];
  if (/^\d{5}(\.\d+)?$/.test(s)) return toYearMonth(Number(s), order); // an Excel serial date exported to CSV as text
  m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T ].*)?$/.exec(s);
  if (m) return valid(+m[1], +m[2], m[3] ? +m[3] : 1);
  m = /^(\d{4})\s*-?\s*Q([1-4])$/i.exec(s) ?? /^Q([1-4])\s*[-/ ]?\s*(\d{4})$/i.exec(s);
  if (m) {
    const [y, q] = m[1].length === 4 ? [+m[1], +m[2]] : [+m[2], +m[1]];
    return [y, q * 3, true];
  }
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ].*)?$/.exec(s);
  if (m) {
    return order === 'dmy' ? valid(+m[3], +m[2], +m[1]) : valid(+m[3], +m[1], +m[2]);
  }
  return null;
}

function valid(y: number, m: number, d: number): [number, number, boolean] | null {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? [y, m, false] : null;
}
