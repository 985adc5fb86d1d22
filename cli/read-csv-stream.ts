/**
 * The streamed CSV reader, for files larger than memory: the file is read in chunks and every
 * line is added to its customer's totals as it is read, so memory holds the customers (and the
 * distinct order ids), never the lines. The result is what `readRows` then `aggregate` give on
 * the whole file, exactly: lines written plainly are read from the bytes (as the columnar reader
 * reads them); any other line (money text such as `$1,234.50`, a blank or summary row, a short
 * row…) is read by `readRows` itself, in batches, so every rule of reading a cell and every
 * reason for rejecting a row is the core's own. What only the whole file can decide — a quote
 * that never closes or spans lines, mixed decimal styles, text that is not UTF-8, a discount
 * column's rate-or-money vote, periods, groupBy — returns the reason instead.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import type { CustomerTable } from '../core/aggregate.js';
import { decimalStyle } from '../core/decimal-style.js';
import { KeyIndex } from '../core/key-index.js';
import { isErrorValue } from '../core/parse-number.js';
import {
  findHeader,
  keyText,
  type ReadOptions,
  type RowTable,
  readRows,
} from '../core/read-rows.js';
import type { Settings } from '../core/settings.js';
import { type CellValue, DRIVERS, type Problem } from '../core/types.js';
import { ByteKeys } from './byte-keys.js';
import {
  type CsvHead,
  cellText,
  lastFieldCount,
  plainNumber,
  rawText,
  SUMMARY_KEY,
  TOKEN_ERRORS,
  tokenise,
} from './csv-bytes.js';
import { OrderRuns, type RunsData } from './order-runs.js';

/** Where the table's bytes are: the file, and its body (no BOM, no final line break). */
export interface CsvFileSpan {
  path: string;
  /** Offset of the first byte after a BOM. */
  start: number;
  /** Offset just past the last byte before the file's final line break. */
  end: number;
}

/**
 * A part of the body read on its own (a worker thread's share): `from` is the first byte of a
 * line, `to` is just past a line break (or the body's end when `last`). `first`: it starts the
 * body (the rows above and at the header are in it). `crlf`: the file's line break, as the first
 * chunk of the body tells it (null: tell it from this range's first chunk).
 */
export interface CsvRange {
  from: number;
  to: number;
  first: boolean;
  last: boolean;
  crlf: boolean | null;
}

const TOO_LARGE = 1e15;
const LF = 0x0a,
  CR = 0x0d,
  DOT = 0x2e;
const LINES = DRIVERS.indexOf('lines'),
  ORDERS = DRIVERS.indexOf('orders');
/** Lines that `readRows` reads are handed to it this many at a time. */
const BATCH = 2048;
const encoder = new TextEncoder();

/**
 * Reads the CSV body at `span` in chunks of `chunkBytes` into a RowTable whose `customers` holds
 * the per-customer totals (its per-row arrays are empty), or says why it cannot read this file
 * exactly. `settings` are the effective ones (the table's decimal mark applied).
 * Example: `Customer,Revenue,COGS\nA,100,60\nA,50,45` → count 2, customers A: revenue 150,
 * gross profit 45, 2 order lines.
 */
export function readCsvStream(
  span: CsvFileSpan,
  head: CsvHead,
  settings: Settings,
  options: ReadOptions = {},
  chunkBytes = 8 << 20,
): RowTable | string {
  const plan = planStream(head, settings, options);
  if (typeof plan === 'string') return plan;
  const range = { from: span.start, to: span.end, first: true, last: true, crlf: null };
  let part = readRange(plan, span.path, range, chunkBytes);
  // order ids not in ascending runs: read again, keeping every id
  if (part === ORDERS_OUT_OF_RUNS)
    part = readRange({ ...plan, orders: 'set' }, span.path, range, chunkBytes);
  if (typeof part === 'string') return part;
  return streamTable(plan, part);
}

/** What every range of one file is read with: the header, the mapping, the columns to read. */
export type StreamPlan = Exclude<ReturnType<typeof planStream>, string>;

/**
 * The header (found in the first rows, as PapaParse read them), read by readRows itself with the
 * rows above it, and the columns the lines are read from; or why the stream cannot read the file.
 */
export function planStream(head: CsvHead, settings: Settings, options: ReadOptions = {}) {
  if (options.periodGrain) return 'periods asked for';
  if (settings.groupBy.length > 0) return 'groupBy set';
  if (head.delimiter.length !== 1) return 'multi-character delimiter';
  const found = findHeader(head.rows, settings, 1);
  if (!found.ok) return `no header: ${found.error.message}`;
  const h = found.value.index;
  const top = readRows({ values: head.rows.slice(0, h + 1), firstRow: 1 }, settings);
  if (!top.ok) return top.error.message;
  const { headers, columns, warnings } = top.value;
  if (columns.discount !== undefined) return 'discount column';
  const volumeCols = DRIVERS.map((d) => columns[d] ?? -1);
  const c = {
    key: columns.customer!,
    name: columns.name ?? -1,
    rev: columns.revenue!,
    cogs: columns.cogs ?? -1,
    gp: columns.grossProfit ?? -1,
    order: columns.orderId ?? -1,
    days: columns.paymentDays ?? -1,
  };
  return {
    head,
    /** Index of the header in head.rows. */
    h,
    D: head.delimiter.charCodeAt(0),
    decimal: settings.locale.decimal,
    headers,
    columns,
    warnings,
    topRejected: top.value.rejected,
    batchSettings: { ...settings, headerRow: 1 } as Settings,
    c,
    volumeCols,
    numeric: [c.rev, c.cogs, c.gp, c.days, ...volumeCols].filter((x) => x >= 0),
    otherStyle: settings.locale.decimal === '.' ? 'comma' : 'point',
    width: Math.max(c.key, c.name, c.rev, c.cogs, c.gp, c.order, c.days, ...volumeCols) + 1,
    /** How order ids are counted (see OrderIds). */
    orders: 'runs' as OrderCounting,
  };
}

