/**
 * In-memory fake of Google Apps Script's SpreadsheetApp (plus HtmlService,
 * Utilities, Logger, Session, PropertiesService, CacheService, LockService,
 * ScriptApp and Charts) for tests of the Sheets add-on.
 *
 * Usage:
 *   const fake = createAppsScriptFake({ timeZone: 'America/New_York' });
 *   fake.spreadsheet.seedSheet('Data', [['Customer', 'Revenue'], ['Acme', 1200]]);
 *   const ctx = vm.createContext({});
 *   fake.install(ctx);                       // globals + adopt the context's Date/Error
 *   vm.runInContext(bundleSource, ctx);
 *   vm.runInContext('onOpen({ authMode: ScriptApp.AuthMode.FULL })', ctx);
 *   fake.calls.spreadsheet                   // number of SpreadsheetApp-family calls
 *   fake.spreadsheet.inspectCell('Report', 'B2')
 *
 * Design notes
 * - Cells are stored per sheet in sparse row-major 2-D arrays (one `Grid` for
 *   values and one lazily created `Grid` per formatting property), so a
 *   100,000 x 12 setValues is a tight loop with no per-cell objects.
 * - Like the real service, every getter returns a NEW wrapper object
 *   (`ss.getActiveSheet() !== ss.getActiveSheet()`), so identity comparisons
 *   that would fail in production fail here too. All wrappers share the store.
 * - Every public method call on a fake object is counted in `calls`, keyed as
 *   "Class.method". Calls made internally by the fake (depth > 0) are not.
 * - Thrown errors are created with the vm context's `Error` (after install) and
 *   have name "Exception" like Apps Script's V8 runtime
 *   (String(e) === "Exception: <message>").
 * - Real quirks mirrored here are marked "REAL:" in comments. Messages marked
 *   "(approximate)" were not verified against production.
 */

import { randomUUID } from 'node:crypto';
import * as vm from 'node:vm';

// ---------------------------------------------------------------------------
// Shared state, counting and errors
// ---------------------------------------------------------------------------

const FX = Symbol('appsScriptFake');

export interface CallCounts {
  /** Every counted call on any fake object (SpreadsheetApp family + HtmlService, Utilities, ...). */
  total: number;
  /** Calls on SpreadsheetApp, Spreadsheet, Sheet, Range, Filter, Ui, Menu, rule/chart builders, rules, charts, metadata. */
  spreadsheet: number;
  /** Per "Class.method", e.g. byMethod['Range.setValues']. */
  byMethod: Record<string, number>;
}

type Family = 'spreadsheet' | 'other';

interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

export interface FakeOptions {
  /** Spreadsheet time zone (getSpreadsheetTimeZone, date parsing/display). Default 'America/New_York'. */
  timeZone?: string;
  /** Session.getScriptTimeZone(). Defaults to timeZone. */
  scriptTimeZone?: string;
  spreadsheetName?: string;
  spreadsheetId?: string;
  /** Sheets the spreadsheet starts with. Default ['Sheet1']. */
  sheetNames?: string[];
  /** Session.getActiveUser().getEmail(). Default 'user@example.com'. */
  userEmail?: string;
  locale?: string;
  /**
   * The fake does not evaluate formulas. getValues()/getDisplayValues() return
   * whatever this returns for a formula cell (default: "").
   */
  evaluateFormula?: (
    formula: string,
    where: { sheet: string; row: number; column: number },
  ) => unknown;
}

class Fx {
  readonly calls: CallCounts = { total: 0, spreadsheet: 0, byMethod: {} };
  depth = 0;
  realm: Realm = { Date, Error };
  context: vm.Context | undefined;
  authMode: AuthModeName = 'FULL';
  readonly store: SpreadsheetStore;
  readonly recorded: Recorded = {
    menus: [],
    sidebars: [],
    dialogs: [],
    alerts: [],
    prompts: [],
    toasts: [],
    sleeps: [],
  };
  readonly responses: Responses = { alerts: [], prompts: [] };
  readonly files: Record<string, string> = {};
  readonly logs: string[] = [];
  readonly properties = {
    document: new Map<string, string>(),
    user: new Map<string, string>(),
    script: new Map<string, string>(),
  };
  readonly caches = {
    document: new Map<string, string>(),
    user: new Map<string, string>(),
    script: new Map<string, string>(),
  };
  readonly scriptTimeZone: string;
  readonly userEmail: string;
  readonly evaluateFormula: NonNullable<FakeOptions['evaluateFormula']>;

  constructor(opts: FakeOptions) {
    const tz = opts.timeZone ?? 'America/New_York';
    this.scriptTimeZone = opts.scriptTimeZone ?? tz;
    this.userEmail = opts.userEmail ?? 'user@example.com';
    this.evaluateFormula = opts.evaluateFormula ?? (() => '');
    this.store = new SpreadsheetStore(this, {
      id: opts.spreadsheetId ?? 'fake-spreadsheet-id',
      name: opts.spreadsheetName ?? 'Untitled spreadsheet',
      timeZone: tz,
      locale: opts.locale ?? 'en_US',
      sheetNames: opts.sheetNames ?? ['Sheet1'],
    });
  }

  count(name: string, family: Family): void {
    this.calls.total++;
    if (family === 'spreadsheet') this.calls.spreadsheet++;
    this.calls.byMethod[name] = (this.calls.byMethod[name] ?? 0) + 1;
  }

  /** An Apps Script style exception, built with the vm context's Error when installed. */
  error(message: string): Error {
    const e = new this.realm.Error(message);
    e.name = 'Exception';
    return e;
  }

  date(ms: number): Date {
    return new this.realm.Date(ms);
  }

  /** REAL: in AuthMode.NONE (onOpen of an add-on not yet used in the document) user data is off limits. */
  requireAuth(what: string): void {
    if (this.authMode === 'NONE') {
      throw this.error(`You do not have permission to call ${what}. (AuthMode.NONE) (approximate)`);
    }
  }
}

interface Instrumented {
  [FX]: Fx;
  _guard?(): void;
}

/**
 * Wrap every public prototype method of `cls` so calls are counted as
 * "label.method". Methods starting with "_" and names in `skip` (test helpers)
 * are not counted. Nested calls (the fake calling itself) are not counted.
 */
function instrument(
  cls: { prototype: object },
  label: string,
  family: Family,
  skip: readonly string[] = [],
): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor' || key.startsWith('_') || skip.includes(key)) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || typeof desc.value !== 'function') continue;
    const orig = desc.value as (...args: unknown[]) => unknown;
    const name = `${label}.${key}`;
    const wrapped = function (this: Instrumented, ...args: unknown[]): unknown {
      const fx = this[FX];
      if (fx.depth === 0) fx.count(name, family);
      this._guard?.();
      fx.depth++;
      try {
        return orig.apply(this, args);
      } finally {
        fx.depth--;
      }
    };
    Object.defineProperty(wrapped, 'name', { value: key });
    Object.defineProperty(proto, key, { ...desc, value: wrapped });
  }
}

function isDate(v: unknown): v is Date {
  // Cross-realm safe: Dates created inside the vm context fail `instanceof Date` here.
  return Object.prototype.toString.call(v) === '[object Date]';
}

function typeNameForSignature(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'String';
  if (Array.isArray(v)) return 'number[]';
  return 'Object';
}

/** REAL: bad argument types fail with "The parameters (...) don't match the method signature for X." */
function signatureError(fx: Fx, method: string, args: unknown[]): Error {
  return fx.error(
    `The parameters (${args.map(typeNameForSignature).join(',')}) don't match the method signature for ${method}.`,
  );
}

function toInt(fx: Fx, v: unknown, method: string, args: unknown[]): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw signatureError(fx, method, args);
  return Math.trunc(v);
}

// ---------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------

/**
 * Apps Script enum values are objects whose toString() is the name, so both
 * `x === Enum.A` (identity) and `x == 'A'` (loose) work; we mirror that.
 */
export class FakeEnumValue {
  constructor(
    readonly enumName: string,
    private readonly valueName: string,
  ) {}
  name(): string {
    return this.valueName;
  }
  toString(): string {
    return this.valueName;
  }
  toJSON(): string {
    return this.valueName;
  }
}

function makeEnum<K extends string>(
  enumName: string,
  names: readonly K[],
): Readonly<Record<K, FakeEnumValue>> {
  const out = {} as Record<K, FakeEnumValue>;
  for (const n of names) out[n] = new FakeEnumValue(enumName, n);
  return Object.freeze(out);
}

/** Name of an enum value given as a FakeEnumValue or a plain string. */
function enumName(v: unknown): string {
  return v instanceof FakeEnumValue ? v.toString() : String(v);
}

const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL'] as const);
const ButtonSet = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
const Button = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
const ChartType = makeEnum('ChartType', [
  'AREA',
  'BAR',
  'BUBBLE',
  'CANDLESTICK',
  'COLUMN',
  'COMBO',
  'GAUGE',
  'GEO',
  'HISTOGRAM',
  'RADAR',
  'LINE',
  'ORG',
  'PIE',
  'SCATTER',
  'SPARKLINE',
  'STEPPED_AREA',
  'TABLE',
  'TIMELINE',
  'TREEMAP',
  'WATERFALL',
] as const);
const ChartPosition = makeEnum('Position', ['TOP', 'RIGHT', 'BOTTOM', 'NONE'] as const);
const ChartMergeStrategy = makeEnum('ChartMergeStrategy', ['MERGE_COLUMNS', 'MERGE_ROWS'] as const);
const ChartHiddenDimensionStrategy = makeEnum('ChartHiddenDimensionStrategy', [
  'IGNORE_BOTH',
  'IGNORE_ROWS',
  'IGNORE_COLUMNS',
  'SHOW_BOTH',
] as const);
const CurveStyle = makeEnum('CurveStyle', ['NORMAL', 'SMOOTH'] as const);
const PointStyle = makeEnum('PointStyle', ['NONE', 'TINY', 'MEDIUM', 'LARGE', 'HUGE'] as const);
const BooleanCriteria = makeEnum('BooleanCriteria', [
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_EQUAL_TO',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
  'TEXT_ENDS_WITH',
  'CUSTOM_FORMULA',
] as const);
type BooleanCriteriaName = keyof typeof BooleanCriteria;
const InterpolationType = makeEnum('InterpolationType', [
  'NUMBER',
  'PERCENT',
  'PERCENTILE',
  'MIN',
  'MAX',
] as const);
const BorderStyle = makeEnum('BorderStyle', [
  'DOTTED',
  'DASHED',
  'SOLID',
  'SOLID_MEDIUM',
  'SOLID_THICK',
  'DOUBLE',
] as const);
const WrapStrategy = makeEnum('WrapStrategy', ['WRAP', 'OVERFLOW', 'CLIP'] as const);
const Dimension = makeEnum('Dimension', ['COLUMNS', 'ROWS'] as const);
const DeveloperMetadataVisibility = makeEnum('DeveloperMetadataVisibility', [
  'DOCUMENT',
  'PROJECT',
] as const);
const DeveloperMetadataLocationType = makeEnum('DeveloperMetadataLocationType', [
  'SPREADSHEET',
  'SHEET',
  'ROW',
  'COLUMN',
] as const);
const ProtectionType = makeEnum('ProtectionType', ['RANGE', 'SHEET'] as const);
const SandboxMode = makeEnum('SandboxMode', ['EMULATED', 'IFRAME', 'NATIVE'] as const);
const XFrameOptionsMode = makeEnum('XFrameOptionsMode', ['ALLOWALL', 'DEFAULT'] as const);

// ---------------------------------------------------------------------------
// Cell storage
// ---------------------------------------------------------------------------

/** A formula cell: getValues() returns "" (or evaluateFormula()), getFormulas() the text. */
export class FormulaCell {
  constructor(readonly formula: string) {}
}
/** An error cell, e.g. "#NUM!" for a non-finite number. getValues() returns the code string. */
export class ErrorCell {
  constructor(readonly code: string) {}
}
export type CellValue = number | string | boolean | Date;
type Stored = CellValue | FormulaCell | ErrorCell | undefined;
type PropValue = string | number | boolean;

/** Sparse row-major 2-D array, 0-based. Rows are allocated on first write. */
class Grid<T> {
  rows: (T[] | undefined)[] = [];

  get(r: number, c: number): T | undefined {
    const row = this.rows[r];
    return row === undefined ? undefined : row[c];
  }

  set(r: number, c: number, v: T | undefined): void {
    let row = this.rows[r];
    if (row === undefined) {
      if (v === undefined) return;
      row = this.rows[r] = [];
    }
    row[c] = v as T;
  }

  row(r: number): T[] {
    let row = this.rows[r];
    if (row === undefined) row = this.rows[r] = [];
    return row;
  }

  clear(r0: number, c0: number, nr: number, nc: number): void {
    const end = Math.min(r0 + nr, this.rows.length);
    for (let r = r0; r < end; r++) {
      const row = this.rows[r];
      if (row === undefined) continue;
      const cEnd = Math.min(c0 + nc, row.length);
      for (let c = c0; c < cEnd; c++) row[c] = undefined as T;
    }
  }

  insertRows(at: number, n: number): void {
    const rows = this.rows;
    const old = rows.length;
    if (at >= old) return;
    rows.length = old + n;
    for (let i = old - 1; i >= at; i--) rows[i + n] = rows[i];
    for (let i = at; i < at + n; i++) rows[i] = undefined;
  }

  deleteRows(at: number, n: number): void {
    if (at < this.rows.length) this.rows.splice(at, n);
  }

  insertCols(at: number, n: number): void {
    for (const row of this.rows) {
      if (row === undefined || at >= row.length) continue;
      const old = row.length;
      row.length = old + n;
      for (let i = old - 1; i >= at; i--) row[i + n] = row[i];
      for (let i = at; i < at + n; i++) row[i] = undefined as T;
    }
  }

  deleteCols(at: number, n: number): void {
    for (const row of this.rows) if (row !== undefined && at < row.length) row.splice(at, n);
  }
}

type PropName =
  | 'numberFormat'
  | 'background'
  | 'fontWeight'
  | 'fontColor'
  | 'fontStyle'
  | 'fontSize'
  | 'fontFamily'
  | 'fontLine'
  | 'horizontalAlignment'
  | 'verticalAlignment'
  | 'wrap'
  | 'note'
  | 'border';

/** REAL: defaults returned by the getters for an untouched cell. */
const PROP_DEFAULTS: Record<PropName, PropValue> = {
  numberFormat: '0.###############',
  background: '#ffffff',
  fontWeight: 'normal',
  fontColor: '#000000',
  fontStyle: 'normal',
  fontSize: 10,
  fontFamily: 'Arial',
  fontLine: 'none',
  horizontalAlignment: 'general',
  verticalAlignment: 'bottom',
  wrap: false,
  note: '',
  border: false,
};

interface Rect {
  /** 1-based first row / column, and size. */
  r: number;
  c: number;
  nr: number;
  nc: number;
}

function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.r < b.r + b.nr && b.r < a.r + a.nr && a.c < b.c + b.nc && b.c < a.c + a.nc;
}
function rectContains(outer: Rect, inner: Rect): boolean {
  return (
    inner.r >= outer.r &&
    inner.c >= outer.c &&
    inner.r + inner.nr <= outer.r + outer.nr &&
    inner.c + inner.nc <= outer.c + outer.nc
  );
}

/** REAL: a spreadsheet may hold at most 10 million cells (all sheets, including empty cells). */
const CELL_LIMIT = 10_000_000;
/** REAL: a single cell holds at most 50,000 characters. */
const MAX_CELL_CHARS = 50_000;
/** REAL: developer metadata is limited to 30,000 characters per location (spreadsheet or sheet). */
const METADATA_CHAR_LIMIT = 30_000;

interface RuleRange {
  sheet: SheetStore;
  rect: Rect;
}

interface GradientPoint {
  color: string;
  type: string;
  value: string;
}

interface RuleData {
  ranges: RuleRange[];
  criteria: BooleanCriteriaName | null;
  criteriaValues: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
  gradient: {
    min: GradientPoint | null;
    mid: GradientPoint | null;
    max: GradientPoint | null;
  } | null;
}

