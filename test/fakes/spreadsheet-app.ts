/**
 * An in-memory Apps Script for tests: SpreadsheetApp and the few other services the Sheets add-on
 * calls (sheets-addon/), run by test/sheets/harness.ts around the built Code.js in node:vm. The
 * host rules that shape the add-on's code (see test/fakes/README.md for the sources):
 *  - Every call is counted ("Range.setValues"), so tests can show the calls do not grow with rows.
 *  - An execution may run 6 minutes. The fake keeps a modelled clock instead of a stopwatch: each
 *    call costs `msPerCall`, each cell read or written `msPerCell`; past `executionLimitMs` the
 *    call throws "Exceeded maximum execution time", and so does every later call of that execution.
 *  - Ranges are 1-based and must lie inside the sheet's grid (a new sheet is 1,000 × 26; "A:L"
 *    ends at its last row); the whole spreadsheet holds at most 10,000,000 cells.
 *  - A sheet's id survives a rename and is never reused: getSheetById of a deleted sheet is null.
 *  - setValues reads strings as typed input: "=…" is a formula, "-5" a number, "TRUE" a boolean,
 *    "2024-01-05" a date; a leading apostrophe keeps text. The data must match the range's size.
 *  - Sheet names are unique, case-insensitively; insertSheet of a taken name throws.
 *  - Sheet.clear() leaves the filter, the conditional rules and the charts; a sheet has one filter.
 *  - setConditionalFormatRules replaces all of a sheet's rules.
 *  - Deleting a sheet turns the other sheets' formulas that point into it into #REF!.
 *  - In AuthMode.NONE (an add-on's onOpen before it is used in the document) no data is readable.
 * Formulas are not calculated: a formula cell reads as "" (or what the test's `evaluateFormula`
 * gives), or "#REF!" once broken.
 * Errors are the vm realm's Error with name "Exception", as Apps Script's V8 runtime throws.
 */
import * as vm from 'node:vm';
import { breakReferences, parseAddress, type Rect, rectAddress, typed } from './cells.js';

/** Apps Script's limit for one execution (consumer and Workspace accounts alike). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
/** Sheets' limit for one spreadsheet, counting every cell of every sheet's grid. */
export const CELL_LIMIT = 10_000_000;

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

export interface FakeOptions {
  /** The spreadsheet's time zone (default America/New_York). */
  timeZone?: string;
  /** Session.getScriptTimeZone() (default: the spreadsheet's). */
  scriptTimeZone?: string;
  /** Session.getActiveUserLocale(): the user's language, e.g. "de" (default "en"). */
  userLocale?: string;
  /** Sheets the spreadsheet starts with (default Sheet1). */
  sheetNames?: string[];
  /** Modelled cost of one service call (default 50 ms: a round trip to Sheets). */
  msPerCall?: number;
  /** Modelled cost of one cell read or written (default 0.02 ms: 1,000,000 cells take 20 s). */
  msPerCell?: number;
  /** The time one execution may take (default 6 minutes). */
  executionLimitMs?: number;
  /**
   * A formula's value, for the formulas a test needs calculated (the fake calculates none);
   * undefined reads as "". E.g. =HYPERLINK(url, label) → label.
   */
  evaluateFormula?: (formula: string) => Value | undefined;
}

export interface CallCounts {
  /** Calls on the SpreadsheetApp family: SpreadsheetApp, Spreadsheet, Sheet, Range, Ui, builders… */
  spreadsheet: number;
  /** Per "Class.method", e.g. byMethod['Range.setValues']. */
  byMethod: Record<string, number>;
}

type Value = string | number | boolean | Date;
const FORMULA = Symbol('formula');
type Stored = Value | { [FORMULA]: string };
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const isFormula = (v: unknown): v is { [FORMULA]: string } =>
  typeof v === 'object' && v !== null && FORMULA in v;

// ---------------------------------------------------------------------------------------------
// State shared by every service object: counting, the clock, errors
// ---------------------------------------------------------------------------------------------

class Fx {
  readonly calls: CallCounts = { spreadsheet: 0, byMethod: {} };
  realm: { Date: DateConstructor; Error: ErrorConstructor } = { Date, Error };
  authMode: AuthModeName = 'FULL';
  depth = 0;
  /** Modelled milliseconds of the running execution; null outside one. */
  clock: number | null = null;
  expired = false;
  readonly msPerCall: number;
  readonly msPerCell: number;
  readonly evaluateFormula: FakeOptions['evaluateFormula'];
  executionLimitMs: number;
  readonly book: Book;
  readonly files: Record<string, string> = {};
  readonly cache = new Map<string, string>();
  readonly menus: {
    addon: boolean;
    caption: string;
    items: { caption: string; functionName: string }[];
  }[] = [];
  readonly sidebars: { title: string; content: string }[] = [];
  readonly scriptTimeZone: string;
  readonly userLocale: string;

  constructor(opts: FakeOptions) {
    this.userLocale = opts.userLocale ?? 'en';
    this.msPerCall = opts.msPerCall ?? 50;
    this.msPerCell = opts.msPerCell ?? 0.02;
    this.evaluateFormula = opts.evaluateFormula;
    this.executionLimitMs = opts.executionLimitMs ?? EXECUTION_LIMIT_MS;
    const tz = opts.timeZone ?? 'America/New_York';
    this.scriptTimeZone = opts.scriptTimeZone ?? tz;
    this.book = new Book(this, tz, opts.sheetNames ?? ['Sheet1']);
  }
  error(message: string): Error {
    const e = new this.realm.Error(message);
    e.name = 'Exception';
    return e;
  }
  /** Advances the execution's clock; throws once it passes the limit. */
  spend(ms: number): void {
    if (this.clock === null) return;
    this.clock += ms;
    if (this.clock > this.executionLimitMs) this.expired = true;
    if (this.expired) throw this.error('Exceeded maximum execution time');
  }
  cells(n: number): void {
    this.spend(n * this.msPerCell);
  }
  requireData(what: string): void {
    if (this.authMode === 'NONE')
      throw this.error(`You do not have permission to call ${what} (AuthMode.NONE).`);
  }
}