/**
 * One range's customers, as read: their totals (ids in the order first met), keys, order ids,
 * rejected rows, all with sheet rows counted from the range's first line (row 1).
 */
export interface CsvPartial {
  totals: Totals;
  /** The customers' key texts: customer k is `keyIndex.keys[k]`. */
  keyIndex: KeyIndex;
  orders: OrderIds;
  rejected: Problem[];
  /** Lines read (the body's last empty line included in the last range). */
  lines: number;
  used: number;
  /** Some customer has more than one line. */
  repeated: boolean;
}

/**
 * Reads the lines of `range` of the file at `path`, each added to its customer's totals (see
 * readCsvStream), or says why not. `beat` is called once per chunk (a worker's sign of life);
 * when it returns true the read stops (another range failed). `spare.buffer`: a buffer to read
 * into, kept there for the next range.
 */
export function readRange(
  plan: StreamPlan,
  path: string,
  range: CsvRange,
  chunkBytes = 8 << 20,
  beat?: () => boolean,
  spare: { buffer?: Buffer } = {},
): CsvPartial | string {
  const { head, h, D, decimal, c, volumeCols, numeric, otherStyle, width } = plan;
  const headerCells = head.rows[h];
  const rejected: Problem[] = [];
  // the first rows (compared with PapaParse's) and the header are in the first range only
  const headRows = range.first ? head.rows.length : 0,
    dataFrom = range.first ? h + 1 : 0;
  const cKey = c.key,
    cName = c.name,
    cRev = c.rev,
    cCogs = c.cogs,
    cGp = c.gp,
    cOrder = c.order,
    cDays = c.days;
  let cap = Math.max(width, ...head.rows.map((r) => r.length));
  let fs = new Int32Array(cap),
    fe = new Int32Array(cap),
    fq = new Uint8Array(cap);

  const t = new Totals(
    volumeCols.map((x) => x >= 0),
    cDays >= 0,
    cOrder >= 0,
  );
  const keyIndex = new KeyIndex(1024),
    keyBytes = new ByteKeys(1024),
    orders = new OrderIds(cOrder >= 0, plan.orders);
  let used = 0,
    repeated = false;

  /** The customer of key text `key` (a new one gets the next id). */
  const customerOf = (key: string, row: number): number => {
    const seen = keyIndex.size,
      k = keyIndex.intern(key);
    if (keyIndex.size > seen) t.open(k, row);
    else {
      repeated = true;
      if (row < t.firstRow[k]) t.firstRow[k] = row;
    }
    return k;
  };
  /** A number written plainly in the table's decimal mark, else NaN (the line goes to readRows). */
  const plain = (bytes: Uint8Array, s: number, e: number): number => {
    if (decimal !== '.') for (let i = s; i < e; i++) if (bytes[i] === DOT) return NaN;
    return plainNumber(bytes, s, e);
  };

  // Lines for readRows: their cells (as PapaParse gives them) and sheet rows.
  let batch: CellValue[][] = [headerCells];
  let batchRows: number[] = [];
  const flush = (): string | null => {
    if (batchRows.length === 0) return null;
    const read = readRows({ values: batch, firstRow: 1 }, plan.batchSettings);
    if (!read.ok) return read.error.message;
    const b = read.value;
    for (const p of b.rejected) {
      const row = batchRows[p.row - 2];
      rejected.push({ ...p, row, cell: p.cell.replace(/\d+$/, String(row)) });
    }
    for (let i = 0; i < b.count; i++) {
      const cells = batch[b.sheetRow[i] - 1],
        row = batchRows[b.sheetRow[i] - 2];
      const k = customerOf(keyText(cells[cKey]), row);
      if (cName >= 0) t.nameText(k, keyText(cells[cName]));
      const v = b.volumes.map((x) => (x ? x[i] : 0));
      t.add(k, b.revenue[i], b.grossProfit[i], v, b.paymentDays ? b.paymentDays[i] : NaN);
      if (cOrder >= 0) {
        const text = encoder.encode(keyText(cells[cOrder]));
        orders.count(text, 0, text.length, k, t);
      }
      used++;
    }
    batch = [headerCells];
    batchRows = [];
    return null;
  };

  /** Reads line `r` when it is written plainly (true); any other is left to readRows. */
  const plainLine = (buf: Buffer, r: number): boolean => {
    // A line written plainly is read here; any other goes to readRows (below).
    const rev = plain(buf, fs[cRev], fe[cRev]);
    if (!(Math.abs(rev) < TOO_LARGE)) return false;
    // a blank COGS cell beside a gross profit cell: readRows takes the gross profit (its rule)
    if (cCogs >= 0 && cGp >= 0 && fs[cCogs] === fe[cCogs] && fs[cGp] !== fe[cGp]) return false;
    let gp = rev;
    const cCost = cCogs >= 0 ? cCogs : cGp;
    if (cCost >= 0) {
      const v = fs[cCost] === fe[cCost] ? 0 : plain(buf, fs[cCost], fe[cCost]);
      if (!(Math.abs(v) < TOO_LARGE)) return false;
      gp = cCogs >= 0 ? rev - v : v;
    }
    const vols = t.scratch;
    for (let d = 0; d < volumeCols.length; d++) {
      const vc = volumeCols[d];
      if (vc < 0) continue;
      const v = fs[vc] === fe[vc] ? 0 : plain(buf, fs[vc], fe[vc]);
      if (!(v >= 0 && v < TOO_LARGE)) return false;
      vols[d] = v;
    }
    let days = NaN;
    if (cDays >= 0 && fs[cDays] !== fe[cDays]) {
      days = plain(buf, fs[cDays], fe[cDays]);
      if (!(days >= 0 && days < TOO_LARGE)) return false;
    }
    // the customer key, by its bytes: a string only for each distinct spelling
    let k = keyBytes.find(buf, fs[cKey], fe[cKey]);
    if (k < 0) {
      const key = cellText(buf, fs[cKey], fe[cKey], fq[cKey]);
      if (key === '') return false;
      const first = key.charCodeAt(0) | 0x20;
      if ((first === 0x74 || first === 0x67 || first === 0x73) && SUMMARY_KEY.test(key))
        return false;
      if (first === 0x23 && isErrorValue(key)) return false;
      k = customerOf(key, r + 1);
      keyBytes.add(buf, fs[cKey], fe[cKey], k);
    } else {
      repeated = true;
      if (r + 1 < t.firstRow[k]) t.firstRow[k] = r + 1;
    }
    if (cName >= 0) t.nameBytes(k, buf, fs[cName], fe[cName], fq[cName]);
    t.add(k, rev, gp, vols, days);
    if (cOrder >= 0) {
      const s = fs[cOrder],
        e = fe[cOrder];
      if (fq[cOrder] === 0 && plainKey(buf, s, e)) orders.count(buf, s, e, k, t);
      else {
        const text = encoder.encode(cellText(buf, s, e, fq[cOrder]));
        orders.count(text, 0, text.length, k, t);
      }
    }
    used++;
    return true;
  };

  const fd = openSync(path, 'r');
  try {
    // a thread reading range after range reuses its buffer (fresh memory costs page faults)
    const size = Math.max(1, Math.min(chunkBytes, range.to - range.from));
    let buf =
      spare.buffer && spare.buffer.length >= size
        ? spare.buffer.subarray(0, size)
        : Buffer.allocUnsafe(size);
    let base = range.from, // file offset of buf[0]
      have = 0,
      r = 0,
      crlf = range.crlf;
    for (;;) {
      if (beat?.()) return 'stopped';
      const want = Math.min(buf.length - have, range.to - (base + have));
      if (want > 0) {
        const got = readSync(fd, buf, have, want, base + have);
        if (got === 0) return 'the file changed while it was read';
        have += got;
      }
      const atEnd = base + have >= range.to;
      let limit = have;
      if (!atEnd) {
        limit = buf.lastIndexOf(LF, have - 1) + 1;
        if (limit === 0) {
          // a line longer than the buffer: a larger one
          const g = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(g, 0, 0, have);
          buf = g;
          spare.buffer = g;
          continue;
        }
      }
      if (!isUtf8(buf.subarray(0, limit))) return 'not UTF-8';
      if (crlf === null) crlf = firstLineBreakIsCrlf(buf, limit);
      let p = 0;
      while (p < limit) {
        const from = p;
        let next = tokenise(buf, p, limit, D, crlf, fs, fe, fq, cap);
        if (next < 0) return TOKEN_ERRORS[-next - 1];
        let n = lastFieldCount();
        const papa = r < headRows ? head.rows[r] : undefined;
        const slow = r >= dataFrom && !(n >= width && plainLine(buf, r));
        if (n > cap && (papa || slow)) {
          // every field is needed (to compare with PapaParse, or for readRows): wider arrays
          cap = n;
          fs = new Int32Array(cap);
          fe = new Int32Array(cap);
          fq = new Uint8Array(cap);
          next = tokenise(buf, from, limit, D, crlf, fs, fe, fq, cap);
          n = lastFieldCount();
        }
        if (papa) {
          // the first rows must read as PapaParse read them
          if (papa.length !== n) return 'the first rows split differently';
          for (let f = 0; f < n; f++)
            if (papa[f] !== rawText(buf, fs[f], fe[f], fq[f]))
              return 'the first rows read differently';
        }
        if (slow) {
          const cells = new Array<CellValue>(n);
          for (let f = 0; f < n; f++) cells[f] = rawText(buf, fs[f], fe[f], fq[f]);
          for (const col of numeric) {
            const v = cells[col];
            if (typeof v === 'string' && decimalStyle(v) === otherStyle)
              return 'mixed decimal styles';
          }
          batch.push(cells);
          batchRows.push(r + 1);
          if (batchRows.length === BATCH) {
            const why = flush();
            if (why) return why;
          }
        }
        p = next;
        r++;
      }
      if (orders.broken) return ORDERS_OUT_OF_RUNS;
      if (atEnd) {
        if (limit < have) return 'more rows than lines';
        if (range.last && limit > 0 && buf[limit - 1] === LF) {
          // the body ends with a line break: one more, empty, line (PapaParse's last row, [''])
          if (r < headRows && (head.rows[r].length !== 1 || head.rows[r][0] !== ''))
            return 'the first rows read differently';
          if (r >= dataFrom) {
            batch.push(['']);
            batchRows.push(r + 1);
          }
          r++;
        }
        break;
      }
      buf.copy(buf, 0, limit, have);
      base += limit;
      have -= limit;
    }
    const why = flush();
    if (why) return why;
    if (orders.broken) return ORDERS_OUT_OF_RUNS;
    if (!spare.buffer || spare.buffer.length < buf.length) spare.buffer = buf;
    return { totals: t, keyIndex, orders, rejected, lines: r, used, repeated };
  } finally {
    closeSync(fd);
  }
}

