/**
 * An in-memory Office.js Excel for tests: the slice of the API the add-in calls (excel-addin/),
 * with the host rules that shape the add-in's code (see test/fakes/README.md for the sources):
 *  - Proxies and a queue: property sets and method calls are queued, and only `context.sync()`
 *    runs them, in order; every sync is counted, and `Excel.run` syncs what is still queued at the
 *    end (counted apart as `implicitSyncs`). An error stops the batch at that operation.
 *  - Reading a property that was neither loaded (and synced) nor set on that proxy throws
 *    PropertyNotLoaded.
 *  - A request (everything queued for one sync, as JSON) or a response (everything loaded) over
 *    5,000,000 bytes is refused: RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded.
 *  - `Range.values` reads strings as typed input: "=…", and "+…"/"-…" that are not numbers, become
 *    formulas (with `atSignFormulas`, "@…" too); number-, boolean- and date-like text converts;
 *    a leading apostrophe keeps text; "" clears a cell and null leaves it as it is.
 *  - A 2-D array of the wrong size is InvalidArgument; so is a range outside 1,048,576 × 16,384.
 *  - Sheet names are unique, case-insensitively (ItemAlreadyExists); a missing one is ItemNotFound;
 *    the last visible sheet cannot be deleted; a hidden sheet cannot be activated.
 *  - Sheets and tables have ids that survive a rename and are never reused; `getItem` takes a
 *    name or an id. An `…OrNullObject` get finds nothing as a null object (`isNullObject`, after
 *    the sync); any other use of a null object fails at sync with ItemNotFound.
 *  - Deleting a sheet turns the other sheets' formulas that point into it into #REF!, for good.
 * Formulas are not calculated: a formula cell reads as 0 (or what the test's `evaluateFormula`
 * gives), or "#REF!" once broken.
 * `fake.workbook` is the test's side: seeding, selecting and inspecting, never counted.
 */
import {
  breakReferences,
  parseAddress,
  quoteSheet,
  type Rect,
  rectAddress,
  typed,
} from './cells.js';

export { parseAddress, type Rect, rectAddress } from './cells.js';

/** Office's documented limit for a request, and for a response, in Excel on the web. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

type Value = string | number | boolean;

/** Mirrors OfficeExtension.Error: name "RichApi.Error" and a `code` such as "InvalidArgument". */
export class FakeOfficeError extends Error {
  override name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const fail = (code: string, detail: string) => new FakeOfficeError(code, `${code}: ${detail}`);

// ---------------------------------------------------------------------------------------------
// The workbook model (what Excel holds)
// ---------------------------------------------------------------------------------------------

interface FormatOp {
  rect: Rect;
  key: string;
  value: unknown;
}
export interface ChartModel {
  name: string;
  type: string;
  source: string;
  props: Record<string, unknown>;
  series: Record<string, unknown>[];
}
export interface ConditionalFormatModel {
  type: string;
  rect: Rect;
  props: Record<string, unknown>;
}
export interface TableModel {
  /** Table.id: kept when the table is renamed. */
  id: string;
  name: string;
  sheet: FakeSheet;
  rect: Rect;
}

/** One worksheet as Excel holds it; tests read it through the methods below. */
export class FakeSheet {
  /** Cell values by row; formula cells also have an entry in `formulaAt`. */
  private rows: (Value | undefined)[][] = [];
  private formulaAt = new Map<number, string>();
  private formatOps: FormatOp[] = [];
  readonly props = new Map<string, string>();
  readonly chartModels: ChartModel[] = [];
  readonly cfModels: ConditionalFormatModel[] = [];
  frozenRows = 0;
  frozenCols = 0;
  /** Merged areas, and the page setup: what Worksheet.pageLayout was given. */
  readonly merges: Rect[] = [];
  readonly rowHeights = new Map<number, number>();
  readonly pageLayout: Record<string, unknown> = {};
  visibility = 'Visible';
  readonly colWidths: number[] = [];
  /** What the add-in did to this sheet ("Range.values", "Worksheet.activate", …); loads are not actions. */
  readonly actions: string[] = [];

  constructor(
    public name: string,
    private readonly book: FakeWorkbook,
    /** Worksheet.id: kept when the sheet is renamed or moved. */
    readonly id: string,
  ) {}