const FX = Symbol('fx');
/** A service object: every public method is counted (see `instrument`). */
abstract class Service {
  readonly [FX]: Fx;
  constructor(fx: Fx) {
    this[FX] = fx;
  }
}

/** Counts every public method of `cls` as "label.method" and charges it to the clock. */
function instrument(cls: { prototype: object }, label: string, spreadsheet: boolean): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    const f = Object.getOwnPropertyDescriptor(proto, key)?.value;
    if (key === 'constructor' || key.startsWith('_') || typeof f !== 'function') continue;
    proto[key] = function (this: Service, ...args: unknown[]) {
      const fx = this[FX];
      if (fx.depth === 0) {
        const name = `${label}.${key}`;
        fx.calls.byMethod[name] = (fx.calls.byMethod[name] ?? 0) + 1;
        if (spreadsheet) fx.calls.spreadsheet++;
        fx.spend(fx.msPerCall);
      }
      fx.depth++;
      try {
        return (f as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        fx.depth--;
      }
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Dates in a time zone
// ---------------------------------------------------------------------------------------------

function partsIn(ms: number, tz: string): Record<string, number> {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return Object.fromEntries(
    f
      .formatToParts(new Date(ms))
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, +p.value]),
  );
}

/** The instant of midnight on y-m-d in `tz`. */
function midnightIn(y: number, m: number, d: number, tz: string): number {
  const wall = Date.UTC(y, m - 1, d);
  let ms = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(ms, tz);
    ms = wall - (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - ms);
  }
  return ms;
}

/** Utilities.formatDate for the patterns yyyy, yy, MM, dd, HH, mm, ss and 'quoted' text. */
function formatDate(date: Date, tz: string, pattern: string): string {
  const p = partsIn(date.getTime(), tz);
  const two = (n: number) => String(n).padStart(2, '0');
  const token: Record<string, string> = {
    yyyy: String(p.year),
    yy: two(p.year % 100),
    MM: two(p.month),
    dd: two(p.day),
    HH: two(p.hour),
    mm: two(p.minute),
    ss: two(p.second),
  };
  return pattern.replace(/yyyy|yy|MM|dd|HH|mm|ss|'[^']*'/g, (t) => token[t] ?? t.slice(1, -1));
}

// ---------------------------------------------------------------------------------------------
// The spreadsheet model
// ---------------------------------------------------------------------------------------------

const FORMATS = [
  'numberFormat',
  'background',
  'fontColor',
  'fontWeight',
  'fontSize',
  'wrap',
] as const;
type FormatName = (typeof FORMATS)[number];

interface RuleModel {
  ranges: { sheet: SheetModel; rect: Rect }[];
  criteria: string | null;
  values: unknown[];
  fontColor: string | null;
  background: string | null;
  gradient: string[] | null;
}
interface ChartModel {
  type: string;
  ranges: { sheet: SheetModel; rect: Rect }[];
  options: Record<string, unknown>;
  position: number[];
}
interface MetadataModel {
  key: string;
  value: string | null;
  visibility: string;
  sheet: SheetModel;
}

class Grid<T> {
  rows: (T | undefined)[][] = [];
  get(r: number, c: number): T | undefined {
    return this.rows[r]?.[c];
  }
  set(r: number, c: number, v: T | undefined): void {
    if (v === undefined && !this.rows[r]) return;
    (this.rows[r] ??= [])[c] = v;
  }
  clear(): void {
    this.rows = [];
  }
}

class SheetModel {
  readonly values = new Grid<Stored>();
  readonly formats = new Map<FormatName, Grid<string | number | boolean>>();
  maxRows = 1000;
  maxCols = 26;
  frozenRows = 0;
  frozenCols = 0;
  readonly colWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  merges: Rect[] = [];
  rules: RuleModel[] = [];
  charts: ChartModel[] = [];
  filter: Rect | null = null;
  selection: Rect = { r0: 0, c0: 0, rows: 1, cols: 1 };
  constructor(
    readonly id: number,
    public name: string,
  ) {}
  format(name: FormatName): Grid<string | number | boolean> {
    let g = this.formats.get(name);
    if (!g) this.formats.set(name, (g = new Grid()));
    return g;
  }
  /** The last row (1-based) with a value or formula; 0 when empty. */
  lastRow(): number {
    for (let r = this.values.rows.length - 1; r >= 0; r--)
      if (this.values.rows[r]?.some((v) => v !== undefined)) return r + 1;
    return 0;
  }
  lastColumn(): number {
    let last = 0;
    for (const row of this.values.rows)
      if (row) for (let c = row.length - 1; c >= last; c--) if (row[c] !== undefined) last = c + 1;
    return last;
  }
}

/** An A1 range on `s`: whole columns ("A:L") and rows ("2:5") end at the sheet's grid. */
function gridRect(s: SheetModel, a1: string): Rect | null {
  const p = parseAddress(a1);
  if (!p) return null;
  const { r0, c0, rows, cols } = p.rect;
  const open = Number.MAX_SAFE_INTEGER / 2;
  return {
    r0,
    c0,
    rows: rows > open ? Math.max(1, s.maxRows - r0) : rows,
    cols: cols > open ? Math.max(1, s.maxCols - c0) : cols,
  };
}