interface ChartData {
  id: number | null;
  type: string;
  ranges: RuleRange[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

interface MetadataData {
  id: number;
  key: string;
  value: string | null;
  visibility: string;
  /** null = spreadsheet-level */
  sheet: SheetStore | null;
}

/** The sheet's basic filter (REAL: at most one per sheet). */
interface FilterData {
  rect: Rect;
}

interface ProtectionData {
  sheet: SheetStore;
  rect: Rect | null;
  description: string;
  warningOnly: boolean;
  removed: boolean;
}

class SheetStore {
  readonly values = new Grid<Stored>();
  readonly props = new Map<PropName, Grid<PropValue>>();
  maxRows = 1000;
  maxCols = 26;
  frozenRows = 0;
  frozenCols = 0;
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenCols = new Set<number>();
  readonly hiddenRows = new Set<number>();
  hidden = false;
  tabColor: string | null = null;
  merges: Rect[] = [];
  rules: RuleData[] = [];
  charts: ChartData[] = [];
  protections: ProtectionData[] = [];
  /** REAL: a sheet has at most one filter; Sheet.clear() leaves it in place. */
  filter: FilterData | null = null;
  borders = 0;
  deleted = false;

  constructor(
    readonly id: number,
    public name: string,
  ) {}

  prop(name: PropName): Grid<PropValue> {
    let g = this.props.get(name);
    if (g === undefined) {
      g = new Grid<PropValue>();
      this.props.set(name, g);
    }
    return g;
  }

  /** REAL: getLastRow() is the last row with a value or formula; formatting does not count. */
  lastRow(): number {
    const rows = this.values.rows;
    for (let r = rows.length - 1; r >= 0; r--) {
      const row = rows[r];
      if (row?.some((v) => v !== undefined)) return r + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.values.rows) {
      if (row === undefined) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (row[c] !== undefined) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  clearRect(rect: Rect, what: { contents: boolean; formats: boolean }): void {
    const { r, c, nr, nc } = rect;
    if (what.contents) this.values.clear(r - 1, c - 1, nr, nc);
    if (what.formats) {
      for (const [name, g] of this.props) if (name !== 'note') g.clear(r - 1, c - 1, nr, nc);
      this.merges = this.merges.filter((m) => !rectContains(rect, m));
    }
  }

  cellCount(): number {
    return this.maxRows * this.maxCols;
  }
}

class SpreadsheetStore {
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  sheets: SheetStore[] = [];
  activeSheet: SheetStore;
  activeRange: Rect | null = null;
  nextSheetId = 0;
  nextMetadataId = 1;
  nextChartId = 1;
  readonly namedRanges = new Map<string, RuleRange>();
  metadata: MetadataData[] = [];

  constructor(
    private readonly fx: Fx,
    init: { id: string; name: string; timeZone: string; locale: string; sheetNames: string[] },
  ) {
    this.id = init.id;
    this.name = init.name;
    this.timeZone = init.timeZone;
    this.locale = init.locale;
    for (const n of init.sheetNames) this.addSheet(n, this.sheets.length);
    if (this.sheets.length === 0) this.addSheet('Sheet1', 0);
    this.activeSheet = this.sheets[0];
  }

  /**
   * REAL: sheet names are unique case-insensitively ("Data" and "data" cannot
   * coexist) and getSheetByName matches case-insensitively.
   */
  find(name: string): SheetStore | undefined {
    const lower = String(name).toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  assertNameFree(name: string, except?: SheetStore): void {
    const existing = this.find(name);
    if (existing && existing !== except) {
      // REAL message.
      throw this.fx.error(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    }
  }

  addSheet(name: string, index: number): SheetStore {
    this.assertNameFree(name);
    const s = new SheetStore(this.nextSheetId, name);
    this.nextSheetId = this.nextSheetId === 0 ? 1_000_001 : this.nextSheetId + 7919;
    this.assertCellLimit(s.cellCount());
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, s);
    return s;
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.cellCount(), 0);
  }

  assertCellLimit(extra: number): void {
    if (this.totalCells() + extra > CELL_LIMIT) {
      // REAL message.
      throw this.fx.error(
        `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
      );
    }
  }

  uniqueSheetName(): string {
    for (let k = this.sheets.length + 1; ; k++) if (!this.find(`Sheet${k}`)) return `Sheet${k}`;
  }

  metadataChars(sheet: SheetStore | null): number {
    let n = 0;
    for (const m of this.metadata)
      if (m.sheet === sheet) n += m.key.length + (m.value?.length ?? 0);
    return n;
  }
}

// ---------------------------------------------------------------------------
// A1 notation
// ---------------------------------------------------------------------------

export function columnToLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function lettersToColumn(s: string): number {
  let n = 0;
  for (const ch of s.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function rectToA1(rect: Rect): string {
  const start = `${columnToLetters(rect.c)}${rect.r}`;
  if (rect.nr === 1 && rect.nc === 1) return start;
  return `${start}:${columnToLetters(rect.c + rect.nc - 1)}${rect.r + rect.nr - 1}`;
}

const A1_PART = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses "A1", "A1:C3", "A:C", "2:5", "A2:C" ("$" allowed). Returns null if invalid. */
function parseA1(a1: string, maxRows: number, maxCols: number): Rect | null {
  const parts = a1.trim().split(':');
  if (parts.length < 1 || parts.length > 2) return null;
  const m1 = A1_PART.exec(parts[0]);
  if (!m1 || (!m1[1] && !m1[2])) return null;
  if (parts.length === 1) {
    if (!m1[1] || !m1[2]) return null;
    const r = Number(m1[2]);
    const c = lettersToColumn(m1[1]);
    return { r, c, nr: 1, nc: 1 };
  }
  const m2 = A1_PART.exec(parts[1]);
  if (!m2 || (!m2[1] && !m2[2])) return null;
  const r1 = m1[2] ? Number(m1[2]) : 1;
  const c1 = m1[1] ? lettersToColumn(m1[1]) : 1;
  const r2 = m2[2] ? Number(m2[2]) : maxRows;
  const c2 = m2[1] ? lettersToColumn(m2[1]) : maxCols;
  const r = Math.min(r1, r2);
  const c = Math.min(c1, c2);
  return { r, c, nr: Math.abs(r2 - r1) + 1, nc: Math.abs(c2 - c1) + 1 };
}

/** Splits "'My Sheet'!A1:B2" / "Data!A1" into sheet name (or null) and A1 part. */
function splitSheetA1(ref: string): { sheet: string | null; a1: string } {
  const bang = ref.lastIndexOf('!');
  if (bang < 0) return { sheet: null, a1: ref };
  let sheet = ref.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, a1: ref.slice(bang + 1) };
}

// ---------------------------------------------------------------------------
// Time zones and date formatting
// ---------------------------------------------------------------------------

const dtfCache = new Map<string, Intl.DateTimeFormat | null>();

function getDtf(tz: string): Intl.DateTimeFormat | null {
  let f = dtfCache.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null;
    }
    dtfCache.set(tz, f);
  }
  return f;
}

/** "GMT+2", "UTC-05:30", "GMT+0530" -> offset in ms, else null. */
function fixedOffset(tz: string): number | null {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i.exec(tz.trim());
  if (!m) return null;
  if (!m[1]) return 0;
  const ms = (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60_000;
  return m[1] === '-' ? -ms : ms;
}

/**
 * Offset of `tz` from UTC at instant `ms`, in ms. REAL (Java TimeZone): an
 * unknown zone id silently means GMT, so we fall back to 0 as well.
 */
function tzOffsetMs(ms: number, tz: string): number {
  const fixed = fixedOffset(tz);
  if (fixed !== null) return fixed;
  const f = getDtf(tz);
  if (f === null) return 0;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms)))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(
    p.year,
    p.month - 1,
    p.day,
    p.hour === 24 ? 0 : p.hour,
    p.minute,
    p.second,
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant at which the wall clock in `tz` shows the given time. */
function zonedToEpoch(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  tz: string,
): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const t1 = guess - tzOffsetMs(guess, tz);
  return guess - tzOffsetMs(t1, tz);
}

/** Wall-clock fields in tz, read via UTC getters of the returned Date. */
function wall(ms: number, tz: string): Date {
  return new Date(ms + tzOffsetMs(ms, tz));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offsetString(offMs: number, colon: boolean): string {
  const sign = offMs < 0 ? '-' : '+';
  const mins = Math.abs(Math.round(offMs / 60_000));
  return `${sign}${pad(Math.floor(mins / 60), 2)}${colon ? ':' : ''}${pad(mins % 60, 2)}`;
}

function zoneAbbrev(ms: number, tz: string): string {
  const off = tzOffsetMs(ms, tz);
  if (fixedOffset(tz) === null && getDtf(tz) !== null) {
    try {
      const p = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        timeZoneName: 'short',
      }).formatToParts(new Date(ms));
      const name = p.find((x) => x.type === 'timeZoneName')?.value;
      if (name) return name;
    } catch {
      /* fall through */
    }
  }
  return off === 0 ? 'GMT' : `GMT${offsetString(off, true)}`;
}

/**
 * Utilities.formatDate: Java SimpleDateFormat patterns (yyyy, MM, MMM, dd, HH,
 * hh, mm, ss, SSS, a, E/EEEE, z, Z, XXX, 'quoted literals').
 */
function formatJavaDate(fx: Fx, date: Date, tz: string, pattern: string): string {
  const ms = date.getTime();
  const w = wall(ms, tz);
  const off = tzOffsetMs(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop).replace(/''/g, "'");
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    const h = w.getUTCHours();
    switch (ch) {
      case 'G':
        out += 'AD';
        break;
      case 'y':
      case 'Y':
        out += n === 2 ? pad(w.getUTCFullYear() % 100, 2) : pad(w.getUTCFullYear(), n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? MONTHS[w.getUTCMonth()]
            : n === 3
              ? MONTHS[w.getUTCMonth()].slice(0, 3)
              : pad(w.getUTCMonth() + 1, n);
        break;
      case 'd':
        out += pad(w.getUTCDate(), n);
        break;
      case 'D': {
        const doy = Math.floor((w.getTime() - Date.UTC(w.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
        out += pad(doy, n);
        break;
      }
      case 'E':
        out += n >= 4 ? DAYS[w.getUTCDay()] : DAYS[w.getUTCDay()].slice(0, 3);
        break;
      case 'u':
        out += pad(w.getUTCDay() === 0 ? 7 : w.getUTCDay(), n);
        break;
      case 'a':
        out += h < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(h, n);
        break;
      case 'k':
        out += pad(h === 0 ? 24 : h, n);
        break;
      case 'K':
        out += pad(h % 12, n);
        break;
      case 'h':
        out += pad(h % 12 === 0 ? 12 : h % 12, n);
        break;
      case 'm':
        out += pad(w.getUTCMinutes(), n);
        break;
      case 's':
        out += pad(w.getUTCSeconds(), n);
        break;
      case 'S':
        out += pad(w.getUTCMilliseconds(), n);
        break;
      case 'z':
        out += zoneAbbrev(ms, tz);
        break;
      case 'Z':
        out += offsetString(off, false);
        break;
      case 'X':
        out +=
          off === 0
            ? 'Z'
            : n === 1
              ? offsetString(off, false).slice(0, 3)
              : offsetString(off, n >= 3);
        break;
      default:
        // REAL (Java): unknown pattern letters are rejected.
        throw fx.error(`Illegal pattern character '${ch}' (approximate)`);
    }
  }
  return out;
}

/** Serial day number (Sheets/Excel epoch 1899-12-30) -> epoch ms of that wall time as UTC. */
function serialToUtcWallMs(serial: number): number {
  return Math.round((serial - 25569) * 86_400_000);
}

/**
 * Display of a date with a Sheets number-format pattern (yyyy, yy, mmmm, mmm,
 * mm, m, dddd, ddd, dd, d, hh, h, ss, am/pm). `m`/`mm` mean minutes after an
 * hour token or before a seconds token, as in Sheets.
 */
function formatSheetsDate(wallUtc: Date, pattern: string): string {
  type Tok = { kind: 'lit'; text: string } | { kind: 'tok'; ch: string; n: number };
  const toks: Tok[] = [];
  let ampm = false;
  for (let i = 0; i < pattern.length; ) {
    const rest = pattern.slice(i).toLowerCase();
    if (rest.startsWith('am/pm')) {
      toks.push({ kind: 'tok', ch: 'ampm', n: 5 });
      ampm = true;
      i += 5;
      continue;
    }
    const ch = pattern[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end < 0 ? pattern.length : end;
      toks.push({ kind: 'lit', text: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (ch === '\\') {
      toks.push({ kind: 'lit', text: pattern[i + 1] ?? '' });
      i += 2;
      continue;
    }
    if ('ymdhs'.includes(lower)) {
      let n = 1;
      while (pattern[i + n]?.toLowerCase() === lower) n++;
      toks.push({ kind: 'tok', ch: lower, n });
      i += n;
      continue;
    }
    toks.push({ kind: 'lit', text: ch });
    i++;
  }
  const tokIdx = toks.map((t, i) => (t.kind === 'tok' ? i : -1)).filter((i) => i >= 0);
  let out = '';
  toks.forEach((t, idx) => {
    if (t.kind === 'lit') {
      out += t.text;
      return;
    }
    const pos = tokIdx.indexOf(idx);
    const prev = pos > 0 ? toks[tokIdx[pos - 1]] : undefined;
    const next = pos < tokIdx.length - 1 ? toks[tokIdx[pos + 1]] : undefined;
    const h = wallUtc.getUTCHours();
    switch (t.ch) {
      case 'y':
        out += t.n <= 2 ? pad(wallUtc.getUTCFullYear() % 100, 2) : String(wallUtc.getUTCFullYear());
        break;
      case 'm': {
        const minutes =
          (prev?.kind === 'tok' && prev.ch === 'h') || (next?.kind === 'tok' && next.ch === 's');
        if (minutes && t.n <= 2) out += pad(wallUtc.getUTCMinutes(), t.n);
        else if (t.n >= 4) out += MONTHS[wallUtc.getUTCMonth()];
        else if (t.n === 3) out += MONTHS[wallUtc.getUTCMonth()].slice(0, 3);
        else out += pad(wallUtc.getUTCMonth() + 1, t.n);
        break;
      }
      case 'd':
        if (t.n >= 4) out += DAYS[wallUtc.getUTCDay()];
        else if (t.n === 3) out += DAYS[wallUtc.getUTCDay()].slice(0, 3);
        else out += pad(wallUtc.getUTCDate(), t.n);
        break;
      case 'h':
        out += pad(ampm ? (h % 12 === 0 ? 12 : h % 12) : h, Math.min(t.n, 2));
        break;
      case 's':
        out += pad(wallUtc.getUTCSeconds(), Math.min(t.n, 2));
        break;
      case 'ampm':
        out += h < 12 ? 'AM' : 'PM';
        break;
    }
  });
  return out;
}

// ---------------------------------------------------------------------------
// Number formats (display only)
// ---------------------------------------------------------------------------

const DEFAULT_NUMBER_FORMAT = '0.###############';

function generalNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

function splitSections(pattern: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of pattern) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function isDatePattern(section: string): boolean {
  const bare = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare) && !/[0#?]/.test(bare.replace(/s+\.0+/gi, ''));
}

/** Formats a number with a Sheets numeric pattern: prefixes/suffixes, 0/#, thousands, decimals, %. */
function formatNumberPattern(n: number, pattern: string): string {
  const sections = splitSections(pattern);
  let section = sections[0];
  let v = n;
  let signHandled = false;
  if (n < 0 && sections.length > 1 && sections[1] !== '') {
    section = sections[1];
    v = -n;
    signHandled = true;
  } else if (n === 0 && sections.length > 2 && sections[2] !== '') {
    section = sections[2];
  }
  let prefix = '';
  let suffix = '';
  let core = '';
  let percent = false;
  let inCore = false;
  let coreDone = false;
  const lit = (s: string): void => {
    if (core === '') prefix += s;
    else {
      suffix += s;
      if (inCore) {
        inCore = false;
        coreDone = true;
      }
    }
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      lit(section.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      lit(section[i + 1] ?? '');
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (inner.startsWith('$')) lit(inner.slice(1).split('-')[0]);
      i = end < 0 ? section.length : end;
    } else if (ch === '_') {
      lit(' ');
      i++;
    } else if (ch === '*') {
      i++;
    } else if ('0#?.,'.includes(ch) && !coreDone) {
      core += ch;
      inCore = true;
    } else {
      if (ch === '%') percent = true;
      lit(ch);
    }
  }
  if (core === '') return prefix + suffix;
  let scaled = percent ? v * 100 : v;
  const dot = core.indexOf('.');
  let intPat = dot < 0 ? core : core.slice(0, dot);
  const fracPat = dot < 0 ? '' : core.slice(dot + 1);
  while (intPat.endsWith(',')) {
    intPat = intPat.slice(0, -1);
    scaled /= 1000;
  }
  const grouping = intPat.includes(',');
  const minInt = (intPat.match(/0/g) ?? []).length;
  const maxDec = (fracPat.match(/[0#?]/g) ?? []).length;
  const minDec = (fracPat.match(/0/g) ?? []).length;
  let str = Math.abs(scaled).toFixed(maxDec);
  let [ip, fp = ''] = str.split('.');
  while (fp.length > minDec && fp.endsWith('0')) fp = fp.slice(0, -1);
  if (ip === '0' && minInt === 0) ip = '';
  if (ip.length < minInt) ip = '0'.repeat(minInt - ip.length) + ip;
  if (grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  str = fp !== '' ? `${ip}.${fp}` : dot >= 0 && fracPat === '' ? `${ip}.` : ip;
  const negative = !signHandled && scaled < 0 && /[1-9]/.test(str);
  return `${negative ? '-' : ''}${prefix}${str}${suffix}`;
}

// ---------------------------------------------------------------------------
// Typed-input parsing (what setValues does to strings)
// ---------------------------------------------------------------------------

const NUM_RE =
  /^([+-])?(\$)?(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%)?$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function parseNumberLike(s: string): number | null {
  const m = NUM_RE.exec(s);
  if (!m) return null;
  let v = Number(m[3].replace(/,/g, '') + (m[4] ? `e${m[4]}` : ''));
  if (m[5]) v /= 100;
  if (m[1] === '-') v = -v;
  return Number.isFinite(v) ? v : null;
}

function validYmd(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}

function parseDateLike(
  s: string,
  tz: string,
): { ms: number; hasTime: boolean; iso: boolean } | null {
  let m = ISO_DATE_RE.exec(s);
  let y: number, mo: number, d: number, iso: boolean;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    iso = true;
  } else {
    m = US_DATE_RE.exec(s);
    if (!m) return null;
    // en_US locale: month/day/year.
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    iso = false;
  }
  if (!validYmd(y, mo, d)) return null;
  const h = m[4] ? Number(m[4]) : 0;
  const mi = m[5] ? Number(m[5]) : 0;
  const sec = m[6] ? Number(m[6]) : 0;
  if (h > 23 || mi > 59 || sec > 59) return null;
  return { ms: zonedToEpoch(y, mo, d, h, mi, sec, tz), hasTime: !!m[4], iso };
}

/**
 * REAL: Range.setValues/setValue behave like typing into the cell
 * (USER_ENTERED): "=..." becomes a formula, a leading apostrophe forces text
 * (and is not stored), and text that looks like a number, percentage,
 * currency, boolean or date is converted ("-5" -> -5, "00123" -> 123,
 * "50%" -> 0.5, "TRUE" -> true, "2024-01-15" -> Date). Cells formatted as
 * plain text ("@") keep strings verbatim.
 */
function parseInput(raw: unknown, plainText: boolean, tz: string): Stored {
  if (raw === null || raw === undefined) return undefined;
  switch (typeof raw) {
    case 'number':
      // Real Sheets cannot hold NaN/Infinity; they surface as an error value.
      return Number.isFinite(raw) ? raw : new ErrorCell('#NUM!');
    case 'boolean':
      return raw;
    case 'string':
      return parseString(raw, plainText, tz);
    default:
      if (isDate(raw)) {
        const t = raw.getTime();
        return Number.isNaN(t) ? new ErrorCell('#VALUE!') : new Date(t);
      }
      return parseString(String(raw), plainText, tz);
  }
}

function parseString(s: string, plainText: boolean, tz: string): Stored {
  if (s === '') return undefined;
  if (plainText) return s;
  const c0 = s.charCodeAt(0);
  if (c0 === 61 /* = */) return new FormulaCell(s);
  if (c0 === 39 /* ' */) return s.length > 1 ? s.slice(1) : undefined;
  // Fast path: only strings starting with a digit, sign, dot, $, t/f or space can convert.
  const maybe =
    (c0 >= 48 && c0 <= 57) ||
    c0 === 43 ||
    c0 === 45 ||
    c0 === 46 ||
    c0 === 36 ||
    c0 === 32 ||
    c0 === 9 ||
    c0 === 116 ||
    c0 === 84 ||
    c0 === 102 ||
    c0 === 70;
  if (!maybe) return s;
  const t = s.trim();
  const n = parseNumberLike(t);
  if (n !== null) return n;
  if (/^true$/i.test(t)) return true;
  if (/^false$/i.test(t)) return false;
  const d = parseDateLike(t, tz);
  if (d !== null) return new Date(d.ms);
  return s;
}

/** The number format Sheets applies when typed text converts (only used if the cell has none). */
function impliedFormat(raw: string, tz: string): string | undefined {
  const t = raw.trim();
  const m = NUM_RE.exec(t);
  if (m) {
    if (m[5]) return m[3].includes('.') ? '0.00%' : '0%';
    if (m[2]) return '$#,##0.00';
    if (m[3].includes(',')) return '#,##0';
    return undefined;
  }
  const d = parseDateLike(t, tz);
  if (d) return (d.iso ? 'yyyy-mm-dd' : 'm/d/yyyy') + (d.hasTime ? ' h:mm:ss' : '');
  return undefined;
}

/** Stores a value verbatim (seeding): no formula/number parsing. */
function storeVerbatim(v: unknown): Stored {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? v : new ErrorCell('#NUM!');
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (isDate(v)) return new Date(v.getTime());
  if (v instanceof FormulaCell || v instanceof ErrorCell) return v;
  return String(v);
}

const COLOR_NAMES: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  lime: '#00ff00',
  navy: '#000080',
  silver: '#c0c0c0',
  maroon: '#800000',
  teal: '#008080',
  pink: '#ffc0cb',
};

/** REAL: colours read back as lowercase #rrggbb. null resets to the default. */
function normalizeColor(c: unknown): string | undefined {
  if (c === null || c === undefined || c === '') return undefined;
  const s = String(c).trim().toLowerCase();
  if (COLOR_NAMES[s]) return COLOR_NAMES[s];
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return s;
}

function normalizeProp(name: PropName, v: unknown): PropValue | undefined {
  if (v === null || v === undefined) return undefined;
  switch (name) {
    case 'background':
    case 'fontColor':
      return normalizeColor(v);
    case 'fontSize':
      return Number(v);
    case 'wrap':
    case 'border':
      return Boolean(v);
    case 'horizontalAlignment':
    case 'verticalAlignment':
    case 'fontWeight':
    case 'fontStyle':
    case 'fontLine':
      return String(v).toLowerCase();
    default:
      return String(v);
  }
}

// ---------------------------------------------------------------------------
// Recording (UI) types
// ---------------------------------------------------------------------------

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
  addedToUi: boolean;
}

export interface Recorded {
  /** Every menu created (createMenu / createAddonMenu), whether or not addToUi() was called. */
  menus: MenuRecord[];
  sidebars: { title: string; content: string; width: number | null; height: number | null }[];
  dialogs: {
    title: string;
    content: string;
    width: number | null;
    height: number | null;
    modal: boolean;
  }[];
  alerts: { title: string | null; prompt: string; buttons: string | null }[];
  prompts: { title: string | null; prompt: string; buttons: string | null }[];
  toasts: { message: string; title: string | null; timeoutSeconds: number | null }[];
  sleeps: number[];
}

export interface Responses {
  /** Buttons returned by successive Ui.alert calls ('OK', 'YES', ...). Default: OK (or YES for YES_NO sets). */
  alerts: string[];
  /** Successive Ui.prompt responses. Default: { text: '', button: 'OK' }. */
  prompts: { text: string; button: string }[];
}

// ---------------------------------------------------------------------------
// Snapshots for test inspection
// ---------------------------------------------------------------------------

export interface CellSnapshot {
  /** What getValues() returns: '' for blank and for formulas. */
  value: CellValue;
  /** The formula text ("=SUM(A1:A3)") or null. */
  formula: string | null;
  isFormula: boolean;
  /** Error code ("#NUM!") or null. */
  error: string | null;
  /** Explicitly set formatting, null when never set (i.e. the sheet default). */
  numberFormat: string | null;
  background: string | null;
  fontWeight: string | null;
  fontColor: string | null;
  fontStyle: string | null;
  fontSize: number | null;
  horizontalAlignment: string | null;
  wrap: boolean | null;
  note: string | null;
}

export interface RuleSnapshot {
  ranges: string[];
  criteria: string | null;
  criteriaValues: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  gradient: {
    min: GradientPoint | null;
    mid: GradientPoint | null;
    max: GradientPoint | null;
  } | null;
}

export interface ChartSnapshot {
  chartId: number | null;
  type: string;
  /** "Sheet!A1:B10" */
  ranges: string[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorColumn: number; offsetX: number; offsetY: number };
  numHeaders: number;
}

export interface SheetSnapshot {
  name: string;
  index: number;
  sheetId: number;
  maxRows: number;
  maxColumns: number;
  lastRow: number;
  lastColumn: number;
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  columnWidths: Record<number, number>;
  merges: string[];
  conditionalFormatRules: RuleSnapshot[];
  charts: ChartSnapshot[];
  developerMetadata: { id: number; key: string; value: string | null; visibility: string }[];
  protections: { range: string | null; description: string; warningOnly: boolean }[];
  /** A1 range of the sheet's filter, or null. */
  filter: string | null;
}

function ruleSnapshot(r: RuleData): RuleSnapshot {
  return {
    ranges: r.ranges.map((x) => rectToA1(x.rect)),
    criteria: r.criteria,
    criteriaValues: [...r.criteriaValues],
    background: r.background,
    fontColor: r.fontColor,
    bold: r.bold,
    italic: r.italic,
    gradient: r.gradient ? { ...r.gradient } : null,
  };
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function chartSnapshot(c: ChartData): ChartSnapshot {
  return {
    chartId: c.id,
    type: c.type,
    ranges: c.ranges.map((x) => `${quoteSheet(x.sheet.name)}!${rectToA1(x.rect)}`),
    options: { ...c.options },
    position: { ...c.position },
    numHeaders: c.numHeaders,
  };
}

// ---------------------------------------------------------------------------
// SpreadsheetApp
// ---------------------------------------------------------------------------

export class FakeSpreadsheetApp {
  readonly [FX]: Fx;
  readonly BooleanCriteria = BooleanCriteria;
  readonly InterpolationType = InterpolationType;
  readonly BorderStyle = BorderStyle;
  readonly WrapStrategy = WrapStrategy;
  readonly Dimension = Dimension;
  readonly DeveloperMetadataVisibility = DeveloperMetadataVisibility;
  readonly DeveloperMetadataLocationType = DeveloperMetadataLocationType;
  readonly ProtectionType = ProtectionType;

  constructor(fx: Fx) {
    this[FX] = fx;
  }

  getActiveSpreadsheet(): FakeSpreadsheet {
    this[FX].requireAuth('SpreadsheetApp.getActiveSpreadsheet');
    return new FakeSpreadsheet(this[FX]);
  }
  getActive(): FakeSpreadsheet {
    this[FX].requireAuth('SpreadsheetApp.getActive');
    return new FakeSpreadsheet(this[FX]);
  }
  openById(id: string): FakeSpreadsheet {
    this[FX].requireAuth('SpreadsheetApp.openById');
    if (id !== this[FX].store.id)
      throw this[FX].error(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    return new FakeSpreadsheet(this[FX]);
  }
  getActiveSheet(): FakeSheet {
    this[FX].requireAuth('SpreadsheetApp.getActiveSheet');
    return new FakeSheet(this[FX], this[FX].store.activeSheet);
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this[FX].requireAuth('SpreadsheetApp.setActiveSheet');
    return new FakeSpreadsheet(this[FX]).setActiveSheet(sheet);
  }
  getActiveRange(): FakeRange | null {
    this[FX].requireAuth('SpreadsheetApp.getActiveRange');
    return new FakeSpreadsheet(this[FX]).getActiveRange();
  }
  setActiveRange(range: FakeRange): FakeRange {
    return range.activate();
  }
  getCurrentCell(): FakeRange | null {
    this[FX].requireAuth('SpreadsheetApp.getCurrentCell');
    return new FakeSpreadsheet(this[FX]).getCurrentCell();
  }
  getUi(): FakeUi {
    return new FakeUi(this[FX]);
  }
  flush(): void {
    /* nothing is buffered in the fake */
  }
  newConditionalFormatRule(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this[FX]);
  }
}

// ---------------------------------------------------------------------------
// Spreadsheet
// ---------------------------------------------------------------------------

const SPREADSHEET_TEST_HELPERS = [
  'seedSheet',
  'inspectSheet',
  'inspectCell',
  'inspectCells',
  'rawValues',
  'select',
  'sheetNames',
] as const;

export class FakeSpreadsheet {
  readonly [FX]: Fx;

  constructor(fx: Fx) {
    this[FX] = fx;
  }

  private get store(): SpreadsheetStore {
    return this[FX].store;
  }

  getId(): string {
    return this.store.id;
  }
  getName(): string {
    return this.store.name;
  }
  rename(name: string): void {
    this.store.name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.store.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.store.timeZone;
  }
  setSpreadsheetTimeZone(tz: string): void {
    this.store.timeZone = String(tz);
  }
  getSpreadsheetLocale(): string {
    return this.store.locale;
  }
  getActiveSheet(): FakeSheet {
    return new FakeSheet(this[FX], this.store.activeSheet);
  }
  setActiveSheet(sheet: FakeSheet, _restoreSelection?: boolean): FakeSheet {
    const s = sheetStoreOf(this[FX], sheet, 'SpreadsheetApp.Spreadsheet.setActiveSheet');
    this.store.activeSheet = s;
    this.store.activeRange = null;
    return new FakeSheet(this[FX], s);
  }
  getSheetByName(name: string): FakeSheet | null {
    const s = this.store.find(name);
    return s ? new FakeSheet(this[FX], s) : null;
  }
  getSheetById(id: number): FakeSheet | null {
    const s = this.store.sheets.find((x) => x.id === id);
    return s ? new FakeSheet(this[FX], s) : null;
  }
  getSheets(): FakeSheet[] {
    return this.store.sheets.map((s) => new FakeSheet(this[FX], s));
  }
  getNumSheets(): number {
    return this.store.sheets.length;
  }

  /**
   * insertSheet(), insertSheet(index), insertSheet(name), insertSheet(name, index[, options]).
   * REAL: `index` is 0-based here although Sheet.getIndex() is 1-based; the new
   * sheet becomes the active sheet; a duplicate (case-insensitive) name throws.
   */
  insertSheet(
    nameOrIndex?: string | number | object,
    index?: number,
    _options?: object,
  ): FakeSheet {
    const fx = this[FX];
    let name: string | undefined;
    let at = this.store.sheets.length;
    if (typeof nameOrIndex === 'number') at = nameOrIndex;
    else if (typeof nameOrIndex === 'string' && nameOrIndex !== '') name = nameOrIndex;
    if (typeof index === 'number') at = index;
    name ??= this.store.uniqueSheetName();
    if (at < 0 || at > this.store.sheets.length) {
      throw fx.error(`The sheet index ${at} is out of range. (approximate)`);
    }
    const s = this.store.addSheet(name, at);
    this.store.activeSheet = s;
    this.store.activeRange = null;
    return new FakeSheet(fx, s);
  }

  deleteSheet(sheet: FakeSheet): void {
    const fx = this[FX];
    const s = sheetStoreOf(fx, sheet, 'SpreadsheetApp.Spreadsheet.deleteSheet');
    if (this.store.sheets.length === 1) {
      throw fx.error("You can't remove all the sheets in a document. (approximate)");
    }
    this.store.sheets = this.store.sheets.filter((x) => x !== s);
    breakReferences(this.store.sheets, s.name);
    this.store.metadata = this.store.metadata.filter((m) => m.sheet !== s);
    for (const [k, v] of this.store.namedRanges)
      if (v.sheet === s) this.store.namedRanges.delete(k);
    s.deleted = true;
    if (this.store.activeSheet === s) {
      this.store.activeSheet = this.store.sheets[0];
      this.store.activeRange = null;
    }
  }

  /** REAL: the user's selection; defaults to A1 of the active sheet. */
  getActiveRange(): FakeRange | null {
    const st = this.store;
    const rect = st.activeRange ?? { r: 1, c: 1, nr: 1, nc: 1 };
    return new FakeRange(this[FX], st.activeSheet, rect);
  }
  setActiveRange(range: FakeRange): FakeRange {
    return range.activate();
  }
  getCurrentCell(): FakeRange | null {
    const st = this.store;
    const rect = st.activeRange ?? { r: 1, c: 1, nr: 1, nc: 1 };
    return new FakeRange(this[FX], st.activeSheet, { r: rect.r, c: rect.c, nr: 1, nc: 1 });
  }

  /** getRange("Sheet1!A1:B2") or getRange("A1") on the active sheet. */
  getRange(a1Notation: string): FakeRange {
    const fx = this[FX];
    const { sheet, a1 } = splitSheetA1(String(a1Notation));
    const s = sheet === null ? this.store.activeSheet : this.store.find(sheet);
    if (!s) throw fx.error('Range not found');
    return new FakeSheet(fx, s)._rangeFromA1(a1);
  }

  getRangeByName(name: string): FakeRange | null {
    const nr = this.store.namedRanges.get(String(name));
    return nr ? new FakeRange(this[FX], nr.sheet, nr.rect) : null;
  }
  setNamedRange(name: string, range: FakeRange): void {
    const { sheet, rect } = range._location();
    this.store.namedRanges.set(String(name), { sheet, rect: { ...rect } });
  }
  removeNamedRange(name: string): void {
    this.store.namedRanges.delete(String(name));
  }

  toast(message: unknown, title?: unknown, timeoutSeconds?: number): void {
    this[FX].recorded.toasts.push({
      message: String(message),
      title: title === undefined || title === null ? null : String(title),
      timeoutSeconds: timeoutSeconds ?? null,
    });
  }

  addDeveloperMetadata(
    key: string,
    valueOrVisibility?: unknown,
    visibility?: unknown,
  ): FakeSpreadsheet {
    addMetadata(this[FX], null, key, valueOrVisibility, visibility);
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this.store.metadata
      .filter((m) => m.sheet === null)
      .map((m) => new FakeDeveloperMetadata(this[FX], m));
  }
  /** REAL: searches metadata on the spreadsheet and all its sheets. */
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this[FX], () => this.store.metadata);
  }

  // ---- test helpers (not counted) -----------------------------------------

  /**
   * Creates the sheet if needed (growing it to fit) and writes `values` from A1
   * VERBATIM (strings stay strings, no formula/number parsing). Not counted.
   */
  seedSheet(
    name: string,
    values: readonly (readonly unknown[])[],
    opts: { at?: string } = {},
  ): FakeSheet {
    const st = this.store;
    let s = st.find(name);
    if (!s) {
      s = st.addSheet(name, st.sheets.length);
    }
    const start = opts.at ? parseA1(opts.at, s.maxRows, s.maxCols) : { r: 1, c: 1, nr: 1, nc: 1 };
    if (!start) throw new Error(`bad A1: ${opts.at}`);
    const width = values.reduce((w, row) => Math.max(w, row.length), 0);
    s.maxRows = Math.max(s.maxRows, start.r - 1 + values.length);
    s.maxCols = Math.max(s.maxCols, start.c - 1 + width);
    for (let i = 0; i < values.length; i++) {
      const row = s.values.row(start.r - 1 + i);
      const src = values[i];
      for (let j = 0; j < src.length; j++) row[start.c - 1 + j] = storeVerbatim(src[j]);
    }
    return new FakeSheet(this[FX], s);
  }

  /** Selects a range as the user would (active sheet + active range). Not counted. */
  select(sheetName: string, a1: string): void {
    const s = this._sheet(sheetName);
    const rect = parseA1(a1, s.maxRows, s.maxCols);
    if (!rect) throw new Error(`bad A1: ${a1}`);
    this.store.activeSheet = s;
    this.store.activeRange = rect;
  }

  sheetNames(): string[] {
    return this.store.sheets.map((s) => s.name);
  }

  inspectSheet(name: string): SheetSnapshot {
    const s = this._sheet(name);
    const st = this.store;
    return {
      name: s.name,
      index: st.sheets.indexOf(s) + 1,
      sheetId: s.id,
      maxRows: s.maxRows,
      maxColumns: s.maxCols,
      lastRow: s.lastRow(),
      lastColumn: s.lastColumn(),
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenCols,
      hidden: s.hidden,
      tabColor: s.tabColor,
      columnWidths: Object.fromEntries(s.colWidths),
      merges: s.merges.map(rectToA1),
      conditionalFormatRules: s.rules.map(ruleSnapshot),
      charts: s.charts.map(chartSnapshot),
      developerMetadata: st.metadata
        .filter((m) => m.sheet === s)
        .map((m) => ({ id: m.id, key: m.key, value: m.value, visibility: m.visibility })),
      protections: s.protections
        .filter((p) => !p.removed)
        .map((p) => ({
          range: p.rect ? rectToA1(p.rect) : null,
          description: p.description,
          warningOnly: p.warningOnly,
        })),
      filter: s.filter ? rectToA1(s.filter.rect) : null,
    };
  }

  inspectCell(sheetName: string, a1: string): CellSnapshot {
    return this.inspectCells(sheetName, a1)[0][0];
  }

  inspectCells(sheetName: string, a1: string): CellSnapshot[][] {
    const s = this._sheet(sheetName);
    const rect = parseA1(a1, s.maxRows, s.maxCols);
    if (!rect) throw new Error(`bad A1: ${a1}`);
    const get = (name: PropName, r: number, c: number): PropValue | null =>
      s.props.get(name)?.get(r, c) ?? null;
    const out: CellSnapshot[][] = [];
    for (let i = 0; i < rect.nr; i++) {
      const line: CellSnapshot[] = [];
      for (let j = 0; j < rect.nc; j++) {
        const r = rect.r - 1 + i;
        const c = rect.c - 1 + j;
        const v = s.values.get(r, c);
        line.push({
          value:
            v === undefined || v instanceof FormulaCell ? '' : v instanceof ErrorCell ? v.code : v,
          formula: v instanceof FormulaCell ? v.formula : null,
          isFormula: v instanceof FormulaCell,
          error: v instanceof ErrorCell ? v.code : null,
          numberFormat: get('numberFormat', r, c) as string | null,
          background: get('background', r, c) as string | null,
          fontWeight: get('fontWeight', r, c) as string | null,
          fontColor: get('fontColor', r, c) as string | null,
          fontStyle: get('fontStyle', r, c) as string | null,
          fontSize: get('fontSize', r, c) as number | null,
          horizontalAlignment: get('horizontalAlignment', r, c) as string | null,
          wrap: get('wrap', r, c) as boolean | null,
          note: get('note', r, c) as string | null,
        });
      }
      out.push(line);
    }
    return out;
  }

  /**
   * Stored contents over `a1` (default: the data range): formulas as their
   * "=..." text, errors as their code, blanks as "". Not counted.
   */
  rawValues(sheetName: string, a1?: string): CellValue[][] {
    const s = this._sheet(sheetName);
    const rect = a1
      ? parseA1(a1, s.maxRows, s.maxCols)
      : { r: 1, c: 1, nr: Math.max(1, s.lastRow()), nc: Math.max(1, s.lastColumn()) };
    if (!rect) throw new Error(`bad A1: ${a1}`);
    const out: CellValue[][] = [];
    for (let i = 0; i < rect.nr; i++) {
      const row = s.values.rows[rect.r - 1 + i];
      const line: CellValue[] = new Array(rect.nc);
      for (let j = 0; j < rect.nc; j++) {
        const v = row?.[rect.c - 1 + j];
        line[j] =
          v === undefined
            ? ''
            : v instanceof FormulaCell
              ? v.formula
              : v instanceof ErrorCell
                ? v.code
                : v;
      }
      out.push(line);
    }
    return out;
  }

  _sheet(name: string): SheetStore {
    const s = this.store.find(name);
    if (!s) throw new Error(`No sheet named "${name}" (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }
}

/**
 * REAL: deleting a sheet turns every reference to it in the other sheets' formulas into #REF!, and
 * a sheet inserted later under the same name does not bring them back: `='Profit Matrix'!C7`
 * becomes `=#REF!` for good. (The exact rewritten text is approximate; the breakage is not.)
 */
function breakReferences(sheets: SheetStore[], deleted: string): void {
  const ref = sheetReference(deleted);
  for (const sheet of sheets) {
    for (const row of sheet.values.rows) {
      if (row === undefined) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (!(v instanceof FormulaCell)) continue;
        ref.lastIndex = 0;
        if (ref.test(v.formula)) row[c] = new FormulaCell(v.formula.replace(ref, '#REF!'));
      }
    }
  }
}

/** Matches `'My Sheet'!A1:B2` / `Data!C7` (any case) for one sheet name, with its cell part. */
function sheetReference(name: string): RegExp {
  const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const forms = [`'${esc(name.replace(/'/g, "''"))}'`];
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) forms.push(esc(name));
  return new RegExp(
    `(?<![\\w.'])(?:${forms.join('|')})!\\$?[A-Za-z]{0,3}\\$?\\d*(?::\\$?[A-Za-z]{0,3}\\$?\\d*)?`,
    'gi',
  );
}

function sheetStoreOf(fx: Fx, sheet: unknown, method: string): SheetStore {
  if (!(sheet instanceof FakeSheet)) throw signatureError(fx, method, [sheet]);
  return sheet._store;
}

function addMetadata(
  fx: Fx,
  sheet: SheetStore | null,
  key: unknown,
  a?: unknown,
  b?: unknown,
): MetadataData {
  let value: string | null = null;
  let visibility = 'DOCUMENT';
  if (a instanceof FakeEnumValue) visibility = a.toString();
  else if (a !== undefined && a !== null) value = String(a);
  if (b instanceof FakeEnumValue) visibility = b.toString();
  const k = String(key);
  if (k === '') throw fx.error('Developer metadata key must not be empty. (approximate)');
  const used = fx.store.metadataChars(sheet);
  if (used + k.length + (value?.length ?? 0) > METADATA_CHAR_LIMIT) {
    throw fx.error(
      `Developer metadata exceeds the limit of ${METADATA_CHAR_LIMIT} characters for this location. (approximate)`,
    );
  }
  const m: MetadataData = { id: fx.store.nextMetadataId++, key: k, value, visibility, sheet };
  fx.store.metadata.push(m);
  return m;
}

// ---------------------------------------------------------------------------
// Sheet
// ---------------------------------------------------------------------------

export class FakeSheet {
  readonly [FX]: Fx;
  readonly _store: SheetStore;

  constructor(fx: Fx, store: SheetStore) {
    this[FX] = fx;
    this._store = store;
  }

  _guard(): void {
    if (this._store.deleted) {
      // REAL: using a Sheet object after its sheet was deleted fails like this.
      throw this[FX].error(
        'Unexpected error while getting the method or property on object SpreadsheetApp.Sheet. (sheet was deleted)',
      );
    }
  }

  private get s(): SheetStore {
    return this._store;
  }

  getName(): string {
    return this.s.name;
  }
  setName(name: string): FakeSheet {
    const n = String(name);
    this[FX].store.assertNameFree(n, this.s);
    this.s.name = n;
    return this;
  }
  /** REAL: 1-based position among the sheets. */
  getIndex(): number {
    return this[FX].store.sheets.indexOf(this.s) + 1;
  }
  getSheetId(): number {
    return this.s.id;
  }
  getParent(): FakeSpreadsheet {
    return new FakeSpreadsheet(this[FX]);
  }
  activate(): FakeSheet {
    this[FX].store.activeSheet = this.s;
    this[FX].store.activeRange = null;
    this.s.hidden = false;
    return this;
  }

  getRange(a1Notation: string): FakeRange;
  getRange(row: number, column: number, numRows?: number, numColumns?: number): FakeRange;
  getRange(a: string | number, column?: number, numRows?: number, numColumns?: number): FakeRange {
    const fx = this[FX];
    const args = [a, column, numRows, numColumns].filter((x) => x !== undefined);
    if (typeof a === 'string' && column === undefined) return this._rangeFromA1(a);
    const method = 'SpreadsheetApp.Sheet.getRange';
    const r = toInt(fx, a, method, args);
    const c = toInt(fx, column, method, args);
    const nr = numRows === undefined ? 1 : toInt(fx, numRows, method, args);
    const nc = numColumns === undefined ? 1 : toInt(fx, numColumns, method, args);
    return new FakeRange(fx, this.s, checkRect(fx, this.s, { r, c, nr, nc }));
  }

  _rangeFromA1(a1: string): FakeRange {
    const fx = this[FX];
    const { sheet, a1: bare } = splitSheetA1(a1);
    let target = this.s;
    if (sheet !== null) {
      const found = fx.store.find(sheet);
      if (!found) throw fx.error('Range not found');
      target = found;
    }
    const rect = parseA1(bare, target.maxRows, target.maxCols);
    if (!rect) throw fx.error('Range not found');
    return new FakeRange(fx, target, checkRect(fx, target, rect));
  }

  /** REAL: A1 through the last row/column with content; A1 for an empty sheet. */
  getDataRange(): FakeRange {
    const nr = Math.max(1, this.s.lastRow());
    const nc = Math.max(1, this.s.lastColumn());
    return new FakeRange(this[FX], this.s, { r: 1, c: 1, nr, nc });
  }
  getLastRow(): number {
    return this.s.lastRow();
  }
  getLastColumn(): number {
    return this.s.lastColumn();
  }
  getMaxRows(): number {
    return this.s.maxRows;
  }
  getMaxColumns(): number {
    return this.s.maxCols;
  }

  // ---- rows / columns ------------------------------------------------------

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this._insertRows(afterPosition + 1, howMany, afterPosition, 'insertRowsAfter');
    return this;
  }
  insertRowAfter(afterPosition: number): FakeSheet {
    this._insertRows(afterPosition + 1, 1, afterPosition, 'insertRowAfter');
    return this;
  }
  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    this._insertRows(beforePosition, howMany, beforePosition, 'insertRowsBefore');
    return this;
  }
  insertRowBefore(beforePosition: number): FakeSheet {
    this._insertRows(beforePosition, 1, beforePosition, 'insertRowBefore');
    return this;
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this._insertRows(rowIndex, numRows, rowIndex, 'insertRows');
  }

  private _insertRows(at: number, n: number, pos: number, method: string): void {
    const fx = this[FX];
    const args = [pos, n];
    toInt(fx, pos, `SpreadsheetApp.Sheet.${method}`, args);
    toInt(fx, n, `SpreadsheetApp.Sheet.${method}`, args);
    if (pos < 1 || pos > this.s.maxRows || n < 1) throw fx.error('Those rows are out of bounds.');
    fx.store.assertCellLimit(n * this.s.maxCols);
    this.s.values.insertRows(at - 1, n);
    for (const g of this.s.props.values()) g.insertRows(at - 1, n);
    this.s.maxRows += n;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this._insertCols(afterPosition + 1, howMany, afterPosition, 'insertColumnsAfter');
    return this;
  }
  insertColumnAfter(afterPosition: number): FakeSheet {
    this._insertCols(afterPosition + 1, 1, afterPosition, 'insertColumnAfter');
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    this._insertCols(beforePosition, howMany, beforePosition, 'insertColumnsBefore');
    return this;
  }
  insertColumnBefore(beforePosition: number): FakeSheet {
    this._insertCols(beforePosition, 1, beforePosition, 'insertColumnBefore');
    return this;
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this._insertCols(columnIndex, numColumns, columnIndex, 'insertColumns');
  }

  private _insertCols(at: number, n: number, pos: number, method: string): void {
    const fx = this[FX];
    const args = [pos, n];
    toInt(fx, pos, `SpreadsheetApp.Sheet.${method}`, args);
    toInt(fx, n, `SpreadsheetApp.Sheet.${method}`, args);
    if (pos < 1 || pos > this.s.maxCols || n < 1)
      throw fx.error('Those columns are out of bounds.');
    fx.store.assertCellLimit(n * this.s.maxRows);
    this.s.values.insertCols(at - 1, n);
    for (const g of this.s.props.values()) g.insertCols(at - 1, n);
    this.s.maxCols += n;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    const fx = this[FX];
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > this.s.maxRows)
      throw fx.error('Those rows are out of bounds.');
    if (howMany >= this.s.maxRows - this.s.frozenRows && rowPosition > this.s.frozenRows) {
      // REAL message.
      throw fx.error('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.s.values.deleteRows(rowPosition - 1, howMany);
    for (const g of this.s.props.values()) g.deleteRows(rowPosition - 1, howMany);
    this.s.maxRows -= howMany;
  }
  deleteRow(rowPosition: number): FakeSheet {
    this.deleteRows(rowPosition, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const fx = this[FX];
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > this.s.maxCols)
      throw fx.error('Those columns are out of bounds.');
    if (howMany >= this.s.maxCols - this.s.frozenCols && columnPosition > this.s.frozenCols) {
      throw fx.error('Sorry, it is not possible to delete all non-frozen columns.');
    }
    this.s.values.deleteCols(columnPosition - 1, howMany);
    for (const g of this.s.props.values()) g.deleteCols(columnPosition - 1, howMany);
    this.s.maxCols -= howMany;
  }
  deleteColumn(columnPosition: number): FakeSheet {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  /** REAL: appends after the last row with content, adding rows/columns as needed. */
  appendRow(rowContents: unknown[]): FakeSheet {
    const fx = this[FX];
    if (!Array.isArray(rowContents))
      throw signatureError(fx, 'SpreadsheetApp.Sheet.appendRow', [rowContents]);
    const r = this.s.lastRow() + 1;
    if (r > this.s.maxRows) {
      fx.store.assertCellLimit(this.s.maxCols);
      this.s.maxRows = r;
    }
    if (rowContents.length > this.s.maxCols) {
      fx.store.assertCellLimit((rowContents.length - this.s.maxCols) * this.s.maxRows);
      this.s.maxCols = rowContents.length;
    }
    if (rowContents.length > 0)
      writeValues(fx, this.s, { r, c: 1, nr: 1, nc: rowContents.length }, [rowContents]);
    return this;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let i = 0; i < numColumns; i++) this.s.hiddenCols.add(columnIndex + i);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let i = 0; i < numColumns; i++) this.s.hiddenCols.delete(columnIndex + i);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    for (let i = 0; i < numRows; i++) this.s.hiddenRows.add(rowIndex + i);
  }
  showRows(rowIndex: number, numRows = 1): void {
    for (let i = 0; i < numRows; i++) this.s.hiddenRows.delete(rowIndex + i);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.s.hiddenCols.has(columnPosition);
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.s.hiddenRows.has(rowPosition);
  }

  // ---- frozen panes, sizes ------------------------------------------------

  setFrozenRows(rows: number): void {
    this._freeze('rows', rows);
  }
  getFrozenRows(): number {
    return this.s.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._freeze('columns', columns);
  }
  getFrozenColumns(): number {
    return this.s.frozenCols;
  }

  private _freeze(kind: 'rows' | 'columns', n: number): void {
    const fx = this[FX];
    toInt(fx, n, `SpreadsheetApp.Sheet.setFrozen${kind === 'rows' ? 'Rows' : 'Columns'}`, [n]);
    const max = kind === 'rows' ? this.s.maxRows : this.s.maxCols;
    if (n < 0) throw fx.error(`The number of frozen ${kind} must be at least 0. (approximate)`);
    // REAL: at least one row/column must remain unfrozen.
    if (n >= max) throw fx.error(`You can't freeze all visible ${kind} on the sheet.`);
    // REAL: the freeze line may not cut through a merged range.
    for (const m of this.s.merges) {
      const start = kind === 'rows' ? m.r : m.c;
      const size = kind === 'rows' ? m.nr : m.nc;
      if (start <= n && start + size - 1 > n) {
        throw fx.error(`You can't freeze ${kind} which contain only part of a merged cell.`);
      }
    }
    if (kind === 'rows') this.s.frozenRows = n;
    else this.s.frozenCols = n;
  }

  setColumnWidth(columnPosition: number, width: number): FakeSheet {
    this.s.colWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): FakeSheet {
    for (let i = 0; i < numColumns; i++) this.s.colWidths.set(startColumn + i, width);
    return this;
  }
  getColumnWidth(columnPosition: number): number {
    return this.s.colWidths.get(columnPosition) ?? 100;
  }
  setRowHeight(rowPosition: number, height: number): FakeSheet {
    this.s.rowHeights.set(rowPosition, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): FakeSheet {
    for (let i = 0; i < numRows; i++) this.s.rowHeights.set(startRow + i, height);
    return this;
  }
  getRowHeight(rowPosition: number): number {
    return this.s.rowHeights.get(rowPosition) ?? 21;
  }
  /** Approximates widths from text length (7px per character). */
  autoResizeColumns(startColumn: number, numColumns: number): FakeSheet {
    const fx = this[FX];
    if (startColumn < 1 || numColumns < 1 || startColumn + numColumns - 1 > this.s.maxCols) {
      throw fx.error('Those columns are out of bounds.');
    }
    for (let j = 0; j < numColumns; j++) {
      const c = startColumn - 1 + j;
      let longest = 0;
      for (const row of this.s.values.rows) {
        const v = row?.[c];
        if (v === undefined) continue;
        const len =
          v instanceof FormulaCell ? 4 : v instanceof ErrorCell ? v.code.length : String(v).length;
        if (len > longest) longest = len;
      }
      this.s.colWidths.set(c + 1, Math.max(21, longest * 7 + 10));
    }
    return this;
  }
  autoResizeColumn(columnPosition: number): FakeSheet {
    return this.autoResizeColumns(columnPosition, 1);
  }

  // ---- clearing --------------------------------------------------------------

  /**
   * clear() / clear({ contentsOnly, formatOnly }). REAL: the sheet's filter stays (a later
   * createFilter still throws); so do conditional format rules and charts in this fake.
   */
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeSheet {
    const contentsOnly = !!options?.contentsOnly;
    const formatOnly = !!options?.formatOnly;
    const all = !contentsOnly && !formatOnly;
    const rect = { r: 1, c: 1, nr: this.s.maxRows, nc: this.s.maxCols };
    this.s.clearRect(rect, { contents: all || contentsOnly, formats: all || formatOnly });
    return this;
  }
  clearContents(): FakeSheet {
    this.s.values.rows = [];
    return this;
  }
  clearFormats(): FakeSheet {
    this.s.clearRect(
      { r: 1, c: 1, nr: this.s.maxRows, nc: this.s.maxCols },
      { contents: false, formats: true },
    );
    return this;
  }
  clearNotes(): FakeSheet {
    this.s.props.delete('note');
    return this;
  }

  // ---- conditional formatting ---------------------------------------------

  /** REAL: returns a copy; mutating the array does nothing until setConditionalFormatRules. */
  getConditionalFormatRules(): FakeConditionalFormatRule[] {
    return this.s.rules.map((r) => new FakeConditionalFormatRule(this[FX], r));
  }
  /** REAL: REPLACES every rule on the sheet (to append: get, push, set). */
  setConditionalFormatRules(rules: FakeConditionalFormatRule[]): void {
    const fx = this[FX];
    if (!Array.isArray(rules))
      throw signatureError(fx, 'SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
    const next: RuleData[] = [];
    for (const rule of rules) {
      if (!(rule instanceof FakeConditionalFormatRule)) {
        throw signatureError(fx, 'SpreadsheetApp.Sheet.setConditionalFormatRules', [rules]);
      }
      const data = rule._data;
      for (const rr of data.ranges) {
        // REAL: a sheet's rules may only apply to ranges on that sheet.
        if (rr.sheet !== this.s)
          throw fx.error('Conditional format rule cannot reference a different sheet.');
      }
      next.push(data);
    }
    this.s.rules = next;
  }
  clearConditionalFormatRules(): void {
    this.s.rules = [];
  }

  // ---- charts ----------------------------------------------------------------

  newChart(): FakeEmbeddedChartBuilder {
    return new FakeEmbeddedChartBuilder(this[FX], this.s, null);
  }
  insertChart(chart: FakeEmbeddedChart): void {
    const fx = this[FX];
    if (!(chart instanceof FakeEmbeddedChart))
      throw signatureError(fx, 'SpreadsheetApp.Sheet.insertChart', [chart]);
    const data: ChartData = {
      ...chart._data,
      ranges: [...chart._data.ranges],
      options: { ...chart._data.options },
    };
    data.id = fx.store.nextChartId++;
    chart._data.id = data.id;
    this.s.charts.push(data);
  }
  getCharts(): FakeEmbeddedChart[] {
    return this.s.charts.map((c) => new FakeEmbeddedChart(this[FX], c));
  }
  removeChart(chart: FakeEmbeddedChart): void {
    const id = chart instanceof FakeEmbeddedChart ? chart._data.id : null;
    this.s.charts = this.s.charts.filter((c) => c.id !== id);
  }
  updateChart(chart: FakeEmbeddedChart): void {
    const fx = this[FX];
    if (!(chart instanceof FakeEmbeddedChart))
      throw signatureError(fx, 'SpreadsheetApp.Sheet.updateChart', [chart]);
    const i = this.s.charts.findIndex((c) => c.id !== null && c.id === chart._data.id);
    if (i < 0) throw fx.error('The chart does not exist on this sheet. (approximate)');
    this.s.charts[i] = {
      ...chart._data,
      ranges: [...chart._data.ranges],
      options: { ...chart._data.options },
    };
  }

  // ---- misc -----------------------------------------------------------------

  hideSheet(): FakeSheet {
    const visible = this[FX].store.sheets.filter((s) => !s.hidden && s !== this.s);
    if (visible.length === 0)
      throw this[FX].error("You can't hide all the sheets in a document. (approximate)");
    this.s.hidden = true;
    return this;
  }
  showSheet(): FakeSheet {
    this.s.hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.s.hidden;
  }
  setTabColor(color: string | null): FakeSheet {
    this.s.tabColor = normalizeColor(color) ?? null;
    return this;
  }
  getTabColor(): string | null {
    return this.s.tabColor;
  }
  addDeveloperMetadata(key: string, valueOrVisibility?: unknown, visibility?: unknown): FakeSheet {
    addMetadata(this[FX], this.s, key, valueOrVisibility, visibility);
    return this;
  }
  getDeveloperMetadata(): FakeDeveloperMetadata[] {
    return this[FX].store.metadata
      .filter((m) => m.sheet === this.s)
      .map((m) => new FakeDeveloperMetadata(this[FX], m));
  }
  createDeveloperMetadataFinder(): FakeDeveloperMetadataFinder {
    return new FakeDeveloperMetadataFinder(this[FX], () =>
      this[FX].store.metadata.filter((m) => m.sheet === this.s),
    );
  }
  /** REAL: the sheet's filter, or null (one filter per sheet). */
  getFilter(): FakeFilter | null {
    return this.s.filter ? new FakeFilter(this[FX], this.s, this.s.filter) : null;
  }
  protect(): FakeProtection {
    const p: ProtectionData = {
      sheet: this.s,
      rect: null,
      description: '',
      warningOnly: false,
      removed: false,
    };
    this.s.protections.push(p);
    return new FakeProtection(this[FX], p);
  }
  getProtections(type: unknown): FakeProtection[] {
    const wantSheet = enumName(type) === 'SHEET';
    return this.s.protections
      .filter((p) => !p.removed && (p.rect === null) === wantSheet)
      .map((p) => new FakeProtection(this[FX], p));
  }
  getActiveRange(): FakeRange | null {
    const st = this[FX].store;
    if (st.activeSheet !== this.s)
      return new FakeRange(this[FX], this.s, { r: 1, c: 1, nr: 1, nc: 1 });
    return new FakeRange(this[FX], this.s, st.activeRange ?? { r: 1, c: 1, nr: 1, nc: 1 });
  }
  setActiveRange(range: FakeRange): FakeRange {
    return range.activate();
  }
}

/**
 * REAL messages for bad coordinates. Ranges must lie inside the sheet's
 * current grid (getMaxRows x getMaxColumns): grow it first with
 * insertRowsAfter/insertColumnsAfter.
 */
function checkRect(fx: Fx, s: SheetStore, rect: Rect): Rect {
  if (rect.r < 1) throw fx.error('The starting row of the range is too small.');
  if (rect.c < 1) throw fx.error('The starting column of the range is too small.');
  if (rect.nr < 1) throw fx.error('The number of rows in the range must be at least 1.');
  if (rect.nc < 1) throw fx.error('The number of columns in the range must be at least 1.');
  if (rect.r + rect.nr - 1 > s.maxRows || rect.c + rect.nc - 1 > s.maxCols) {
    throw fx.error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  return rect;
}

/** REAL: 2-D data must match the range exactly; nothing is written on mismatch. */
function checkShape(
  fx: Fx,
  rect: Rect,
  data: unknown,
  method: string,
): asserts data is readonly (readonly unknown[])[] {
  if (!Array.isArray(data) || (data.length > 0 && !data.every((row) => Array.isArray(row)))) {
    throw signatureError(fx, `SpreadsheetApp.Range.${method}`, [data]);
  }
  if (data.length !== rect.nr) {
    throw fx.error(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rect.nr}.`,
    );
  }
  for (const row of data as unknown[][]) {
    if (row.length !== rect.nc) {
      throw fx.error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${rect.nc}.`,
      );
    }
  }
}

function writeValues(
  fx: Fx,
  s: SheetStore,
  rect: Rect,
  data: readonly (readonly unknown[])[],
): void {
  // Validate cell sizes first so a failing call writes nothing (REAL: 50,000 character limit).
  for (const row of data) {
    for (const v of row) {
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        throw fx.error(
          `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
        );
      }
    }
  }
  const tz = fx.store.timeZone;
  const fmtGrid = s.props.get('numberFormat');
  const r0 = rect.r - 1;
  const c0 = rect.c - 1;
  for (let i = 0; i < data.length; i++) {
    const src = data[i];
    const dst = s.values.row(r0 + i);
    const fmtRow = fmtGrid?.rows[r0 + i];
    for (let j = 0; j < src.length; j++) {
      const raw = src[j];
      const plain = fmtRow !== undefined && fmtRow[c0 + j] === '@';
      const v = parseInput(raw, plain, tz);
      dst[c0 + j] = v;
      if (
        typeof raw === 'string' &&
        v !== undefined &&
        typeof v !== 'string' &&
        !(v instanceof FormulaCell)
      ) {
        // Converted typed text: Sheets also picks a number format (%, $, date) if none was set.
        const implied = impliedFormat(raw, tz);
        if (implied !== undefined) {
          const g = s.prop('numberFormat');
          if (g.get(r0 + i, c0 + j) === undefined) g.set(r0 + i, c0 + j, implied);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Range
// ---------------------------------------------------------------------------

export class FakeRange {
  readonly [FX]: Fx;
  private readonly s: SheetStore;
  private readonly rect: Rect;

  constructor(fx: Fx, s: SheetStore, rect: Rect) {
    this[FX] = fx;
    this.s = s;
    this.rect = { ...rect };
  }

  _guard(): void {
    if (this.s.deleted) {
      throw this[FX].error(
        'Unexpected error while getting the method or property on object SpreadsheetApp.Range. (sheet was deleted)',
      );
    }
  }

  _location(): { sheet: SheetStore; rect: Rect } {
    return { sheet: this.s, rect: { ...this.rect } };
  }

  // ---- geometry ----------------------------------------------------------------

  getRow(): number {
    return this.rect.r;
  }
  getRowIndex(): number {
    return this.rect.r;
  }
  getColumn(): number {
    return this.rect.c;
  }
  getLastRow(): number {
    return this.rect.r + this.rect.nr - 1;
  }
  getLastColumn(): number {
    return this.rect.c + this.rect.nc - 1;
  }
  getNumRows(): number {
    return this.rect.nr;
  }
  getNumColumns(): number {
    return this.rect.nc;
  }
  getHeight(): number {
    return this.rect.nr;
  }
  getWidth(): number {
    return this.rect.nc;
  }
  getA1Notation(): string {
    return rectToA1(this.rect);
  }
  getSheet(): FakeSheet {
    return new FakeSheet(this[FX], this.s);
  }
  getGridId(): number {
    return this.s.id;
  }
  offset(
    rowOffset: number,
    columnOffset: number,
    numRows?: number,
    numColumns?: number,
  ): FakeRange {
    const fx = this[FX];
    const rect = {
      r: this.rect.r + rowOffset,
      c: this.rect.c + columnOffset,
      nr: numRows ?? this.rect.nr,
      nc: numColumns ?? this.rect.nc,
    };
    return new FakeRange(fx, this.s, checkRect(fx, this.s, rect));
  }
  /** 1-based, relative to this range. */
  getCell(row: number, column: number): FakeRange {
    if (row < 1 || column < 1 || row > this.rect.nr || column > this.rect.nc) {
      throw this[FX].error('Cell reference out of range');
    }
    return new FakeRange(this[FX], this.s, {
      r: this.rect.r + row - 1,
      c: this.rect.c + column - 1,
      nr: 1,
      nc: 1,
    });
  }
  activate(): FakeRange {
    const st = this[FX].store;
    st.activeSheet = this.s;
    st.activeRange = { ...this.rect };
    return this;
  }

  // ---- values -------------------------------------------------------------------

  private _out(v: Stored, i: number, j: number): CellValue {
    if (v === undefined) return '';
    if (v instanceof Date) return this[FX].date(v.getTime());
    if (v instanceof FormulaCell) {
      // REAL: a formula whose reference broke (its sheet was deleted) shows #REF!.
      if (v.formula.includes('#REF!')) return '#REF!';
      const res = this[FX].evaluateFormula(v.formula, {
        sheet: this.s.name,
        row: this.rect.r + i,
        column: this.rect.c + j,
      });
      return res === undefined || res === null ? '' : (res as CellValue);
    }
    if (v instanceof ErrorCell) return v.code;
    return v;
  }

  /** Numbers, strings, booleans, Dates; "" for blank cells and (unless evaluateFormula) formulas. */
  getValues(): CellValue[][] {
    const { r, c, nr, nc } = this.rect;
    const rows = this.s.values.rows;
    const out: CellValue[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const row = rows[r - 1 + i];
      const line: CellValue[] = new Array(nc);
      if (row === undefined) line.fill('');
      else for (let j = 0; j < nc; j++) line[j] = this._out(row[c - 1 + j], i, j);
      out[i] = line;
    }
    return out;
  }
  getValue(): CellValue {
    return this._out(this.s.values.get(this.rect.r - 1, this.rect.c - 1), 0, 0);
  }

  /** Strings as shown in the grid, using the cell's number format. */
  getDisplayValues(): string[][] {
    const { r, c, nr, nc } = this.rect;
    const fmt = this.s.props.get('numberFormat');
    const tz = this[FX].store.timeZone;
    const out: string[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const line: string[] = new Array(nc);
      for (let j = 0; j < nc; j++) {
        let v: Stored | unknown = this.s.values.get(r - 1 + i, c - 1 + j);
        if (v instanceof FormulaCell) v = this._out(v, i, j);
        line[j] = displayValue(v, fmt?.get(r - 1 + i, c - 1 + j) as string | undefined, tz);
      }
      out[i] = line;
    }
    return out;
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0][0];
  }

  /** "=..." for formula cells, "" otherwise. */
  getFormulas(): string[][] {
    const { r, c, nr, nc } = this.rect;
    const out: string[][] = [];
    for (let i = 0; i < nr; i++) {
      const line: string[] = [];
      for (let j = 0; j < nc; j++) {
        const v = this.s.values.get(r - 1 + i, c - 1 + j);
        line.push(v instanceof FormulaCell ? v.formula : '');
      }
      out.push(line);
    }
    return out;
  }
  getFormula(): string {
    const v = this.s.values.get(this.rect.r - 1, this.rect.c - 1);
    return v instanceof FormulaCell ? v.formula : '';
  }

  /** See parseInput for the typed-input semantics ("=", "'", "-5", "50%", ...). */
  setValues(values: readonly (readonly unknown[])[]): FakeRange {
    checkShape(this[FX], this.rect, values, 'setValues');
    writeValues(this[FX], this.s, this.rect, values);
    return this;
  }
  /** REAL: on a multi-cell range every cell receives the value. */
  setValue(value: unknown): FakeRange {
    writeValues(this[FX], this.s, this.rect, this._filled(value));
    return this;
  }
  setFormula(formula: string): FakeRange {
    writeValues(this[FX], this.s, this.rect, this._filled(formula));
    return this;
  }
  setFormulas(formulas: readonly (readonly string[])[]): FakeRange {
    checkShape(this[FX], this.rect, formulas, 'setFormulas');
    writeValues(this[FX], this.s, this.rect, formulas);
    return this;
  }

  private _filled<T>(v: T): T[][] {
    return Array.from({ length: this.rect.nr }, () => new Array<T>(this.rect.nc).fill(v));
  }

  // ---- formatting -------------------------------------------------------------

  private _setAll(name: PropName, value: unknown): FakeRange {
    const v = normalizeProp(name, value);
    const { r, c, nr, nc } = this.rect;
    if (v === undefined && !this.s.props.has(name)) return this;
    const g = this.s.prop(name);
    for (let i = 0; i < nr; i++) {
      const row = v === undefined ? g.rows[r - 1 + i] : g.row(r - 1 + i);
      if (row === undefined) continue;
      for (let j = 0; j < nc; j++) row[c - 1 + j] = v as PropValue;
    }
    return this;
  }

  private _set2d(name: PropName, data: unknown, method: string): FakeRange {
    checkShape(this[FX], this.rect, data, method);
    const { r, c } = this.rect;
    const g = this.s.prop(name);
    for (let i = 0; i < data.length; i++) {
      const row = g.row(r - 1 + i);
      const src = data[i];
      for (let j = 0; j < src.length; j++)
        row[c - 1 + j] = normalizeProp(name, src[j]) as PropValue;
    }
    return this;
  }

  private _get(name: PropName): PropValue {
    return this.s.props.get(name)?.get(this.rect.r - 1, this.rect.c - 1) ?? PROP_DEFAULTS[name];
  }

  private _get2d(name: PropName): PropValue[][] {
    const g = this.s.props.get(name);
    const { r, c, nr, nc } = this.rect;
    const out: PropValue[][] = [];
    for (let i = 0; i < nr; i++) {
      const row = g?.rows[r - 1 + i];
      const line: PropValue[] = new Array(nc);
      for (let j = 0; j < nc; j++) line[j] = row?.[c - 1 + j] ?? PROP_DEFAULTS[name];
      out.push(line);
    }
    return out;
  }

  setNumberFormat(numberFormat: string): FakeRange {
    return this._setAll('numberFormat', numberFormat);
  }
  setNumberFormats(numberFormats: readonly (readonly string[])[]): FakeRange {
    return this._set2d('numberFormat', numberFormats, 'setNumberFormats');
  }
  getNumberFormat(): string {
    return this._get('numberFormat') as string;
  }
  getNumberFormats(): string[][] {
    return this._get2d('numberFormat') as string[][];
  }
  setBackground(color: string | null): FakeRange {
    return this._setAll('background', color);
  }
  setBackgroundRGB(red: number, green: number, blue: number): FakeRange {
    const hex = (n: number): string =>
      Math.max(0, Math.min(255, Math.round(n)))
        .toString(16)
        .padStart(2, '0');
    return this._setAll('background', `#${hex(red)}${hex(green)}${hex(blue)}`);
  }
  setBackgrounds(colors: readonly (readonly (string | null)[])[]): FakeRange {
    return this._set2d('background', colors, 'setBackgrounds');
  }
  getBackground(): string {
    return this._get('background') as string;
  }
  getBackgrounds(): string[][] {
    return this._get2d('background') as string[][];
  }
  setFontWeight(fontWeight: string | null): FakeRange {
    return this._setAll('fontWeight', fontWeight);
  }
  setFontWeights(fontWeights: readonly (readonly (string | null)[])[]): FakeRange {
    return this._set2d('fontWeight', fontWeights, 'setFontWeights');
  }
  getFontWeight(): string {
    return this._get('fontWeight') as string;
  }
  getFontWeights(): string[][] {
    return this._get2d('fontWeight') as string[][];
  }
  setFontColor(color: string | null): FakeRange {
    return this._setAll('fontColor', color);
  }
  setFontColors(colors: readonly (readonly (string | null)[])[]): FakeRange {
    return this._set2d('fontColor', colors, 'setFontColors');
  }
  getFontColor(): string {
    return this._get('fontColor') as string;
  }
  setFontStyle(fontStyle: string | null): FakeRange {
    return this._setAll('fontStyle', fontStyle);
  }
  setFontStyles(fontStyles: readonly (readonly (string | null)[])[]): FakeRange {
    return this._set2d('fontStyle', fontStyles, 'setFontStyles');
  }
  getFontStyle(): string {
    return this._get('fontStyle') as string;
  }
  setFontSize(size: number): FakeRange {
    return this._setAll('fontSize', size);
  }
  setFontSizes(sizes: readonly (readonly number[])[]): FakeRange {
    return this._set2d('fontSize', sizes, 'setFontSizes');
  }
  getFontSize(): number {
    return this._get('fontSize') as number;
  }
  setFontFamily(fontFamily: string | null): FakeRange {
    return this._setAll('fontFamily', fontFamily);
  }
  setFontLine(fontLine: string | null): FakeRange {
    return this._setAll('fontLine', fontLine);
  }
  setHorizontalAlignment(alignment: string | null): FakeRange {
    return this._setAll('horizontalAlignment', alignment);
  }
  setHorizontalAlignments(alignments: readonly (readonly (string | null)[])[]): FakeRange {
    return this._set2d('horizontalAlignment', alignments, 'setHorizontalAlignments');
  }
  getHorizontalAlignment(): string {
    return this._get('horizontalAlignment') as string;
  }
  setVerticalAlignment(alignment: string | null): FakeRange {
    return this._setAll('verticalAlignment', alignment);
  }
  setWrap(isWrapEnabled: boolean): FakeRange {
    return this._setAll('wrap', isWrapEnabled);
  }
  setWraps(isWrapEnabled: readonly (readonly boolean[])[]): FakeRange {
    return this._set2d('wrap', isWrapEnabled, 'setWraps');
  }
  getWrap(): boolean {
    return this._get('wrap') as boolean;
  }
  setWrapStrategy(strategy: unknown): FakeRange {
    return this._setAll('wrap', enumName(strategy) === 'WRAP');
  }
  setNote(note: string | null): FakeRange {
    return this._setAll('note', note === '' ? null : note);
  }
  setNotes(notes: readonly (readonly (string | null)[])[]): FakeRange {
    return this._set2d('note', notes, 'setNotes');
  }
  getNote(): string {
    return this._get('note') as string;
  }
  getNotes(): string[][] {
    return this._get2d('note') as string[][];
  }
  clearNote(): FakeRange {
    return this._setAll('note', null);
  }
  /** Arguments accepted and ignored (only a flag is kept). */
  setBorder(..._args: unknown[]): FakeRange {
    return this._setAll('border', true);
  }

  // ---- merges -----------------------------------------------------------------

  /** REAL: only the top-left value survives a merge. */
  merge(): FakeRange {
    this._merge(this.rect);
    return this;
  }
  mergeAcross(): FakeRange {
    for (let i = 0; i < this.rect.nr; i++)
      this._merge({ r: this.rect.r + i, c: this.rect.c, nr: 1, nc: this.rect.nc });
    return this;
  }
  mergeVertically(): FakeRange {
    for (let j = 0; j < this.rect.nc; j++)
      this._merge({ r: this.rect.r, c: this.rect.c + j, nr: this.rect.nr, nc: 1 });
    return this;
  }
  private _merge(rect: Rect): void {
    if (rect.nr === 1 && rect.nc === 1) return;
    for (const m of this.s.merges) {
      // REAL: a merge may not partially overlap an existing merge.
      if (rectsOverlap(m, rect) && !rectContains(rect, m)) {
        throw this[FX].error(
          'You must select all cells in a merged range to merge or unmerge them.',
        );
      }
    }
    // REAL: merging may not cut through the frozen boundary.
    const fr = this.s.frozenRows;
    if (fr > 0 && rect.r <= fr && rect.r + rect.nr - 1 > fr) {
      throw this[FX].error("You can't merge frozen and non-frozen rows.");
    }
    this.s.merges = this.s.merges.filter((m) => !rectContains(rect, m));
    this.s.merges.push({ ...rect });
    const keep = this.s.values.get(rect.r - 1, rect.c - 1);
    this.s.values.clear(rect.r - 1, rect.c - 1, rect.nr, rect.nc);
    this.s.values.set(rect.r - 1, rect.c - 1, keep);
  }
  breakApart(): FakeRange {
    const rect = this.rect;
    for (const m of this.s.merges) {
      if (rectsOverlap(m, rect) && !rectContains(rect, m)) {
        throw this[FX].error(
          'You must select all cells in a merged range to merge or unmerge them.',
        );
      }
    }
    this.s.merges = this.s.merges.filter((m) => !rectContains(rect, m));
    return this;
  }
  isPartOfMerge(): boolean {
    return this.s.merges.some((m) => rectsOverlap(m, this.rect));
  }
  getMergedRanges(): FakeRange[] {
    return this.s.merges
      .filter((m) => rectsOverlap(m, this.rect))
      .map((m) => new FakeRange(this[FX], this.s, m));
  }

  // ---- clearing ---------------------------------------------------------------

  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): FakeRange {
    const contentsOnly = !!options?.contentsOnly;
    const formatOnly = !!options?.formatOnly;
    const all = !contentsOnly && !formatOnly;
    this.s.clearRect(this.rect, { contents: all || contentsOnly, formats: all || formatOnly });
    return this;
  }
  clearContent(): FakeRange {
    this.s.clearRect(this.rect, { contents: true, formats: false });
    return this;
  }
  clearFormat(): FakeRange {
    this.s.clearRect(this.rect, { contents: false, formats: true });
    return this;
  }
  isBlank(): boolean {
    const { r, c, nr, nc } = this.rect;
    for (let i = 0; i < nr; i++) {
      const row = this.s.values.rows[r - 1 + i];
      if (row === undefined) continue;
      for (let j = 0; j < nc; j++) if (row[c - 1 + j] !== undefined) return false;
    }
    return true;
  }

  // ---- filter -------------------------------------------------------------------

  /**
   * REAL: creates the sheet's filter over this range (header row first). A sheet holds at most
   * one filter: creating a second throws (remove the first with getFilter().remove()).
   */
  createFilter(): FakeFilter {
    if (this.s.filter)
      throw this[FX].error("You can't create a filter in a sheet that already has a filter.");
    this.s.filter = { rect: { ...this.rect } };
    return new FakeFilter(this[FX], this.s, this.s.filter);
  }
  /** REAL: the filter of the sheet this range is on (wherever it is), or null. */
  getFilter(): FakeFilter | null {
    return this.s.filter ? new FakeFilter(this[FX], this.s, this.s.filter) : null;
  }

  protect(): FakeProtection {
    const p: ProtectionData = {
      sheet: this.s,
      rect: { ...this.rect },
      description: '',
      warningOnly: false,
      removed: false,
    };
    this.s.protections.push(p);
    return new FakeProtection(this[FX], p);
  }
}

function displayValue(v: unknown, fmt: string | undefined, tz: string): string {
  if (v === undefined || v === null || v === '') return '';
  if (v instanceof ErrorCell) return v.code;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (fmt === undefined || fmt === DEFAULT_NUMBER_FORMAT || fmt === '@' || /^general$/i.test(fmt))
      return generalNumber(v);
    const section = splitSections(fmt)[0];
    if (isDatePattern(section)) return formatSheetsDate(new Date(serialToUtcWallMs(v)), section);
    return formatNumberPattern(v, fmt);
  }
  if (isDate(v)) {
    const w = wall(v.getTime(), tz);
    if (fmt === undefined || fmt === DEFAULT_NUMBER_FORMAT || fmt === '@') {
      const midnight = w.getUTCHours() === 0 && w.getUTCMinutes() === 0 && w.getUTCSeconds() === 0;
      return formatSheetsDate(w, midnight ? 'm/d/yyyy' : 'm/d/yyyy h:mm:ss');
    }
    const section = splitSections(fmt)[0];
    if (isDatePattern(section)) return formatSheetsDate(w, section);
    return formatNumberPattern(w.getTime() / 86_400_000 + 25569, fmt);
  }
  return String(v);
}

// ---------------------------------------------------------------------------
// Filter
// ---------------------------------------------------------------------------

/**
 * A sheet's basic filter (Range.createFilter / getFilter, Sheet.getFilter). Column criteria and
 * sorting are not modelled, nor does the filter move when rows or columns are inserted.
 */
export class FakeFilter {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly s: SheetStore,
    private readonly f: FilterData,
  ) {
    this[FX] = fx;
  }
  _guard(): void {
    if (this.s.deleted || this.s.filter !== this.f) {
      throw this[FX].error(
        'Unexpected error while getting the method or property on object SpreadsheetApp.Filter. (the filter was removed) (approximate)',
      );
    }
  }
  getRange(): FakeRange {
    return new FakeRange(this[FX], this.s, this.f.rect);
  }
  remove(): void {
    this.s.filter = null;
  }
}

// ---------------------------------------------------------------------------
// Protection
// ---------------------------------------------------------------------------

export class FakeProtection {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly p: ProtectionData,
  ) {
    this[FX] = fx;
  }
  setDescription(description: string): FakeProtection {
    this.p.description = String(description);
    return this;
  }
  getDescription(): string {
    return this.p.description;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.p.warningOnly = !!warningOnly;
    return this;
  }
  isWarningOnly(): boolean {
    return this.p.warningOnly;
  }
  removeEditors(_users: unknown): FakeProtection {
    return this;
  }
  addEditor(_user: unknown): FakeProtection {
    return this;
  }
  getEditors(): unknown[] {
    return [];
  }
  canEdit(): boolean {
    return true;
  }
  setDomainEdit(_edit: boolean): FakeProtection {
    return this;
  }
  setUnprotectedRanges(_ranges: FakeRange[]): FakeProtection {
    return this;
  }
  getRange(): FakeRange {
    return new FakeRange(
      this[FX],
      this.p.sheet,
      this.p.rect ?? { r: 1, c: 1, nr: this.p.sheet.maxRows, nc: this.p.sheet.maxCols },
    );
  }
  remove(): void {
    this.p.removed = true;
  }
}

// ---------------------------------------------------------------------------
// Conditional formatting
// ---------------------------------------------------------------------------

function emptyRule(): RuleData {
  return {
    ranges: [],
    criteria: null,
    criteriaValues: [],
    background: null,
    fontColor: null,
    bold: null,
    italic: null,
    strikethrough: null,
    underline: null,
    gradient: null,
  };
}

function copyRule(r: RuleData): RuleData {
  return {
    ...r,
    ranges: r.ranges.map((x) => ({ sheet: x.sheet, rect: { ...x.rect } })),
    criteriaValues: [...r.criteriaValues],
    gradient: r.gradient ? { ...r.gradient } : null,
  };
}

export class FakeConditionalFormatRuleBuilder {
  readonly [FX]: Fx;
  private d: RuleData;

  constructor(fx: Fx, from?: RuleData) {
    this[FX] = fx;
    this.d = from ? copyRule(from) : emptyRule();
  }

  private crit(type: BooleanCriteriaName, values: unknown[]): FakeConditionalFormatRuleBuilder {
    this.d.criteria = type;
    this.d.criteriaValues = values;
    this.d.gradient = null;
    return this;
  }

  setRanges(ranges: FakeRange[]): FakeConditionalFormatRuleBuilder {
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof FakeRange)) {
      throw signatureError(this[FX], 'SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges', [
        ranges,
      ]);
    }
    this.d.ranges = ranges.map((r) => r._location());
    return this;
  }
  getRanges(): FakeRange[] {
    return this.d.ranges.map((x) => new FakeRange(this[FX], x.sheet, x.rect));
  }
  whenCellEmpty(): FakeConditionalFormatRuleBuilder {
    return this.crit('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): FakeConditionalFormatRuleBuilder {
    return this.crit('CELL_NOT_EMPTY', []);
  }
  whenNumberLessThan(n: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_LESS_THAN', [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberGreaterThan(n: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_GREATER_THAN', [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  whenNumberEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_EQUAL_TO', [n]);
  }
  whenNumberNotEqualTo(n: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_NOT_EQUAL_TO', [n]);
  }
  whenNumberBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_BETWEEN', [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): FakeConditionalFormatRuleBuilder {
    return this.crit('NUMBER_NOT_BETWEEN', [start, end]);
  }
  whenTextEqualTo(text: string): FakeConditionalFormatRuleBuilder {
    return this.crit('TEXT_EQUAL_TO', [text]);
  }
  whenTextContains(text: string): FakeConditionalFormatRuleBuilder {
    return this.crit('TEXT_CONTAINS', [text]);
  }
  whenTextDoesNotContain(text: string): FakeConditionalFormatRuleBuilder {
    return this.crit('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  whenTextStartsWith(text: string): FakeConditionalFormatRuleBuilder {
    return this.crit('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): FakeConditionalFormatRuleBuilder {
    return this.crit('TEXT_ENDS_WITH', [text]);
  }
  whenFormulaSatisfied(formula: string): FakeConditionalFormatRuleBuilder {
    return this.crit('CUSTOM_FORMULA', [formula]);
  }
  withCriteria(criteria: unknown, args: unknown[]): FakeConditionalFormatRuleBuilder {
    return this.crit(enumName(criteria) as BooleanCriteriaName, [...(args ?? [])]);
  }
  setBackground(color: string | null): FakeConditionalFormatRuleBuilder {
    this.d.background = normalizeColor(color) ?? null;
    return this;
  }
  setFontColor(color: string | null): FakeConditionalFormatRuleBuilder {
    this.d.fontColor = normalizeColor(color) ?? null;
    return this;
  }
  setBold(bold: boolean | null): FakeConditionalFormatRuleBuilder {
    this.d.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): FakeConditionalFormatRuleBuilder {
    this.d.italic = italic;
    return this;
  }
  setStrikethrough(s: boolean | null): FakeConditionalFormatRuleBuilder {
    this.d.strikethrough = s;
    return this;
  }
  setUnderline(u: boolean | null): FakeConditionalFormatRuleBuilder {
    this.d.underline = u;
    return this;
  }

  private point(
    which: 'min' | 'mid' | 'max',
    color: string,
    type: unknown,
    value: unknown,
  ): FakeConditionalFormatRuleBuilder {
    // REAL: a gradient rule replaces any boolean condition on the builder.
    this.d.criteria = null;
    this.d.criteriaValues = [];
    this.d.gradient ??= { min: null, mid: null, max: null };
    this.d.gradient[which] = {
      color: normalizeColor(color) ?? '',
      type: enumName(type),
      value: value === undefined ? '' : String(value),
    };
    return this;
  }
  setGradientMinpoint(color: string): FakeConditionalFormatRuleBuilder {
    return this.point('min', color, 'MIN', '');
  }
  setGradientMinpointWithValue(
    color: string,
    type: unknown,
    value: string,
  ): FakeConditionalFormatRuleBuilder {
    return this.point('min', color, type, value);
  }
  setGradientMidpointWithValue(
    color: string,
    type: unknown,
    value: string,
  ): FakeConditionalFormatRuleBuilder {
    return this.point('mid', color, type, value);
  }
  setGradientMaxpoint(color: string): FakeConditionalFormatRuleBuilder {
    return this.point('max', color, 'MAX', '');
  }
  setGradientMaxpointWithValue(
    color: string,
    type: unknown,
    value: string,
  ): FakeConditionalFormatRuleBuilder {
    return this.point('max', color, type, value);
  }
  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this[FX], this.d);
  }
  build(): FakeConditionalFormatRule {
    return new FakeConditionalFormatRule(this[FX], copyRule(this.d));
  }
}

export class FakeConditionalFormatRule {
  readonly [FX]: Fx;
  readonly _data: RuleData;
  constructor(fx: Fx, data: RuleData) {
    this[FX] = fx;
    this._data = data;
  }
  getRanges(): FakeRange[] {
    return this._data.ranges.map((x) => new FakeRange(this[FX], x.sheet, x.rect));
  }
  getBooleanCondition(): FakeBooleanCondition | null {
    return this._data.criteria ? new FakeBooleanCondition(this[FX], this._data) : null;
  }
  getGradientCondition(): FakeGradientCondition | null {
    return this._data.gradient ? new FakeGradientCondition(this[FX], this._data) : null;
  }
  copy(): FakeConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this[FX], this._data);
  }
}