/** The line break of a file whose first chunk, up to its last whole line, is `buf[0…limit)`. */
export function firstLineBreakIsCrlf(buf: Uint8Array, limit: number): boolean {
  const firstCr = buf.indexOf(CR);
  return firstCr >= 0 && firstCr < limit;
}

/**
 * The table of the whole body from its one partial, or why not (no usable row). `rowsBefore`: the
 * lines above the partial's first, 0 for a partial of the whole body.
 */
export function streamTable(plan: StreamPlan, part: CsvPartial): RowTable | string {
  const { h, headers, columns, warnings, volumeCols } = plan;
  if (part.used === 0) return 'no usable rows';
  const transactions = part.repeated || plan.c.order >= 0;
  const customers = part.totals.finish(part.keyIndex.finish(), transactions);
  const emptyF = new Float64Array(0);
  return {
    headers,
    columns,
    headerRow: h + 1,
    dataRows: part.lines - h - 1,
    count: part.used,
    sheetRow: new Int32Array(0),
    customer: new Int32Array(0),
    keys: customers.keys,
    names: customers.names,
    revenue: emptyF,
    grossProfit: emptyF,
    volumes: volumeCols.map((c) => (c >= 0 ? emptyF : null)),
    orderId: plan.c.order >= 0 ? new Int32Array(0) : null,
    paymentDays: plan.c.days >= 0 ? emptyF : null,
    discount: null,
    discountKind: null,
    period: null,
    rejected: [...plan.topRejected, ...part.rejected],
    transactions,
    warnings,
    groups: [],
    customers,
  };
}

