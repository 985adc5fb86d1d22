/**
 * Sensitivity: how stable is each tier? (DOMAIN.md §12). Every cost input — each direct rate, each
 * pool, each capacity resource's cost, the cost of capital — moves by +X and by −X, one at a time,
 * and everyone is segmented again. A customer is fragile when any single move changes its tier.
 *
 * Each move is a scenario that changes one input for the whole business, and every input is
 * linear in its cost: a pool × (1 + X) is its rate × (1 + X) over the same volumes, a resource's
 * cost × (1 + X) is its cost per minute × (1 + X). So a move's net profit is the baseline's less
 * ±X × that input's cost, and revenue does not move, so neither do size classes: only the
 * profitability class is placed again. That keeps 2 × inputs re-segmentations of a million
 * customers to a few typed-array passes each, with no object per customer.
 */
import { capacityRates } from './capacity.js';
import { conciergeCut } from './concierge.js';
import type { PeriodAnalysis } from './price-and-segment.js';
import { profitScale } from './profit-class.js';
import type { Settings } from './settings.js';
import { NO_CLASS } from './size-class.js';
import { tierCodes } from './tier-moves.js';
import { DRIVERS } from './types.js';

export interface SensitivityInput {
  /** "orders rate", "deliveries pool", "Warehouse capacity cost", "cost of capital". */
  input: string;
  /** Customers whose tier changes when the input rises by X, and when it falls by X. */
  up: number;
  down: number;
}

export interface Sensitivity {
  /** X, the share each input moves by (0.2 = ±20 %). */
  change: number;
  /** Customers whose tier some single move changes. */
  fragileCustomers: number;
  /** Inputs that cost something, in order: rates and pools by driver, resources, cost of capital. */
  inputs: SensitivityInput[];
  /** The moves that change customer c's tier, e.g. ["orders rate +20 %"]; [] when stable. */
  fragile(c: number): string[];
  /** Whether some move changes customer c's tier (no list built). */
  isFragile(c: number): boolean;
}

/** One cost input: its name, and what writes its cost per customer (money) into a column. */
interface CostInput {
  name: string;
  fill(out: Float64Array): void;
}

/**
 * Moves every cost input of a priced population by ±`settings.sensitivity`.
 * Example: A (revenue 1,000, net 350, 5 orders at 10) and B (revenue 100, net 2, 4 orders at 10):
 * orders rate +20 % costs B 8 more → net −6, a money-loser: B is fragile on ["orders rate +20 %"].
 */
export function sensitivity(b: PeriodAnalysis, settings: Settings): Sensitivity {
  const X = settings.sensitivity;
  const t = b.customers,
    n = t.n;
  const inputs = costInputs(b, settings);
  const moves = inputs.length * 2;
  const bytes = Math.ceil(moves / 8);
  const bits = new Uint8Array(n * bytes);
  const { bySegment: tierOf, maintain } = tierCodes(settings.tiers);
  const size = b.classes.size,
    seg = b.classes.segment,
    revenue = t.revenue,
    np = b.netProfit;
  const baseCut = b.conciergeCut;
  // conciergeMaxAccounts (§8) ranks Concierge customers by net profit: a move can re-rank them
  const max = settings.conciergeMaxAccounts;
  const movedSegment = max === null ? null : new Int8Array(n);
  // two scratch columns serve every move: the input's cost, and the moved net profit
  const cost = new Float64Array(n),
    moved = new Float64Array(n);
  const counts = inputs.map(() => ({ up: 0, down: 0 }));
  let fragileCustomers = 0;
  const isFragile = new Uint8Array(n);
  for (let m = 0; m < moves; m++) {
    const up = (m & 1) === 0,
      k = up ? X : -X;
    if (up) inputs[m >> 1].fill(cost);
    for (let c = 0; c < n; c++) moved[c] = np[c] - k * cost[c];
    const scale = profitScale(revenue, moved, size, settings.profitability);
    let cut: Uint8Array | null = null;
    if (movedSegment) {
      for (let c = 0; c < n; c++) {
        const s = size[c];
        movedSegment[c] =
          s === NO_CLASS ? NO_CLASS : s * 3 + scale.classOf(revenue[c], moved[c], s);
      }
      cut = conciergeCut(movedSegment, moved, t.keys, settings.tiers, max);
    }
    let changed = 0;
    for (let c = 0; c < n; c++) {
      const s = size[c];
      if (s === NO_CLASS) continue;
      const now = cut?.[c]
        ? maintain
        : tierOf[movedSegment ? movedSegment[c] : s * 3 + scale.classOf(revenue[c], moved[c], s)];
      if (now === (baseCut?.[c] ? maintain : tierOf[seg[c]])) continue;
      changed++;
      bits[c * bytes + (m >> 3)] |= 1 << (m & 7);
      if (!isFragile[c]) {
        isFragile[c] = 1;
        fragileCustomers++;
      }
    }
    if (up) counts[m >> 1].up = changed;
    else counts[m >> 1].down = changed;
  }
  const pct = percent(X);
  const labels = inputs.flatMap((i) => [`${i.name} +${pct}`, `${i.name} -${pct}`]);
  return {
    change: X,
    fragileCustomers,
    inputs: inputs.map((i, j) => ({ input: i.name, ...counts[j] })),
    isFragile: (c) => isFragile[c] === 1,
    fragile(c) {
      const out: string[] = [];
      for (let m = 0; m < moves; m++)
        if (bits[c * bytes + (m >> 3)] & (1 << (m & 7))) out.push(labels[m]);
      return out;
    },
  };
}

/** The inputs that cost something in this population, each with its cost per customer. */
function costInputs(b: PeriodAnalysis, s: Settings): CostInput[] {
  const t = b.customers,
    n = t.n;
  const parts = b.cost.rateParts;
  const out: CostInput[] = [];
  // volume columns × rates, summed: every input is this shape
  const add = (name: string, vols: Float64Array[], rates: number[], by?: Float64Array) => {
    const input = {
      name,
      fill(x: Float64Array) {
        x.fill(0);
        for (let j = 0; j < vols.length; j++) {
          const v = vols[j],
            r = rates[j];
          if (by) for (let c = 0; c < n; c++) x[c] += v[c] * by[c] * r;
          else for (let c = 0; c < n; c++) x[c] += v[c] * r;
        }
      },
    };
    const costs = vols.some((v, j) => rates[j] !== 0 && v.some((x, c) => x !== 0 && by?.[c] !== 0));
    if (costs) out.push(input);
  };
  DRIVERS.forEach((d, i) => {
    const v = t.volumes[i];
    if (!v) return;
    if (parts[d].direct > 0) add(`${d} rate`, [v], [parts[d].direct]);
    if (parts[d].pool > 0) add(`${d} pool`, [v], [parts[d].pool]);
  });
  for (const r of s.capacity) {
    // this resource's share of each driver's rate, over the drivers the data has
    const rate = capacityRates([r]);
    const used = DRIVERS.map((_, i) => i).filter((i) => rate[i] > 0 && t.volumes[i]);
    add(
      `${r.name} capacity cost`,
      used.map((i) => t.volumes[i]!),
      used.map((i) => rate[i]),
    );
  }
  if (t.paymentDays && s.costOfCapital > 0)
    add('cost of capital', [t.revenue], [s.costOfCapital / 365], t.paymentDays);
  return out;
}

/** 0.2 → "20 %", 0.125 → "12.5 %". */
function percent(x: number): string {
  return `${Number((x * 100).toPrecision(12))} %`;
}