  // -- the model, used by the proxies --
  get(r: number, c: number): Value | undefined {
    return this.rows[r]?.[c];
  }
  formulaOf(r: number, c: number): string | undefined {
    return this.formulaAt.get(r * MAX_COLS + c);
  }
  put(r: number, c: number, v: Value | undefined, formula?: string): void {
    const row = (this.rows[r] ??= []);
    row[c] =
      formula === undefined
        ? v
        : formula.includes('#REF!')
          ? '#REF!'
          : (this.book.evaluateFormula?.(formula) ?? 0);
    if (formula !== undefined) this.formulaAt.set(r * MAX_COLS + c, formula);
    else this.formulaAt.delete(r * MAX_COLS + c);
  }
  /** Writes typed input, as Range.values and Range.formulas do. */
  type(r: number, c: number, v: unknown): void {
    if (v === null || v === undefined) return; // null leaves the cell unchanged
    if (typeof v === 'number' || typeof v === 'boolean') {
      this.put(r, c, v);
      return;
    }
    const t = typed(String(v), this.book.atSignFormulas ? '+-@' : '+-');
    if (t.kind === 'blank') this.put(r, c, undefined);
    else if (t.kind === 'formula') this.put(r, c, undefined, t.formula);
    else if (t.kind === 'date')
      this.put(r, c, (Date.UTC(t.y, t.m - 1, t.d) - Date.UTC(1899, 11, 30)) / 864e5);
    else this.put(r, c, t.value);
  }
  format(rect: Rect, key: string, value: unknown): void {
    this.formatOps.push({ rect, key, value });
    if (key === 'columnWidth')
      for (let c = rect.c0; c < rect.c0 + rect.cols; c++) this.colWidths[c] = value as number;
  }
  formatAt(r: number, c: number, key: string): unknown {
    for (let i = this.formatOps.length - 1; i >= 0; i--) {
      const f = this.formatOps[i];
      if ((f.key === key || f.key === '*') && inside(f.rect, r, c)) return f.value;
    }
    return undefined;
  }
  /** Range.clear('All') / ('Contents') / ('Formats'). */
  clear(rect: Rect, what: string): void {
    if (what !== 'Formats') {
      for (let r = rect.r0; r < Math.min(this.rows.length, rect.r0 + rect.rows); r++) {
        const row = this.rows[r];
        if (!row) continue;
        for (let c = rect.c0; c < Math.min(row.length, rect.c0 + rect.cols); c++)
          if (row[c] !== undefined) this.put(r, c, undefined);
      }
    }
    if (what !== 'Contents') {
      this.formatOps = this.formatOps.filter((f) => !within(f.rect, rect));
      this.formatOps.push({ rect, key: '*', value: undefined });
    }
  }
  breakReferencesTo(name: string): void {
    for (const [k, f] of this.formulaAt) {
      const broken = breakReferences(f, name);
      if (broken !== f) this.put(Math.floor(k / MAX_COLS), k % MAX_COLS, undefined, broken);
    }
  }
  /**
   * The smallest rectangle holding every value (and, unless valuesOnly, every format); null if
   * none. With `within`, only the cells inside it count (Range.getUsedRange).
   */
  usedRect(valuesOnly: boolean, within?: Rect): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    this.rows.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === undefined || (within && !within_(within, r, c))) return;
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      });
    });
    if (!valuesOnly)
      for (const { rect, key } of this.formatOps) {
        if (key === '*' || key === 'columnWidth' || within) continue;
        r0 = Math.min(r0, rect.r0);
        c0 = Math.min(c0, rect.c0);
        r1 = Math.max(r1, rect.r0 + rect.rows - 1);
        c1 = Math.max(c1, rect.c0 + rect.cols - 1);
      }
    return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }

  // -- for tests --
  private grid<T>(rect: Rect, cell: (r: number, c: number) => T): T[][] {
    return Array.from({ length: rect.rows }, (_, i) =>
      Array.from({ length: rect.cols }, (_, j) => cell(rect.r0 + i, rect.c0 + j)),
    );
  }
  private rectOf(address: string | undefined, valuesOnly: boolean): Rect {
    return address ? cellRect(address) : (this.usedRect(valuesOnly) ?? one(0, 0));
  }
  /** Values of `address` (default: the used range of values); "" for empty cells. */
  values(address?: string): Value[][] {
    return this.grid(this.rectOf(address, true), (r, c) => this.get(r, c) ?? '');
  }
  /** Formulas where there are, values elsewhere, as Range.formulas reads. */
  formulas(address?: string): Value[][] {
    return this.grid(
      this.rectOf(address, true),
      (r, c) => this.formulaOf(r, c) ?? this.get(r, c) ?? '',
    );
  }
  /** Number formats of `address` (default: the used range, formats included). */
  numberFormats(address?: string): string[][] {
    return this.grid(
      this.rectOf(address, false),
      (r, c) => (this.formatAt(r, c, 'numberFormat') as string) ?? 'General',
    );
  }
  valueAt(cell: string): Value {
    const { r0, c0 } = cellRect(cell);
    return this.get(r0, c0) ?? '';
  }
  numberFormatAt(cell: string): string {
    const { r0, c0 } = cellRect(cell);
    return (this.formatAt(r0, c0, 'numberFormat') as string | undefined) ?? 'General';
  }
  /** Addresses of the cells holding a formula. */
  formulaCells(): string[] {
    return [...this.formulaAt.keys()]
      .sort((a, b) => a - b)
      .map((k) => rectAddress(one(Math.floor(k / MAX_COLS), k % MAX_COLS)));
  }
  usedRangeAddress(valuesOnly = false): string {
    const u = this.usedRect(valuesOnly);
    return u ? rectAddress(u) : 'A1';
  }
  customProperties(): Record<string, string> {
    return Object.fromEntries(this.props);
  }
  tables(): { name: string; address: string }[] {
    return this.book.tableModels
      .filter((t) => t.sheet === this)
      .map((t) => ({ name: t.name, address: rectAddress(t.rect) }));
  }
  charts(): { name: string; type: string; title?: unknown; series: Record<string, unknown>[] }[] {
    return this.chartModels.map((c) => ({
      name: c.name,
      type: c.type,
      title: c.props['title.text'],
      series: c.series,
    }));
  }
  conditionalFormats(): { type: string; address: string; props: Record<string, unknown> }[] {
    return this.cfModels.map((c) => ({
      type: c.type,
      address: rectAddress(c.rect),
      props: c.props,
    }));
  }
}

const one = (r0: number, c0: number): Rect => ({ r0, c0, rows: 1, cols: 1 });
const inside = (q: Rect, r: number, c: number) =>
  r >= q.r0 && r < q.r0 + q.rows && c >= q.c0 && c < q.c0 + q.cols;
const within = (q: Rect, outer: Rect) =>
  q.r0 >= outer.r0 &&
  q.c0 >= outer.c0 &&
  q.r0 + q.rows <= outer.r0 + outer.rows &&
  q.c0 + q.cols <= outer.c0 + outer.cols;
const overlaps = (a: Rect, b: Rect) =>
  a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
function cellRect(address: string): Rect {
  const p = parseAddress(address);
  if (!p) throw fail('InvalidArgument', `"${address}" is not an address`);
  return {
    ...p.rect,
    rows: Math.min(p.rect.rows, MAX_ROWS),
    cols: Math.min(p.rect.cols, MAX_COLS),
  };
}
function checkRect(q: Rect): Rect {
  if (
    !(
      q.r0 >= 0 &&
      q.c0 >= 0 &&
      q.rows >= 1 &&
      q.cols >= 1 &&
      q.r0 + q.rows <= MAX_ROWS &&
      q.c0 + q.cols <= MAX_COLS
    )
  )
    throw fail('InvalidArgument', `the range ${JSON.stringify(q)} is outside the sheet`);
  return q;
}