/** Why a read stopped: an order id came below its customer's last of its series. */
export const ORDERS_OUT_OF_RUNS = 'order ids not in ascending runs';

/**
 * How order ids are counted: `runs` (first: one number per customer and series), `set` (every
 * id kept: the file broke the runs, and is read again).
 */
export type OrderCounting = 'runs' | 'set';

/**
 * The distinct order ids of each customer, counted as `aggregate` counts them: an id counts once
 * per customer (the same id under two customers counts for each); the count of customer k is
 * `totals.orders[k]`. A file whose ids ascend per customer and series (as exports list them) is
 * counted by its runs (cli/order-runs.ts), one number per customer and series, so 90 million
 * lines do not hold 30 million ids; when an id breaks them, `broken` is set and the file is read
 * again keeping every id. Threaded ranges merge by their runs.
 */
export class OrderIds {
  private readonly set: OrderSet | null;
  private readonly runs: OrderRuns | null;
  broken = false;
  /** The previous line's id bytes and customer: an order's next line is no new pair. */
  private prev = new Uint8Array(64);
  private prevLength = -1;
  private prevK = -1;

  constructor(on: boolean, how: OrderCounting = 'runs') {
    this.set = on && how === 'set' ? new OrderSet() : null;
    this.runs = on && how === 'runs' ? new OrderRuns() : null;
  }

  /** Counts the order whose key text is the UTF-8 `bytes[s…e)` for customer `k`. */
  count(bytes: Uint8Array, s: number, e: number, k: number, t: Totals): void {
    const len = e - s,
      prev = this.prev;
    if (k === this.prevK && len === this.prevLength) {
      let same = true;
      for (let i = 0; i < len; i++)
        if (prev[i] !== bytes[s + i]) {
          same = false;
          break;
        }
      if (same) return;
    }
    if (len <= prev.length) {
      for (let i = 0; i < len; i++) prev[i] = bytes[s + i];
      this.prevLength = len;
      this.prevK = k;
    } else this.prevLength = -1;
    if (this.set) this.set.count(bytes, s, e, k, t);
    else if (this.runs) {
      const seen = this.runs.see(bytes, s, e, k);
      if (seen === 1) t.orders[k]++;
      else if (seen === -1) this.broken = true;
    }
  }