export class FakeBooleanCondition {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly d: RuleData,
  ) {
    this[FX] = fx;
  }
  getCriteriaType(): FakeEnumValue {
    return BooleanCriteria[this.d.criteria as BooleanCriteriaName];
  }
  getCriteriaValues(): unknown[] {
    return [...this.d.criteriaValues];
  }
  getBackground(): string | null {
    return this.d.background;
  }
  getFontColor(): string | null {
    return this.d.fontColor;
  }
  getBold(): boolean | null {
    return this.d.bold;
  }
  getItalic(): boolean | null {
    return this.d.italic;
  }
}

export class FakeGradientCondition {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly d: RuleData,
  ) {
    this[FX] = fx;
  }
  private p(which: 'min' | 'mid' | 'max'): GradientPoint | null {
    return this.d.gradient?.[which] ?? null;
  }
  getMinColor(): string {
    return this.p('min')?.color ?? '';
  }
  getMinType(): FakeEnumValue | null {
    const t = this.p('min')?.type;
    return t ? ((InterpolationType as Record<string, FakeEnumValue>)[t] ?? null) : null;
  }
  getMinValue(): string {
    return this.p('min')?.value ?? '';
  }
  getMidColor(): string {
    return this.p('mid')?.color ?? '';
  }
  getMidType(): FakeEnumValue | null {
    const t = this.p('mid')?.type;
    return t ? ((InterpolationType as Record<string, FakeEnumValue>)[t] ?? null) : null;
  }
  getMidValue(): string {
    return this.p('mid')?.value ?? '';
  }
  getMaxColor(): string {
    return this.p('max')?.color ?? '';
  }
  getMaxType(): FakeEnumValue | null {
    const t = this.p('max')?.type;
    return t ? ((InterpolationType as Record<string, FakeEnumValue>)[t] ?? null) : null;
  }
  getMaxValue(): string {
    return this.p('max')?.value ?? '';
  }
}

