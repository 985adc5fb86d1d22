/**
 * Tier moves between a baseline and a what-if (DOMAIN.md §11–12): which customers change tier.
 * A tier is compared by name, so a move between two segments of the same tier (Large/Mid →
 * Medium/Mid, both Maintain) is no move. A Concierge-segment customer beyond
 * `conciergeMaxAccounts` is in Maintain (§8). Outside the matrix a customer is "No revenue", and
 * a customer who left in a scenario is "Exited".
 */
import { MAINTAIN } from './customer-action.js';
import { EXITED, NO_REVENUE } from './defaults.js';

/** The segment code of a customer who left in a scenario (-1 is "no revenue"). */
export const EXITED_SEGMENT = -2;

export interface TierMove {
  from: string;
  to: string;
  count: number;
}

/** Where each customer's tier comes from: its segment, and the Concierge cut (null: none). */
export interface TierSource {
  segment: Int8Array;
  cut: Uint8Array | null;
}

/**
 * A small code per tier name: `bySegment[s]` for segment s, `maintain` for a customer cut from
 * Concierge; `names[code]` is the name. Example: the default tiers → Concierge 0, Maintain 1,
 * Fix 2, Grow 3, Maintain 1, Fix 2, Grow 3, Self-service 4, Self-service 4; maintain 1.
 */
export function tierCodes(tiers: readonly string[]): {
  bySegment: Int8Array;
  maintain: number;
  names: string[];
} {
  const names: string[] = [];
  const code = (t: string) => {
    const i = names.indexOf(t);
    return i >= 0 ? i : names.push(t) - 1;
  };
  const bySegment = Int8Array.from(tiers, code);
  return { bySegment, maintain: code(MAINTAIN), names };
}

/** The state a move names: a tier, "No revenue" or "Exited". */
export function tierState(segment: number, cut: boolean, tiers: readonly string[]): string {
  if (segment === EXITED_SEGMENT) return EXITED;
  if (segment < 0) return NO_REVENUE;
  return cut ? MAINTAIN : tiers[segment];
}

/**
 * Counts customers per (from tier, to tier) where the tier changed, largest first (ties by names).
 * Example: segments [0, 2] → [1, 2] with the default tiers and no cut →
 * [{from: 'Concierge', to: 'Maintain', count: 1}].
 */
export function tierMoves(
  before: TierSource,
  after: TierSource,
  tiers: readonly string[],
): TierMove[] {
  const { bySegment, maintain, names } = tierCodes(tiers);
  const T = names.length;
  // states: tiers 0..T-1, then No revenue (T), Exited (T + 1)
  const state = (seg: number, cut: Uint8Array | null, c: number) =>
    seg >= 0 ? (cut?.[c] ? maintain : bySegment[seg]) : seg === EXITED_SEGMENT ? T + 1 : T;
  const S = T + 2,
    count = new Int32Array(S * S);
  for (let c = 0; c < before.segment.length; c++) {
    const f = state(before.segment[c], before.cut, c),
      t = state(after.segment[c], after.cut, c);
    if (f !== t) count[f * S + t]++;
  }
  const name = (s: number) => (s < T ? names[s] : s === T ? NO_REVENUE : EXITED);
  const moves: TierMove[] = [];
  for (let i = 0; i < count.length; i++)
    if (count[i]) moves.push({ from: name(Math.floor(i / S)), to: name(i % S), count: count[i] });
  return moves.sort(
    (a, b) =>
      b.count - a.count ||
      (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0),
  );
}