class Book {
  sheets: SheetModel[] = [];
  active: SheetModel;
  readonly metadata: MetadataModel[] = [];
  private nextId = 0;
  constructor(
    private readonly fx: Fx,
    readonly timeZone: string,
    names: string[],
  ) {
    for (const n of names) this.insert(n, this.sheets.length);
    this.active = this.sheets[0];
  }
  find(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  insert(name: string, index: number): SheetModel {
    if (this.find(name))
      throw this.fx.error(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    const s = new SheetModel(this.nextId, name);
    this.nextId = this.nextId ? this.nextId + 7919 : 1_000_001;
    this.grow(s.maxRows * s.maxCols);
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, s);
    return s;
  }
  /** Checks that `extra` more cells keep the spreadsheet within its limit. */
  grow(extra: number): void {
    const total = this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
    if (total + extra > CELL_LIMIT)
      throw this.fx.error(
        `This action would increase the number of cells in the workbook above the limit of ${CELL_LIMIT} cells.`,
      );
  }
  remove(s: SheetModel): void {
    if (this.sheets.length === 1)
      throw this.fx.error("You can't remove all the sheets in a document.");
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.metadata.splice(0, this.metadata.length, ...this.metadata.filter((m) => m.sheet !== s));
    for (const other of this.sheets)
      other.values.rows.forEach((row) => {
        row?.forEach((v, c) => {
          if (isFormula(v)) row[c] = { [FORMULA]: breakReferences(v[FORMULA], s.name) };
        });
      });
    if (this.active === s) this.active = this.sheets[0];
  }
  /** Stores typed input, as setValues and setFormulas read it. */
  type(s: SheetModel, r: number, c: number, v: unknown): void {
    let stored: Stored | undefined;
    if (v === null || v === undefined) stored = undefined;
    else if (typeof v === 'number' || typeof v === 'boolean') stored = v;
    else if (isDate(v)) stored = new Date(v.getTime());
    else {
      const t = typed(String(v));
      stored =
        t.kind === 'blank'
          ? undefined
          : t.kind === 'formula'
            ? { [FORMULA]: t.formula }
            : t.kind === 'date'
              ? new Date(midnightIn(t.y, t.m, t.d, this.timeZone))
              : t.value;
    }
    s.values.set(r, c, stored);
  }
  /** What getValues returns for a cell. */
  read(s: SheetModel, r: number, c: number): Value {
    const v = s.values.get(r, c);
    if (v === undefined) return '';
    if (isFormula(v)) {
      const f = v[FORMULA];
      return f.includes('#REF!') ? '#REF!' : (this.fx.evaluateFormula?.(f) ?? '');
    }
    return isDate(v) ? new this.fx.realm.Date(v.getTime()) : v;
  }
}

// ---------------------------------------------------------------------------------------------
// The services (each call counted)
// ---------------------------------------------------------------------------------------------

const enumOf = <K extends string>(...names: K[]) =>
  Object.freeze(Object.fromEntries(names.map((n) => [n, n]))) as Readonly<Record<K, K>>;

class SpreadsheetAppService extends Service {
  readonly DeveloperMetadataVisibility = enumOf('DOCUMENT', 'PROJECT');
  readonly InterpolationType = enumOf('NUMBER', 'PERCENT', 'PERCENTILE', 'MIN', 'MAX');
  getActiveSpreadsheet(): Spreadsheet {
    this[FX].requireData('SpreadsheetApp.getActiveSpreadsheet');
    return new Spreadsheet(this[FX]);
  }
  getActiveSheet(): Sheet {
    this[FX].requireData('SpreadsheetApp.getActiveSheet');
    return new Sheet(this[FX], this[FX].book.active);
  }
  getActiveRange(): Range {
    this[FX].requireData('SpreadsheetApp.getActiveRange');
    const s = this[FX].book.active;
    return new Range(this[FX], s, s.selection);
  }
  getUi(): Ui {
    return new Ui(this[FX]);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this[FX]);
  }
  flush(): void {}
}

class Spreadsheet extends Service {
  private get book() {
    return this[FX].book;
  }
  getSpreadsheetTimeZone(): string {
    return this.book.timeZone;
  }
  getActiveSheet(): Sheet {
    return new Sheet(this[FX], this.book.active);
  }
  getActiveRange(): Range | null {
    const s = this.book.active;
    return new Range(this[FX], s, s.selection);
  }
  getSheets(): Sheet[] {
    return this.book.sheets.map((s) => new Sheet(this[FX], s));
  }
  getNumSheets(): number {
    return this.book.sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    const s = this.book.find(name);
    return s ? new Sheet(this[FX], s) : null;
  }
  /** The sheet of that id (ids survive a rename and are never reused), or null. */
  getSheetById(id: number): Sheet | null {
    const s = this.book.sheets.find((x) => x.id === id);
    return s ? new Sheet(this[FX], s) : null;
  }
  /** A new 1,000 × 26 sheet at 0-based `index` (default: the end); it becomes the active sheet. */
  insertSheet(name: string, index = this.book.sheets.length): Sheet {
    const s = this.book.insert(name, index);
    this.book.active = s;
    return new Sheet(this[FX], s);
  }
  deleteSheet(sheet: Sheet): void {
    this.book.remove(sheet._model());
  }
  createDeveloperMetadataFinder(): DeveloperMetadataFinder {
    return new DeveloperMetadataFinder(this[FX]);
  }
}

