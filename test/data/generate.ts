/**
 * Deterministic generator of realistic customer-profitability test data.
 *
 * Pure functions only (no `node:` imports), so tests, benches and the sample script can all
 * use it. Everything is driven by a tiny seeded PRNG: the same `(n, seed)` always gives the
 * same table, on every platform.
 *
 * Shape of the data (see DOMAIN.md §1 for the column synonyms):
 * - revenue is log-normal (σ ≈ 1.6): the top 20 % of customers carry ~75–80 % of revenue;
 * - gross margin 10–45 %, a little lower for large accounts (they negotiate);
 * - activity volumes follow revenue, with heavy outliers: small customers ordering very often in
 *   tiny orders, over-served large accounts with many returns, contacts and visits;
 * - with the sample rates (`SAMPLE_SETTINGS`) about 15–30 % of customers lose money and the
 *   whale curve peaks around 150–300 %.
 */

export type Cell = string | number;
export type Row = Cell[];

// ---------------------------------------------------------------------------------------------
// PRNG

/**
 * mulberry32: a 32-bit seeded PRNG, uniform in [0, 1). Tiny, fast, good enough for test data.
 * Example: `mulberry32(1)()` → 0.6270739405881613.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Separate, decorrelated streams for each generator from one user seed. */
function stream(seed: number, salt: number): () => number {
  return mulberry32(Math.imul((seed | 0) ^ salt, 0x9e3779b1) ^ 0x85ebca6b);
}

/** Standard normal variates by Box–Muller (keeps the spare). */
function normals(rand: () => number): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(1 - rand())); // 1 - rand() ∈ (0, 1]
    const th = 2 * Math.PI * rand();
    spare = r * Math.sin(th);
    hasSpare = true;
    return r * Math.cos(th);
  };
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : Math.min(x, hi));
const cents = (x: number) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------
// Names

/** Names that exercise encodings and CSV quoting; all representable in Windows-1252. */
export const SPECIAL_NAMES: readonly string[] = [
  'Café Müller GmbH',
  "O'Brien & Sons",
  'Smith, Jones & Partners',
  'The "Corner" Deli',
  'L’Atelier Créatif SARL',
  'Nordström Verktyg AB',
  'Peña y Hijos S.L.',
  'Zürcher Bäckerei AG',
  'Ørsted Marine ApS',
  'Société Générale de Pâtisserie',
  'Ångström Labs Oy',
  'Señor Taco’s – Catering',
];

const NAME_FIRST = [
  'Acme',
  'Northwind',
  'Baker',
  'Summit',
  'Harbor',
  'Blue River',
  'Granite',
  'Pioneer',
  'Riverside',
  'Evergreen',
  'Keystone',
  'Oakridge',
  'Silverline',
  'Redwood',
  'Lakeside',
  'Sunrise',
  'Atlas',
  'Beacon',
  'Cedar',
  'Delta',
  'Eagle',
  'Falcon',
  'Frontier',
  'Golden Gate',
  'Highland',
  'Ironwood',
  'Juniper',
  'Kingston',
  'Liberty',
  'Maple',
  'Meridian',
  'Monarch',
  'Nova',
  'Orchard',
  'Pacific',
  'Pinnacle',
  'Prairie',
  'Quantum',
  'Ridgeway',
  'Sterling',
  'Tidewater',
  'Union',
  'Valley',
  'Westfield',
  'Windmill',
  'Yellowstone',
  'Zenith',
  'Hartmann',
  'Schneider',
  'Dubois',
  'Rossi',
  'Jensen',
  'Kowalski',
  'Nakamura',
  'Fischer',
  'Lindqvist',
  'Moreau',
  'Bianchi',
  'Novak',
  'Svensson',
];
const NAME_TRADE = [
  'Foods',
  'Supply',
  'Logistics',
  'Hardware',
  'Trading',
  'Electric',
  'Bakery',
  'Motors',
  'Pharma',
  'Textiles',
  'Plastics',
  'Builders',
  'Distributors',
  'Wholesale',
  'Office Supplies',
  'Paper',
  'Coffee',
  'Marine',
  'Medical',
  'Tools',
  'Garden Centre',
  'Print',
  'Packaging',
  'Industries',
  'Retail',
  'Hospitality',
  'Furniture',
  'Auto Parts',
  'Beverages',
  'Chemicals',
  'Dental',
  'Florists',
  'Hotels',
  'Kitchens',
  'Laboratories',
  'Metals',
  'Optics',
  'Pet Supplies',
  'Sports',
  'Timber',
];
const NAME_SUFFIX = [
  'Inc.',
  'Ltd',
  'LLC',
  'GmbH',
  '& Co.',
  'Group',
  'Corp.',
  '',
  'S.A.',
  'AB',
  'BV',
  'plc',
];