/** The workbook as Excel holds it, plus the test's side: seeding and inspecting. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly tableModels: TableModel[] = [];
  selection: { sheet: FakeSheet; rect: Rect };
  active: FakeSheet;
  private nextTable = 1;
  private nextSheet = 1;

  constructor(
    names: string[],
    readonly atSignFormulas: boolean,
    readonly evaluateFormula?: (formula: string) => Value | undefined,
  ) {
    for (const n of names.length ? names : ['Sheet1']) this.addSheet(n);
    this.active = this.sheets[0];
    this.selection = { sheet: this.active, rect: one(0, 0) };
  }

  find(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }
  /** A sheet by its id or its name, as WorksheetCollection.getItem takes either. */
  findByKey(key: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === key) ?? this.find(key);
  }
  /** A table by its id or its name (names are workbook-wide, regardless of case). */
  findTable(key: string): TableModel | undefined {
    return (
      this.tableModels.find((t) => t.id === key) ??
      this.tableModels.find((t) => t.name.toLowerCase() === key.toLowerCase())
    );
  }
  addSheet(name = `Sheet${this.sheets.length + 1}`): FakeSheet {
    checkSheetName(name);
    if (this.find(name)) throw fail('ItemAlreadyExists', `a sheet named "${name}" already exists`);
    // Shaped like Excel's ids ("{00000000-0001-0000-0000-000000000000}"); never reused.
    const id = `{00000000-${(this.nextSheet++).toString(16).padStart(4, '0')}-0000-0000-000000000000}`;
    const s = new FakeSheet(name, this, id);
    this.sheets.push(s);
    return s;
  }
  deleteSheet(s: FakeSheet): void {
    if (this.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0)
      throw fail('InvalidOperation', 'a workbook must keep at least one visible sheet');
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.tableModels.splice(
      0,
      this.tableModels.length,
      ...this.tableModels.filter((t) => t.sheet !== s),
    );
    for (const other of this.sheets) other.breakReferencesTo(s.name);
    if (this.active === s) this.active = this.sheets.find((x) => x.visibility === 'Visible')!;
    if (this.selection.sheet === s) this.selection = { sheet: this.active, rect: one(0, 0) };
  }
  /** A new table's id and default name ("Table1", …), both never reused. */
  newTable(): { id: string; name: string } {
    const n = this.nextTable++;
    return { id: String(n), name: `Table${n}` };
  }

  // -- for tests (never counted) --
  sheet(name: string): FakeSheet {
    const s = this.find(name);
    if (!s) throw new Error(`no sheet "${name}" (sheets: ${this.sheetNames().join(', ')})`);
    return s;
  }
  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }
  /** Writes `rows` as they are (strings stay text), creating the sheet at the end if needed. */
  seedSheet(
    name: string,
    rows: unknown[][],
    at: { startRow?: number; startCol?: number } = {},
  ): FakeSheet {
    const s = this.find(name) ?? this.addSheet(name);
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v !== null && v !== undefined && v !== '')
          s.put((at.startRow ?? 0) + i, (at.startCol ?? 0) + j, v as Value);
      });
    });
    return s;
  }
  seedTable(sheet: string, address: string, name: string): void {
    this.tableModels.push({
      id: this.newTable().id,
      name,
      sheet: this.sheet(sheet),
      rect: cellRect(address),
    });
  }
  seedSheetProperty(sheet: string, key: string, value: string): void {
    this.sheet(sheet).props.set(key, value);
  }
  /** Selects `address` on `sheet`, activating it, as a click would. */
  select(sheet: string, address: string): void {
    this.active = this.sheet(sheet);
    this.selection = { sheet: this.active, rect: cellRect(address) };
  }
  get selectedAddress(): string {
    return `${quoteSheet(this.selection.sheet.name)}!${rectAddress(this.selection.rect)}`;
  }
  get activeSheetName(): string {
    return this.active.name;
  }
  tables(): { name: string; sheet: string; address: string }[] {
    return this.tableModels.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      address: rectAddress(t.rect),
    }));
  }
}

function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name))
    throw fail('InvalidArgument', `"${name}" is not a valid sheet name`);
}

// ---------------------------------------------------------------------------------------------
// The client side: a request context, proxies, and the queue
// ---------------------------------------------------------------------------------------------

export interface FakeStats {
  /** Every context.sync(), including the implicit one at the end of Excel.run. */
  syncs: number;
  /** Syncs Excel.run made because operations were still queued when the batch returned. */
  implicitSyncs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Each sync's request and response bytes, in order (the refused one included). */
  log: { requestBytes: number; responseBytes: number }[];
}

interface Op {
  bytes: number;
  run(): void;
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? null));
/** Framing Office.js adds per queued operation (object path, action id), roughly. */
const OP_BYTES = 60;

class Context {
  queue: Op[] = [];
  responseBytes = 0;
  readonly workbook: Workbook;
  constructor(
    readonly book: FakeWorkbook,
    readonly stats: FakeStats,
    readonly limit: number,
  ) {
    this.workbook = new Workbook(this);
  }
  /** Queues an operation; `args` are what it adds to the request. */
  push(args: unknown, run: () => void): void {
    this.queue.push({ bytes: OP_BYTES + bytesOf(args), run });
  }
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.stats.syncs++;
    await Promise.resolve();
    const request = ops.reduce((n, o) => n + o.bytes, 200);
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, request);
    const entry = { requestBytes: request, responseBytes: 0 };
    this.stats.log.push(entry);
    if (request > this.limit)
      throw fail(
        'RequestPayloadSizeLimitExceeded',
        `a request of ${request} bytes is over the limit`,
      );
    this.responseBytes = 200;
    for (const op of ops) op.run();
    entry.responseBytes = this.responseBytes;
    this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, this.responseBytes);
    if (this.responseBytes > this.limit)
      throw fail(
        'ResponsePayloadSizeLimitExceeded',
        `a response of ${this.responseBytes} bytes is over the limit`,
      );
  }
}

/** A proxy: loaded properties are readable after the sync; set ones read back what was set. */
abstract class ClientObject {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: Context) {}
  /** The model value of a scalar property (run at sync). */
  protected abstract read(prop: string): unknown;
  /** A navigation property, for load paths like "worksheet/name". */
  protected child(prop: string): ClientObject | undefined {
    void prop;
    return undefined;
  }
  /** Set by the sync that ran an …OrNullObject get: true when it found nothing. */
  protected nullness: boolean | undefined;
  /** Queues the look-up of an …OrNullObject get; `found` runs at sync. */
  lookUp(args: unknown, found: () => boolean): this {
    this.ctx.push(args, () => void (this.nullness = !found()));
    return this;
  }
  /** Readable after the sync that ran the get, as in Office.js. */
  get isNullObject(): boolean {
    if (this.nullness === undefined)
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        "The property 'isNullObject' is not available before context.sync().",
      );
    return this.nullness;
  }
  protected prop<T>(name: string): T {
    // Office.js reads undefined here; the fake fails, so a product that uses one is caught.
    if (this.nullness === true)
      throw new Error(`the Excel fake: "${name}" read on a null object (check isNullObject first)`);
    if (!this.loaded.has(name))
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this.loaded.get(name) as T;
  }
  /** Queues a property set; it reads back at once, as in Office.js. */
  protected assign(name: string, value: unknown, apply: () => void): void {
    this.loaded.set(name, value);
    this.ctx.push([name, value], apply);
  }
  load(spec?: string | string[] | { select?: string }): this {
    const paths = (
      typeof spec === 'object' && !Array.isArray(spec) ? (spec.select ?? '') : (spec ?? '')
    )
      .toString()
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    this.ctx.push(paths, () => this.fill(paths.map((p) => p.split('/'))));
    return this;
  }
  /** Runs at sync: reads each path into this proxy (or its items and children). */
  fill(paths: string[][]): void {
    if (this.nullness === true) return; // a null object loads nothing, and does not fail
    for (const [head, ...rest] of paths) {
      if (rest.length) {
        this.child(head)?.fill([rest]);
        continue;
      }
      const v = this.read(head);
      this.ctx.responseBytes += bytesOf(v) + head.length + 4;
      this.loaded.set(head, v);
    }
  }
}

