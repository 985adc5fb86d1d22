/**
 * Distinct orders per customer without keeping the order ids, for transaction files of any
 * length (issue 16: a 3 GB file in under 1 GB). An order id splits into its series — the bytes
 * around its last run of digits, and that run's length — and its number: "INV-100231" is number
 * 100231 of series "INV-" + 6 digits. Real exports list each customer's orders of a series in
 * ascending order (sorted by date, by invoice, or by customer then date), so it is enough to keep,
 * per customer and series, the last number seen:
 *
 * - a higher number is an order the customer has not had: count it;
 * - the same number is the order of the customer's previous line in that series: already counted;
 * - a lower number may or may not have been seen: `see` says so (-1), and the caller counts
 *   again with every id kept (the exact set). No result ever rests on a guess.
 *
 * The split is one-to-one (a series fixes the digit count, so "007" and "7" stay apart), so two
 * ids are equal exactly when series and number are. Memory: one number per customer and series.
 */
import { ByteKeys } from './byte-keys.js';

/** Digits a number may have and stay exact in a double (2^53 > 10^15). */
const MAX_DIGITS = 15;
/** Numbers kept at most (series × customers), 8 bytes each; beyond, ids are not in runs. */
const MAX_CELLS = 1 << 25;
/** Series at most: ids without a common pattern (random codes) are not in runs. */
const MAX_SERIES = 1024;
/** A byte UTF-8 never holds: separates the series' prefix from its digit count and suffix. */
const CUT = 0xff;

export class OrderRuns {
  private series = new ByteKeys(16);
  /** Per series, the last number per customer (NaN: none yet). */
  private last: Float64Array[] = [];
  /** Per series, the first number per customer: where a later range must start above. */
  private first: Float64Array[] = [];
  private capacity = 1024;
  private scratch = new Uint8Array(64);

  /**
   * Whether the pair (customer `k`, the order id `bytes[s…e)`) is new: 1 new, 0 counted already,
   * -1 cannot tell without the ids (a number below the customer's last of its series, a run of
   * over 15 digits, or more series than kept).
   * Example: for customer 0, "INV-7", "INV-7", "INV-9", "CN-2" → 1, 0, 1, 1; then "INV-8" → -1.
   */
  see(bytes: Uint8Array, s: number, e: number, k: number): 1 | 0 | -1 {
    let de = e;
    while (de > s && !isDigit(bytes[de - 1])) de--;
    let ds = de;
    while (ds > s && isDigit(bytes[ds - 1])) ds--;
    const digits = de - ds;
    if (digits > MAX_DIGITS) return -1;
    let n = 0;
    for (let i = ds; i < de; i++) n = n * 10 + (bytes[i] - 48);
    // the series key: prefix, CUT, digit count, suffix
    const len = ds - s + 2 + (e - de);
    if (len > this.scratch.length) this.scratch = new Uint8Array(len * 2);
    const key = this.scratch;
    // byte by byte: a subarray per line would be an object per line on the hot path
    let w = 0;
    for (let i = s; i < ds; i++) key[w++] = bytes[i];
    key[w++] = CUT;
    key[w++] = digits;
    for (let i = de; i < e; i++) key[w++] = bytes[i];
    let id = this.series.find(key, 0, len);
    if (id < 0) {
      const m = this.last.length + 1;
      if (m > MAX_SERIES || m * this.capacity > MAX_CELLS) return -1;
      id = this.last.length;
      this.series.add(key, 0, len, id);
      this.last.push(new Float64Array(this.capacity).fill(Number.NaN));
      this.first.push(new Float64Array(this.capacity).fill(Number.NaN));
    }
    if (k >= this.capacity && !this.grow(k)) return -1;
    const last = this.last[id];
    const before = last[k];
    if (n === before) return 0;
    if (n < before) return -1;
    if (Number.isNaN(before)) this.first[id][k] = n; // NaN: the customer's first of this series
    last[k] = n;
    return 1;
  }

  /** Room for customer k in every series; false when that would keep too many numbers. */
  private grow(k: number): boolean {
    let cap = this.capacity;
    while (cap <= k) cap *= 2;
    if (this.last.length * cap > MAX_CELLS) return false;
    const grow = (a: Float64Array) => {
      const g = new Float64Array(cap).fill(Number.NaN);
      g.set(a);
      return g;
    };
    this.last = this.last.map(grow);
    this.first = this.first.map(grow);
    this.capacity = cap;
    return true;
  }

  /** The series and each customer's first and last number in them, for another thread. */
  toData(customers: number): RunsData {
    const cut = (a: Float64Array) => a.slice(0, Math.min(customers, this.capacity));
    return { series: this.series.spans(), first: this.first.map(cut), last: this.last.map(cut) };
  }

  /**
   * Adds the runs of the range that follows in the file, its customer j being customer `map[j]`
   * here, and corrects `orders` (per customer here, the range's counts already added): an order
   * that spans the cut (the range's first number equal to the last one here) counted once.
   * False when the range starts below a number seen here: only the ids themselves can tell.
   */
  absorb(d: RunsData, map: Int32Array, orders: Float64Array): boolean {
    const { arena, start, length, size } = d.series;
    for (let i = 0; i < size; i++) {
      const s = start[i],
        e = s + length[i];
      let id = this.series.find(arena, s, e);
      if (id < 0) {
        if (this.last.length + 1 > MAX_SERIES) return false;
        id = this.last.length;
        this.series.add(arena, s, e, id);
        this.last.push(new Float64Array(this.capacity).fill(Number.NaN));
        this.first.push(new Float64Array(this.capacity).fill(Number.NaN));
      }
      const first = d.first[i],
        last = d.last[i];
      for (let j = 0; j < first.length; j++) {
        const f = first[j];
        if (Number.isNaN(f)) continue; // not in this series in that range
        const k = map[j];
        if (k >= this.capacity && !this.grow(k)) return false;
        const here = this.last[id][k];
        if (f < here) return false;
        if (f === here) orders[k]--;
        else if (Number.isNaN(here)) this.first[id][k] = f;
        this.last[id][k] = last[j];
      }
    }
    return true;
  }
}

/** One range's series (their key bytes) and, per series, each customer's first and last number. */
export interface RunsData {
  series: { arena: Uint8Array; start: Int32Array; length: Int32Array; size: number };
  first: Float64Array[];
  last: Float64Array[];
}

function isDigit(b: number): boolean {
  return b >= 48 && b <= 57;
}
