/**
 * Reads the input table row by row (DOMAIN.md §1): finds the header, maps the columns, parses
 * every cell, and accounts for every row — used, or listed with its sheet row, column and reason.
 * One pass, columnar output (typed arrays), no per-row objects.
 */
import type { CustomerTable } from './aggregate.js';
import { columnLetter } from './cell-address.js';
import {
  type ColumnMap,
  listHeaders,
  type Mapping,
  mapColumns,
  normalizeHeader,
} from './column-map.js';
import { ambiguousReason, decimalMixing, decimalStyle } from './decimal-style.js';
import { type DiscountKind, discountKind, discountMoney } from './discount.js';
import { fail, type InputError, type Outcome } from './errors.js';
import { type GroupColumn, groupText } from './groups.js';
import { KeyIndex } from './key-index.js';
import {
  type DecimalMark,
  explainNotANumber,
  isBlank,
  isErrorValue,
  isPercentText,
  parseNumber,
} from './parse-number.js';
import { type Grain, periodLabel } from './period.js';
import type { Settings } from './settings.js';
import { type CellValue, DRIVERS, type Field, type Problem } from './types.js';

export interface TableInput {
  values: CellValue[][];
  /** Sheet row number of values[0]; 1 when the table starts in row 1. */
  firstRow?: number;
  /** 0-based sheet column of values[r][0]; 0 for column A. */
  firstColumn?: number;
  /**
   * The decimal mark the file's format implies (a semicolon CSV: ','); `analyze` reads the table
   * with it unless the settings fix `locale.decimal` (see `tableLocale`).
   */
  decimal?: DecimalMark;
  /** Cells the file reader could not read; each rejects its row (see `UnreadCell`). */
  unread?: UnreadCell[];
  /**
   * A faster reader of the same table straight into columns (the CLI's CSV reader): `readRows`
   * returns its table when it gives one, and reads `values` when it says why it cannot.
   */
  columnar?: (settings: Settings, options: ReadOptions) => RowTable | string;
}

/**
 * A cell a reader could not read (0-based into `values`), e.g. an xlsx formula without a
 * calculated value, or a CSV line whose quote never closes. Its row is rejected with `reason` when
 * the analysis uses the column, or always when `wholeRow` (the rest of the row is lost).
 */
export interface UnreadCell {
  row: number;
  column: number;
  reason: string;
  wholeRow?: boolean;
}

export interface RowTable {
  headers: string[];
  columns: ColumnMap;
  /** Sheet row of the header. */
  headerRow: number;
  /** Data rows below the header, used or not. */
  dataRows: number;
  /** Usable rows, in input order. */
  count: number;
  sheetRow: Int32Array;
  /** Customer index of each usable row into `keys`. */
  customer: Int32Array;
  keys: string[];
  /** Label per customer ('' when none); the alphabetically first when rows disagree. */
  names: string[];
  revenue: Float64Array;
  /** Gross profit per row; equals revenue when gross profit is unknown (cost-to-serve only). */
  grossProfit: Float64Array;
  /** Volume per driver (DRIVERS order), null where no column was mapped. */
  volumes: (Float64Array | null)[];
  /** Interned order id per row, or null without an order-id column. */
  orderId: Int32Array | null;
  /** Payment days per row (NaN where blank), or null without such a column. */
  paymentDays: Float64Array | null;
  /** Discount per row in money (DOMAIN.md §1a), or null without a discount column. */
  discount: Float64Array | null;
  /** How the discount column was read: rates (converted to money) or money; null without one. */
  discountKind: DiscountKind | null;
  /** Period label per row, when periods were asked for. */
  period: string[] | null;
  rejected: Problem[];
  /** Some customer key appears on more than one row, or rows carry order ids: transaction mode. */
  transactions: boolean;
  /** Mapping doubts that reject no row (two columns that could both be revenue…). */
  warnings: string[];
  /** The `groupBy` columns: each usable row's value as text, interned (DOMAIN.md §14). */
  groups: GroupColumn[];
  /**
   * The rows already aggregated per customer, exactly as `aggregate` would (a reader that streams
   * a file larger than memory keeps no per-row arrays: they are then empty).
   */
  customers?: CustomerTable;
}