/** `Excel.run`'s workbook. */
class Workbook extends ClientObject {
  readonly worksheets = new WorksheetCollection(this.ctx);
  readonly tables = new TableCollection(this.ctx, () => this.ctx.book.tableModels);
  protected read(prop: string): unknown {
    throw fail('InvalidArgument', `Workbook.${prop} is not modelled`);
  }
  getSelectedRange(): Range {
    return new Range(this.ctx, () => this.ctx.book.selection);
  }
}

/** The sheet a proxy stands for; undefined when there is none (a null object's, at sync). */
type SheetRef = () => FakeSheet | undefined;

class WorksheetCollection extends ClientObject {
  private list: Worksheet[] | null = null;
  get items(): Worksheet[] {
    if (!this.list) return this.prop('items');
    return this.list;
  }
  protected read(): unknown {
    return undefined;
  }
  override fill(paths: string[][]): void {
    this.list = this.ctx.book.sheets.map((s) => new Worksheet(this.ctx, () => s));
    const rest = paths.filter((p) => p[0] === 'items').map((p) => p.slice(1));
    for (const ws of this.list) ws.fill(rest.length ? rest : [['name']]);
  }
  /** A sheet by its name or its id. */
  getItem(key: string): Worksheet {
    return new Worksheet(this.ctx, () => this.ctx.book.findByKey(key));
  }
  /** As getItem, but a missing sheet is a null object instead of ItemNotFound. */
  getItemOrNullObject(key: string): Worksheet {
    const ws = new Worksheet(this.ctx, () => this.ctx.book.findByKey(key));
    return ws.lookUp(['getItemOrNullObject', key], () => ws.exists());
  }
  /** Adds a sheet at the end (not activated). */
  add(name?: string): Worksheet {
    let made: FakeSheet | undefined;
    this.ctx.push(['add', name], () => {
      made = this.ctx.book.addSheet(name);
    });
    return new Worksheet(this.ctx, () => {
      if (!made) throw fail('InvalidObjectPath', 'the sheet was not added');
      return made;
    });
  }
}

class Worksheet extends ClientObject {
  private model: FakeSheet | undefined;
  constructor(
    ctx: Context,
    private readonly resolveSheet: SheetRef,
  ) {
    super(ctx);
  }
  /** The sheet, resolved at the first operation that runs and kept (Excel tracks it by id). */
  get sheet(): FakeSheet {
    this.model ??= this.nullness ? undefined : this.resolveSheet(); // a null object stays null
    if (!this.model) throw fail('ItemNotFound', 'the requested sheet does not exist');
    if (!this.ctx.book.sheets.includes(this.model))
      throw fail('ItemNotFound', `the sheet "${this.model.name}" was deleted`);
    return this.model;
  }
  /** Whether the sheet is there (resolving it, as `sheet` does, without failing). */
  exists(): boolean {
    this.model ??= this.resolveSheet();
    return !!this.model && this.ctx.book.sheets.includes(this.model);
  }
  /** Queues an operation on this sheet and logs it as one of the sheet's actions. */
  act(action: string, args: unknown, run: (s: FakeSheet) => void): void {
    this.ctx.push(args, () => {
      const s = this.sheet;
      s.actions.push(action);
      run(s);
    });
  }
  protected read(prop: string): unknown {
    const s = this.sheet;
    if (prop === 'name') return s.name;
    if (prop === 'id') return s.id;
    if (prop === 'position') return this.ctx.book.sheets.indexOf(s);
    if (prop === 'visibility') return s.visibility;
    throw fail('InvalidArgument', `Worksheet.${prop} is not modelled`);
  }
  get id(): string {
    return this.prop('id');
  }
  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.loaded.set('name', v);
    this.act('Worksheet.name', v, (s) => {
      checkSheetName(v);
      const other = this.ctx.book.find(v);
      if (other && other !== s)
        throw fail('ItemAlreadyExists', `a sheet named "${v}" already exists`);
      s.name = v;
    });
  }
  get position(): number {
    return this.prop('position');
  }
  set position(v: number) {
    this.loaded.set('position', v);
    this.act('Worksheet.position', v, (s) => {
      const list = this.ctx.book.sheets;
      if (!(v >= 0 && v < list.length)) throw fail('InvalidArgument', `no position ${v}`);
      list.splice(list.indexOf(s), 1);
      list.splice(v, 0, s);
    });
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  set visibility(v: string) {
    this.loaded.set('visibility', v);
    this.act('Worksheet.visibility', v, (s) => {
      if (
        v !== 'Visible' &&
        this.ctx.book.sheets.every((x) => x === s || x.visibility !== 'Visible')
      )
        throw fail('InvalidOperation', 'a workbook must keep at least one visible sheet');
      s.visibility = v;
    });
  }
  readonly customProperties = new CustomPropertyCollection(this.ctx, this);
  readonly charts: ChartCollection = new ChartCollection(this.ctx, this);
  readonly tables: TableCollection = new TableCollection(
    this.ctx,
    () => this.ctx.book.tableModels.filter((t) => t.sheet === this.sheet),
    this,
  );
  get freezePanes() {
    return {
      freezeRows: (n: number) =>
        this.act('Worksheet.freezeRows', n, (s) => void (s.frozenRows = n)),
      freezeColumns: (n: number) =>
        this.act('Worksheet.freezeColumns', n, (s) => void (s.frozenCols = n)),
      /** The top-left block of `range` stays in view: its rows and columns from A1. */
      freezeAt: (range: Range) =>
        this.act('Worksheet.freezeAt', [], (s) => {
          const { rect } = range.place();
          if (rect.r0 !== 0 || rect.c0 !== 0)
            throw fail('InvalidArgument', 'the frozen range starts at A1 here');
          s.frozenRows = rect.rows;
          s.frozenCols = rect.cols;
        }),
      unfreeze: () =>
        this.act('Worksheet.unfreeze', [], (s) => {
          s.frozenRows = 0;
          s.frozenCols = 0;
        }),
    };
  }
  /** Page setup (ExcelApi 1.9): orientation, zoom, print area and titles, headers and footers. */
  get pageLayout() {
    const set = (key: string) => (v: unknown) =>
      this.act(`Worksheet.pageLayout.${key}`, v, (s) => void (s.pageLayout[key] = v));
    const headersFooters = settable(
      {},
      {
        defaultForAllPages: settable({
          centerHeader: set('centerHeader'),
          centerFooter: set('centerFooter'),
        }),
      },
    );
    const layout = settable(
      { orientation: set('orientation'), zoom: set('zoom') },
      { headersFooters },
    );
    return new globalThis.Proxy(layout, {
      get: (target, key) => {
        if (key === 'setPrintArea')
          return (r: Range) =>
            this.act('Worksheet.pageLayout.setPrintArea', [], (s) => {
              s.pageLayout.printArea = rectAddress(r.place().rect);
            });
        if (key === 'setPrintTitleRows')
          return (r: string) =>
            this.act('Worksheet.pageLayout.setPrintTitleRows', r, (s) => {
              s.pageLayout.printTitleRows = r;
            });
        if (key === 'setPrintTitleColumns')
          return (c: string) =>
            this.act('Worksheet.pageLayout.setPrintTitleColumns', c, (s) => {
              s.pageLayout.printTitleColumns = c;
            });
        return target[key];
      },
    });
  }
  /** The whole sheet without an address. */
  getRange(address?: string): Range {
    return new Range(
      this.ctx,
      () => ({
        sheet: this.sheet,
        rect: address ? cellRect(address) : { r0: 0, c0: 0, rows: MAX_ROWS, cols: MAX_COLS },
      }),
      this,
    );
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    return new Range(
      this.ctx,
      () => ({ sheet: this.sheet, rect: checkRect({ r0: row, c0: col, rows, cols }) }),
      this,
    );
  }
  getUsedRange(valuesOnly = false): Range {
    return new Range(
      this.ctx,
      () => ({ sheet: this.sheet, rect: this.sheet.usedRect(valuesOnly) ?? one(0, 0) }),
      this,
    );
  }
  /** The used range; a null object when the sheet is blank (of values, with `valuesOnly`). */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    let rect: Rect | null | undefined; // found at the sync that runs the get, and kept
    const used = () => (rect === undefined ? (rect = this.sheet.usedRect(valuesOnly)) : rect);
    const range = new Range(
      this.ctx,
      () => {
        const r = used();
        if (!r) throw fail('ItemNotFound', `"${this.sheet.name}" has no used range`);
        return { sheet: this.sheet, rect: r };
      },
      this,
    );
    return range.lookUp('getUsedRangeOrNullObject', () => used() !== null);
  }
  activate(): void {
    this.act('Worksheet.activate', [], (s) => {
      if (s.visibility !== 'Visible')
        throw fail('InvalidOperation', `"${s.name}" is hidden and cannot be activated`);
      this.ctx.book.active = s;
    });
  }
  delete(): void {
    this.act('Worksheet.delete', [], (s) => this.ctx.book.deleteSheet(s));
  }
}

