/**
 * PROFITBYGROUP: profitability per group value (DOMAIN.md §14) as a formula, on plain ranges —
 * the SUMIF of every value at once, in the order of the report's Groups sheet.
 */
import { GroupSum } from '../exact-sum.js';
import { groupText } from '../groups.js';
import { KeyIndex } from '../key-index.js';
import { isBlank } from '../parse-number.js';
import { keyText } from '../read-rows.js';
import {
  type Arg,
  cells,
  FunctionArgumentError,
  numbers,
  omitted,
  sameLength,
} from './arguments.js';

const MEASURES = ['profit', 'revenue', 'count', 'margin'] as const;
type Measure = (typeof MEASURES)[number];

/**
 * Two columns: each group value and its total of the measure — net profit (default), revenue,
 * count of rows, or margin (Σ net profit / Σ revenue, "" when that revenue is ≤ 0). Values come
 * largest total first, ties by value; a blank group cell is "(blank)"; rows blank in all three
 * ranges are skipped, a blank number counts 0.
 * Example: groups North, South, North; revenue 100, 50, 100; net profit 10, −5, 30 →
 * [['North', 40], ['South', −5]]; with "margin" → [['North', 0.2], ['South', −0.1]].
 */
export function profitByGroup(
  groups: Arg,
  revenue: Arg,
  netProfit: Arg,
  measure?: Arg,
): (string | number)[][] {
  const word = omitted(measure)
    ? 'profit'
    : String(measure)
        .toLowerCase()
        .replace(/[^a-z]/g, '');
  const m = (word === 'netprofit' ? 'profit' : word) as Measure;
  if (!MEASURES.includes(m))
    throw new FunctionArgumentError(
      'measure',
      `must be "profit", "revenue", "count" or "margin" (got "${String(measure)}")`,
    );
  const keys = cells(groups);
  const rev = numbers(revenue, 'revenue'),
    np = numbers(netProfit, 'netProfit');
  sameLength(rev, np, 'revenue', 'netProfit');
  if (keys.length !== rev.length)
    throw new FunctionArgumentError(
      'groups',
      `has ${keys.length} cells but revenue has ${rev.length}; give ranges of the same size`,
    );
  const index = new KeyIndex(Math.min(keys.length, 1024));
  const value = new Int32Array(keys.length).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    if (isBlank(keys[i]) && Number.isNaN(rev[i]) && Number.isNaN(np[i])) continue;
    value[i] = index.intern(groupText(keyText(keys[i])));
  }
  const names = index.finish(),
    k = names.length;
  if (k === 0) throw new FunctionArgumentError('groups', 'has no rows with a group or a number');
  const count = new Float64Array(k),
    revSum = new GroupSum(k),
    npSum = new GroupSum(k);
  for (let i = 0; i < keys.length; i++) {
    const v = value[i];
    if (v < 0) continue;
    count[v]++;
    revSum.add(v, Number.isNaN(rev[i]) ? 0 : rev[i]);
    npSum.add(v, Number.isNaN(np[i]) ? 0 : np[i]);
  }
  const R = revSum.result(),
    P = npSum.result();
  const total = (v: number): number =>
    m === 'profit'
      ? P[v]
      : m === 'revenue'
        ? R[v]
        : m === 'count'
          ? count[v]
          : R[v] > 0
            ? P[v] / R[v]
            : Number.NEGATIVE_INFINITY; // sorts last; shown as ""
  const order = Array.from(names, (_, v) => v).sort(
    (x, y) => total(y) - total(x) || (names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : 0),
  );
  return order.map((v) => {
    const t = total(v);
    return [names[v], Number.isFinite(t) ? t : ''];
  });
}