export interface ReadOptions {
  /** Group the period column by this grain (migration); rows without a period are rejected. */
  periodGrain?: Grain;
}

/** The header is looked for in this many top rows (a title or notes may sit above it). */
export const HEADER_SCAN_ROWS = 20;
/** How far down a header is looked for, only to say where it is when it is not in the top rows. */
const HEADER_HINT_ROWS = 1000;
const SUMMARY_KEY = /^(grand\s*)?(sub\s*-?\s*)?totals?\s*:?$|^total\s+(for|of)\b|^sum\s*:?$/i;
const SUMMARY_CELL = /^(grand\s*)?(sub\s*-?\s*)?totals?\b/i;
/** Amounts and counts from 10^15 up are refused: sums of such cells overflow or lose the cents. */
const TOO_LARGE = 1e15;

/** Reads header and rows; an unusable table (no header, no revenue column…) is an InputError. */
export function readRows(
  input: TableInput,
  settings: Settings,
  options: ReadOptions = {},
): Outcome<RowTable> {
  if (input.columnar) {
    const table = input.columnar(settings, options);
    if (typeof table !== 'string') return { ok: true, value: table };
  }
  const { values } = input;
  const firstRow = input.firstRow ?? 1,
    firstColumn = input.firstColumn ?? 0;
  if (!Array.isArray(values) || values.length === 0 || values.every(rowIsBlank))
    return fail('empty', 'the table is empty: no rows to analyse');

  const found = findHeader(values, settings, firstRow);
  if (!found.ok) return found;
  const { index: h, columns, warnings } = found.value;
  const headers = values[h].map((x) => String(x ?? '').trim());
  const hasGrossProfit = columns.cogs !== undefined || columns.grossProfit !== undefined;
  if (!hasGrossProfit && !settings.costToServeOnly) {
    return fail(
      'no-gross-profit',
      `no COGS or Gross Profit column, so gross profit is unknown (headers found: ${listHeaders(headers)}); map one, or confirm an analysis on cost-to-serve alone (setting costToServeOnly: true)`,
    );
  }
  if (options.periodGrain && columns.period === undefined) {
    return fail(
      'missing-column',
      `no period column for migration (headers found: ${listHeaders(headers)}); name it in the settings' columns.period`,
    );
  }

  const groupAt = settings.groupBy.map((g) => headerIndex(headers, g));
  const missingGroup = groupAt.indexOf(-1);
  if (missingGroup >= 0)
    return fail(
      'missing-column',
      `groupBy: no column "${settings.groupBy[missingGroup]}" (headers found: ${listHeaders(headers)})`,
    );

  const n = values.length - h - 1;
  const groupValues = groupAt.map(() => new KeyIndex()),
    groupOf = groupAt.map(() => new Int32Array(n));
  const sheetRow = new Int32Array(n),
    customer = new Int32Array(n);
  const revenue = new Float64Array(n),
    grossProfit = new Float64Array(n);
  const volumes = DRIVERS.map((d) => (columns[d] !== undefined ? new Float64Array(n) : null));
  const orderId = columns.orderId !== undefined ? new Int32Array(n) : null;
  const paymentDays = columns.paymentDays !== undefined ? new Float64Array(n) : null;
  const cDisc = columns.discount;
  const discount = cDisc !== undefined ? new Float64Array(n) : null;
  const kindOfDiscount =
    cDisc === undefined
      ? null
      : discountKind(columnCells(values, h + 1, cDisc), settings.locale.decimal);
  const period = options.periodGrain ? new Array<string>(n) : null;
  const keyIndex = new KeyIndex(n),
    orderIndex = new KeyIndex(columns.orderId !== undefined ? n : 0);
  const names = new Array<string>(n); // sized up front, see KeyIndex
  const rejected: Problem[] = [];
  const letter = (c: number) => columnLetter(firstColumn + c);
  const reject = (r: number, c: number, reason: string) => {
    const row = firstRow + r;
    rejected.push({
      row,
      column: c < 0 ? '' : headers[c] || letter(c),
      reason,
      cell: `${letter(Math.max(c, 0))}${row}`,
    });
  };
  // Cells the reader could not read reject their row when the analysis uses them.
  const used = new Set(Object.values(columns).filter((c) => c !== columns.period || period));
  const unread = new Map<number, UnreadCell>();
  for (const u of input.unread ?? [])
    if ((u.wholeRow || used.has(u.column)) && !unread.has(u.row)) unread.set(u.row, u);
  const rejectUnread = (r: number) => {
    const u = unread.get(r)!;
    reject(r, u.column < headers.length ? u.column : -1, u.reason);
  };
  for (let r = 0; r < h; r++) {
    if (unread.get(r)?.wholeRow) rejectUnread(r);
    else
      reject(r, -1, rowIsBlank(values[r]) ? 'blank row above the header' : 'above the header row');
  }

  const { decimal } = settings.locale;
  const cKey = columns.customer!,
    cName = columns.name,
    cRev = columns.revenue!;
  const cCogs = columns.cogs,
    cGp = columns.grossProfit,
    cOrder = columns.orderId,
    cDays = columns.paymentDays;
  const volumeCols = DRIVERS.map((d) => columns[d]);
  let count = 0,
    repeated = false;
  // A column that shows both decimal styles: warn, and refuse the cells that read two ways.
  const numeric = [cRev, cCogs, cGp, cDays, ...volumeCols].filter((c) => c !== undefined);
  const mixing = decimalMixing(values, h + 1, numeric, headers, decimal, unread);
  const refusing = mixing.refuse.some(Boolean);
  const twoWays = (c: number, cell: CellValue): boolean =>
    refusing &&
    mixing.refuse[c] === true &&
    typeof cell === 'string' &&
    decimalStyle(cell) === 'either';

  rows: for (let r = h + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    if (unread.size && unread.has(r)) {
      rejectUnread(r);
      continue;
    }
    if (refusing) {
      for (const c of numeric) {
        if (twoWays(c, row[c])) {
          reject(r, c, ambiguousReason(String(row[c]), mixing.sample[c], decimal));
          continue rows;
        }
      }
    }
    const key = keyText(row[cKey]);
    if (key === '') {
      if (rowIsBlank(row)) reject(r, -1, 'blank row');
      else {
        const label = row.find((v) => typeof v === 'string' && SUMMARY_CELL.test(v.trim()));
        reject(
          r,
          label === undefined ? cKey : -1,
          label === undefined
            ? 'no customer key'
            : `summary row ("${String(label).trim()}"), not a customer`,
        );
      }
      continue;
    }
    const first = key.charCodeAt(0) | 0x20; // cheap pre-checks keep the regexes off the hot path
    if ((first === 0x74 || first === 0x67 || first === 0x73) && SUMMARY_KEY.test(key)) {
      reject(r, cKey, `summary row ("${key}"), not a customer`);
      continue;
    }
    if (first === 0x23 && isErrorValue(key)) {
      reject(r, cKey, `error value ${key.toUpperCase()} as customer key`);
      continue;
    }

    // Fast paths: most cells arrive as numbers (Excel, Sheets, xlsx); text goes through the parser.
    const revCell = row[cRev];
    const rev =
      typeof revCell === 'number'
        ? Number.isFinite(revCell)
          ? revCell
          : NaN
        : isPercentText(revCell)
          ? NaN
          : parseNumber(revCell, decimal); // a percent is not money
    if (Number.isNaN(rev)) {
      reject(r, cRev, isBlank(row[cRev]) ? 'no revenue' : badMoney(row[cRev]));
      continue;
    }
    if (!(Math.abs(rev) < TOO_LARGE)) {
      reject(r, cRev, tooLarge(revCell));
      continue;
    }
    let gp = rev;
    // With both columns mapped, a row whose COGS cell is blank takes its gross profit cell
    // (DOMAIN §1: gross profit "used when cogs is absent"), as a template with both columns has it.
    const cogsAbsent =
      cCogs === undefined || (cGp !== undefined && isBlank(row[cCogs]) && !isBlank(row[cGp]));
    if (!cogsAbsent) {
      const cogs = money(row[cCogs]);
      if (Number.isNaN(cogs)) {
        reject(r, cCogs, badMoney(row[cCogs]));
        continue;
      }
      if (!(Math.abs(cogs) < TOO_LARGE)) {
        reject(r, cCogs, tooLarge(row[cCogs]));
        continue;
      }
      gp = rev - cogs;
    } else if (cGp !== undefined) {
      const cell = row[cGp];
      gp = money(cell, true);
      if (Number.isNaN(gp)) {
        reject(r, cGp, badMoney(cell, true));
        continue;
      }
      if (!(Math.abs(gp) < TOO_LARGE)) {
        reject(r, cGp, tooLarge(cell));
        continue;
      }
      if (isPercentText(cell)) gp *= rev; // a margin percent: gross profit is that share of revenue
    }
    for (let d = 0; d < volumeCols.length; d++) {
      const c = volumeCols[d];
      if (c === undefined) continue;
      const cell = row[c];
      if (typeof cell === 'number' && cell >= 0 && cell < TOO_LARGE) {
        volumes[d]![count] = cell;
        continue;
      }
      const v = isBlank(cell) ? 0 : parseNumber(cell, decimal);
      if (Number.isNaN(v)) {
        reject(r, c, explainNotANumber(cell, decimal));
        continue rows;
      }
      if (v >= TOO_LARGE) {
        reject(r, c, tooLarge(cell));
        continue rows;
      }
      if (v < 0 || isPercentText(cell)) {
        reject(r, c, `${String(cell).trim()} is not a count (must be ≥ 0)`);
        continue rows;
      }
      volumes[d]![count] = v;
    }
    if (cDays !== undefined) {
      const cell = row[cDays];
      const v =
        typeof cell === 'number'
          ? Number.isFinite(cell)
            ? cell
            : NaN
          : isBlank(cell)
            ? NaN
            : parseNumber(cell, decimal);
      if (!isBlank(cell) && (Number.isNaN(v) || v < 0)) {
        reject(
          r,
          cDays,
          Number.isNaN(v) ? explainNotANumber(cell, decimal) : `${v} days is negative`,
        );
        continue;
      }
      if (v >= TOO_LARGE) {
        reject(r, cDays, tooLarge(cell));
        continue;
      }
      paymentDays![count] = v;
    }
    if (discount) {
      const d = discountMoney(row[cDisc!], kindOfDiscount!, rev, decimal);
      if (typeof d === 'string') {
        reject(r, cDisc!, d);
        continue;
      }
      if (!(Math.abs(d) < TOO_LARGE)) {
        reject(r, cDisc!, tooLarge(row[cDisc!]));
        continue;
      }
      discount[count] = d;
    }
    if (period) {
      const label = periodLabel(
        row[columns.period!],
        options.periodGrain!,
        settings.locale.dateOrder,
      );
      if (label === null) {
        reject(
          r,
          columns.period!,
          isBlank(row[columns.period!])
            ? 'no period'
            : `"${String(row[columns.period!]).trim()}" is not a date or period`,
        );
        continue;
      }
      period[count] = label;
    }
    if (orderId) {
      orderId[count] = orderIndex.intern(keyText(row[cOrder!])); // a blank order id counts as one order per customer
    }
    const seen = keyIndex.size,
      k = keyIndex.intern(key);
    if (keyIndex.size > seen) {
      names[k] = cName === undefined ? '' : keyText(row[cName]);
    } else {
      repeated = true;
      if (cName !== undefined) {
        const name = keyText(row[cName]);
        if (name !== '' && (names[k] === '' || name < names[k])) names[k] = name;
      }
    }
    for (let g = 0; g < groupAt.length; g++)
      groupOf[g][count] = groupValues[g].intern(groupText(keyText(row[groupAt[g]])));
    sheetRow[count] = firstRow + r;
    customer[count] = k;
    revenue[count] = rev;
    grossProfit[count] = gp;
    count++;
  }

  function money(cell: CellValue, allowPercent = false): number {
    if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NaN;
    if (isBlank(cell)) return 0; // a blank cost is no cost, as SUM reads it
    if (!allowPercent && isPercentText(cell)) return NaN;
    return parseNumber(cell, decimal);
  }
  function badMoney(cell: CellValue, allowPercent = false): string {
    if (!allowPercent && isPercentText(cell))
      return `"${String(cell).trim()}" is a percent where money is expected`;
    return explainNotANumber(cell, decimal);
  }

  return {
    ok: true,
    value: {
      headers,
      columns,
      headerRow: firstRow + h,
      dataRows: n,
      count,
      sheetRow: sheetRow.subarray(0, count),
      customer: customer.subarray(0, count),
      keys: keyIndex.finish(),
      names: trim(names, keyIndex.size),
      revenue: revenue.subarray(0, count),
      grossProfit: grossProfit.subarray(0, count),
      volumes: volumes.map((v) => (v ? v.subarray(0, count) : null)),
      orderId: orderId ? orderId.subarray(0, count) : null,
      paymentDays: paymentDays ? paymentDays.subarray(0, count) : null,
      discount: discount ? discount.subarray(0, count) : null,
      discountKind: kindOfDiscount,
      period: period ? period.slice(0, count) : null,
      rejected,
      transactions: repeated || orderId !== null,
      // a doubt about the period column matters only when periods are compared
      warnings: [
        ...warnings
          .filter((w) => w.field !== 'period' || options.periodGrain)
          .map((w) => w.message),
        ...mixing.warnings,
      ],
      groups: groupAt.map((_, g) => ({
        column: settings.groupBy[g],
        values: groupValues[g].finish(),
        of: groupOf[g].subarray(0, count),
      })),
    },
  };
}