class CustomPropertyCollection {
  constructor(
    private readonly ctx: Context,
    private readonly ws: Worksheet,
  ) {}
  getItemOrNullObject(key: string): CustomProperty {
    return new CustomProperty(this.ctx, this.ws, key).lookUp(['getItemOrNullObject', key], () =>
      this.ws.sheet.props.has(key),
    );
  }
  add(key: string, value: string): void {
    if (key.length > 255)
      throw fail('InvalidArgument', 'a custom property key is at most 255 characters');
    this.ws.act(
      'Worksheet.customProperties.add',
      [key, value],
      (s) => void s.props.set(key, String(value)),
    );
  }
}

class CustomProperty extends ClientObject {
  constructor(
    ctx: Context,
    private readonly ws: Worksheet,
    private readonly key: string,
  ) {
    super(ctx);
  }
  protected read(prop: string): unknown {
    if (prop === 'value' || prop === 'key')
      return prop === 'key' ? this.key : (this.ws.sheet.props.get(this.key) ?? null);
    throw fail('InvalidArgument', `CustomProperty.${prop} is not modelled`);
  }
  get value(): string {
    return this.prop('value');
  }
}

interface Place {
  sheet: FakeSheet;
  rect: Rect;
}

class Range extends ClientObject {
  constructor(
    ctx: Context,
    readonly place: () => Place,
    private readonly ws?: Worksheet,
  ) {
    super(ctx);
  }
  /** Queues an operation on the range's cells, logged as an action on its sheet. */
  private act(action: string, args: unknown, run: (p: Place) => void): void {
    this.ctx.push(args, () => {
      const p = this.place();
      p.sheet.actions.push(action);
      run(p);
    });
  }
  protected read(prop: string): unknown {
    const { sheet, rect } = this.place();
    const cells = <T>(f: (r: number, c: number) => T) =>
      Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => f(rect.r0 + i, rect.c0 + j)),
      );
    switch (prop) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${rectAddress(rect)}`;
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rect.rows;
      case 'columnCount':
        return rect.cols;
      case 'values':
        return cells((r, c) => sheet.get(r, c) ?? '');
      case 'formulas':
        return cells((r, c) => sheet.formulaOf(r, c) ?? sheet.get(r, c) ?? '');
      case 'numberFormat':
        return cells((r, c) => sheet.formatAt(r, c, 'numberFormat') ?? 'General');
    }
    throw fail('InvalidArgument', `Range.${prop} is not modelled`);
  }
  protected override child(prop: string): ClientObject | undefined {
    return prop === 'worksheet' ? this.worksheet : undefined;
  }
  private sheetProxy: Worksheet | undefined;
  get worksheet(): Worksheet {
    this.sheetProxy ??= this.ws ?? new Worksheet(this.ctx, () => this.place().sheet);
    return this.sheetProxy;
  }
  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get values(): Value[][] {
    return this.prop('values');
  }
  set values(v: unknown) {
    this.loaded.set('values', v);
    this.act('Range.values', v, ({ sheet, rect }) => write(sheet, rect, v));
  }
  get formulas(): Value[][] {
    return this.prop('formulas');
  }
  set formulas(v: unknown) {
    this.loaded.set('formulas', v);
    this.act('Range.formulas', v, ({ sheet, rect }) => write(sheet, rect, v));
  }
  get numberFormat(): string[][] {
    return this.prop('numberFormat');
  }
  /** A single value, or a 1 × 1 array, fills the range; else the array must match it. */
  set numberFormat(v: unknown) {
    this.loaded.set('numberFormat', v);
    this.act('Range.numberFormat', v, ({ sheet, rect }) => {
      const single =
        Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1
          ? v[0][0]
          : v;
      if (!Array.isArray(single)) {
        sheet.format(rect, 'numberFormat', single);
        return;
      }
      checkSize(rect, single);
      single.forEach((row: unknown[], i) => {
        row.forEach((f, j) => {
          sheet.format(one(rect.r0 + i, rect.c0 + j), 'numberFormat', f);
        });
      });
    });
  }
  get format() {
    const set = (key: string) => (value: unknown) =>
      this.act(`Range.format.${key}`, [key, value], ({ sheet, rect }) =>
        sheet.format(rect, key, value),
      );
    return settable(
      {
        wrapText: set('wrapText'),
        columnWidth: set('columnWidth'),
        rowHeight: (v: unknown) =>
          this.act('Range.format.rowHeight', v, ({ sheet, rect }) => {
            for (let r = rect.r0; r < rect.r0 + rect.rows; r++)
              sheet.rowHeights.set(r, v as number);
          }),
      },
      {
        autofitRows: () => this.act('Range.format.autofitRows', [], () => {}),
        fill: settable({ color: set('fill.color') }),
        font: settable({
          color: set('font.color'),
          bold: set('font.bold'),
          size: set('font.size'),
        }),
      },
    );
  }
  get conditionalFormats() {
    return {
      add: (type: string) => {
        const model: ConditionalFormatModel = { type, rect: one(0, 0), props: {} };
        this.act('Range.conditionalFormats.add', type, ({ sheet, rect }) => {
          model.rect = rect;
          sheet.cfModels.unshift(model); // a new rule comes first, as in Excel's list
        });
        const set = (key: string) => (value: unknown) =>
          this.ctx.push([key, value], () => void (model.props[key] = value));
        return {
          cellValue: settable(
            { rule: set('rule') },
            {
              format: settable(
                {},
                {
                  font: settable({ color: set('font.color') }),
                  fill: settable({ color: set('fill.color') }),
                },
              ),
            },
          ),
          colorScale: settable({ criteria: set('criteria') }),
        };
      },
      clearAll: () =>
        this.act('Range.conditionalFormats.clearAll', [], ({ sheet, rect }) => {
          const keep = sheet.cfModels.filter((c) => !overlaps(c.rect, rect));
          sheet.cfModels.splice(0, sheet.cfModels.length, ...keep);
        }),
    };
  }
  getRow(i: number): Range {
    return this.derived(({ rect }) => ({ ...rect, r0: rect.r0 + i, rows: 1 }));
  }
  getCell(i: number, j: number): Range {
    return this.derived(({ rect }) => one(rect.r0 + i, rect.c0 + j));
  }
  getResizedRange(rows: number, cols: number): Range {
    return this.derived(({ rect }) => ({
      ...rect,
      rows: rect.rows + rows,
      cols: rect.cols + cols,
    }));
  }
  /** The cells both ranges cover; none in common is ItemNotFound (Excel: getIntersection). */
  getIntersection(other: Range): Range {
    return this.derived(({ sheet, rect }) => {
      const o = other.place();
      const r0 = Math.max(rect.r0, o.rect.r0),
        c0 = Math.max(rect.c0, o.rect.c0);
      const rows = Math.min(rect.r0 + rect.rows, o.rect.r0 + o.rect.rows) - r0,
        cols = Math.min(rect.c0 + rect.cols, o.rect.c0 + o.rect.cols) - c0;
      if (o.sheet !== sheet || rows <= 0 || cols <= 0)
        throw fail('ItemNotFound', 'the ranges have no cell in common');
      return { r0, c0, rows, cols };
    });
  }
  getOffsetRange(rows: number, cols: number): Range {
    return this.derived(({ rect }) => ({ ...rect, r0: rect.r0 + rows, c0: rect.c0 + cols }));
  }
  /** The whole columns of the range (Excel: getEntireColumn). */
  getEntireColumn(): Range {
    return this.derived(({ rect }) => ({ ...rect, r0: 0, rows: MAX_ROWS }));
  }
  /** The used cells within the range; a null object when it holds none (values only: formats are not modelled here). */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    if (!valuesOnly)
      throw fail('InvalidArgument', 'the fake models Range.getUsedRange of values only');
    let found: Place | null | undefined; // found at the sync that runs the get, and kept
    const used = () => {
      if (found === undefined) {
        const { sheet, rect } = this.place();
        const r = sheet.usedRect(true, rect);
        found = r ? { sheet, rect: r } : null;
      }
      return found;
    };
    const range = new Range(this.ctx, () => {
      const p = used();
      if (!p) throw fail('ItemNotFound', 'the range holds no values');
      return p;
    });
    return range.lookUp('Range.getUsedRangeOrNullObject', () => used() !== null);
  }
  /** Excel's current region: the block of non-empty cells around the range, grown until bordered by blanks. */
  getSurroundingRegion(): Range {
    return this.derived(({ sheet, rect }) => region(sheet, rect));
  }
  private derived(f: (p: Place) => Rect): Range {
    return new Range(this.ctx, () => {
      const p = this.place();
      return { sheet: p.sheet, rect: checkRect(f(p)) };
    });
  }
  getTables(fullyContained = false): TableCollection {
    return new TableCollection(this.ctx, () => {
      const { sheet, rect } = this.place();
      return this.ctx.book.tableModels.filter(
        (t) =>
          t.sheet === sheet &&
          (fullyContained ? within(rect, t.rect) || within(t.rect, rect) : overlaps(t.rect, rect)),
      );
    });
  }
  select(): void {
    this.act('Range.select', [], (p) => {
      if (p.sheet.visibility !== 'Visible')
        throw fail('InvalidOperation', 'a range on a hidden sheet cannot be selected');
      this.ctx.book.active = p.sheet;
      this.ctx.book.selection = p;
    });
  }
  clear(applyTo = 'All'): void {
    this.act('Range.clear', applyTo, ({ sheet, rect }) => sheet.clear(rect, applyTo));
  }
  merge(across = false): void {
    this.act('Range.merge', across, ({ sheet, rect }) => {
      if (across) throw fail('InvalidArgument', 'merge across is not modelled');
      if (sheet.merges.some((m) => overlaps(m, rect)))
        throw fail('InvalidOperation', 'cannot merge over a merged area');
      sheet.merges.push(rect);
    });
  }
  unmerge(): void {
    this.act('Range.unmerge', [], ({ sheet, rect }) => {
      for (let i = sheet.merges.length - 1; i >= 0; i--)
        if (overlaps(sheet.merges[i], rect)) sheet.merges.splice(i, 1);
    });
  }
}

/** Writes a 2-D array of typed input (or one value for every cell) into `rect`. */
function write(sheet: FakeSheet, rect: Rect, v: unknown): void {
  if (!Array.isArray(v)) {
    for (let r = rect.r0; r < rect.r0 + rect.rows; r++)
      for (let c = rect.c0; c < rect.c0 + rect.cols; c++) sheet.type(r, c, v);
    return;
  }
  checkSize(rect, v);
  for (let i = 0; i < v.length; i++) {
    const row = v[i] as unknown[];
    for (let j = 0; j < row.length; j++) sheet.type(rect.r0 + i, rect.c0 + j, row[j]);
  }
}

function checkSize(rect: Rect, v: unknown[]): void {
  if (v.length !== rect.rows || v.some((row) => !Array.isArray(row) || row.length !== rect.cols))
    throw fail(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rect.rows} × ${rect.cols}).`,
    );
}

