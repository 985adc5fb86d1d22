/**
 * Tier moves between a baseline and a what-if (DOMAIN.md §11–12): which customers change tier.
 * A tier is compared by name, so a move between two segments of the same tier (Large/Mid →
 * Medium/Mid, both Maintain) is no move. Outside the matrix a customer is "No revenue", and a
 * customer who left in a scenario is "Exited".
 */
import { EXITED, NO_REVENUE } from './defaults.js';

/** The segment code of a customer who left in a scenario (-1 is "no revenue"). */
export const EXITED_SEGMENT = -2;

export interface TierMove {
  from: string;
  to: string;
  count: number;
}

/**
 * The tier index of each segment (SEGMENTS order): segments with the same tier name share one.
 * Example: the default tiers → Concierge 0, Maintain 1, Fix 2, Grow 3, Maintain 1, Fix 2, …
 */
export function tierIndex(tiers: readonly string[]): Int8Array {
  const names: string[] = [];
  return Int8Array.from(tiers, (t) => {
    const i = names.indexOf(t);
    return i >= 0 ? i : names.push(t) - 1;
  });
}

/** A segment code (or -1 / EXITED_SEGMENT) as the state a move names. */
export function tierState(segment: number, tiers: readonly string[]): string {
  return segment === EXITED_SEGMENT ? EXITED : segment < 0 ? NO_REVENUE : tiers[segment];
}

/**
 * Counts customers per (from tier, to tier) where the tier changed, largest first (ties by names).
 * `before` and `after` are segment codes per customer. Example: segments [0, 2] → [1, 2] with the
 * default tiers → [{from: 'Concierge', to: 'Maintain', count: 1}].
 */
export function tierMoves(
  before: Int8Array,
  after: Int8Array,
  tiers: readonly string[],
): TierMove[] {
  const ids = tierIndex(tiers);
  const T = Math.max(...ids) + 1;
  // states: tiers 0..T-1, then No revenue (T), Exited (T + 1)
  const state = (seg: number) => (seg >= 0 ? ids[seg] : seg === EXITED_SEGMENT ? T + 1 : T);
  const S = T + 2,
    count = new Int32Array(S * S);
  for (let c = 0; c < before.length; c++) {
    const f = state(before[c]),
      t = state(after[c]);
    if (f !== t) count[f * S + t]++;
  }
  const name = (s: number) => (s < T ? tiers[ids.indexOf(s)] : s === T ? NO_REVENUE : EXITED);
  const moves: TierMove[] = [];
  for (let i = 0; i < count.length; i++)
    if (count[i]) moves.push({ from: name(Math.floor(i / S)), to: name(i % S), count: count[i] });
  return moves.sort(
    (a, b) =>
      b.count - a.count ||
      (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
  );
}
