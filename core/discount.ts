/**
 * The discount field (DOMAIN.md §1a): a column of percent cells (`20%`), or of numbers all in
 * [0, 1), is a **rate**; any other column is **money**. Revenue is already net of the discount,
 * so a rate d on a row is worth revenue × d / (1 − d) in money. The discount is reported (and
 * feeds the discount cause of §5); it never changes gross profit.
 */
import { explainNotANumber, isBlank, isPercentText, parseNumber } from './parse-number.js';
import type { CellValue } from './types.js';

export type DiscountKind = 'rate' | 'money';

/**
 * Decides once per column whether the discount cells are rates or money. Blank and unreadable
 * cells do not vote (they are blank or rejected on their own row).
 * Example: `['20%', 0.05, '']` → 'rate'; `[12.5, 0.5]` → 'money'.
 */
export function discountKind(cells: Iterable<CellValue>, decimal: '.' | ','): DiscountKind {
  for (const cell of cells) {
    if (isBlank(cell) || isPercentText(cell)) continue;
    const v = typeof cell === 'number' ? cell : parseNumber(cell, decimal);
    if (Number.isNaN(v)) continue;
    if (!(v >= 0 && v < 1)) return 'money';
  }
  return 'rate';
}

/**
 * The discount of one row in money, or the reason the row cannot be used (a text).
 * A rate d is revenue × d / (1 − d) (revenue is net of it); d ≥ 1 or below 0 cannot be a
 * discount on a net revenue. A blank cell is no discount.
 * Example: rate `'20%'` on revenue 80 → 20; money `'$12.50'` → 12.5; rate `'100%'` → a reason.
 */
export function discountMoney(
  cell: CellValue,
  kind: DiscountKind,
  revenue: number,
  decimal: '.' | ',',
): number | string {
  if (isBlank(cell)) return 0;
  const v =
    typeof cell === 'number' ? (Number.isFinite(cell) ? cell : NaN) : parseNumber(cell, decimal);
  if (Number.isNaN(v)) return explainNotANumber(cell, decimal);
  if (kind === 'money') {
    if (isPercentText(cell))
      return `"${String(cell).trim()}" is a percent in a discount column of money`;
    return v;
  }
  if (v >= 1) return `a discount rate of ${show(v)} leaves no net revenue (must be below 100 %)`;
  if (v < 0) return `a discount rate of ${show(v)} is negative`;
  return (revenue * v) / (1 - v);
}

const show = (d: number) => `${Math.round(d * 1e6) / 1e4} %`;
