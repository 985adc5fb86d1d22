/**
 * PROFITTIER and PROFITSEGMENT: the tier (or segment label) of each row.
 * - With ranges only: the rows are the population; returns one column, one result per row. One
 *   cell alone is refused: it is what a filled-down `=PROFITTIER(B2, C2)` gives, a population of one.
 * - With the population ranges (allRevenue, allProfit, allCostToServe): each given row is placed
 *   within that population — what a formula dragged down a column expects.
 * A population is prepared once per distinct content and execution. Excel's shared runtime keeps it
 * for every row of a dragged formula (n formulas cost O(n) each for reading their arguments, not
 * O(n log n) each for sorting); Apps Script runs each Sheets formula cell as its own execution,
 * where nothing survives, so there the spilled range form is the way for large tables.
 * conciergeMaxAccounts (§8) applies as in the analysis: Concierge for the N members of the
 * population in Concierge segments that earn most, Maintain for the rest of them.
 */

import { type Population, population } from '../classify.js';
import { CONCIERGE } from '../concierge.js';
import { MAINTAIN } from '../customer-action.js';
import { NO_REVENUE, SEGMENTS } from '../defaults.js';
import type { Settings } from '../settings.js';
import { upperBound } from '../size-class.js';
import { type Arg, FunctionArgumentError, numbers, omitted, sameLength } from './arguments.js';
import { functionSettings } from './options.js';

/** net profit per row: grossProfit − costToServe (blank cost = 0); blank gross profit = 0. */
function netProfits(
  revenue: Float64Array,
  grossProfit: Arg,
  cost: Arg,
  names: [string, string, string],
): Float64Array {
  const p = numbers(grossProfit, names[1]);
  sameLength(revenue, p, names[0], names[1]);
  const out = new Float64Array(p.length);
  const c = omitted(cost) ? null : numbers(cost, names[2]);
  if (c) sameLength(revenue, c, names[0], names[2]);
  for (let i = 0; i < out.length; i++)
    out[i] = (Number.isNaN(p[i]) ? 0 : p[i]) - (c && !Number.isNaN(c[i]) ? c[i] : 0);
  return out;
}

/** A prepared population and, for conciergeMaxAccounts, its Concierge members' net profits. */
interface Prepared {
  pop: Population;
  /** Net profits of the members in a Concierge segment, ascending; null without a limit. */
  concierge: Float64Array | null;
}

const populations = new Map<string, Prepared>();

/** A content fingerprint (exact: every value's bits go in), so equal ranges share a population. */
function fingerprint(revenue: Float64Array, netProfit: Float64Array, settings: Settings): string {
  let h1 = 0x811c9dc5 | 0,
    h2 = 0x01000193 | 0;
  const mix = (a: Float64Array) => {
    const words = new Int32Array(a.buffer, a.byteOffset, a.length * 2);
    for (let i = 0; i < words.length; i++) {
      h1 = Math.imul(h1 ^ words[i], 0x01000193);
      h2 = Math.imul(h2 ^ words[i], 0x5bd1e995) ^ (h2 >>> 15);
    }
  };
  mix(revenue);
  mix(netProfit);
  return `${revenue.length}:${h1 >>> 0}:${h2 >>> 0}:${JSON.stringify(settings)}`;
}

function populationOf(
  revenue: Float64Array,
  netProfit: Float64Array,
  settings: Settings,
): Prepared {
  const key = fingerprint(revenue, netProfit, settings);
  let prepared = populations.get(key);
  if (!prepared) {
    const r = revenue.map((x) => (Number.isNaN(x) ? 0 : x));
    const pop = population(r, netProfit, settings);
    prepared = { pop, concierge: conciergeProfits(pop, r, netProfit, settings) };
    if (populations.size >= 8) populations.delete(populations.keys().next().value!);
    populations.set(key, prepared);
  }
  return prepared;
}

/** With conciergeMaxAccounts, the net profits of the population's Concierge members, ascending. */
function conciergeProfits(
  pop: Population,
  revenue: Float64Array,
  netProfit: Float64Array,
  settings: Settings,
): Float64Array | null {
  if (settings.conciergeMaxAccounts === null) return null;
  const out: number[] = [];
  for (let i = 0; i < revenue.length; i++) {
    const seg = pop.segmentOf(revenue[i], netProfit[i]);
    if (seg >= 0 && settings.tiers[seg] === CONCIERGE) out.push(netProfit[i]);
  }
  return Float64Array.from(out).sort();
}

