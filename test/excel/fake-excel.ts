/**
 * An in-memory Excel behind the slice of Office.js the add-in uses, faithful where it matters for
 * the tests: writes apply in queue order, every context.sync() is counted and its request (and
 * response) size is checked against Office.js's 5 MB limit, properties read without load()+sync()
 * throw PropertyNotLoaded, and strings written to `values` are parsed the way Excel parses typing:
 * "=…" becomes a formula, "12" a number, unless a leading apostrophe keeps them text.
 */

export const REQUEST_LIMIT = 5 * 1024 * 1024;
type Cell = string | number | boolean;
export interface RectOp { kind: string; row: number; col: number; rows: number; cols: number; value: unknown }

export class FakeSheet {
  cells = new Map<number, Cell>();
  formulas = new Map<number, string>();
  props = new Map<string, string>();
  ops: RectOp[] = [];
  charts: { type: string; props: Record<string, unknown>; series: Record<string, unknown>[] }[] = [];
  freezeRows = 0;
  writes = 0;
  constructor(public name: string) {}
  static key(r: number, c: number) { return r * 16384 + c; }
  get(r: number, c: number): Cell { return this.cells.get(FakeSheet.key(r, c)) ?? ''; }
  /** Rows × cols of stored values from (0, 0) to the last used cell. */
  values(): Cell[][] {
    let rows = 0, cols = 0;
    for (const k of this.cells.keys()) { rows = Math.max(rows, Math.floor(k / 16384) + 1); cols = Math.max(cols, (k % 16384) + 1); }
    return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => this.get(r, c)));
  }
  setValues(row: number, col: number, values: Cell[][]) {
    values.forEach((line, r) => line.forEach((v, c) => {
      const k = FakeSheet.key(row + r, col + c);
      this.formulas.delete(k);
      if (v === '' ) { this.cells.delete(k); return; }
      const parsed = typeTyped(v);
      if (typeof parsed === 'object') { this.formulas.set(k, parsed.formula); this.cells.set(k, 0); } else this.cells.set(k, parsed);
    }));
  }
}