const within_ = (rect: Rect, r: number, c: number): boolean =>
  r >= rect.r0 && r < rect.r0 + rect.rows && c >= rect.c0 && c < rect.c0 + rect.cols;

function region(sheet: FakeSheet, start: Rect): Rect {
  let r0 = start.r0,
    c0 = start.c0,
    r1 = start.r0 + start.rows - 1,
    c1 = start.c0 + start.cols - 1;
  const rowHas = (r: number) => {
    for (let c = Math.max(0, c0 - 1); c <= c1 + 1; c++)
      if (sheet.get(r, c) !== undefined) return true;
    return false;
  };
  const colHas = (c: number) => {
    for (let r = Math.max(0, r0 - 1); r <= r1 + 1; r++)
      if (sheet.get(r, c) !== undefined) return true;
    return false;
  };
  for (let grown = true; grown; ) {
    grown = false;
    for (; r1 + 1 < MAX_ROWS && rowHas(r1 + 1); grown = true) r1++;
    for (; r0 > 0 && rowHas(r0 - 1); grown = true) r0--;
    for (; c1 + 1 < MAX_COLS && colHas(c1 + 1); grown = true) c1++;
    for (; c0 > 0 && colHas(c0 - 1); grown = true) c0--;
  }
  return { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/**
 * An object whose listed properties can only be set (each set queues an operation) and whose
 * listed children are further such objects; anything else is a property the fake does not model.
 */
function settable(
  setters: Record<string, (v: unknown) => void>,
  children: Record<string, object> = {},
): any {
  return new globalThis.Proxy(
    {},
    {
      get(_, key) {
        if (typeof key === 'string' && key in children) return children[key];
        throw new Error(`the Excel fake does not model reading "${String(key)}" here`);
      },
      set(_, key, value) {
        const set = typeof key === 'string' ? setters[key] : undefined;
        if (!set) throw new Error(`the Excel fake does not model setting "${String(key)}" here`);
        set(value);
        return true;
      },
    },
  );
}

class TableCollection extends ClientObject {
  private list: Table[] | null = null;
  constructor(
    ctx: Context,
    private readonly models: () => TableModel[],
    private readonly ws?: Worksheet,
  ) {
    super(ctx);
  }
  get items(): Table[] {
    return this.list ?? this.prop('items');
  }
  protected read(): unknown {
    return undefined;
  }
  override fill(paths: string[][]): void {
    this.list = this.models().map((t) => new Table(this.ctx, () => t));
    const rest = paths.filter((p) => p[0] === 'items').map((p) => p.slice(1));
    for (const t of this.list) t.fill(rest.length ? rest : [['name']]);
  }
  /** A table over `range` (its first row the header); on a sheet's collection only. */
  add(range: Range, hasHeaders: boolean): Table {
    let made: TableModel | undefined;
    const ws = this.ws;
    if (!ws) throw new Error('the Excel fake adds tables through worksheet.tables only');
    ws.act('TableCollection.add', hasHeaders, () => {
      const { sheet, rect } = range.place();
      if (this.ctx.book.tableModels.some((t) => t.sheet === sheet && overlaps(t.rect, rect)))
        throw fail('InvalidOperation', 'a table cannot overlap another table');
      made = { ...this.ctx.book.newTable(), sheet, rect };
      this.ctx.book.tableModels.push(made);
    });
    return new Table(this.ctx, () => made);
  }
  /** A table by its name or its id; a missing one is a null object. On the workbook's collection. */
  getItemOrNullObject(key: string): Table {
    const table = new Table(this.ctx, () => this.ctx.book.findTable(key));
    return table.lookUp(['getItemOrNullObject', key], () => table.exists());
  }
}

class Table extends ClientObject {
  private found: TableModel | undefined;
  constructor(
    ctx: Context,
    private readonly resolveTable: () => TableModel | undefined,
  ) {
    super(ctx);
  }
  /** The table, resolved at the first operation that runs and kept; deleted, it is ItemNotFound. */
  private model(): TableModel {
    this.found ??= this.nullness ? undefined : this.resolveTable(); // a null object stays null
    if (!this.found || !this.ctx.book.tableModels.includes(this.found))
      throw fail('ItemNotFound', 'the requested table does not exist');
    return this.found;
  }
  exists(): boolean {
    this.found ??= this.resolveTable();
    return !!this.found && this.ctx.book.tableModels.includes(this.found);
  }
  protected read(prop: string): unknown {
    if (prop === 'name') return this.model().name;
    if (prop === 'id') return this.model().id;
    throw fail('InvalidArgument', `Table.${prop} is not modelled`);
  }
  protected override child(prop: string): ClientObject | undefined {
    return prop === 'worksheet' ? this.worksheet : undefined;
  }
  private sheetProxy: Worksheet | undefined;
  get worksheet(): Worksheet {
    this.sheetProxy ??= new Worksheet(this.ctx, () => this.model().sheet);
    return this.sheetProxy;
  }
  get id(): string {
    return this.prop('id');
  }
  get name(): string {
    return this.prop('name');
  }
  /** Table names are unique in the workbook and hold letters, digits, "_" and "." only. */
  set name(v: string) {
    this.assign('name', v, () => {
      const t = this.model();
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v))
        throw fail('InvalidArgument', `"${v}" is not a valid table name`);
      if (
        this.ctx.book.tableModels.some((x) => x !== t && x.name.toLowerCase() === v.toLowerCase())
      )
        throw fail('ItemAlreadyExists', `a table named "${v}" already exists`);
      t.sheet.actions.push('Table.name');
      t.name = v;
    });
  }
  getRange(): Range {
    return new Range(this.ctx, () => ({ sheet: this.model().sheet, rect: this.model().rect }));
  }
  delete(): void {
    this.ctx.push('delete', () => {
      const t = this.model();
      t.sheet.actions.push('Table.delete');
      this.ctx.book.tableModels.splice(this.ctx.book.tableModels.indexOf(t), 1);
    });
  }
}