  /** A range's runs and its customers' counts, to merge into the ranges before it. */
  toData(t: Totals, customers: number): OrderData | null {
    if (!this.runs) return null;
    return { runs: this.runs.toData(customers), counts: t.orders.slice(0, customers) };
  }

  /**
   * Adds the following range's orders, its customer j being customer `map[j]` of `t`: its counts,
   * less an order spanning the cut; `broken` when its runs do not continue these.
   */
  absorb(d: OrderData, map: Int32Array, t: Totals): void {
    for (let j = 0; j < d.counts.length; j++) t.orders[map[j]] += d.counts[j];
    if (!this.runs?.absorb(d.runs, map, t.orders)) this.broken = true;
  }
}

/** A range's order runs and each customer's count of orders in it (see OrderIds.toData). */
export interface OrderData {
  runs: RunsData;
  counts: Float64Array;
}

/** Every distinct (customer, order id) pair, the ids kept by their UTF-8 bytes. */
class OrderSet {
  private readonly ids = new ByteKeys(1 << 16);
  /** The first customer of each id; -1 for none yet. */
  private owner = new Int32Array(1 << 16).fill(-1);
  /** Further customers of an id: k × 2^31 + id (exact below 2^53). */
  private readonly shared = new Set<number>();

  get size(): number {
    return this.ids.size;
  }

  count(bytes: Uint8Array, s: number, e: number, k: number, t: Totals): void {
    let o = this.ids.find(bytes, s, e);
    if (o < 0) {
      o = this.ids.size;
      this.ids.add(bytes, s, e, o);
    }
    if (o >= this.owner.length) {
      const g = new Int32Array(this.owner.length * 2).fill(-1);
      g.set(this.owner);
      this.owner = g;
    }
    const owner = this.owner[o];
    if (owner === -1) {
      this.owner[o] = k;
      t.orders[k]++;
    } else if (owner !== k) {
      const pair = k * 0x80000000 + o;
      if (!this.shared.has(pair)) {
        this.shared.add(pair);
        t.orders[k]++;
      }
    }
  }
}

/** ASCII bytes with no space or control character at either end: the key text is the bytes. */
function plainKey(b: Uint8Array, s: number, e: number): boolean {
  if (s < e && (b[s] <= 0x20 || b[e - 1] <= 0x20)) return false;
  for (let i = s; i < e; i++) if (b[i] >= 0x80) return false;
  return true;
}

/**
 * Per-customer running totals, growing with the customers. Sums are double-double (as GroupSum);
 * a customer's first value is kept as it is, sign of zero included, so that a table of one row per
 * customer reads exactly as `aggregate` passes it through. The arrays for sums of several lines
 * (the low parts, the payment-days weights) exist only once some customer has a second line: a
 * customer table of a million rows never allocates them.
 */
export class Totals {
  size = 0;
  private cap = 0;
  revHi = new Float64Array(0);
  gpHi = new Float64Array(0);
  volHi: (Float64Array | null)[];
  firstDays = new Float64Array(0);
  orders = new Float64Array(0);
  rowCount = new Int32Array(0);
  firstRow = new Int32Array(0);
  names: string[] = [];
  /** The bytes a customer's current name was read from (to skip decoding the same again). */
  private nameAt = new Int32Array(0);
  private nameLen = new Int32Array(0);
  private nameArena = new Uint8Array(1 << 16);
  private nameUsed = 0;
  /** The low parts and the payment-days sums, once a customer has a second line (else null). */
  private sums: LineSums | null = null;
  /** Volumes of the line being read, in DRIVERS order. */
  readonly scratch: Float64Array;

  constructor(
    private readonly mapped: boolean[],
    private readonly days: boolean,
    private readonly orderIds: boolean,
  ) {
    this.volHi = mapped.map(() => null);
    this.scratch = new Float64Array(mapped.length);
    this.grow(1024);
  }

  private grow(cap: number): void {
    this.cap = cap;
    this.revHi = resized(this.revHi, cap);
    this.gpHi = resized(this.gpHi, cap);
    this.volHi = this.mapped.map((m, d) => (m ? resized(this.volHi[d], cap) : null));
    if (this.days) this.firstDays = resized(this.firstDays, cap);
    if (this.orderIds) this.orders = resized(this.orders, cap);
    this.rowCount = resized(this.rowCount, cap);
    this.firstRow = resized(this.firstRow, cap);
    this.nameAt = resized(this.nameAt, cap);
    this.nameLen = resized(this.nameLen, cap);
    const m = this.sums;
    if (m) {
      m.revLo = resized(m.revLo, cap);
      m.gpLo = resized(m.gpLo, cap);
      m.volLo = m.volLo.map((a) => (a ? resized(a, cap) : null));
      if (this.days) {
        m.daysW = resized(m.daysW, cap);
        m.daysWLo = resized(m.daysWLo, cap);
        m.daysR = resized(m.daysR, cap);
        m.daysRLo = resized(m.daysRLo, cap);
      }
    }
  }