class Sheet extends Service {
  constructor(
    fx: Fx,
    private readonly model: SheetModel,
  ) {
    super(fx);
  }
  /** The sheet, unless it was deleted (using it then fails, as in Apps Script). */
  _model(): SheetModel {
    if (!this[FX].book.sheets.includes(this.model))
      throw this[FX].error('The sheet has been deleted.');
    return this.model;
  }
  getSheetId(): number {
    return this._model().id;
  }
  getName(): string {
    return this._model().name;
  }
  /** Renames the sheet; a name another sheet has throws, as insertSheet does. */
  setName(name: string): Sheet {
    const m = this._model(),
      other = this[FX].book.find(name);
    if (other && other !== m)
      throw this[FX].error(
        `A sheet with the name "${name}" already exists. Please enter another name.`,
      );
    m.name = name;
    return this;
  }
  /** 1-based position among the sheets. */
  getIndex(): number {
    return this[FX].book.sheets.indexOf(this._model()) + 1;
  }
  getMaxRows(): number {
    return this._model().maxRows;
  }
  getMaxColumns(): number {
    return this._model().maxCols;
  }
  getLastRow(): number {
    return this._model().lastRow();
  }
  getLastColumn(): number {
    return this._model().lastColumn();
  }
  /** getRange(row, column, numRows?, numColumns?), 1-based, or getRange("B2:C9"). */
  getRange(a: number | string, column?: number, numRows = 1, numColumns = 1): Range {
    const s = this._model();
    if (typeof a === 'string') {
      const rect = gridRect(s, a);
      if (!rect) throw this[FX].error(`Range not found: ${a}`);
      return new Range(this[FX], s, rect);
    }
    if (a < 1) throw this[FX].error('The starting row of the range is too small.');
    if ((column ?? 0) < 1) throw this[FX].error('The starting column of the range is too small.');
    if (numRows < 1) throw this[FX].error('The number of rows in the range must be at least 1.');
    if (numColumns < 1)
      throw this[FX].error('The number of columns in the range must be at least 1.');
    return new Range(this[FX], s, { r0: a - 1, c0: column! - 1, rows: numRows, cols: numColumns });
  }
  /** A1 to the last row and column with content (A1 on an empty sheet). */
  getDataRange(): Range {
    const s = this._model();
    return new Range(this[FX], s, {
      r0: 0,
      c0: 0,
      rows: Math.max(1, s.lastRow()),
      cols: Math.max(1, s.lastColumn()),
    });
  }
  insertRowsAfter(_after: number, howMany: number): Sheet {
    const s = this._model();
    this[FX].book.grow(howMany * s.maxCols);
    s.maxRows += howMany;
    return this;
  }
  /** Deletes rows, moving the rows below up (their values and formats); one row must stay. */
  deleteRows(rowPosition: number, howMany: number): void {
    const s = this._model();
    if (rowPosition < 1 || howMany < 1 || rowPosition + howMany - 1 > s.maxRows)
      throw this[FX].error('Those rows are out of bounds.');
    if (howMany >= s.maxRows - s.frozenRows)
      throw this[FX].error('Sorry, it is not possible to delete all non-frozen rows.');
    for (const g of [s.values, ...s.formats.values()]) g.rows.splice(rowPosition - 1, howMany);
    s.maxRows -= howMany;
  }
  /** Deletes columns, moving the columns to the right left; one column must stay. */
  deleteColumns(columnPosition: number, howMany: number): void {
    const s = this._model();
    if (columnPosition < 1 || howMany < 1 || columnPosition + howMany - 1 > s.maxCols)
      throw this[FX].error('Those columns are out of bounds.');
    if (howMany >= s.maxCols)
      throw this[FX].error('Sorry, it is not possible to delete all columns.');
    for (const g of [s.values, ...s.formats.values()])
      for (const row of g.rows) row?.splice(columnPosition - 1, howMany);
    s.maxCols -= howMany;
  }
  insertColumnsAfter(_after: number, howMany: number): Sheet {
    const s = this._model();
    this[FX].book.grow(howMany * s.maxRows);
    s.maxCols += howMany;
    return this;
  }
  /** Contents and formats; the filter, the conditional rules, the charts and frozen rows stay. */
  clear(): Sheet {
    const s = this._model();
    s.values.clear();
    s.formats.clear();
    return this;
  }
  setFrozenColumns(columns: number): void {
    const s = this._model();
    if (columns >= s.maxCols)
      throw this[FX].error("You can't freeze all visible columns on the sheet.");
    s.frozenCols = columns;
  }
  setRowHeight(row: number, height: number): Sheet {
    this._model().rowHeights.set(row - 1, height);
    return this;
  }
  setFrozenRows(rows: number): void {
    const s = this._model();
    if (rows >= s.maxRows) throw this[FX].error("You can't freeze all visible rows on the sheet.");
    s.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this._model().frozenRows;
  }
  setColumnWidth(column: number, width: number): Sheet {
    return this.setColumnWidths(column, 1, width);
  }
  setColumnWidths(start: number, count: number, width: number): Sheet {
    for (let c = start; c < start + count; c++) this._model().colWidths.set(c, width);
    return this;
  }
  getFilter(): Filter | null {
    return this._model().filter ? new Filter(this[FX], this._model()) : null;
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this._model().rules.map((r) => new ConditionalFormatRule(this[FX], r));
  }
  /** Replaces every rule of the sheet; each rule's ranges must be on this sheet. */
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    const s = this._model();
    const models = rules.map((r) => r._rule);
    if (models.some((m) => m.ranges.some((q) => q.sheet !== s)))
      throw this[FX].error('A conditional format rule cannot reference a different sheet.');
    s.rules = models;
  }
  clearConditionalFormatRules(): void {
    this._model().rules = [];
  }
  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this[FX], this._model());
  }
  insertChart(chart: EmbeddedChart): void {
    this._model().charts.push(chart._chart);
  }
  getCharts(): EmbeddedChart[] {
    return this._model().charts.map((c) => new EmbeddedChart(this[FX], c));
  }
  removeChart(chart: EmbeddedChart): void {
    const s = this._model();
    s.charts = s.charts.filter((c) => c !== chart._chart);
  }
  /** The developer metadata on this sheet (not on its rows, columns or ranges, which we never mark). */
  getDeveloperMetadata(): DeveloperMetadata[] {
    const s = this._model();
    return this[FX].book.metadata
      .filter((m) => m.sheet === s)
      .map((m) => new DeveloperMetadata(this[FX], m));
  }
  addDeveloperMetadata(key: string, value: string, visibility = 'DOCUMENT'): Sheet {
    this[FX].book.metadata.push({
      key,
      value,
      visibility: String(visibility),
      sheet: this._model(),
    });
    return this;
  }
  activate(): Sheet {
    this[FX].book.active = this._model();
    return this;
  }
}

