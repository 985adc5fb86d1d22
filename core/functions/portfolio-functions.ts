/**
 * PROFITMATRIX, COSTTOSERVE, WHALECURVE and WHALEPEAK: the matrix, cost and whale-curve rules of
 * DOMAIN.md as formulas, on plain ranges.
 */
import { classify } from '../classify.js';
import { isBlank } from '../parse-number.js';
import { PROFIT_CLASSES, SIZE_CLASSES } from '../types.js';
import { whaleCurve } from '../whale-curve.js';
import {
  type Arg,
  cells,
  FunctionArgumentError,
  numbers,
  omitted,
  sameLength,
} from './arguments.js';
import { functionSettings } from './options.js';

const MEASURES = ['count', 'revenue', 'profit'] as const;

/** A labelled 4×4 grid: header row (High, Mid, Low) and one row per size, of the chosen measure. */
export function profitMatrixGrid(
  revenue: Arg,
  netProfit: Arg,
  measure?: Arg,
  options?: Arg,
): (string | number)[][] {
  const m = omitted(measure) ? 'count' : String(measure).trim().toLowerCase();
  if (!(MEASURES as readonly string[]).includes(m))
    throw new FunctionArgumentError(
      'measure',
      `must be "count", "revenue" or "profit" (got "${String(measure)}")`,
    );
  const rev = numbers(revenue, 'revenue'),
    np = numbers(netProfit, 'netProfit');
  sameLength(rev, np, 'revenue', 'netProfit');
  for (let i = 0; i < rev.length; i++) {
    if (Number.isNaN(rev[i])) rev[i] = 0;
    if (Number.isNaN(np[i])) np[i] = 0;
  }
  const { segment } = classify(rev, np, functionSettings(options));
  const grid = new Array<number>(9).fill(0);
  for (let i = 0; i < rev.length; i++) {
    const s = segment[i];
    if (s < 0) continue;
    grid[s] += m === 'count' ? 1 : m === 'revenue' ? rev[i] : np[i];
  }
  return [
    ['', ...PROFIT_CLASSES],
    ...SIZE_CLASSES.map((size, s) => [size, grid[s * 3], grid[s * 3 + 1], grid[s * 3 + 2]]),
  ];
}

/**
 * Cost-to-serve per row: Σ volume × rate. `volumes` has one column per driver and one row per
 * customer; `rates` is one row (or column) with one rate per volume column. Blank volumes are 0.
 */
export function costToServeRows(volumes: Arg, rates: Arg): number[][] {
  const rateList = numbers(rates, 'rates');
  const rows = Array.isArray(volumes) ? volumes : [[volumes]];
  const width = rows[0]?.length ?? 0;
  if (rateList.length !== width)
    throw new FunctionArgumentError(
      'rates',
      `has ${rateList.length} rates but volumes has ${width} columns; give one rate per volume column`,
    );
  if (rateList.some((r) => Number.isNaN(r)))
    throw new FunctionArgumentError(
      'rates',
      'has a blank rate; use 0 for a driver that costs nothing',
    );
  return rows.map((row, r) => {
    if (row.every(isBlank)) return [''] as unknown as number[];
    let sum = 0;
    for (let c = 0; c < width; c++) {
      const v = numbers([[row[c]]], 'volumes')[0];
      if (!Number.isNaN(v)) sum += v * rateList[c];
      else if (!isBlank(row[c]))
        throw new FunctionArgumentError('volumes', `row ${r + 1} is not a number`);
    }
    return [sum];
  });
}

function profits(netProfit: Arg): Float64Array {
  const p = numbers(netProfit, 'netProfit').filter((x) => !Number.isNaN(x));
  if (p.length === 0) throw new FunctionArgumentError('netProfit', 'has no numbers');
  return p;
}

/** Points of the whale curve: two columns, share of customers and share of profit (header row first). */
export function whaleCurvePoints(netProfit: Arg, points?: Arg): (string | number)[][] {
  const k = omitted(points) ? 20 : Number(cells(points)[0]);
  if (!Number.isInteger(k) || k < 2 || k > 1000)
    throw new FunctionArgumentError('points', 'must be a whole number from 2 to 1000');
  const w = whaleCurve(profits(netProfit), k, k);
  if (w.peakShareOfProfit === null)
    throw new FunctionArgumentError(
      'netProfit',
      'totals zero or less: shares of profit mean nothing',
    );
  return [
    ['Share of customers', 'Share of profit'],
    ...w.curve.map((p) => [p.shareOfCustomers, p.shareOfProfit!]),
  ];
}

/** The peak of the whale curve as one row: share of customers, share of profit. */
export function whalePeak(netProfit: Arg): number[][] {
  const w = whaleCurve(profits(netProfit));
  if (w.peakShareOfProfit === null)
    throw new FunctionArgumentError(
      'netProfit',
      'totals zero or less: shares of profit mean nothing',
    );
  return [[w.peakAtShareOfCustomers, w.peakShareOfProfit]];
}