/** Where the special names sit in every name list (all within the first 300 customers). */
const SPECIAL_STRIDE = 23;
const SPECIAL_OFFSET = 2;

/**
 * A pool of distinct company names, shuffled by seed, with SPECIAL_NAMES at fixed positions
 * (2, 25, 48, …). Built once per call (~29k strings); rows reuse it, wrapping around for
 * very large n (the customer id stays the key, as in real data with look-alike names).
 */
function namePool(seed: number): string[] {
  const pool: string[] = [];
  for (const a of NAME_FIRST)
    for (const b of NAME_TRADE)
      for (const c of NAME_SUFFIX) pool.push(c ? `${a} ${b} ${c}` : `${a} ${b}`);
  const rand = stream(seed, 0x4e414d45);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  SPECIAL_NAMES.forEach((s, k) => {
    pool.splice(SPECIAL_OFFSET + k * SPECIAL_STRIDE, 0, s);
  });
  return pool;
}

/** "C000123"; width grows past 6 digits so ids stay fixed-width (and sortable) for any n. */
function customerIds(n: number): string[] {
  const width = Math.max(6, String(n).length);
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) ids[i] = `C${String(i + 1).padStart(width, '0')}`;
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Customer-level data

export const CUSTOMER_HEADERS = [
  'Customer ID',
  'Customer Name',
  'Revenue',
  'COGS',
  'Orders',
  'Order Lines',
  'Deliveries',
  'Returns',
  'Service Contacts',
  'Repeat Contacts',
  'Sales Visits',
  'Payment Days',
] as const;
/** Zero-based indices of the money columns in `generateCustomers` output. */
export const CUSTOMER_MONEY_COLUMNS = [2, 3];

/** The bundled sample settings (samples/settings.json): typical cost-to-serve rates. */
export const SAMPLE_SETTINGS = {
  rates: {
    orders: 25,
    lines: 2,
    deliveries: 40,
    returns: 60,
    contacts: 15,
    repeatContacts: 25,
    visits: 250,
  },
  costOfCapital: 0.1,
} as const;

const REVENUE_MEDIAN = 20_000;
const REVENUE_SIGMA = 1.6; // top-20 % share = Φ(σ − 0.8416) ≈ 0.78

/**
 * A customer-level table: header row + n rows with the CUSTOMER_HEADERS columns.
 * Money in dollars rounded to cents, counts integers, payment days 15–120.
 * Fast: ~1M rows in about a second (one array per row, names from a shared pool).
 * Example: `generateCustomers(2)[0][0]` → "Customer ID"; `generateCustomers(2)[1][0]` → "C000001".
 */