class Range extends Service {
  constructor(
    fx: Fx,
    private readonly sheet: SheetModel,
    private readonly rect: Rect,
  ) {
    super(fx);
    if (rect.r0 + rect.rows > sheet.maxRows || rect.c0 + rect.cols > sheet.maxCols)
      throw fx.error('The coordinates of the range are outside the dimensions of the sheet.');
  }
  private get book() {
    return this[FX].book;
  }
  getSheet(): Sheet {
    return new Sheet(this[FX], this.sheet);
  }
  getRow(): number {
    return this.rect.r0 + 1;
  }
  getColumn(): number {
    return this.rect.c0 + 1;
  }
  getNumRows(): number {
    return this.rect.rows;
  }
  getNumColumns(): number {
    return this.rect.cols;
  }
  getA1Notation(): string {
    return rectAddress(this.rect);
  }
  offset(rows: number, cols: number, numRows = this.rect.rows, numCols = this.rect.cols): Range {
    return new Range(this[FX], this.sheet, {
      r0: this.rect.r0 + rows,
      c0: this.rect.c0 + cols,
      rows: numRows,
      cols: numCols,
    });
  }
  private each<T>(f: (r: number, c: number) => T): T[][] {
    const { r0, c0, rows, cols } = this.rect;
    this[FX].cells(rows * cols);
    const out: T[][] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const row: T[] = new Array(cols);
      for (let j = 0; j < cols; j++) row[j] = f(r0 + i, c0 + j);
      out[i] = row;
    }
    return out;
  }
  /** Checks a 2-D array against the range, then stores each cell with `put`. */
  private put2d(data: unknown[][], put: (r: number, c: number, v: unknown) => void): Range {
    const { r0, c0, rows, cols } = this.rect;
    if (!Array.isArray(data) || data.length !== rows)
      throw this[FX].error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data?.length} but the range has ${rows}.`,
      );
    for (const row of data)
      if (row.length !== cols)
        throw this[FX].error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${cols}.`,
        );
    this[FX].cells(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) put(r0 + i, c0 + j, data[i][j]);
    return this;
  }
  getValues(): Value[][] {
    return this.each((r, c) => this.book.read(this.sheet, r, c));
  }
  setValues(values: unknown[][]): Range {
    return this.put2d(values, (r, c, v) => this.book.type(this.sheet, r, c, v));
  }
  setValue(value: unknown): Range {
    this.each((r, c) => this.book.type(this.sheet, r, c, value));
    return this;
  }
  getFormulas(): string[][] {
    return this.each((r, c) => {
      const v = this.sheet.values.get(r, c);
      return isFormula(v) ? v[FORMULA] : '';
    });
  }
  setFormulas(formulas: string[][]): Range {
    return this.put2d(formulas, (r, c, v) => this.book.type(this.sheet, r, c, v));
  }
  private setFormat(name: FormatName, data: unknown[][]): Range {
    const g = this.sheet.format(name);
    return this.put2d(data, (r, c, v) =>
      g.set(r, c, v === null || v === '' ? undefined : (v as string)),
    );
  }
  private fillFormat(name: FormatName, v: string | number | boolean): Range {
    const g = this.sheet.format(name);
    this.each((r, c) => g.set(r, c, v));
    return this;
  }
  setNumberFormats(formats: string[][]): Range {
    return this.setFormat('numberFormat', formats);
  }
  /** Colours read back as lowercase #rrggbb. */
  setBackgrounds(colors: (string | null)[][]): Range {
    return this.setFormat('background', lower(colors));
  }
  setFontColors(colors: (string | null)[][]): Range {
    return this.setFormat('fontColor', lower(colors));
  }
  setFontWeights(weights: (string | null)[][]): Range {
    return this.setFormat('fontWeight', weights);
  }
  setFontSize(size: number): Range {
    return this.fillFormat('fontSize', size);
  }
  setWrap(wrap: boolean): Range {
    return this.fillFormat('wrap', wrap);
  }
  /** Merges the range; a range overlapping a merged one is refused, as Sheets does. */
  merge(): Range {
    const r = this.rect;
    const overlaps = (m: Rect) =>
      m.r0 < r.r0 + r.rows && r.r0 < m.r0 + m.rows && m.c0 < r.c0 + r.cols && r.c0 < m.c0 + m.cols;
    if (this.sheet.merges.some(overlaps))
      throw this[FX].error('You must select all cells in a merged range to merge or unmerge them.');
    this.sheet.merges.push(r);
    return this;
  }
  breakApart(): Range {
    const r = this.rect;
    this.sheet.merges = this.sheet.merges.filter(
      (m) =>
        !(
          m.r0 >= r.r0 &&
          m.c0 >= r.c0 &&
          m.r0 + m.rows <= r.r0 + r.rows &&
          m.c0 + m.cols <= r.c0 + r.cols
        ),
    );
    return this;
  }
  /** The sheet's one filter, over this range. */
  createFilter(): Filter {
    if (this.sheet.filter)
      throw this[FX].error("You can't create a filter in a sheet that already has a filter.");
    this.sheet.filter = this.rect;
    return new Filter(this[FX], this.sheet);
  }
  activate(): Range {
    this.book.active = this.sheet;
    this.sheet.selection = this.rect;
    return this;
  }
  _place() {
    return { sheet: this.sheet, rect: this.rect };
  }
}