// ---------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------

function emptyChart(): ChartData {
  return {
    id: null,
    type: 'COLUMN',
    ranges: [],
    options: {},
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    numHeaders: -1,
    transpose: false,
    mergeStrategy: 'MERGE_COLUMNS',
    hiddenDimensionStrategy: 'IGNORE_BOTH',
  };
}

/**
 * EmbeddedChartBuilder. The real asXxxChart() methods return type-specific
 * builders; here they set the type and return the same builder, which also
 * carries the type-specific setters (setTitle, setXAxisTitle, ...). Those
 * setters store Google Charts options (title, hAxis.title, ...).
 */
export class FakeEmbeddedChartBuilder {
  readonly [FX]: Fx;
  private d: ChartData;

  constructor(fx: Fx, _sheet: SheetStore, from: ChartData | null) {
    this[FX] = fx;
    this.d = from
      ? {
          ...from,
          ranges: [...from.ranges],
          options: { ...from.options },
          position: { ...from.position },
        }
      : emptyChart();
  }

  addRange(range: FakeRange): FakeEmbeddedChartBuilder {
    if (!(range instanceof FakeRange))
      throw signatureError(this[FX], 'SpreadsheetApp.EmbeddedChartBuilder.addRange', [range]);
    this.d.ranges.push(range._location());
    return this;
  }
  removeRange(range: FakeRange): FakeEmbeddedChartBuilder {
    const loc = range._location();
    this.d.ranges = this.d.ranges.filter(
      (x) => !(x.sheet === loc.sheet && rectToA1(x.rect) === rectToA1(loc.rect)),
    );
    return this;
  }
  clearRanges(): FakeEmbeddedChartBuilder {
    this.d.ranges = [];
    return this;
  }
  getRanges(): FakeRange[] {
    return this.d.ranges.map((x) => new FakeRange(this[FX], x.sheet, x.rect));
  }
  setChartType(type: unknown): FakeEmbeddedChartBuilder {
    this.d.type = enumName(type);
    return this;
  }
  getChartType(): FakeEnumValue {
    return (ChartType as Record<string, FakeEnumValue>)[this.d.type];
  }
  asAreaChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('AREA');
  }
  asBarChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('BAR');
  }
  asColumnChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('COLUMN');
  }
  asComboChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('COMBO');
  }
  asHistogramChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('HISTOGRAM');
  }
  asLineChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('LINE');
  }
  asPieChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('PIE');
  }
  asScatterChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('SCATTER');
  }
  asTableChart(): FakeEmbeddedChartBuilder {
    return this.setChartType('TABLE');
  }
  /** REAL: anchor row/column are 1-based; offsets in pixels. */
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): FakeEmbeddedChartBuilder {
    this.d.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): FakeEmbeddedChartBuilder {
    this.d.options[String(option)] = value;
    return this;
  }
  setNumHeaders(headers: number): FakeEmbeddedChartBuilder {
    this.d.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): FakeEmbeddedChartBuilder {
    this.d.transpose = !!transpose;
    return this;
  }
  setMergeStrategy(strategy: unknown): FakeEmbeddedChartBuilder {
    this.d.mergeStrategy = enumName(strategy);
    return this;
  }
  setHiddenDimensionStrategy(strategy: unknown): FakeEmbeddedChartBuilder {
    this.d.hiddenDimensionStrategy = enumName(strategy);
    return this;
  }
  setTitle(title: string): FakeEmbeddedChartBuilder {
    return this.setOption('title', title);
  }
  setXAxisTitle(title: string): FakeEmbeddedChartBuilder {
    return this.setOption('hAxis.title', title);
  }
  setYAxisTitle(title: string): FakeEmbeddedChartBuilder {
    return this.setOption('vAxis.title', title);
  }
  setLegendPosition(position: unknown): FakeEmbeddedChartBuilder {
    return this.setOption('legend.position', enumName(position).toLowerCase());
  }
  setColors(colors: string[]): FakeEmbeddedChartBuilder {
    return this.setOption('colors', [...colors]);
  }
  setStacked(): FakeEmbeddedChartBuilder {
    return this.setOption('isStacked', true);
  }
  set3D(): FakeEmbeddedChartBuilder {
    return this.setOption('is3D', true);
  }
  setBackgroundColor(color: string): FakeEmbeddedChartBuilder {
    return this.setOption('backgroundColor', color);
  }
  setPointStyle(style: unknown): FakeEmbeddedChartBuilder {
    return this.setOption('pointStyle', enumName(style));
  }
  setCurveStyle(style: unknown): FakeEmbeddedChartBuilder {
    return this.setOption('curveType', enumName(style) === 'SMOOTH' ? 'function' : 'none');
  }
  setRange(start: number, end: number): FakeEmbeddedChartBuilder {
    this.setOption('vAxis.viewWindow.min', start);
    return this.setOption('vAxis.viewWindow.max', end);
  }
  setDimensions(width: number, height: number): FakeEmbeddedChartBuilder {
    this.setOption('width', width);
    return this.setOption('height', height);
  }
  build(): FakeEmbeddedChart {
    const d = {
      ...this.d,
      ranges: [...this.d.ranges],
      options: { ...this.d.options },
      position: { ...this.d.position },
    };
    return new FakeEmbeddedChart(this[FX], d);
  }
}

