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

/** Where the table's bytes are: the file, and its body (no BOM, no final line break). */
export interface CsvFileSpan {
  path: string;
  /** Offset of the first byte after a BOM. */
  start: number;
  /** Offset just past the last byte before the file's final line break. */
  end: number;
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
  if (options.periodGrain) return 'periods asked for';
  if (settings.groupBy.length > 0) return 'groupBy set';
  if (head.delimiter.length !== 1) return 'multi-character delimiter';
  const D = head.delimiter.charCodeAt(0);
  const decimal = settings.locale.decimal;
  const found = findHeader(head.rows, settings, 1);
  if (!found.ok) return `no header: ${found.error.message}`;
  const h = found.value.index;
  // The header, the rows above it and the mapping, read by readRows itself.
  const top = readRows({ values: head.rows.slice(0, h + 1), firstRow: 1 }, settings);
  if (!top.ok) return top.error.message;
  const { headers, columns, warnings } = top.value;
  if (columns.discount !== undefined) return 'discount column';
  const rejected: Problem[] = [...top.value.rejected];
  const headerCells = head.rows[h];
  const batchSettings: Settings = { ...settings, headerRow: 1 };

  const cKey = columns.customer!,
    cName = columns.name ?? -1,
    cRev = columns.revenue!,
    cCogs = columns.cogs ?? -1,
    cGp = columns.grossProfit ?? -1,
    cOrder = columns.orderId ?? -1,
    cDays = columns.paymentDays ?? -1;
  const volumeCols = DRIVERS.map((d) => columns[d] ?? -1);
  const numeric = [cRev, cCogs, cGp, cDays, ...volumeCols].filter((c) => c >= 0);
  const otherStyle = decimal === '.' ? 'comma' : 'point';
  const width = Math.max(cKey, cName, cRev, cCogs, cGp, cOrder, cDays, ...volumeCols) + 1;
  let cap = Math.max(width, ...head.rows.map((r) => r.length));
  let fs = new Int32Array(cap),
    fe = new Int32Array(cap),
    fq = new Uint8Array(cap);