class ChartCollection extends ClientObject {
  private list: Chart[] | null = null;
  constructor(
    ctx: Context,
    private readonly ws: Worksheet,
  ) {
    super(ctx);
  }
  get items(): Chart[] {
    return this.list ?? this.prop('items');
  }
  protected read(): unknown {
    return undefined;
  }
  override fill(paths: string[][]): void {
    this.list = this.ws.sheet.chartModels.map((c) => new Chart(this.ctx, this.ws, () => c));
    const rest = paths.filter((p) => p[0] === 'items').map((p) => p.slice(1));
    for (const c of this.list) c.fill(rest.length ? rest : [['name']]);
  }
  /** A chart of `range`, one series per column (`seriesBy` "Columns"). */
  add(type: string, range: Range, seriesBy = 'Auto'): Chart {
    const model: ChartModel = { name: '', type, source: '', props: {}, series: [] };
    this.ws.act('ChartCollection.add', [type, seriesBy], (s) => {
      const { rect } = range.place();
      model.name = `Chart ${s.chartModels.length + 1}`;
      model.source = rectAddress(rect);
      for (let c = 0; c < rect.cols; c++)
        model.series.push({ values: rectAddress({ ...rect, c0: rect.c0 + c, cols: 1 }) });
      s.chartModels.push(model);
    });
    return new Chart(this.ctx, this.ws, () => model);
  }
}