export class FakeEmbeddedChart {
  readonly [FX]: Fx;
  readonly _data: ChartData;
  constructor(fx: Fx, data: ChartData) {
    this[FX] = fx;
    this._data = data;
  }
  /** REAL: null until the chart has been inserted into a sheet. */
  getChartId(): number | null {
    return this._data.id;
  }
  getId(): string | null {
    return this._data.id === null ? null : `u${this._data.id}`;
  }
  getRanges(): FakeRange[] {
    return this._data.ranges.map((x) => new FakeRange(this[FX], x.sheet, x.rect));
  }
  getOptions(): FakeChartOptions {
    return new FakeChartOptions(this[FX], this._data.options);
  }
  getContainerInfo(): FakeContainerInfo {
    return new FakeContainerInfo(this[FX], this._data.position);
  }
  getNumHeaders(): number {
    return this._data.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._data.transpose;
  }
  getMergeStrategy(): FakeEnumValue {
    return (ChartMergeStrategy as Record<string, FakeEnumValue>)[this._data.mergeStrategy];
  }
  getHiddenDimensionStrategy(): FakeEnumValue {
    return (ChartHiddenDimensionStrategy as Record<string, FakeEnumValue>)[
      this._data.hiddenDimensionStrategy
    ];
  }
  modify(): FakeEmbeddedChartBuilder {
    const sheet = this._data.ranges[0]?.sheet ?? this[FX].store.activeSheet;
    return new FakeEmbeddedChartBuilder(this[FX], sheet, this._data);
  }
}

