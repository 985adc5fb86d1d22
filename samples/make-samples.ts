/**
 * Writes the bundled samples from the deterministic generator (test/data/generate.ts):
 *
 * - samples/customers.csv                      500 customers, UTF-8, plain numbers
 * - samples/settings.json                      the typical cost-to-serve rates
 * - samples/transactions-2024-2025.csv         ~20,000 invoice lines, 300 customers, as an
 *                                              accounting export: Windows-1252, CRLF, accounting
 *                                              money, a blank line mid-data, summary rows at the end
 * - samples/transactions-2024-2025.expected.json  exact per-customer totals (integer cents) and
 *                                              the sheet rows that are not customer data
 *
 * Run from the repository root (tsx is not a dependency, so bundle it first):
 *   npx esbuild samples/make-samples.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/make-samples.mjs && node /tmp/make-samples.mjs [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  aggregateTransactions,
  CUSTOMER_MONEY_COLUMNS,
  type CustomerTotals,
  encodeWindows1252,
  generateCustomers,
  generateTransactions,
  type Row,
  SAMPLE_SETTINGS,
  TRANSACTION_HEADERS,
  TRANSACTION_MONEY_COLUMNS,
  toCsv,
} from '../test/data/generate';

const SEED = 1;
const outDir = process.argv[2] ?? 'samples';
mkdirSync(outDir, { recursive: true });
const write = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(outDir, name), data);
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  console.log(`${join(outDir, name)}  ${bytes.toLocaleString('en-US')} bytes`);
};

// 1. Quick-start sample: customer level, UTF-8, plain numbers.
write(
  'customers.csv',
  toCsv(generateCustomers(500, SEED), { moneyColumns: CUSTOMER_MONEY_COLUMNS, eol: '\n' }),
);

// 2. The rates that go with it.
write('settings.json', `${JSON.stringify(SAMPLE_SETTINGS, null, 2)}\n`);

// 3. Transaction level, dressed up as an accounting export.
const TX_FILE = 'transactions-2024-2025.csv';
const generated = generateTransactions(20_000, 300, SEED);
const [header, ...data] = generated;
const totals = aggregateTransactions(generated);

const col = (h: (typeof TRANSACTION_HEADERS)[number]) => TRANSACTION_HEADERS.indexOf(h);
const sum = (pick: (t: CustomerTotals) => number) =>
  [...totals.values()].reduce((s, t) => s + pick(t), 0);
const revenueCents = sum((t) => t.revenueCents);
const cogsCents = sum((t) => t.cogsCents);
const summary = (idCell: string, nameCell: string): Row => {
  const row: Row = new Array(TRANSACTION_HEADERS.length).fill('');
  row[col('Customer ID')] = idCell;
  row[col('Customer Name')] = nameCell;
  row[col('Net Sales')] = revenueCents / 100;
  row[col('Cost of Sales')] = cogsCents / 100;
  row[col('Deliveries')] = sum((t) => t.deliveries);
  row[col('Returns')] = sum((t) => t.returns);
  row[col('Contacts')] = sum((t) => t.contacts);
  return row;
};

// Sheet rows: header is row 1; track every row that is not customer data.
const sheet: Row[] = [header];
const nonData: { row: number; kind: 'blank' | 'summary'; label?: string }[] = [];
const push = (row: Row, kind?: 'blank' | 'summary', label?: string) => {
  sheet.push(row);
  if (kind) nonData.push({ row: sheet.length, kind, ...(label ? { label } : {}) });
};
const mid = Math.floor(data.length / 2);
data.slice(0, mid).forEach((r) => {
  push(r);
});
push([], 'blank'); // a stray fully blank line in the middle of the data
data.slice(mid).forEach((r) => {
  push(r);
});
push([], 'blank'); // the blank line before the export's summary rows
push(summary('', 'Grand Total'), 'summary', 'Grand Total'); // no Customer ID, label elsewhere
push(summary('Total', ''), 'summary', 'Total'); // the Customer ID cell says "Total"

const text = toCsv(sheet, {
  moneyColumns: TRANSACTION_MONEY_COLUMNS,
  accounting: true,
  eol: '\r\n',
});
const bytes = encodeWindows1252(text);
const unmappable = bytes.filter((b) => b === 0x3f).length - (text.match(/\?/g)?.length ?? 0);
if (unmappable !== 0) throw new Error(`${unmappable} characters not in Windows-1252`);
write(TX_FILE, bytes);

const customers: Record<string, object> = {};
for (const t of [...totals.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
  customers[t.id] = {
    name: t.name,
    revenue: t.revenueCents / 100,
    cogs: t.cogsCents / 100,
    revenueCents: t.revenueCents,
    cogsCents: t.cogsCents,
    orders: t.orders,
    lines: t.lines,
    deliveries: t.deliveries,
    returns: t.returns,
    contacts: t.contacts,
  };
}
const expected = {
  file: TX_FILE,
  generator: { function: 'generateTransactions', lines: 20_000, customers: 300, seed: SEED },
  encoding: 'windows-1252',
  lineEnding: '\r\n',
  sheetRows: sheet.length,
  dataRows: data.length,
  nonDataRows: nonData.map((d) => d.row),
  nonDataRowDetails: nonData,
  totals: {
    customers: totals.size,
    revenue: revenueCents / 100,
    cogs: cogsCents / 100,
    revenueCents,
    cogsCents,
    orders: new Set(data.map((r) => r[col('Invoice No')])).size,
    lines: data.length,
    deliveries: sum((t) => t.deliveries),
    returns: sum((t) => t.returns),
    contacts: sum((t) => t.contacts),
  },
  customers,
};
write('transactions-2024-2025.expected.json', `${JSON.stringify(expected, null, 2)}\n`);