  /** A new customer `k` (the next id), first seen on sheet row `row`. */
  open(k: number, row: number): void {
    if (k >= this.cap) this.grow(this.cap * 2);
    this.size = k + 1;
    this.firstRow[k] = row;
    this.names[k] = '';
    this.nameLen[k] = -1;
  }

  /**
   * The sums of several lines, from here on: low parts 0, and the payment-days sums of each
   * customer's one line so far, added to 0 as GroupSum adds them.
   */
  private startSums(): LineSums {
    const cap = this.cap,
      f = () => new Float64Array(this.days ? cap : 0);
    const m = {
      revLo: new Float64Array(cap),
      gpLo: new Float64Array(cap),
      volLo: this.mapped.map((on) => (on ? new Float64Array(cap) : null)),
      daysW: f(),
      daysWLo: f(),
      daysR: f(),
      daysRLo: f(),
    };
    if (this.days)
      for (let k = 0; k < this.size; k++) {
        const d = this.firstDays[k];
        if (this.rowCount[k] > 0 && !Number.isNaN(d)) {
          sum(m.daysW, m.daysWLo, k, this.revHi[k] * d);
          sum(m.daysR, m.daysRLo, k, this.revHi[k]);
        }
      }
    this.sums = m;
    return m;
  }

  /** One usable line of customer `k`. */
  add(k: number, rev: number, gp: number, volumes: ArrayLike<number>, days: number): void {
    if (this.rowCount[k]++ === 0) {
      // the first value as it is (−0 included), as −0 + x would give it
      if (this.days) this.firstDays[k] = days;
      this.revHi[k] = rev;
      this.gpHi[k] = gp;
      for (let d = 0; d < volumes.length; d++) {
        const hi = this.volHi[d];
        if (hi) hi[k] = volumes[d];
      }
      const m = this.sums;
      if (m && this.days && !Number.isNaN(days)) {
        sum(m.daysW, m.daysWLo, k, rev * days);
        sum(m.daysR, m.daysRLo, k, rev);
      }
      return;
    }
    const m = this.sums ?? this.startSums();
    sum(this.revHi, m.revLo, k, rev);
    sum(this.gpHi, m.gpLo, k, gp);
    for (let d = 0; d < volumes.length; d++) {
      const hi = this.volHi[d];
      if (hi) sum(hi, m.volLo[d]!, k, volumes[d]);
    }
    if (this.days && !Number.isNaN(days)) {
      sum(m.daysW, m.daysWLo, k, rev * days);
      sum(m.daysR, m.daysRLo, k, rev);
    }
  }

  /**
   * A line's name for customer `k`, as the bytes `b[s…e)` of its cell (`q`: doubled quotes
   * inside): decoded only when they differ from the bytes of the name kept.
   */
  nameBytes(k: number, b: Uint8Array, s: number, e: number, q: number): void {
    if (this.nameLen[k] === e - s && sameBytes2(this.nameArena, this.nameAt[k], b, s, e - s))
      return;
    if (!this.keep(k, cellText(b, s, e, q))) return;
    if (this.nameUsed + (e - s) > this.nameArena.length) {
      const g = new Uint8Array(Math.max(this.nameArena.length * 2, this.nameUsed + e - s));
      g.set(this.nameArena.subarray(0, this.nameUsed));
      this.nameArena = g;
    }
    this.nameArena.set(b.subarray(s, e), this.nameUsed);
    this.nameAt[k] = this.nameUsed;
    this.nameLen[k] = e - s;
    this.nameUsed += e - s;
  }

  /** A line's name for customer `k`, as text (a line readRows read). */
  nameText(k: number, text: string): void {
    if (this.keep(k, text)) this.nameLen[k] = -1; // no bytes known for it
  }

  /** The alphabetically first non-blank name is kept, as readRows keeps it. */
  private keep(k: number, text: string): boolean {
    const cur = this.names[k];
    if (text === '' || (cur !== '' && text >= cur)) return false;
    this.names[k] = text;
    return true;
  }

  /** The totals as plain arrays (to send to another thread): customer k is index k. */
  toData(): TotalsData {
    return {
      size: this.size,
      revHi: this.revHi,
      gpHi: this.gpHi,
      volHi: this.volHi,
      firstDays: this.firstDays,
      rowCount: this.rowCount,
      firstRow: this.firstRow,
      names: this.names,
      sums: this.sums,
    };
  }