const lower = (rows: (string | null)[][]) => rows.map((r) => r.map((v) => v?.toLowerCase() ?? v));

class Filter extends Service {
  constructor(
    fx: Fx,
    private readonly sheet: SheetModel,
  ) {
    super(fx);
  }
  getRange(): Range {
    return new Range(this[FX], this.sheet, this.sheet.filter!);
  }
  remove(): void {
    this.sheet.filter = null;
  }
}

class ConditionalFormatRuleBuilder extends Service {
  private rule: RuleModel = {
    ranges: [],
    criteria: null,
    values: [],
    fontColor: null,
    background: null,
    gradient: null,
  };
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    this.rule.ranges = ranges.map((r) => r._place());
    return this;
  }
  whenNumberLessThan(n: number): ConditionalFormatRuleBuilder {
    Object.assign(this.rule, { criteria: 'NUMBER_LESS_THAN', values: [n], gradient: null });
    return this;
  }
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder {
    Object.assign(this.rule, { criteria: 'TEXT_EQUAL_TO', values: [text], gradient: null });
    return this;
  }
  setFontColor(color: string): ConditionalFormatRuleBuilder {
    this.rule.fontColor = color;
    return this;
  }
  setBackground(color: string): ConditionalFormatRuleBuilder {
    this.rule.background = color;
    return this;
  }
  setGradientMinpoint(color: string): ConditionalFormatRuleBuilder {
    return this.point(0, `min ${color}`);
  }
  setGradientMidpointWithValue(
    color: string,
    type: string,
    value: string,
  ): ConditionalFormatRuleBuilder {
    return this.point(1, `${type} ${value} ${color}`);
  }
  setGradientMaxpoint(color: string): ConditionalFormatRuleBuilder {
    return this.point(2, `max ${color}`);
  }
  private point(i: number, p: string): ConditionalFormatRuleBuilder {
    this.rule.criteria = null; // a gradient replaces a boolean condition
    (this.rule.gradient ??= ['', '', ''])[i] = p;
    return this;
  }
  build(): ConditionalFormatRule {
    if (!this.rule.ranges.length) throw this[FX].error('The rule has no ranges.');
    return new ConditionalFormatRule(this[FX], { ...this.rule });
  }
}

class ConditionalFormatRule extends Service {
  constructor(
    fx: Fx,
    readonly _rule: RuleModel,
  ) {
    super(fx);
  }
  getRanges(): Range[] {
    return this._rule.ranges.map((q) => new Range(this[FX], q.sheet, q.rect));
  }
}

class EmbeddedChartBuilder extends Service {
  private chart: ChartModel = { type: 'LINE', ranges: [], options: {}, position: [1, 1, 0, 0] };
  constructor(
    fx: Fx,
    private readonly sheet: SheetModel,
  ) {
    super(fx);
  }
  setChartType(type: string): EmbeddedChartBuilder {
    this.chart.type = String(type);
    return this;
  }
  addRange(range: Range): EmbeddedChartBuilder {
    this.chart.ranges.push(range._place());
    return this;
  }
  setPosition(row: number, column: number, offsetX: number, offsetY: number): EmbeddedChartBuilder {
    this.chart.position = [row, column, offsetX, offsetY];
    return this;
  }
  setOption(option: string, value: unknown): EmbeddedChartBuilder {
    this.chart.options[option] = value;
    return this;
  }
  build(): EmbeddedChart {
    if (this.chart.ranges.some((q) => q.sheet !== this.sheet))
      throw this[FX].error('A chart can only draw ranges of its own sheet.');
    return new EmbeddedChart(this[FX], { ...this.chart, ranges: [...this.chart.ranges] });
  }
}

class EmbeddedChart extends Service {
  constructor(
    fx: Fx,
    readonly _chart: ChartModel,
  ) {
    super(fx);
  }
  getRanges(): Range[] {
    return this._chart.ranges.map((q) => new Range(this[FX], q.sheet, q.rect));
  }
}

class DeveloperMetadataFinder extends Service {
  private key: string | null = null;
  withKey(key: string): DeveloperMetadataFinder {
    this.key = key;
    return this;
  }
  find(): DeveloperMetadata[] {
    return this[FX].book.metadata
      .filter((m) => this.key === null || m.key === this.key)
      .map((m) => new DeveloperMetadata(this[FX], m));
  }
}

class DeveloperMetadata extends Service {
  constructor(
    fx: Fx,
    private readonly m: MetadataModel,
  ) {
    super(fx);
  }
  getKey(): string {
    return this.m.key;
  }
  getValue(): string | null {
    return this.m.value;
  }
  getLocation(): DeveloperMetadataLocation {
    return new DeveloperMetadataLocation(this[FX], this.m.sheet);
  }
}

class DeveloperMetadataLocation extends Service {
  constructor(
    fx: Fx,
    private readonly sheet: SheetModel,
  ) {
    super(fx);
  }
  getSheet(): Sheet {
    return new Sheet(this[FX], this.sheet);
  }
}