/** What Excel makes of a value typed into a cell. */
function typeTyped(v: Cell): Cell | { formula: string } {
  if (typeof v !== 'string') return v;
  if (v.startsWith("'")) return v.slice(1);
  if (/^[=+]/.test(v) || /^-\D/.test(v) || v.startsWith('@')) return { formula: v };
  if (/^\s*-?[\d,]*\.?\d+\s*$/.test(v)) return Number(v.replace(/,/g, ''));
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return v;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  tables: { name: string; sheet: FakeSheet; row: number; col: number; rows: number; cols: number }[] = [];
  selection = { sheet: '', row: 0, col: 0, rows: 1, cols: 1 };
  active = '';
  syncs = 0;
  /** Request bytes of every sync. */
  requests: number[] = [];
  private pending = 0;
  private loads: (() => number)[] = [];

  addSheet(name: string, values: Cell[][] = [], owner?: string): FakeSheet {
    const s = new FakeSheet(name);
    s.setValues(0, 0, values.map((r) => r.map((v) => (typeof v === 'string' ? `'${v}` : v))));
    if (owner) s.props.set('ProfitTiers', owner);
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }
  sheet(name: string): FakeSheet | undefined { return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()); }

  /** Excel.run: one request context; `fn` queues work and syncs. */
  run = async <T>(fn: (context: any) => Promise<T>): Promise<T> => fn(this.context());

  private queue(args: unknown, apply: () => void) {
    this.pending += JSON.stringify(args ?? null).length + 40;
    apply();
  }
  private context() {
    const fake = this;
    /** A proxy whose `readable` properties exist only after load() and the next sync(). */
    const loadable = <T extends object>(target: T, read: () => Record<string, unknown>): T & { load(p?: string): T } => {
      let snapshot: Record<string, unknown> | null = null;
      const proxy: any = new Proxy(target as any, {
        get(t, p) {
          if (p === 'load') return () => { fake.loads.push(() => { snapshot = read(); return responseBytes(snapshot); }); return proxy; };
          if (p === IS_PROXY) return true;
          if (p === FILL) return () => { snapshot = read(); return proxy; };
          if (p === 'then' || p === 'toJSON') return undefined; // not a promise, not serialisable
          const own = Object.getOwnPropertyDescriptor(t, p);
          if (typeof p === 'symbol') return t[p];
          if ((own && (own.get || 'value' in own))) return t[p];
          if (!snapshot || !(p in snapshot)) throw new Error(`PropertyNotLoaded: ${String(p)} was read before load() and sync()`);
          return snapshot[p];
        },
        set(t, p, v) { t[p] = v; return true; },
      });
      return proxy;
    };
    const rangeOf = (sheet: FakeSheet, row: number, col: number, rows: number, cols: number): any => {
      if (rows < 1 || cols < 1 || row + rows > 1048576 || col + cols > 16384) throw new Error('InvalidArgument: range out of the grid');
      const op = (kind: string, value: unknown) => fake.queue([kind, row, col, rows, cols, value], () => sheet.ops.push({ kind, row, col, rows, cols, value }));
      const font = { set color(v: string) { op('fontColor', v); }, set bold(v: boolean) { op('bold', v); }, set size(v: number) { op('fontSize', v); } };
      const format = {
        fill: { set color(v: string) { op('fill', v); } }, font,
        set wrapText(v: boolean) { op('wrap', v); }, set columnWidth(v: number) { op('columnWidth', v); },
      };
      const target = {
        __rect: { row, col, rows, cols },
        set values(v: Cell[][]) {
          const broadcast = v.length === 1 && v[0].length === 1;
          if (!broadcast && (v.length !== rows || v.some((r) => r.length !== cols))) throw new Error(`InvalidArgument: ${v.length}×${v[0]?.length} values for a ${rows}×${cols} range`);
          fake.queue(v, () => { sheet.writes++; sheet.setValues(row, col, broadcast ? Array.from({ length: rows }, () => Array(cols).fill(v[0][0])) : v); });
        },
        set numberFormat(v: string[][]) { op('numberFormat', v.length === 1 && v[0].length === 1 ? v[0][0] : v); },
        format,
        conditionalFormats: { add(type: string) { const cf: Record<string, any> = { type, cellValue: { format: { font: {} } }, colorScale: {} }; op('conditional', cf); return cf; } },
        worksheet: worksheetOf(sheet),
        getRow: (i: number) => rangeOf(sheet, row + i, col, 1, cols),
        getSurroundingRegion: () => surrounding(sheet, row, col),
        getTables: () => collection(() => fake.tables.filter((t) => t.sheet === sheet && row >= t.row && row < t.row + t.rows && col >= t.col && col < t.col + t.cols).map(tableOf)),
        select: () => fake.queue('select', () => { fake.selection = { sheet: sheet.name, row, col, rows, cols }; fake.active = sheet.name; }),
      };
      return loadable(target, () => ({
        address: `${quote(sheet.name)}!${a1(row, col)}${rows * cols > 1 ? `:${a1(row + rows - 1, col + cols - 1)}` : ''}`,
        rowIndex: row, columnIndex: col, rowCount: rows, columnCount: cols,
        values: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => sheet.get(row + r, col + c))),
      }));
    };
    const surrounding = (sheet: FakeSheet, row: number, col: number) => {
      let r0 = row, r1 = row, c0 = col, c1 = col, grown = true;
      const used = (r: number, c: number) => r >= 0 && c >= 0 && sheet.get(r, c) !== '';
      while (grown) {
        grown = false;
        for (let c = c0 - 1; c <= c1 + 1; c++) { if (used(r0 - 1, c)) { r0--; grown = true; break; } }
        for (let c = c0 - 1; c <= c1 + 1; c++) { if (used(r1 + 1, c)) { r1++; grown = true; break; } }
        for (let r = r0 - 1; r <= r1 + 1; r++) { if (used(r, c0 - 1)) { c0--; grown = true; break; } }
        for (let r = r0 - 1; r <= r1 + 1; r++) { if (used(r, c1 + 1)) { c1++; grown = true; break; } }
      }
      return rangeOf(sheet, r0, c0, r1 - r0 + 1, c1 - c0 + 1);
    };
    // load('items/name') on a collection loads its items (here: all their properties, and those
    // of a table's worksheet), as Office.js does for the properties named.
    const collection = (items: () => any[]) => loadable({} as any, () => ({ items: items().map((i) => i[FILL]()) }));
    const tableOf = (t: FakeExcel['tables'][number]) => {
      const worksheet = worksheetOf(t.sheet);
      return loadable({ getRange: () => rangeOf(t.sheet, t.row, t.col, t.rows, t.cols), worksheet }, () => { worksheet[FILL](); return { name: t.name }; });
    };
    const worksheetOf = (sheet: FakeSheet): any => loadable({
      set name(v: string) {
        fake.queue(['rename', v], () => {
          if (fake.sheets.some((s) => s !== sheet && s.name.toLowerCase() === v.toLowerCase())) throw new Error(`ItemAlreadyExists: a sheet is named ${v}`);
          sheet.name = v;
        });
      },
      customProperties: {
        getItemOrNullObject: (key: string) => loadable({} as any, () => ({ isNullObject: !sheet.props.has(key), value: sheet.props.get(key) })),
        add: (key: string, value: string) => fake.queue(['prop', key, value], () => sheet.props.set(key, value)),
      },
      delete: () => fake.queue('delete', () => {
        if (fake.sheets.length === 1) throw new Error('InvalidOperation: a workbook must keep one sheet');
        fake.sheets = fake.sheets.filter((s) => s !== sheet);
        fake.tables = fake.tables.filter((t) => t.sheet !== sheet);
      }),
      activate: () => fake.queue('activate', () => { fake.active = sheet.name; }),
      getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => rangeOf(sheet, r, c, rows, cols),
      getRange: (address: string) => {
        const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
        if (!m) throw new Error(`InvalidArgument: address ${address}`);
        const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        const r0 = Number(m[2]) - 1, c0 = col(m[1]), r1 = m[4] ? Number(m[4]) - 1 : r0, c1 = m[3] ? col(m[3]) : c0;
        return rangeOf(sheet, r0, c0, r1 - r0 + 1, c1 - c0 + 1);
      },
      freezePanes: { freezeRows: (n: number) => fake.queue(['freeze', n], () => { sheet.freezeRows = n; }) },
      tables: {
        add: (range: any, hasHeaders: boolean) => {
          const snap = { row: 0, col: 0, rows: 0, cols: 0 };
          fake.queue(['table', hasHeaders], () => Object.assign(snap, range.__rect));
          const t = { name: `Table${fake.tables.length + 1}`, sheet, ...snap };
          fake.tables.push(t);
          return { set name(v: string) {
            fake.queue(['tableName', v], () => {
              if (fake.tables.some((o) => o !== t && o.name.toLowerCase() === v.toLowerCase())) throw new Error(`InvalidArgument: table name ${v} exists`);
              t.name = v;
            });
          } };
        },
      },
      charts: {
        add: (type: string) => {
          const chart = { type, props: {} as Record<string, unknown>, series: [{}] as Record<string, unknown>[] };
          fake.queue(['chart', type], () => sheet.charts.push(chart));
          const recorder = (into: Record<string, unknown>, prefix = ''): any => new Proxy({}, {
            get: (_, p: string) => (p === 'setPosition' || p === 'setXAxisValues' || p === 'setValues' ? () => fake.queue(p, () => {}) : recorder(into, `${prefix}${p}.`)),
            set: (_, p: string, v) => { fake.queue([p, v], () => { into[`${prefix}${p}`] = v; }); return true; },
          });
          const c = recorder(chart.props);
          return new Proxy(c, { get: (t, p) => (p === 'series' ? {
            getItemAt: (i: number) => recorder(chart.series[i]),
            add: (name: string) => { const s: Record<string, unknown> = { name }; fake.queue(['series', name], () => chart.series.push(s)); return recorder(s); },
          } : t[p]) });
        },
      },
    }, () => ({ name: sheet.name }));

    return {
      workbook: {
        worksheets: Object.assign(collection(() => fake.sheets.map(worksheetOf)), {
          add: (name: string) => {
            const s = new FakeSheet(name);
            fake.queue(['add', name], () => {
              if (fake.sheet(name)) throw new Error(`ItemAlreadyExists: a sheet is named ${name}`);
              fake.sheets.push(s);
            });
            return worksheetOf(s);
          },
          getItem: (name: string) => { const s = fake.sheet(name); if (!s) throw new Error(`ItemNotFound: ${name}`); return worksheetOf(s); },
        }),
        tables: collection(() => fake.tables.map(tableOf)),
        getSelectedRange: () => { const s = fake.selection; return rangeOf(fake.sheet(s.sheet)!, s.row, s.col, s.rows, s.cols); },
      },
      sync: async () => {
        let response = 0;
        for (const load of fake.loads) response += load();
        fake.loads = [];
        fake.syncs++;
        fake.requests.push(fake.pending);
        const request = fake.pending;
        fake.pending = 0;
        if (request > REQUEST_LIMIT) throw new Error(`RequestPayloadSizeLimitExceeded: request of ${request} bytes`);
        if (response > REQUEST_LIMIT) throw new Error(`ResponsePayloadSizeLimitExceeded: response of ${response} bytes`);
      },
    };
  }
}

const IS_PROXY = Symbol('fake Office.js proxy');
const FILL = Symbol('load now');
/** Response size of a load: nested proxy objects (collection items) count as their loaded names only. */
const responseBytes = (snapshot: unknown) => JSON.stringify(snapshot, (_, v) => (v && typeof v === 'object' && v[IS_PROXY] ? '{}' : v)).length;
const a1 = (r: number, c: number) => { let s = '', n = c + 1; while (n > 0) { s = String.fromCharCode(65 + ((n - 1) % 26)) + s; n = Math.floor((n - 1) / 26); } return `${s}${r + 1}`; };
const quote = (name: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