export function generateCustomers(n: number, seed = 1): Row[] {
  const rand = stream(seed, 0x43555354);
  const nrm = normals(rand);
  const names = namePool(seed);
  const ids = customerIds(n);
  const rows: Row[] = new Array(n + 1);
  rows[0] = [...CUSTOMER_HEADERS];

  for (let i = 0; i < n; i++) {
    const z = nrm(); // size factor: everything below leans on it
    const revenue = REVENUE_MEDIAN * Math.exp(REVENUE_SIGMA * z);
    const large = z > 0.85 && z < 2.1; // the top 20 %, short of the few biggest accounts

    // Archetypes (the outliers that make customer profitability interesting).
    const tinyOrders = z < 0.3 && rand() < 0.08; // small, orders very often in tiny orders
    // big account (not one of the biggest), many returns/contacts/visits
    const overServed = large && rand() < 0.45;
    const returner = rand() < 0.04;
    const pickup = rand() < 0.03; // collects its own goods: no deliveries
    const slowPayer = rand() < 0.08;

    // Gross margin 10–45 %: large accounts negotiate lower prices.
    const spread = z > 1 ? 0.06 / z : 0.06; // the biggest accounts sit closer to the norm
    const gm = clamp(0.27 - 0.025 * z + spread * nrm() - (overServed ? 0.04 : 0), 0.1, 0.45);

    // Average order value grows with size, but slower than revenue.
    let aov = 750 * Math.exp(0.45 * z + 0.5 * nrm());
    if (tinyOrders) aov /= 6 + 6 * rand();
    if (overServed) aov /= 2.5 + 2.5 * rand();
    const orders = Math.max(1, Math.round(revenue / aov));
    const linesPerOrder = tinyOrders ? 1 + 0.5 * rand() : 1 + 2 * Math.exp(0.5 * nrm());
    const lines = Math.max(orders, Math.round(orders * linesPerOrder));
    const deliveries = pickup
      ? 0
      : Math.max(1, Math.floor(orders * (0.85 + 0.35 * rand()) * (rand() < 0.05 ? 2 : 1)));

    let returnRate = 0.025 * Math.exp(0.7 * nrm());
    if (returner) returnRate = 0.12 + 0.25 * rand();
    else if (overServed) returnRate = 0.08 + 0.12 * rand();
    const returns = Math.floor(orders * returnRate + rand());

    let contactRate = 0.35 * Math.exp(0.6 * nrm());
    if (overServed) contactRate *= 2 + 2 * rand();
    const contacts = Math.floor(orders * contactRate + rand());
    const repeatContacts = Math.floor(contacts * (0.1 + 0.25 * rand()) + rand());

    // Sales visits: everyone gets some; large accounts many more; over-served ones far more.
    let visits = 1.2 * (revenue / REVENUE_MEDIAN) ** 0.7 * Math.exp(0.5 * nrm());
    if (overServed) visits *= 3 + 3 * rand();
    const salesVisits = Math.floor(visits + rand());

    const paymentDays = slowPayer
      ? 75 + Math.floor(46 * rand())
      : clamp(Math.round(18 + 22 * Math.exp(0.45 * nrm())), 15, 120);

    const rev = cents(revenue);
    rows[i + 1] = [
      ids[i],
      names[i % names.length],
      rev,
      cents(rev * (1 - gm)),
      orders,
      lines,
      deliveries,
      returns,
      contacts,
      repeatContacts,
      salesVisits,
      paymentDays,
    ];
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Transaction-level data

export const TRANSACTION_HEADERS = [
  'Order Date',
  'Invoice No',
  'Customer ID',
  'Customer Name',
  'Product',
  'Quantity',
  'Net Sales',
  'Cost of Sales',
  'Deliveries',
  'Returns',
  'Contacts',
] as const;
/** Zero-based indices of the money columns in `generateTransactions` output. */
export const TRANSACTION_MONEY_COLUMNS = [6, 7];

const PRODUCT_BASE = [
  'Café crème 250 g',
  'Crème brûlée mix 1 kg',
  'Jalapeño salsa',
  'Entrecôte',
  'Smørrebrød tray',
  'WidgetPro™ 3000',
  'Olive oil 5 l',
  'Printer paper A4',
  'Safety gloves',
  'Copper pipe 15 mm',
  'LED panel 60×60',
  'Espresso beans 1 kg',
  'Cleaning spray',
  'Pallet wrap',
  'Hex bolts M8',
  'Garden hose 25 m',
  'Dental floss',
  'Ink cartridge',
  'Shipping boxes',
  'Cable ties',
];
const PRODUCT_VARIANT = ['', ' – Standard', ' – Premium', ' – Bulk', ' (case of 12)'];

/** Product catalogue: name, unit price in cents, and a product margin tilt. */
function catalogue(rand: () => number, nrm: () => number) {
  const names: string[] = [];
  const priceCents: number[] = [];
  const marginTilt: number[] = [];
  for (const b of PRODUCT_BASE)
    for (const v of PRODUCT_VARIANT) {
      names.push(b + v);
      priceCents.push(Math.max(50, Math.round(100 * 50 * Math.exp(0.9 * nrm()))));
      marginTilt.push(0.06 * (rand() - 0.5));
    }
  return { names, priceCents, marginTilt };
}

/** The 731 days of 2024–2025 as ISO strings, computed once. */
const DAYS: string[] = (() => {
  const out: string[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let d = 0; d < 731; d++)
    out.push(new Date(start + d * 86_400_000).toISOString().slice(0, 10));
  return out;
})();

/**
 * A transaction-level table (invoice lines): header row + `lines` rows with the
 * TRANSACTION_HEADERS columns, over `customers` customers, dates across 2024 and 2025 in
 * ascending order. Invoices ("INV-100001") have 1–25 lines; credit notes ("CN-500001") have one
 * line with negative quantity and money and Returns = 1; free samples have Net Sales 0.
 * Deliveries (1, sometimes 2) sit on an invoice's first line; Contacts are 0/1 per line.
 * When lines ≥ customers, every customer has at least one invoice.
 * Amounts are whole cents, so per-customer sums are exact in integer cents (see
 * `aggregateTransactions`). Example: `generateTransactions(3, 2)[1][0]` → "2024-01-01".
 */
export function generateTransactions(lines: number, customers: number, seed = 1): Row[] {
  const rand = stream(seed, 0x5452414e);
  const nrm = normals(rand);
  const names = namePool(seed);
  const ids = customerIds(customers);
  const cat = catalogue(rand, nrm);
  const nProducts = cat.names.length;

  // Per-customer behaviour. Revenue = frequency × invoice size, both rising with size z.
  const weight = new Float64Array(customers); // cumulative invoice-frequency weights
  const sizeFactor = new Float64Array(customers); // mean quantity per line
  const linesPerInvoice = new Float64Array(customers);
  const gm = new Float64Array(customers);
  const discount = new Float64Array(customers);
  const creditRate = new Float64Array(customers);
  const contactRate = new Float64Array(customers);
  const splitRate = new Float64Array(customers);
  const pickup = new Uint8Array(customers);
  let total = 0;
  for (let c = 0; c < customers; c++) {
    const z = nrm();
    // Same archetypes as generateCustomers: tiny-order small customers, over-served big ones.
    const tinyOrders = z < 0.3 && rand() < 0.08;
    const overServed = z > 0.85 && z < 2.1 && rand() < 0.45;
    const busier = tinyOrders ? 4 : overServed ? 5 : 1; // more invoices ...
    total += Math.exp(1.3 * z + 0.3 * nrm()) * busier;
    weight[c] = total;
    sizeFactor[c] = (3 * Math.exp(0.25 * z + 0.3 * nrm())) / busier; // ... each one smaller
    linesPerInvoice[c] = tinyOrders ? 1.2 : clamp(3 * Math.exp(0.1 * z + 0.4 * nrm()), 1, 12);
    const spread = z > 1 ? 0.06 / z : 0.06;
    gm[c] = clamp(0.27 - 0.025 * z + spread * nrm() - (overServed ? 0.04 : 0), 0.1, 0.45);
    discount[c] = clamp(0.04 * z + 0.03 * rand(), 0, 0.25);
    creditRate[c] =
      overServed || rand() < 0.04 ? 0.08 + 0.15 * rand() : 0.02 * Math.exp(0.6 * nrm());
    contactRate[c] = clamp(0.06 * Math.exp(0.6 * nrm()) * (overServed ? 5 : 1), 0, 0.9);
    splitRate[c] = overServed || rand() < 0.05 ? 0.4 : 0.03;
    pickup[c] = rand() < 0.03 ? 1 : 0;
  }
  const pickCustomer = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = customers - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (weight[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };

  const rows: Row[] = new Array(lines + 1);
  rows[0] = [...TRANSACTION_HEADERS];
  let invoiceNo = 100_000;
  let creditNo = 500_000;
  let nextGuaranteed = 0; // customers given their guaranteed invoice so far
  let r = 0;
  while (r < lines) {
    const date = DAYS[Math.floor((r * DAYS.length) / lines)];
    let c: number;
    if (
      lines >= customers &&
      nextGuaranteed < customers &&
      r >= (nextGuaranteed * lines) / customers
    ) {
      c = nextGuaranteed++;
    } else {
      c = pickCustomer();
      // Credit note: one line giving back part of an earlier sale.
      if (rand() < creditRate[c]) {
        const p = Math.floor(rand() * nProducts);
        const qty = 1 + Math.floor(-Math.log(1 - rand()) * sizeFactor[c] * 0.5);
        const net = Math.round(qty * cat.priceCents[p] * (1 - discount[c]));
        const cost = Math.round(net * (1 - gm[c] - cat.marginTilt[p]));
        rows[++r] = [
          date,
          `CN-${++creditNo}`,
          ids[c],
          names[c % names.length],
          cat.names[p],
          -qty,
          -net / 100,
          -cost / 100,
          0,
          1,
          rand() < 0.5 ? 1 : 0,
        ];
        continue;
      }
    }
    const inv = `INV-${++invoiceNo}`;
    const n = Math.min(25, 1 + Math.floor(-Math.log(1 - rand()) * (linesPerInvoice[c] - 1)));
    const deliveries = pickup[c] ? 0 : rand() < splitRate[c] ? 2 : 1;
    for (let k = 0; k < n && r < lines; k++) {
      const p = Math.floor(rand() * nProducts);
      const qty = 1 + Math.floor(-Math.log(1 - rand()) * sizeFactor[c]);
      const free = rand() < 0.01; // free sample: no revenue, still a cost
      const list = qty * cat.priceCents[p];
      const net = free ? 0 : Math.round(list * (1 - discount[c]));
      const cost = Math.round((free ? list : net) * (1 - gm[c] - cat.marginTilt[p]));
      rows[++r] = [
        date,
        inv,
        ids[c],
        names[c % names.length],
        cat.names[p],
        qty,
        net / 100,
        cost / 100,
        k === 0 ? deliveries : 0,
        0,
        rand() < contactRate[c] ? 1 : 0,
      ];
    }
  }
  return rows;
}

/** Exact per-customer totals of a transaction table, money in integer cents. */
export interface CustomerTotals {
  id: string;
  name: string;
  revenueCents: number;
  cogsCents: number;
  /** distinct invoice numbers (credit notes included) */
  orders: number;
  /** row count */
  lines: number;
  deliveries: number;
  returns: number;
  contacts: number;
}

/**
 * Aggregates a `generateTransactions` table (header row first) per Customer ID, summing money
 * in integer cents so the totals are exact. Rows without a Customer ID are skipped.
 * Example: two lines of 1.10 and 2.20 for C000001 → revenueCents 330, lines 2.
 */
export function aggregateTransactions(
  rows: readonly (readonly Cell[])[],
): Map<string, CustomerTotals> {
  const col = (h: string) => rows[0].indexOf(h);
  const [, cInv, cId, cName, , , cNet, cCost, cDel, cRet, cCon] = TRANSACTION_HEADERS.map(col);
  const out = new Map<string, CustomerTotals>();
  const invoices = new Map<string, Set<Cell>>();
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    const id = row[cId];
    if (id === undefined || id === '') continue;
    const key = String(id);
    let t = out.get(key);
    if (!t) {
      t = {
        id: key,
        name: String(row[cName]),
        revenueCents: 0,
        cogsCents: 0,
        orders: 0,
        lines: 0,
        deliveries: 0,
        returns: 0,
        contacts: 0,
      };
      out.set(key, t);
      invoices.set(key, new Set());
    }
    t.revenueCents += Math.round(Number(row[cNet]) * 100);
    t.cogsCents += Math.round(Number(row[cCost]) * 100);
    t.lines++;
    t.deliveries += Number(row[cDel]);
    t.returns += Number(row[cRet]);
    t.contacts += Number(row[cCon]);
    invoices.get(key)!.add(row[cInv]);
  }
  for (const [key, t] of out) t.orders = invoices.get(key)!.size;
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSV and encodings

export interface CsvOptions {
  /** zero-based columns whose numbers are money: formatted with 2 decimals (or accounting) */
  moneyColumns?: number[];
  /** accounting-export style money: " $1,234.50 ", " $(1,234.50)", " $-   " */
  accounting?: boolean;
  /** line end, default "\r\n" (RFC 4180); the text ends with one line end */
  eol?: '\r\n' | '\n';
}

/** Thousands-grouped non-negative integer: 1234567 → "1,234,567". */
function group(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  const head = ((s.length - 1) % 3) + 1;
  let out = s.slice(0, head);
  for (let i = head; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return out;
}

/**
 * Money as an accounting-format export shows it (Excel's `_($* #,##0.00_)` saved as CSV).
 * Examples: 1234.5 → " $1,234.50 "; -12 → " $(12.00)"; 0 → " $-   ".
 */
export function formatAccounting(value: number): string {
  const c = Math.round(value * 100);
  if (c === 0) return ' $-   ';
  const abs = Math.abs(c);
  const frac = abs % 100;
  const s = group((abs - frac) / 100) + (frac < 10 ? '.0' : '.') + frac;
  return c < 0 ? ` $(${s})` : ` $${s} `;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Rows to RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled.
 * An empty row gives an empty line. Numbers in `moneyColumns` get 2 decimals, or accounting
 * format with `accounting: true`; other numbers use JavaScript's shortest form.
 * Example: `toCsv([["a", 'b"c'], [1, 2.5]], { eol: "\n" })` → 'a,"b""c"\n1,2.5\n'.
 */
export function toCsv(rows: readonly (readonly Cell[])[], opts: CsvOptions = {}): string {
  const eol = opts.eol ?? '\r\n';
  const money: boolean[] = [];
  for (const c of opts.moneyColumns ?? []) money[c] = true;
  const out: string[] = new Array(rows.length);
  const cells: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    cells.length = row.length;
    for (let j = 0; j < row.length; j++) {
      const v = row[j] as Cell | null | undefined;
      let s: string;
      if (typeof v === 'number') {
        if (!money[j]) s = String(v);
        else if (!opts.accounting) s = v.toFixed(2);
        else {
          s = formatAccounting(v);
          if (s.includes(',')) s = `"${s}"`; // " $1,234.50 "
        }
      } else {
        s = v == null ? '' : v;
        if (NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`;
      }
      cells[j] = s;
    }
    out[i] = cells.join(',');
  }
  return out.join(eol) + (rows.length ? eol : '');
}

/** Unicode → Windows-1252 for the 0x80–0x9F block; 0xA0–0xFF map to U+00A0–U+00FF. */
const CP1252_HIGH: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

/**
 * Encodes text as Windows-1252 (what "ANSI" CSV exports from Windows accounting tools are).
 * Characters outside the code page become "?".
 * Example: "Café ’€" → [0x43, 0x61, 0x66, 0xe9, 0x20, 0x92, 0x80].
 */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length); // 1252 is one byte per UTF-16 unit (pairs → "?")
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80 || (u >= 0xa0 && u <= 0xff)) out[n++] = u;
    else if (u >= 0xd800 && u <= 0xdbff && i + 1 < text.length) {
      out[n++] = 0x3f; // surrogate pair: one "?" for the whole character
      i++;
    } else out[n++] = CP1252_HIGH[u] ?? 0x3f;
  }
  return out.subarray(0, n);
}

/**
 * Decodes Windows-1252 bytes (WHATWG mapping: the 5 unassigned bytes stay U+0081 etc.).
 * Needed because Node ≥ 20.18.3 `TextDecoder("windows-1252")` decodes 0x80–0x9F as Latin-1
 * (nodejs/node#60888): 0x92 comes back as U+0092 instead of "’".
 * Example: [0x43, 0x61, 0x66, 0xe9, 0x92] → "Café’".
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const high: string[] = [];
  for (const [u, b] of Object.entries(CP1252_HIGH)) high[b] = String.fromCharCode(Number(u));
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b < 0xa0 && high[b] ? high[b].charCodeAt(0) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