class Ui extends Service {
  createAddonMenu(): Menu {
    return new Menu(this[FX], true, 'Add-on');
  }
  createMenu(caption: string): Menu {
    return new Menu(this[FX], false, caption);
  }
  showSidebar(html: HtmlOutput): void {
    this[FX].sidebars.push({ title: html.getTitle(), content: html.getContent() });
  }
}

class Menu extends Service {
  private readonly items: { caption: string; functionName: string }[] = [];
  constructor(
    fx: Fx,
    private readonly addon: boolean,
    private readonly caption: string,
  ) {
    super(fx);
  }
  addItem(caption: string, functionName: string): Menu {
    this.items.push({ caption, functionName });
    return this;
  }
  addToUi(): void {
    this[FX].menus.push({ addon: this.addon, caption: this.caption, items: [...this.items] });
  }
}

class HtmlService extends Service {
  createHtmlOutputFromFile(name: string): HtmlOutput {
    const content = this[FX].files[name] ?? this[FX].files[name.replace(/\.html$/, '')];
    if (content === undefined) throw this[FX].error(`No HTML file named ${name} was found.`);
    return new HtmlOutput(this[FX], content);
  }
}

class HtmlOutput extends Service {
  private title = '';
  constructor(
    fx: Fx,
    private content: string,
  ) {
    super(fx);
  }
  setContent(content: string): HtmlOutput {
    this.content = content;
    return this;
  }
  setTitle(title: string): HtmlOutput {
    this.title = title;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  getContent(): string {
    return this.content;
  }
}

class CacheService extends Service {
  getUserCache(): Cache {
    return new Cache(this[FX]);
  }
}

/** CacheService's cache: keys up to 250 characters, values up to 100 KB; expiry is not modelled. */
class Cache extends Service {
  put(key: string, value: string, _seconds?: number): void {
    if (key.length > 250) throw this[FX].error('Argument too large: key');
    if (Buffer.byteLength(value) > 100 * 1024) throw this[FX].error('Argument too large: value');
    this[FX].cache.set(key, value);
  }
  get(key: string): string | null {
    return this[FX].cache.get(key) ?? null;
  }
}

class Utilities extends Service {
  formatDate(date: Date, timeZone: string, format: string): string {
    return formatDate(date, timeZone, format);
  }
}

class Session extends Service {
  getScriptTimeZone(): string {
    return this[FX].scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return this[FX].userLocale;
  }
}

for (const [cls, label] of [
  [SpreadsheetAppService, 'SpreadsheetApp'],
  [Spreadsheet, 'Spreadsheet'],
  [Sheet, 'Sheet'],
  [Range, 'Range'],
  [Filter, 'Filter'],
  [ConditionalFormatRuleBuilder, 'ConditionalFormatRuleBuilder'],
  [ConditionalFormatRule, 'ConditionalFormatRule'],
  [EmbeddedChartBuilder, 'EmbeddedChartBuilder'],
  [EmbeddedChart, 'EmbeddedChart'],
  [DeveloperMetadataFinder, 'DeveloperMetadataFinder'],
  [DeveloperMetadata, 'DeveloperMetadata'],
  [DeveloperMetadataLocation, 'DeveloperMetadataLocation'],
  [Ui, 'Ui'],
  [Menu, 'Menu'],
] as const)
  instrument(cls, label, true);
for (const [cls, label] of [
  [HtmlService, 'HtmlService'],
  [HtmlOutput, 'HtmlOutput'],
  [CacheService, 'CacheService'],
  [Cache, 'Cache'],
  [Utilities, 'Utilities'],
  [Session, 'Session'],
] as const)
  instrument(cls, label, false);

// ---------------------------------------------------------------------------------------------
// The test's side: seeding and inspecting (never counted, never charged)
// ---------------------------------------------------------------------------------------------

class Inspector {
  constructor(private readonly fx: Fx) {}
  private sheet(name: string): SheetModel {
    const s = this.fx.book.find(name);
    if (!s) throw new Error(`no sheet "${name}" (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }
  private rect(s: SheetModel, a1?: string): Rect {
    return a1
      ? parseAddress(a1)!.rect
      : { r0: 0, c0: 0, rows: Math.max(1, s.lastRow()), cols: Math.max(1, s.lastColumn()) };
  }
  sheetNames(): string[] {
    return this.fx.book.sheets.map((s) => s.name);
  }
  /** Writes `rows` from A1 as they are (no typed-input parsing), growing the grid as needed. */
  seedSheet(name: string, rows: unknown[][]): void {
    const book = this.fx.book;
    const s = book.find(name) ?? book.insert(name, book.sheets.length);
    const needRows = Math.max(0, rows.length - s.maxRows),
      needCols = Math.max(0, rows.reduce((n, r) => Math.max(n, r.length), 0) - s.maxCols);
    book.grow(needRows * s.maxCols + needCols * (s.maxRows + needRows));
    s.maxRows += needRows;
    s.maxCols += needCols;
    rows.forEach((row, r) => {
      row.forEach((v, c) => {
        s.values.set(
          r,
          c,
          v === '' || v === null || v === undefined
            ? undefined
            : isDate(v)
              ? new Date(v.getTime())
              : (v as Value),
        );
      });
    });
  }
  /** Makes `sheet` active with `a1` selected, as a click would. */
  select(sheet: string, a1: string): void {
    const s = this.sheet(sheet);
    this.fx.book.active = s;
    s.selection = gridRect(s, a1)!;
  }
  /** Stored values ("" for empty; formulas as their text), default the data range. */
  rawValues(sheet: string, a1?: string): Value[][] {
    const s = this.sheet(sheet);
    const { r0, c0, rows, cols } = this.rect(s, a1);
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => {
        const v = s.values.get(r0 + i, c0 + j);
        return v === undefined ? '' : isFormula(v) ? v[FORMULA] : v;
      }),
    );
  }
  inspectCell(sheet: string, a1: string) {
    const s = this.sheet(sheet);
    const { r0, c0 } = parseAddress(a1)!.rect;
    const v = s.values.get(r0, c0);
    const f = (n: FormatName) => s.formats.get(n)?.get(r0, c0) ?? null;
    return {
      value: v === undefined ? '' : isFormula(v) ? '' : v,
      isFormula: isFormula(v),
      formula: isFormula(v) ? v[FORMULA] : '',
      numberFormat: f('numberFormat'),
      background: f('background'),
      fontColor: f('fontColor'),
      fontWeight: f('fontWeight'),
      fontSize: f('fontSize'),
      wrap: f('wrap'),
    };
  }
  inspectCells(sheet: string, a1: string) {
    const { r0, c0, rows, cols } = parseAddress(a1)!.rect;
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) =>
        this.inspectCell(sheet, rectAddress({ r0: r0 + i, c0: c0 + j, rows: 1, cols: 1 })),
      ),
    );
  }
  inspectSheet(name: string) {
    const s = this.sheet(name);
    const a1 = (q: { rect: Rect }) => rectAddress(q.rect);
    return {
      sheetId: s.id,
      lastRow: s.lastRow(),
      maxRows: s.maxRows,
      maxColumns: s.maxCols,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenCols,
      merges: s.merges.map(rectAddress),
      rowHeights: Object.fromEntries(s.rowHeights),
      filter: s.filter ? rectAddress(s.filter) : null,
      columnWidths: Object.fromEntries(s.colWidths),
      conditionalFormatRules: s.rules.map((r) => ({
        ranges: r.ranges.map(a1),
        criteria: r.criteria,
        criteriaValues: r.values,
        fontColor: r.fontColor,
        background: r.background,
        gradient: r.gradient,
      })),
      charts: s.charts.map((c) => ({ type: c.type, ranges: c.ranges.map(a1), options: c.options })),
      developerMetadata: this.fx.book.metadata
        .filter((m) => m.sheet === s)
        .map(({ key, value, visibility }) => ({ key, value, visibility })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The fake itself
// ---------------------------------------------------------------------------------------------

export interface AppsScriptFake {
  /** The globals Code.js sees. */
  globals: {
    SpreadsheetApp: SpreadsheetAppService;
    HtmlService: HtmlService;
    CacheService: CacheService;
    Utilities: Utilities;
    Session: Session;
    ScriptApp: { AuthMode: Readonly<Record<AuthModeName, AuthModeName>> };
    Charts: { ChartType: Readonly<Record<string, string>> };
  };
  calls: CallCounts;
  resetCalls(): void;
  /** Seeding and inspecting the spreadsheet. */
  spreadsheet: Inspector;
  /** HTML files of the project, for HtmlService.createHtmlOutputFromFile. */
  files: Record<string, string>;
  /** Menus added to the Ui, and sidebars shown. */
  recorded: { menus: Fx['menus']; sidebars: Fx['sidebars'] };
  menuItems(): { caption: string; functionName: string }[];
  /** An onOpen/onInstall event; it also sets the mode the next execution runs in. */
  openEvent(mode?: AuthModeName): { authMode: AuthModeName };
  /** Puts the globals on a vm context and adopts its Date and Error. */
  install(context: vm.Context): void;
  /** Runs `f` as one execution: a fresh clock, the time limit, then back to AuthMode.FULL. */
  execute<T>(f: () => T): T;
  /** Modelled milliseconds of the last execution. */
  readonly lastExecutionMs: number;
  /** The time one execution may take (settable per test). */
  executionLimitMs: number;
}

export function createAppsScriptFake(opts: FakeOptions = {}): AppsScriptFake {
  const fx = new Fx(opts);
  const AuthMode = enumOf('NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL');
  let last = 0;
  return {
    globals: {
      SpreadsheetApp: new SpreadsheetAppService(fx),
      HtmlService: new HtmlService(fx),
      CacheService: new CacheService(fx),
      Utilities: new Utilities(fx),
      Session: new Session(fx),
      ScriptApp: { AuthMode },
      Charts: { ChartType: enumOf('AREA', 'BAR', 'COLUMN', 'LINE', 'PIE', 'SCATTER') },
    },
    calls: fx.calls,
    resetCalls() {
      fx.calls.spreadsheet = 0;
      for (const k of Object.keys(fx.calls.byMethod)) delete fx.calls.byMethod[k];
    },
    spreadsheet: new Inspector(fx),
    files: fx.files,
    recorded: { menus: fx.menus, sidebars: fx.sidebars },
    menuItems: () => fx.menus.flatMap((m) => m.items),
    openEvent(mode = 'FULL') {
      fx.authMode = mode;
      return { authMode: AuthMode[mode] };
    },
    install(context) {
      fx.realm = vm.runInContext('({ Date, Error })', context);
      Object.assign(context, this.globals);
    },
    execute(f) {
      fx.clock = 0;
      fx.expired = false;
      try {
        return f();
      } finally {
        last = fx.clock;
        fx.clock = null;
        fx.authMode = 'FULL';
      }
    },
    get lastExecutionMs() {
      return last;
    },
    get executionLimitMs() {
      return fx.executionLimitMs;
    },
    set executionLimitMs(ms: number) {
      fx.executionLimitMs = ms;
    },
  };
}