export class FakeChartOptions {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly o: Record<string, unknown>,
  ) {
    this[FX] = fx;
  }
  get(option: string): unknown {
    return this.o[option] ?? null;
  }
  getOrDefault(option: string): unknown {
    return this.o[option] ?? null;
  }
}

export class FakeContainerInfo {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly p: ChartData['position'],
  ) {
    this[FX] = fx;
  }
  getAnchorRow(): number {
    return this.p.anchorRow;
  }
  getAnchorColumn(): number {
    return this.p.anchorColumn;
  }
  getOffsetX(): number {
    return this.p.offsetX;
  }
  getOffsetY(): number {
    return this.p.offsetY;
  }
}

// ---------------------------------------------------------------------------
// Developer metadata
// ---------------------------------------------------------------------------

export class FakeDeveloperMetadata {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly m: MetadataData,
  ) {
    this[FX] = fx;
  }
  getId(): number {
    return this.m.id;
  }
  getKey(): string {
    return this.m.key;
  }
  /** REAL: null when the metadata has no value. */
  getValue(): string | null {
    return this.m.value;
  }
  getVisibility(): FakeEnumValue {
    return (DeveloperMetadataVisibility as Record<string, FakeEnumValue>)[this.m.visibility];
  }
  getLocation(): FakeDeveloperMetadataLocation {
    return new FakeDeveloperMetadataLocation(this[FX], this.m);
  }
  setKey(key: string): FakeDeveloperMetadata {
    this.m.key = String(key);
    return this;
  }
  setValue(value: string): FakeDeveloperMetadata {
    const fx = this[FX];
    const others = fx.store.metadataChars(this.m.sheet) - (this.m.value?.length ?? 0);
    if (others + String(value).length > METADATA_CHAR_LIMIT) {
      throw fx.error(
        `Developer metadata exceeds the limit of ${METADATA_CHAR_LIMIT} characters for this location. (approximate)`,
      );
    }
    this.m.value = String(value);
    return this;
  }
  setVisibility(visibility: unknown): FakeDeveloperMetadata {
    this.m.visibility = enumName(visibility);
    return this;
  }
  remove(): void {
    const st = this[FX].store;
    st.metadata = st.metadata.filter((x) => x !== this.m);
  }
}