  const t = new Totals(
    volumeCols.map((c) => c >= 0),
    cDays >= 0,
    cOrder >= 0,
  );
  const keyIndex = new KeyIndex(1024),
    keyBytes = new ByteKeys(1024),
    orderBytes = new ByteKeys(cOrder >= 0 ? 1 << 16 : 0);
  let orderOwner = new Int32Array(cOrder >= 0 ? 1 << 16 : 0).fill(-1);
  const sharedPairs = new Set<number>();
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
  /** Counts the order whose key text is the UTF-8 `bytes[s…e)` for customer `k` (as aggregate does). */
  const order = (bytes: Uint8Array, s: number, e: number, k: number) => {
    let o = orderBytes.find(bytes, s, e);
    if (o < 0) {
      o = orderBytes.size;
      orderBytes.add(bytes, s, e, o);
      if (o === orderOwner.length) {
        const g = new Int32Array(o * 2).fill(-1);
        g.set(orderOwner);
        orderOwner = g;
      }
    }
    const owner = orderOwner[o];
    if (owner === -1) {
      orderOwner[o] = k;
      t.orders[k]++;
    } else if (owner !== k) {
      const pair = k * 0x80000000 + o; // exact below 2^53
      if (!sharedPairs.has(pair)) {
        sharedPairs.add(pair);
        t.orders[k]++;
      }
    }
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
    const read = readRows({ values: batch, firstRow: 1 }, batchSettings);
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
        order(text, 0, text.length, k);
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
      if (fq[cOrder] === 0 && plainKey(buf, s, e)) order(buf, s, e, k);
      else {
        const text = encoder.encode(cellText(buf, s, e, fq[cOrder]));
        order(text, 0, text.length, k);
      }
    }
    used++;
    return true;
  };

  const fd = openSync(span.path, 'r');
  try {
    let buf = Buffer.allocUnsafe(chunkBytes);
    let base = span.start, // file offset of buf[0]
      have = 0,
      r = 0,
      crlf: boolean | null = null;
    for (;;) {
      const want = Math.min(buf.length - have, span.end - (base + have));
      if (want > 0) {
        const got = readSync(fd, buf, have, want, base + have);
        if (got === 0) return 'the file changed while it was read';
        have += got;
      }
      const atEnd = base + have >= span.end;
      let limit = have;
      if (!atEnd) {
        limit = buf.lastIndexOf(LF, have - 1) + 1;
        if (limit === 0) {
          // a line longer than the buffer: a larger one
          const g = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(g, 0, 0, have);
          buf = g;
          continue;
        }
      }
      if (!isUtf8(buf.subarray(0, limit))) return 'not UTF-8';
      if (crlf === null) {
        const firstCr = buf.indexOf(CR);
        crlf = firstCr >= 0 && firstCr < limit;
      }
      let p = 0;
      while (p < limit) {
        const from = p;
        let next = tokenise(buf, p, limit, D, crlf, fs, fe, fq, cap);
        if (next < 0) return TOKEN_ERRORS[-next - 1];
        let c = lastFieldCount();
        const papa = r < head.rows.length ? head.rows[r] : undefined;
        const slow = r > h && !(c >= width && plainLine(buf, r));
        if (c > cap && (papa || slow)) {
          // every field is needed (to compare with PapaParse, or for readRows): wider arrays
          cap = c;
          fs = new Int32Array(cap);
          fe = new Int32Array(cap);
          fq = new Uint8Array(cap);
          next = tokenise(buf, from, limit, D, crlf, fs, fe, fq, cap);
          c = lastFieldCount();
        }
        if (papa) {
          // the first rows must read as PapaParse read them
          if (papa.length !== c) return 'the first rows split differently';
          for (let f = 0; f < c; f++)
            if (papa[f] !== rawText(buf, fs[f], fe[f], fq[f]))
              return 'the first rows read differently';
        }
        if (slow) {
          const cells = new Array<CellValue>(c);
          for (let f = 0; f < c; f++) cells[f] = rawText(buf, fs[f], fe[f], fq[f]);
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
      if (atEnd) {
        if (limit < have) return 'more rows than lines';
        if (limit > 0 && buf[limit - 1] === LF) {
          // the body ends with a line break: one more, empty, line (PapaParse's last row, [''])
          if (r < head.rows.length && (head.rows[r].length !== 1 || head.rows[r][0] !== ''))
            return 'the first rows read differently';
          if (r > h) {
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
    if (used === 0) return 'no usable rows';
    const transactions = repeated || cOrder >= 0;
    const customers = t.finish(keyIndex.finish(), transactions);
    const emptyF = new Float64Array(0);
    return {
      headers,
      columns,
      headerRow: h + 1,
      dataRows: r - h - 1,
      count: used,
      sheetRow: new Int32Array(0),
      customer: new Int32Array(0),
      keys: customers.keys,
      names: customers.names,
      revenue: emptyF,
      grossProfit: emptyF,
      volumes: volumeCols.map((c) => (c >= 0 ? emptyF : null)),
      orderId: cOrder >= 0 ? new Int32Array(0) : null,
      paymentDays: cDays >= 0 ? emptyF : null,
      discount: null,
      discountKind: null,
      period: null,
      rejected,
      transactions,
      warnings,
      groups: [],
      customers,
    };
  } finally {
    closeSync(fd);
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
class Totals {
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
  private sums: {
    revLo: Float64Array;
    gpLo: Float64Array;
    volLo: (Float64Array | null)[];
    daysW: Float64Array;
    daysWLo: Float64Array;
    daysR: Float64Array;
    daysRLo: Float64Array;
  } | null = null;
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
  private startSums(): NonNullable<Totals['sums']> {
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