  /**
   * Adds another range's totals, its customer j being customer `map[j]` here (opened already):
   * a customer new here takes them as they are; one seen before adds them as double-doubles
   * (hi to the sum by TwoSum, lo to lo), as the lines themselves would have been added.
   */
  absorb(d: TotalsData, map: Int32Array): void {
    const ds = d.sums;
    for (let j = 0; j < d.size; j++) {
      const k = map[j],
        lines = d.rowCount[j],
        rev = d.revHi[j],
        days = this.days ? d.firstDays[j] : NaN;
      this.keep(k, d.names[j]);
      if (this.rowCount[k] === 0) {
        // new here: the range's totals as they are
        if (ds && !this.sums) this.startSums();
        this.revHi[k] = rev;
        this.gpHi[k] = d.gpHi[j];
        for (let v = 0; v < this.volHi.length; v++) {
          const hi = this.volHi[v];
          if (hi) hi[k] = d.volHi[v]![j];
        }
        if (this.days) this.firstDays[k] = days;
        const m = this.sums;
        if (m && ds) {
          m.revLo[k] = ds.revLo[j];
          m.gpLo[k] = ds.gpLo[j];
          for (let v = 0; v < m.volLo.length; v++) {
            const lo = m.volLo[v];
            if (lo) lo[k] = ds.volLo[v]![j];
          }
          if (this.days) {
            m.daysW[k] = ds.daysW[j];
            m.daysWLo[k] = ds.daysWLo[j];
            m.daysR[k] = ds.daysR[j];
            m.daysRLo[k] = ds.daysRLo[j];
          }
        } else if (m && this.days && !Number.isNaN(days)) {
          // one line, as `add` adds a first line once sums exist
          sum(m.daysW, m.daysWLo, k, rev * days);
          sum(m.daysR, m.daysRLo, k, rev);
        }
        this.rowCount[k] = lines;
        continue;
      }
      const m = this.sums ?? this.startSums();
      sum(this.revHi, m.revLo, k, rev);
      m.revLo[k] += ds ? ds.revLo[j] : 0;
      sum(this.gpHi, m.gpLo, k, d.gpHi[j]);
      m.gpLo[k] += ds ? ds.gpLo[j] : 0;
      for (let v = 0; v < this.volHi.length; v++) {
        const hi = this.volHi[v];
        if (!hi) continue;
        sum(hi, m.volLo[v]!, k, d.volHi[v]![j]);
        m.volLo[v]![k] += ds ? ds.volLo[v]![j] : 0;
      }
      if (this.days) {
        if (ds) {
          sum(m.daysW, m.daysWLo, k, ds.daysW[j]);
          m.daysWLo[k] += ds.daysWLo[j];
          sum(m.daysR, m.daysRLo, k, ds.daysR[j]);
          m.daysRLo[k] += ds.daysRLo[j];
        } else if (!Number.isNaN(days)) {
          sum(m.daysW, m.daysWLo, k, rev * days);
          sum(m.daysR, m.daysRLo, k, rev);
        }
      }
      this.rowCount[k] += lines;
    }
  }

  /** The customers, in the order of their first sheet row, as `aggregate` gives them. */
  finish(keys: string[], transactions: boolean): CustomerTable {
    const n = this.size,
      m = this.sums;
    let order: Int32Array | null = null;
    for (let k = 1; k < n; k++)
      if (this.firstRow[k] < this.firstRow[k - 1]) {
        const ids = Array.from({ length: n }, (_, i) => i);
        ids.sort((a, b) => this.firstRow[a] - this.firstRow[b]);
        order = Int32Array.from(ids);
        break;
      }
    const at = (i: number) => (order ? order[i] : i);
    // a sum of several lines is hi + lo (GroupSum's result: 0 + −0 is 0); one line is its value
    const total = (hi: Float64Array, lo: Float64Array | null | undefined) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const k = at(i);
        out[i] = transactions ? hi[k] + (lo ? lo[k] : 0) : hi[k];
      }
      return out;
    };
    const pick = <T extends Int32Array | Float64Array>(a: T, out: T): T => {
      for (let i = 0; i < n; i++) out[i] = a[at(i)];
      return out;
    };
    const volumes = this.volHi.map((hi, d) => (hi ? total(hi, m?.volLo[d]) : null));
    const rowCount = pick(this.rowCount, new Int32Array(n));
    if (this.orderIds && !volumes[ORDERS]) volumes[ORDERS] = pick(this.orders, new Float64Array(n));
    if (!volumes[LINES] && transactions) volumes[LINES] = Float64Array.from(rowCount);
    let paymentDays: Float64Array | null = null;
    if (this.days) {
      paymentDays = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const k = at(i),
          d = this.firstDays[k];
        if (!transactions) paymentDays[i] = Number.isNaN(d) ? 0 : d;
        else if (m) {
          const w = m.daysW[k] + m.daysWLo[k],
            r = m.daysR[k] + m.daysRLo[k];
          paymentDays[i] = r !== 0 ? w / r : 0;
        } else {
          // one line each (transactions by their order ids): the sums of one value each
          const r = Number.isNaN(d) ? 0 : 0 + this.revHi[k];
          paymentDays[i] = r !== 0 ? (0 + this.revHi[k] * d) / r : 0;
        }
      }
    }
    return {
      n,
      keys: order ? Array.from(order, (k) => keys[k]) : keys,
      names: order ? Array.from(order, (k) => this.names[k]) : this.names.slice(0, n),
      revenue: total(this.revHi, m?.revLo),
      grossProfit: total(this.gpHi, m?.gpLo),
      volumes,
      paymentDays,
      discount: null,
      firstRow: pick(this.firstRow, new Int32Array(n)),
      rowCount,
      groups: [],
    };
  }
}