export class FakeDeveloperMetadataLocation {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly m: MetadataData,
  ) {
    this[FX] = fx;
  }
  getLocationType(): FakeEnumValue {
    return this.m.sheet
      ? DeveloperMetadataLocationType.SHEET
      : DeveloperMetadataLocationType.SPREADSHEET;
  }
  getSheet(): FakeSheet | null {
    return this.m.sheet ? new FakeSheet(this[FX], this.m.sheet) : null;
  }
  getSpreadsheet(): FakeSpreadsheet | null {
    return this.m.sheet ? null : new FakeSpreadsheet(this[FX]);
  }
}

export class FakeDeveloperMetadataFinder {
  readonly [FX]: Fx;
  private readonly filters: ((m: MetadataData) => boolean)[] = [];
  constructor(
    fx: Fx,
    private readonly source: () => MetadataData[],
  ) {
    this[FX] = fx;
  }
  withKey(key: string): FakeDeveloperMetadataFinder {
    this.filters.push((m) => m.key === key);
    return this;
  }
  withValue(value: string): FakeDeveloperMetadataFinder {
    this.filters.push((m) => m.value === value);
    return this;
  }
  withId(id: number): FakeDeveloperMetadataFinder {
    this.filters.push((m) => m.id === id);
    return this;
  }
  withVisibility(visibility: unknown): FakeDeveloperMetadataFinder {
    const v = enumName(visibility);
    this.filters.push((m) => m.visibility === v);
    return this;
  }
  withLocationType(type: unknown): FakeDeveloperMetadataFinder {
    const t = enumName(type);
    this.filters.push((m) => (m.sheet ? 'SHEET' : 'SPREADSHEET') === t);
    return this;
  }
  find(): FakeDeveloperMetadata[] {
    return this.source()
      .filter((m) => this.filters.every((f) => f(m)))
      .map((m) => new FakeDeveloperMetadata(this[FX], m));
  }
}

// ---------------------------------------------------------------------------
// Ui and menus
// ---------------------------------------------------------------------------

export class FakeUi {
  readonly [FX]: Fx;
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;

  constructor(fx: Fx) {
    this[FX] = fx;
  }

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this[FX], {
      caption: String(caption),
      addon: false,
      items: [],
      addedToUi: false,
    });
  }
  /** REAL: shown under Extensions > <add-on name>. */
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this[FX], {
      caption: '(add-on)',
      addon: true,
      items: [],
      addedToUi: false,
    });
  }
  /** REAL: sidebars are always 300px wide; setWidth is ignored by Sheets. */
  showSidebar(userInterface: FakeHtmlOutput): void {
    const o = htmlOutputOf(this[FX], userInterface, 'Ui.showSidebar');
    this[FX].recorded.sidebars.push({
      title: o._title,
      content: o._content,
      width: o._width,
      height: o._height,
    });
  }
  showModalDialog(userInterface: FakeHtmlOutput, title: string): void {
    const o = htmlOutputOf(this[FX], userInterface, 'Ui.showModalDialog');
    this[FX].recorded.dialogs.push({
      title: String(title),
      content: o._content,
      width: o._width,
      height: o._height,
      modal: true,
    });
  }
  showModelessDialog(userInterface: FakeHtmlOutput, title: string): void {
    const o = htmlOutputOf(this[FX], userInterface, 'Ui.showModelessDialog');
    this[FX].recorded.dialogs.push({
      title: String(title),
      content: o._content,
      width: o._width,
      height: o._height,
      modal: false,
    });
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons). Returns the next queued response. */
  alert(a: string, b?: unknown, c?: unknown): FakeEnumValue {
    const fx = this[FX];
    let title: string | null = null;
    let prompt = String(a);
    let buttons: unknown = b;
    if (typeof b === 'string') {
      title = String(a);
      prompt = b;
      buttons = c;
    }
    fx.recorded.alerts.push({
      title,
      prompt,
      buttons: buttons === undefined ? null : enumName(buttons),
    });
    const next = fx.responses.alerts.shift();
    const set = buttons === undefined ? 'OK' : enumName(buttons);
    const fallback = set.startsWith('YES') ? 'YES' : 'OK';
    return (Button as Record<string, FakeEnumValue>)[next ?? fallback] ?? Button.OK;
  }
  prompt(a: string, b?: unknown, c?: unknown): FakePromptResponse {
    const fx = this[FX];
    let title: string | null = null;
    let prompt = String(a);
    let buttons: unknown = b;
    if (typeof b === 'string') {
      title = String(a);
      prompt = b;
      buttons = c;
    }
    fx.recorded.prompts.push({
      title,
      prompt,
      buttons: buttons === undefined ? null : enumName(buttons),
    });
    const next = fx.responses.prompts.shift() ?? { text: '', button: 'OK' };
    return new FakePromptResponse(fx, next.text, next.button);
  }
}

export class FakePromptResponse {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly text: string,
    private readonly button: string,
  ) {
    this[FX] = fx;
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): FakeEnumValue {
    return (Button as Record<string, FakeEnumValue>)[this.button] ?? Button.OK;
  }
}

export class FakeMenu {
  readonly [FX]: Fx;
  readonly _record: MenuRecord;
  constructor(fx: Fx, record: MenuRecord) {
    this[FX] = fx;
    this._record = record;
    fx.recorded.menus.push(record);
  }
  /**
   * REAL: functionName must name a top-level function of the script; this is
   * only checked when the user clicks it (use fake.menuItems() to verify).
   */
  addItem(caption: string, functionName: string): FakeMenu {
    this._record.items.push({
      kind: 'item',
      caption: String(caption),
      functionName: String(functionName),
    });
    return this;
  }
  addSeparator(): FakeMenu {
    this._record.items.push({ kind: 'separator' });
    return this;
  }
  addSubMenu(menu: FakeMenu): FakeMenu {
    if (!(menu instanceof FakeMenu)) throw signatureError(this[FX], 'Menu.addSubMenu', [menu]);
    this._record.items.push({ kind: 'submenu', menu: menu._record });
    return this;
  }
  addToUi(): void {
    this._record.addedToUi = true;
  }
}

// ---------------------------------------------------------------------------
// HtmlService
// ---------------------------------------------------------------------------

function htmlOutputOf(fx: Fx, v: unknown, method: string): FakeHtmlOutput {
  if (!(v instanceof FakeHtmlOutput)) throw signatureError(fx, method, [v]);
  return v;
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class FakeHtmlService {
  readonly [FX]: Fx;
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  private file(filename: string): string {
    const fx = this[FX];
    const name = String(filename);
    const content = fx.files[name] ?? fx.files[`${name}.html`];
    // REAL message.
    if (content === undefined) throw fx.error(`No HTML file named ${name} was found.`);
    return content;
  }
  createHtmlOutput(html?: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this[FX], html === undefined ? '' : String(html));
  }
  /** REAL: the file is served as is; scriptlets (<? ?>) are NOT evaluated. */
  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this[FX], this.file(filename));
  }
  createTemplate(html: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this[FX], String(html));
  }
  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this[FX], this.file(filename));
  }
}