/**
 * The tier of a row in a Concierge segment under conciergeMaxAccounts N (DOMAIN.md §8): Concierge
 * when fewer than N of the population's Concierge members earn more, else Maintain. The analysis
 * breaks a tie at the N-th place by customer key; a worksheet function has no keys, so every row
 * tied there keeps Concierge (the tie is the only place the two can differ).
 * Example: Concierge members earning 90, 70, 50 and N = 2 → the row earning 50 gets Maintain.
 */
function conciergeTier(members: Float64Array, netProfit: number, max: number): string {
  const above = members.length - upperBound(members, netProfit);
  return above >= max ? MAINTAIN : CONCIERGE;
}

/** Segment index per given row (-1 none, -2 blank row). */
function segments(
  revenue: Arg,
  grossProfit: Arg,
  cost: Arg,
  allRevenue: Arg,
  allProfit: Arg,
  allCost: Arg,
  options: Arg,
): { seg: Int16Array; settings: Settings; np: Float64Array; concierge: Float64Array | null } {
  const settings = functionSettings(options);
  const rev = numbers(revenue, 'revenue');
  const np = netProfits(rev, grossProfit, cost, ['revenue', 'grossProfit', 'costToServe']);
  let prepared: Prepared;
  if (omitted(allRevenue)) {
    if (!omitted(allProfit) || !omitted(allCost))
      throw new FunctionArgumentError(
        'allRevenue',
        'is needed when allProfit or allCostToServe is given',
      );
    // `=PROFITTIER(B2, C2, D2)` filled down would make each row a population of one, where every
    // profitable customer is Large/High: a tier that looks right and is not.
    if (rev.length === 1)
      throw new FunctionArgumentError(
        'revenue',
        'is one customer, a population of one; give allRevenue and allProfit when the formula is filled down',
      );
    prepared = populationOf(rev, np, settings);
  } else {
    if (omitted(allProfit))
      throw new FunctionArgumentError('allProfit', 'is needed with allRevenue');
    const aRev = numbers(allRevenue, 'allRevenue');
    prepared = populationOf(
      aRev,
      netProfits(aRev, allProfit, allCost, ['allRevenue', 'allProfit', 'allCostToServe']),
      settings,
    );
  }
  const { pop, concierge } = prepared;
  const seg = new Int16Array(rev.length);
  // Blank (or 0, which is how Excel desktop hands over a blank) revenue gives a blank result.
  for (let i = 0; i < rev.length; i++)
    seg[i] = Number.isNaN(rev[i]) || rev[i] === 0 ? -2 : pop.segmentOf(rev[i], np[i]);
  return { seg, settings, np, concierge };
}

/** The tier per row, one column: "" for blank rows, "No revenue" for revenue < 0. */
export function profitTier(
  revenue: Arg,
  grossProfit: Arg,
  costToServe?: Arg,
  allRevenue?: Arg,
  allProfit?: Arg,
  allCostToServe?: Arg,
  options?: Arg,
): string[][] {
  const { seg, settings, np, concierge } = segments(
    revenue,
    grossProfit,
    costToServe,
    allRevenue,
    allProfit,
    allCostToServe,
    options,
  );
  const max = settings.conciergeMaxAccounts;
  return Array.from(seg, (s, i) => {
    if (s === -2) return [''];
    if (s < 0) return [NO_REVENUE];
    const tier = settings.tiers[s];
    return [
      concierge && max !== null && tier === CONCIERGE ? conciergeTier(concierge, np[i], max) : tier,
    ];
  });
}

/** The segment label per row (`Large/High`), one column. */
export function profitSegment(
  revenue: Arg,
  grossProfit: Arg,
  costToServe?: Arg,
  allRevenue?: Arg,
  allProfit?: Arg,
  allCostToServe?: Arg,
  options?: Arg,
): string[][] {
  const { seg } = segments(
    revenue,
    grossProfit,
    costToServe,
    allRevenue,
    allProfit,
    allCostToServe,
    options,
  );
  return Array.from(seg, (s) => [s === -2 ? '' : s < 0 ? NO_REVENUE : SEGMENTS[s]]);
}