class Chart extends ClientObject {
  constructor(
    ctx: Context,
    private readonly ws: Worksheet,
    private readonly model: () => ChartModel,
  ) {
    super(ctx);
  }
  protected read(prop: string): unknown {
    if (prop === 'name') return this.model().name;
    throw fail('InvalidArgument', `Chart.${prop} is not modelled`);
  }
  private set_(key: string) {
    return (value: unknown) =>
      this.ctx.push([key, value], () => void (this.model().props[key] = value));
  }
  get name(): string {
    return this.prop('name');
  }
  set width(v: number) {
    this.set_('width')(v);
  }
  set height(v: number) {
    this.set_('height')(v);
  }
  get title() {
    return settable({ text: this.set_('title.text') });
  }
  get legend() {
    return settable({ position: this.set_('legend.position') });
  }
  get axes() {
    const axis = (name: string) =>
      settable(
        { numberFormat: this.set_(`${name}.numberFormat`) },
        { title: settable({ text: this.set_(`${name}.title`) }) },
      );
    return { categoryAxis: axis('categoryAxis'), valueAxis: axis('valueAxis') };
  }
  setPosition(start: Range): void {
    this.ctx.push('setPosition', () => {
      this.model().props.position = rectAddress(start.place().rect);
    });
  }
  get series() {
    return {
      getItemAt: (i: number) =>
        series(this.ctx, () => {
          const s = this.model().series[i];
          if (!s) throw fail('ItemNotFound', `no series ${i}`);
          return s;
        }),
      add: (name: string) => {
        const model: Record<string, unknown> = { name };
        this.ctx.push(['add', name], () => void this.model().series.push(model));
        return series(this.ctx, () => model);
      },
    };
  }
  delete(): void {
    this.ws.act('Chart.delete', [], (s) => {
      s.chartModels.splice(s.chartModels.indexOf(this.model()), 1);
    });
  }
}

/** A chart series: its settable properties, and the ranges it draws. */
function series(ctx: Context, model: () => Record<string, unknown>) {
  const set = (key: string) => (value: unknown) =>
    ctx.push([key, value], () => void (model()[key] = value));
  const from = (key: string) => (range: Range) =>
    ctx.push(key, () => void (model()[key] = rectAddress(range.place().rect)));
  const s = settable(
    {
      name: set('name'),
      markerStyle: set('markerStyle'),
      markerBackgroundColor: set('markerBackgroundColor'),
      markerForegroundColor: set('markerForegroundColor'),
    },
    {
      format: settable(
        {},
        { line: settable({ color: set('line.color'), lineStyle: set('line.lineStyle') }) },
      ),
      setXAxisValues: from('xValues'),
      setValues: from('values'),
    },
  );
  return s;
}

// ---------------------------------------------------------------------------------------------
// The fake itself
// ---------------------------------------------------------------------------------------------

export interface FakeExcelOptions {
  /** Sheets the workbook starts with (default "Sheet1"). */
  sheets?: string[];
  /** Read "@SUM(A1)" written to Range.values as the formula =SUM(A1), as Excel's typed input does. */
  atSignFormulas?: boolean;
  /** The request/response limit in bytes (default PAYLOAD_LIMIT_BYTES). */
  payloadLimit?: number;
  /**
   * A formula's value, for the formulas a test needs calculated (the fake calculates none);
   * undefined reads as 0. E.g. =HYPERLINK(url, label) → label.
   */
  evaluateFormula?: (formula: string) => Value | undefined;
}

export type FakeContext = Context;

export interface ExcelFake {
  Excel: { run<T>(batch: (context: Context) => Promise<T>): Promise<T> };
  workbook: FakeWorkbook;
  stats: FakeStats;
}

export function createExcelFake(options: FakeExcelOptions = {}): ExcelFake {
  const workbook = new FakeWorkbook(
    options.sheets ?? ['Sheet1'],
    options.atSignFormulas ?? false,
    options.evaluateFormula,
  );
  const stats: FakeStats = {
    syncs: 0,
    implicitSyncs: 0,
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    log: [],
  };
  const limit = options.payloadLimit ?? PAYLOAD_LIMIT_BYTES;
  return {
    workbook,
    stats,
    Excel: {
      async run(batch) {
        const context = new Context(workbook, stats, limit);
        const out = batch(context);
        if (!(out instanceof Promise))
          throw fail(
            'RunMustReturnPromise',
            'the batch function passed to Excel.run must return a promise',
          );
        const value = await out;
        if (context.queue.length) {
          stats.implicitSyncs++;
          await context.sync();
        }
        return value;
      },
    },
  };
}