export class FakeHtmlOutput {
  readonly [FX]: Fx;
  _content: string;
  _title = '';
  _width: number | null = null;
  _height: number | null = null;
  constructor(fx: Fx, content: string) {
    this[FX] = fx;
    this._content = content;
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: string): FakeHtmlOutput {
    this._content = String(content);
    return this;
  }
  append(addedContent: string): FakeHtmlOutput {
    this._content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): FakeHtmlOutput {
    this._content += escapeHtml(String(addedContent));
    return this;
  }
  clear(): FakeHtmlOutput {
    this._content = '';
    return this;
  }
  setTitle(title: string): FakeHtmlOutput {
    this._title = String(title);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(width: number): FakeHtmlOutput {
    this._width = width;
    return this;
  }
  getWidth(): number | null {
    return this._width;
  }
  setHeight(height: number): FakeHtmlOutput {
    this._height = height;
    return this;
  }
  getHeight(): number | null {
    return this._height;
  }
  setSandboxMode(_mode: unknown): FakeHtmlOutput {
    return this;
  }
  setXFrameOptionsMode(_mode: unknown): FakeHtmlOutput {
    return this;
  }
  addMetaTag(_name: string, _content: string): FakeHtmlOutput {
    return this;
  }
  setFaviconUrl(_url: string): FakeHtmlOutput {
    return this;
  }
}

/**
 * HtmlTemplate: assign variables as properties (`t.data = x`), then
 * evaluate(). Supports <? code ?>, <?= escaped ?>, <?!= raw ?>. After
 * install(), scriptlets run in the vm context so they can call the script's
 * global functions (e.g. include()).
 */
export class FakeHtmlTemplate {
  declare readonly [FX]: Fx;
  declare readonly _source: string;
  [key: string]: unknown;

  constructor(fx: Fx, source: string) {
    Object.defineProperty(this, FX, { value: fx, enumerable: false });
    Object.defineProperty(this, '_source', { value: source, enumerable: false });
  }

  getRawContent(): string {
    return this._source;
  }
  getCode(): string {
    return compileTemplate(this._source);
  }
  evaluate(): FakeHtmlOutput {
    const fx = this[FX];
    const body = compileTemplate(this._source);
    const params = ['__scope', '__esc', '__str'];
    const fn = (
      fx.context
        ? vm.compileFunction(body, params, { parsingContext: fx.context })
        : new Function(...params, body)
    ) as (scope: object, esc: (v: unknown) => string, str: (v: unknown) => string) => string;
    const scope: Record<string, unknown> = {};
    for (const k of Object.keys(this)) scope[k] = this[k];
    const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
    return new FakeHtmlOutput(
      fx,
      fn(scope, (v) => escapeHtml(str(v)), str),
    );
  }
}

function compileTemplate(src: string): string {
  let code = 'var __o = "";\n';
  const re = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    code += `__o += ${JSON.stringify(src.slice(last, m.index))};\n`;
    if (m[1] === '=') code += `__o += __esc(${m[2]});\n`;
    else if (m[1] === '!=') code += `__o += __str(${m[2]});\n`;
    else code += `${m[2]}\n`;
    last = re.lastIndex;
  }
  code += `__o += ${JSON.stringify(src.slice(last))};\nreturn __o;\n`;
  return `with (__scope) {\n${code}}`;
}

// ---------------------------------------------------------------------------
// Utilities, Logger, Session, Properties, Cache, Lock, ScriptApp, Charts
// ---------------------------------------------------------------------------

export class FakeUtilities {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  /** Java SimpleDateFormat pattern in the given time zone (unknown zone -> GMT, like Java). */
  formatDate(date: Date, timeZone: string, format: string): string {
    const fx = this[FX];
    if (!isDate(date)) throw signatureError(fx, 'Utilities.formatDate', [date, timeZone, format]);
    return formatJavaDate(fx, date, String(timeZone), String(format));
  }
  /** sprintf-style: %s, %d, %i, %f, %.Nf, %%. */
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(
      /%(\.(\d+))?([sdif%])/g,
      (_m, _p, prec: string | undefined, t: string) => {
        if (t === '%') return '%';
        const a = args[i++];
        if (t === 's') return String(a);
        if (t === 'd' || t === 'i') return String(Math.trunc(Number(a)));
        return prec !== undefined ? Number(a).toFixed(Number(prec)) : String(Number(a));
      },
    );
  }
  sleep(milliseconds: number): void {
    this[FX].recorded.sleeps.push(milliseconds);
  }
  getUuid(): string {
    return randomUUID();
  }
  base64Encode(data: string | number[]): string {
    return (
      typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.map((b) => b & 0xff))
    ).toString('base64');
  }
  base64Decode(encoded: string): number[] {
    return [...Buffer.from(String(encoded), 'base64')].map((b) => (b > 127 ? b - 256 : b));
  }
}

export class FakeLogger {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  log(data: unknown, ...values: unknown[]): FakeLogger {
    let msg = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
    if (values.length > 0) {
      let i = 0;
      msg = msg.replace(/%s|%d/g, () => String(values[i++]));
    }
    this[FX].logs.push(msg);
    return this;
  }
  getLog(): string {
    return this[FX].logs.join('\n');
  }
  clear(): void {
    this[FX].logs.length = 0;
  }
}

export class FakeUser {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly email: string,
  ) {
    this[FX] = fx;
  }
  getEmail(): string {
    return this.email;
  }
}

export class FakeSession {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  getScriptTimeZone(): string {
    return this[FX].scriptTimeZone;
  }
  getActiveUser(): FakeUser {
    return new FakeUser(this[FX], this[FX].userEmail);
  }
  getEffectiveUser(): FakeUser {
    return new FakeUser(this[FX], this[FX].userEmail);
  }
  getActiveUserLocale(): string {
    return 'en';
  }
  getTemporaryActiveUserKey(): string {
    return 'fake-temporary-user-key';
  }
}

/** REAL: 9 KB per value and 500 KB per store; values are stored as strings. */
const PROPERTY_VALUE_LIMIT = 9 * 1024;
const PROPERTY_STORE_LIMIT = 500 * 1024;

export class FakeProperties {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly map: Map<string, string>,
  ) {
    this[FX] = fx;
  }
  private put(key: string, value: unknown): void {
    const fx = this[FX];
    const v = String(value);
    if (v.length > PROPERTY_VALUE_LIMIT) throw fx.error('Argument too large: value');
    let total = 0;
    for (const [k, x] of this.map) if (k !== key) total += k.length + x.length;
    if (total + key.length + v.length > PROPERTY_STORE_LIMIT) {
      throw fx.error(
        'You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    this.map.set(String(key), v);
  }
  getProperty(key: string): string | null {
    return this.map.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
  getKeys(): string[] {
    return [...this.map.keys()];
  }
  setProperty(key: string, value: unknown): FakeProperties {
    this.put(String(key), value);
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): FakeProperties {
    if (deleteAllOthers) this.map.clear();
    for (const [k, v] of Object.entries(properties)) this.put(k, v);
    return this;
  }
  deleteProperty(key: string): FakeProperties {
    this.map.delete(String(key));
    return this;
  }
  deleteAllProperties(): FakeProperties {
    this.map.clear();
    return this;
  }
}

export class FakePropertiesService {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  getDocumentProperties(): FakeProperties {
    this[FX].requireAuth('PropertiesService.getDocumentProperties');
    return new FakeProperties(this[FX], this[FX].properties.document);
  }
  getUserProperties(): FakeProperties {
    this[FX].requireAuth('PropertiesService.getUserProperties');
    return new FakeProperties(this[FX], this[FX].properties.user);
  }
  getScriptProperties(): FakeProperties {
    return new FakeProperties(this[FX], this[FX].properties.script);
  }
}

/** CacheService: expiration is accepted and ignored. REAL: 100 KB per value, 250-character keys. */
export class FakeCache {
  readonly [FX]: Fx;
  constructor(
    fx: Fx,
    private readonly map: Map<string, string>,
  ) {
    this[FX] = fx;
  }
  get(key: string): string | null {
    return this.map.get(String(key)) ?? null;
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.map.get(k);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  put(key: string, value: string, _expirationInSeconds?: number): void {
    const fx = this[FX];
    if (String(key).length > 250) throw fx.error('Argument too large: key (approximate)');
    if (String(value).length > 100 * 1024) throw fx.error('Argument too large: value');
    this.map.set(String(key), String(value));
  }
  putAll(values: Record<string, string>, _expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v);
  }
  remove(key: string): void {
    this.map.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.map.delete(k);
  }
}

export class FakeCacheService {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  getDocumentCache(): FakeCache {
    return new FakeCache(this[FX], this[FX].caches.document);
  }
  getUserCache(): FakeCache {
    return new FakeCache(this[FX], this[FX].caches.user);
  }
  getScriptCache(): FakeCache {
    return new FakeCache(this[FX], this[FX].caches.script);
  }
}

export class FakeLock {
  readonly [FX]: Fx;
  private held = false;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  tryLock(_timeoutInMillis: number): boolean {
    this.held = true;
    return true;
  }
  waitLock(_timeoutInMillis: number): void {
    this.held = true;
  }
  releaseLock(): void {
    this.held = false;
  }
  hasLock(): boolean {
    return this.held;
  }
}

export class FakeLockService {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  getDocumentLock(): FakeLock {
    return new FakeLock(this[FX]);
  }
  getScriptLock(): FakeLock {
    return new FakeLock(this[FX]);
  }
  getUserLock(): FakeLock {
    return new FakeLock(this[FX]);
  }
}

export class FakeScriptApp {
  readonly [FX]: Fx;
  readonly AuthMode = AuthMode;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
  getOAuthToken(): string {
    return 'fake-oauth-token';
  }
  getScriptId(): string {
    return 'fake-script-id';
  }
  getProjectTriggers(): unknown[] {
    return [];
  }
}

// ---------------------------------------------------------------------------
// Instrumentation (call counting)
// ---------------------------------------------------------------------------

instrument(FakeSpreadsheetApp, 'SpreadsheetApp', 'spreadsheet');
instrument(FakeSpreadsheet, 'Spreadsheet', 'spreadsheet', SPREADSHEET_TEST_HELPERS);
instrument(FakeSheet, 'Sheet', 'spreadsheet');
instrument(FakeRange, 'Range', 'spreadsheet');
instrument(FakeProtection, 'Protection', 'spreadsheet');
instrument(FakeFilter, 'Filter', 'spreadsheet');
instrument(FakeConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder', 'spreadsheet');
instrument(FakeConditionalFormatRule, 'ConditionalFormatRule', 'spreadsheet');
instrument(FakeBooleanCondition, 'BooleanCondition', 'spreadsheet');
instrument(FakeGradientCondition, 'GradientCondition', 'spreadsheet');
instrument(FakeEmbeddedChartBuilder, 'EmbeddedChartBuilder', 'spreadsheet');
instrument(FakeEmbeddedChart, 'EmbeddedChart', 'spreadsheet');
instrument(FakeChartOptions, 'ChartOptions', 'spreadsheet');
instrument(FakeContainerInfo, 'ContainerInfo', 'spreadsheet');
instrument(FakeDeveloperMetadata, 'DeveloperMetadata', 'spreadsheet');
instrument(FakeDeveloperMetadataLocation, 'DeveloperMetadataLocation', 'spreadsheet');
instrument(FakeDeveloperMetadataFinder, 'DeveloperMetadataFinder', 'spreadsheet');
instrument(FakeUi, 'Ui', 'spreadsheet');
instrument(FakePromptResponse, 'PromptResponse', 'spreadsheet');
instrument(FakeMenu, 'Menu', 'spreadsheet');
instrument(FakeHtmlService, 'HtmlService', 'other');
instrument(FakeHtmlOutput, 'HtmlOutput', 'other');
instrument(FakeHtmlTemplate, 'HtmlTemplate', 'other');
instrument(FakeUtilities, 'Utilities', 'other');
instrument(FakeLogger, 'Logger', 'other');
instrument(FakeUser, 'User', 'other');
instrument(FakeSession, 'Session', 'other');
instrument(FakeProperties, 'Properties', 'other');
instrument(FakePropertiesService, 'PropertiesService', 'other');
instrument(FakeCache, 'Cache', 'other');
instrument(FakeCacheService, 'CacheService', 'other');
instrument(FakeLock, 'Lock', 'other');
instrument(FakeLockService, 'LockService', 'other');
instrument(FakeScriptApp, 'ScriptApp', 'other');

// ---------------------------------------------------------------------------
// Factory
// ---------------------------------------------------------------------------

export interface AppsScriptGlobals {
  SpreadsheetApp: FakeSpreadsheetApp;
  HtmlService: FakeHtmlService;
  Utilities: FakeUtilities;
  Logger: FakeLogger;
  Session: FakeSession;
  PropertiesService: FakePropertiesService;
  CacheService: FakeCacheService;
  LockService: FakeLockService;
  ScriptApp: FakeScriptApp;
  Charts: {
    ChartType: typeof ChartType;
    Position: typeof ChartPosition;
    ChartMergeStrategy: typeof ChartMergeStrategy;
    ChartHiddenDimensionStrategy: typeof ChartHiddenDimensionStrategy;
    CurveStyle: typeof CurveStyle;
    PointStyle: typeof PointStyle;
  };
  /** Records into `logs` (vm contexts have no console of their own). */
  console: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'>;
}

export interface MenuItemInfo {
  /** Menu captions from the top-level menu down to the item. */
  path: string[];
  caption: string;
  functionName: string;
}

export interface AppsScriptFake {
  globals: AppsScriptGlobals;
  /** Live counters (the same object is updated in place). */
  calls: CallCounts;
  /** The active spreadsheet: API methods (counted) + seed/inspect helpers (not counted). */
  spreadsheet: FakeSpreadsheet;
  resetCalls(): void;
  /** HTML files for HtmlService.createHtmlOutputFromFile/createTemplateFromFile ("Sidebar" or "Sidebar.html"). */
  files: Record<string, string>;
  /** Menus, sidebars, dialogs, alerts, prompts, toasts, sleeps. */
  recorded: Recorded;
  /** Queue responses for Ui.alert / Ui.prompt. */
  responses: Responses;
  /** Logger.log and console.* output. */
  logs: string[];
  properties: {
    document: Map<string, string>;
    user: Map<string, string>;
    script: Map<string, string>;
  };
  /**
   * Puts the globals on a vm context and adopts the context's Date and Error,
   * so getValues() Dates pass `instanceof Date` and thrown errors pass
   * `instanceof Error` inside the bundle.
   */
  install(context: vm.Context): void;
  /** Items of every menu that was added to the Ui (addToUi), including submenus. */
  menuItems(): MenuItemInfo[];
  /** Simulates the authorization mode: in NONE, SpreadsheetApp data access and document/user properties throw. */
  setAuthMode(mode: AuthModeName): void;
  /** An onOpen/onInstall event object for the given mode (also sets the auth mode). */
  openEvent(mode?: AuthModeName): {
    authMode: FakeEnumValue;
    source?: FakeSpreadsheet;
    user?: FakeUser;
  };
}

export function createAppsScriptFake(opts: FakeOptions = {}): AppsScriptFake {
  const fx = new Fx(opts);
  const record =
    (level: string) =>
    (...args: unknown[]): void => {
      fx.logs.push(
        (level === 'log' ? '' : `[${level}] `) +
          args.map((a) => (typeof a === 'string' ? a : (JSON.stringify(a) ?? String(a)))).join(' '),
      );
    };
  const globals: AppsScriptGlobals = {
    SpreadsheetApp: new FakeSpreadsheetApp(fx),
    HtmlService: new FakeHtmlService(fx),
    Utilities: new FakeUtilities(fx),
    Logger: new FakeLogger(fx),
    Session: new FakeSession(fx),
    PropertiesService: new FakePropertiesService(fx),
    CacheService: new FakeCacheService(fx),
    LockService: new FakeLockService(fx),
    ScriptApp: new FakeScriptApp(fx),
    Charts: {
      ChartType,
      Position: ChartPosition,
      ChartMergeStrategy,
      ChartHiddenDimensionStrategy,
      CurveStyle,
      PointStyle,
    },
    console: {
      log: record('log'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
      debug: record('debug'),
    },
  };

  const flatten = (menu: MenuRecord, path: string[], out: MenuItemInfo[]): void => {
    for (const e of menu.items) {
      if (e.kind === 'item')
        out.push({
          path: [...path, menu.caption],
          caption: e.caption,
          functionName: e.functionName,
        });
      else if (e.kind === 'submenu') flatten(e.menu, [...path, menu.caption], out);
    }
  };

  return {
    globals,
    calls: fx.calls,
    spreadsheet: new FakeSpreadsheet(fx),
    resetCalls(): void {
      fx.calls.total = 0;
      fx.calls.spreadsheet = 0;
      for (const k of Object.keys(fx.calls.byMethod)) delete fx.calls.byMethod[k];
    },
    files: fx.files,
    recorded: fx.recorded,
    responses: fx.responses,
    logs: fx.logs,
    properties: fx.properties,
    install(context: vm.Context): void {
      fx.context = context;
      fx.realm = vm.runInContext('({ Date: Date, Error: Error })', context) as Realm;
      Object.assign(context, globals);
    },
    menuItems(): MenuItemInfo[] {
      const out: MenuItemInfo[] = [];
      for (const m of fx.recorded.menus) if (m.addedToUi) flatten(m, [], out);
      return out;
    },
    setAuthMode(mode: AuthModeName): void {
      fx.authMode = mode;
    },
    openEvent(mode: AuthModeName = 'FULL') {
      fx.authMode = mode;
      const e: { authMode: FakeEnumValue; source?: FakeSpreadsheet; user?: FakeUser } = {
        authMode: AuthMode[mode],
      };
      if (mode !== 'NONE') {
        e.source = new FakeSpreadsheet(fx);
        e.user = new FakeUser(fx, fx.userEmail);
      }
      return e;
    },
  };
}