/** The low parts of the sums of several lines, and the payment-days sums (see Totals). */
interface LineSums {
  revLo: Float64Array;
  gpLo: Float64Array;
  volLo: (Float64Array | null)[];
  daysW: Float64Array;
  daysWLo: Float64Array;
  daysR: Float64Array;
  daysRLo: Float64Array;
}

/** A range's Totals as plain arrays (see Totals.toData). */
export interface TotalsData {
  size: number;
  revHi: Float64Array;
  gpHi: Float64Array;
  volHi: (Float64Array | null)[];
  firstDays: Float64Array;
  rowCount: Int32Array;
  firstRow: Int32Array;
  names: string[];
  sums: LineSums | null;
}

/** A range's partial as plain data, to send from a worker thread (see toPartialData). */
export interface PartialData {
  totals: TotalsData;
  keys: string[];
  orders: OrderData | null;
  rejected: Problem[];
  lines: number;
  used: number;
  repeated: boolean;
}

/** `p` as plain data; `buffers` are the arrays' memory, to transfer rather than copy. */
export function toPartialData(p: CsvPartial): { data: PartialData; buffers: ArrayBuffer[] } {
  const totals = p.totals.toData();
  const orders = p.orders.toData(p.totals, p.keyIndex.size);
  const arrays: (ArrayBufferView | null)[] = [
    totals.revHi,
    totals.gpHi,
    ...totals.volHi,
    totals.firstDays,
    totals.rowCount,
    totals.firstRow,
  ];
  if (totals.sums) {
    const m = totals.sums;
    arrays.push(m.revLo, m.gpLo, ...m.volLo, m.daysW, m.daysWLo, m.daysR, m.daysRLo);
  }
  if (orders) {
    const r = orders.runs;
    arrays.push(r.series.arena, r.series.start, r.series.length, ...r.first, ...r.last);
    arrays.push(orders.counts);
  }
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer.byteLength > 0) buffers.add(a.buffer as ArrayBuffer);
  const data = {
    totals,
    keys: p.keyIndex.finish(),
    orders,
    rejected: p.rejected,
    lines: p.lines,
    used: p.used,
  };
  return { data: { ...data, repeated: p.repeated }, buffers: [...buffers] };
}

/**
 * The partials of consecutive ranges, added in file order, as one partial of the whole body: the
 * same customers (matched by key text), totals, distinct order ids, rejected rows (renumbered by
 * the lines above their range) and counts as one read of the body gives. The first range's
 * partial, when read on this thread, is the one the others are added to (nothing copied).
 */
export class PartialMerge {
  private into: CsvPartial | null = null;

  constructor(private readonly plan: StreamPlan) {}

  /** Adds the partial of the range after the last one added. */
  add(p: CsvPartial | PartialData): void {
    if (!this.into && 'keyIndex' in p) {
      this.into = p;
      return;
    }
    const into = this.into ?? this.empty();
    this.into = into;
    const d = 'keyIndex' in p ? toPartialData(p).data : p;
    const base = into.lines,
      t = into.totals,
      keyIndex = into.keyIndex,
      map = new Int32Array(d.keys.length);
    for (let j = 0; j < d.keys.length; j++) {
      const seen = keyIndex.size,
        k = keyIndex.intern(d.keys[j]),
        row = d.totals.firstRow[j] + base;
      if (keyIndex.size > seen) t.open(k, row);
      else {
        into.repeated = true;
        if (row < t.firstRow[k]) t.firstRow[k] = row;
      }
      map[j] = k;
    }
    t.absorb(d.totals, map);
    if (d.orders) into.orders.absorb(d.orders, map, t);
    else if (this.plan.c.order >= 0) into.orders.broken = true; // counted otherwise: not mergeable
    for (const q of d.rejected) {
      const row = q.row + base;
      into.rejected.push({ ...q, row, cell: q.cell.replace(/\d+$/, String(row)) });
    }
    into.lines += d.lines;
    into.used += d.used;
    into.repeated ||= d.repeated;
  }

  /** The merged partial (the merge is done with); null before any was added. */
  result(): CsvPartial | null {
    return this.into;
  }

  private empty(): CsvPartial {
    const { c, volumeCols } = this.plan;
    return {
      totals: new Totals(
        volumeCols.map((x) => x >= 0),
        c.days >= 0,
        c.order >= 0,
      ),
      keyIndex: new KeyIndex(1024),
      orders: new OrderIds(c.order >= 0),
      rejected: [],
      lines: 0,
      used: 0,
      repeated: false,
    };
  }
}

/** `a` copied into a new array of length `cap` (zeros after it). */
function resized<T extends Float64Array | Int32Array>(a: T | null, cap: number): T {
  const g = (a instanceof Int32Array ? new Int32Array(cap) : new Float64Array(cap)) as T;
  if (a) g.set(a.subarray(0, Math.min(a.length, cap)));
  return g;
}

/** Adds `x` to the double-double hi[k] + lo[k] (Knuth's TwoSum, as GroupSum). */
function sum(hi: Float64Array, lo: Float64Array, k: number, x: number): void {
  const h = hi[k],
    s = h + x,
    b = s - h;
  lo[k] += h - (s - b) + (x - b);
  hi[k] = s;
}

function sameBytes2(a: Uint8Array, as: number, b: Uint8Array, bs: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}