/**
 * The header row: the first of the top HEADER_SCAN_ROWS rows that maps both a customer and a
 * revenue column (with the user's overrides), or the row the `headerRow` setting names (a sheet
 * row; `firstRow` is the sheet row of values[0]): its index in `values`, the columns, the mapping
 * doubts. When the top rows hold none, says so, and which lower row looks like the header.
 * Example: `findHeader([['Sales 2024'], ['Customer', 'Revenue']], settings)` → ok, index 1.
 */
export function findHeader(
  values: CellValue[][],
  settings: Pick<Settings, 'columns' | 'headerRow'>,
  firstRow = 1,
): Outcome<{ index: number; columns: ColumnMap; warnings: Mapping['warnings'] }> {
  const maps = (row: CellValue[] | undefined) => {
    const m = mapColumns(row ?? [], settings.columns);
    return { ...m, ok: m.columns.customer !== undefined && m.columns.revenue !== undefined };
  };
  if (settings.headerRow !== null) {
    const r = settings.headerRow - firstRow;
    if (r < 0 || r >= values.length)
      return fail(
        'no-header',
        `headerRow ${settings.headerRow} is outside the table (rows ${firstRow} to ${firstRow + values.length - 1})`,
      );
    const m = maps(values[r]);
    if (m.ok && m.problems.length === 0)
      return { ok: true, value: { index: r, columns: m.columns, warnings: m.warnings } };
    return missingColumns(values[r] ?? [], settings, ` in row ${settings.headerRow} (headerRow)`);
  }
  let firstNonBlank = -1;
  for (let r = 0; r < Math.min(HEADER_SCAN_ROWS, values.length); r++) {
    const row = values[r] ?? [];
    if (rowIsBlank(row)) continue;
    if (firstNonBlank < 0) firstNonBlank = r;
    const m = maps(row);
    if (m.ok) {
      if (m.problems.length) return fail('bad-mapping', m.problems.join('; '));
      return { ok: true, value: { index: r, columns: m.columns, warnings: m.warnings } };
    }
  }
  const headers = values[firstNonBlank] ?? [];
  const { problems } = mapColumns(headers, settings.columns);
  if (problems.length) return fail('bad-mapping', problems.join('; '));
  if (values.length > HEADER_SCAN_ROWS) {
    // A title block, notes or a pivot above the table: say where the header seems to be.
    for (let r = HEADER_SCAN_ROWS; r < Math.min(values.length, HEADER_HINT_ROWS); r++) {
      if (!maps(values[r]).ok) continue;
      const row = firstRow + r;
      return fail(
        'no-header',
        `the header was not found in the first ${HEADER_SCAN_ROWS} rows; row ${row} looks like it: point at it with the setting {"headerRow": ${row}}, or select the table from its header row`,
      );
    }
    return fail(
      'no-header',
      `no header with a customer and a revenue column in the first ${HEADER_SCAN_ROWS} rows (headers found: ${listHeaders(headers)}); if it is further down, point at it with the setting {"headerRow": <its row>}, or select the table from its header row`,
    );
  }
  return missingColumns(headers, settings, '');
}

/** The header lacks a customer or a revenue column: say which, and what was found. */
function missingColumns(
  headers: CellValue[],
  settings: Pick<Settings, 'columns'>,
  where: string,
): { ok: false; error: InputError } {
  const { columns, problems } = mapColumns(headers, settings.columns);
  if (problems.length) return fail('bad-mapping', problems.join('; '));
  const missing = (['customer', 'revenue'] as Field[]).filter((f) => columns[f] === undefined);
  if (headers.length > 0 && headers.every((v) => typeof v === 'number'))
    return fail(
      'no-header',
      `no header row: the first row holds only numbers; add headers such as "Customer" and "Revenue"`,
    );
  const what = missing
    .map((f) =>
      f === 'customer'
        ? 'customer column (e.g. "Customer", "Customer ID")'
        : 'revenue column (e.g. "Revenue", "Sales")',
    )
    .join(' and no ');
  return fail('missing-column', `no ${what}${where} (headers found: ${listHeaders(headers)})`);
}

/** The column headed `wanted`: the same text, else the same as the column mapping compares (case, spaces and punctuation aside); −1 when none. */
function headerIndex(headers: string[], wanted: string): number {
  const exact = headers.indexOf(wanted.trim());
  if (exact >= 0) return exact;
  const key = normalizeHeader(wanted);
  return headers.findIndex((h) => normalizeHeader(h) === key);
}

function tooLarge(cell: CellValue): string {
  const text = String(cell).trim();
  return `"${text.length > 40 ? `${text.slice(0, 37)}...` : text}" is too large (10^15 or more) to be an amount or a count`;
}

/** The cells of column `c` from row `from` down (the discount's rate-or-money vote). */
function* columnCells(values: CellValue[][], from: number, c: number): Iterable<CellValue> {
  for (let r = from; r < values.length; r++) yield values[r]?.[c];
}

export function rowIsBlank(row: CellValue[] | undefined): boolean {
  if (!row) return true;
  for (const v of row) if (!isBlank(v)) return false;
  return true;
}

/** A key or label cell as trimmed text; numbers print without a trailing `.0`. */
export function keyText(v: CellValue): string {
  if (typeof v === 'string') return composed(v.trim());
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return '';
}

/**
 * Unicode NFC, so "Café" typed with a combining accent and "Café" with a precomposed é are one
 * customer. Only text with a character from U+0300 up can change, so plain text skips the call.
 */
function composed(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x300) return s.normalize('NFC');
  return s;
}

function trim<T>(list: T[], length: number): T[] {
  list.length = length;
  return list;
}
