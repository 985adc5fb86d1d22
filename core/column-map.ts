/**
 * Column auto-mapping by header synonyms (DOMAIN.md §1): case-, space- and punctuation-insensitive,
 * overridable per field. When both an id-like and a name-like customer column exist, the id is
 * the key and the name is the label.
 */
import type { Field } from './types.js';

/** `Net Sales ($)` → `netsales`. Letters of any script and digits survive. */
export function normalizeHeader(h: unknown): string {
  return String(h ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/(\p{L})\s*#\s*$/u, '$1no') // "Acct #", "Customer #": a number, like "Acct No"
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const CUSTOMER_ID = [
  'customerid',
  'custid',
  'customerno',
  'customernumber',
  'customercode',
  'custno',
  'accountid',
  'accountno',
  'accountnumber',
  'accountcode',
  'accountnr',
  'acctno',
  'acctid',
  'acctnumber',
  'acctnr',
  'customernr',
  'clientid',
  'clientno',
  'clientnumber',
  'clientcode',
  'customerkey',
  'debtorno',
  'id',
  // German, French, Spanish, Dutch exports
  'kundennummer',
  'kundennr',
  'debitornr',
  'numeroclient',
  'codeclient',
  'idcliente',
  'codigocliente',
  'klantnummer',
];
const CUSTOMER_GENERIC = [
  'customer',
  'client',
  'account',
  'acct',
  'debtor',
  'buyer',
  'kunde',
  'cliente',
  'klant',
];
const CUSTOMER_NAME = [
  'customername',
  'clientname',
  'accountname',
  'companyname',
  'company',
  'name',
  'debtorname',
  'kundenname',
  'firma',
  'nomclient',
  'raisonsociale',
  'nombrecliente',
  'razonsocial',
  'klantnaam',
];

/** Synonyms per field, already normalised. Customer and name are resolved separately. */
export const SYNONYMS: Record<Exclude<Field, 'customer' | 'name'>, string[]> = {
  revenue: [
    'revenue',
    'revenues',
    'sales',
    'netsales',
    'amount',
    'turnover',
    'netrevenue',
    'totalsales',
    'salesamount',
    'netamount',
    'totalrevenue',
    'salesrevenue',
    'invoiceamount',
    'value',
    'salesvalue',
    'umsatz',
    'nettoumsatz',
    'erlos',
    'erlose',
    'chiffredaffaires',
    'ventes',
    'ventas',
    'ingresos',
    'omzet',
  ],
  cogs: [
    'cogs',
    'costofgoods',
    'costofgoodssold',
    'costofsales',
    'productcost',
    'cost',
    'costs',
    'totalcost',
    'materialcost',
    'wareneinsatz',
    'herstellkosten',
    'coutdesventes',
    'coutdachat',
    'costedeventas',
    'kostprijs',
  ],
  grossProfit: [
    'grossprofit',
    'grossmargin',
    'profit',
    'margin',
    'gp',
    'grossmarginamount',
    'contribution',
    'rohertrag',
    'deckungsbeitrag',
    'margebrute',
    'margenbruto',
    'brutomarge',
  ],
  orders: [
    'orders',
    'ordercount',
    'numberoforders',
    'noorders',
    'orderscount',
    'noofordersplaced',
    'numorders',
  ],
  orderId: [
    'orderid',
    'orderno',
    'ordernumber',
    'order',
    'invoice',
    'invoiceno',
    'invoicenumber',
    'invoiceid',
    'documentno',
    'docno',
    'salesorder',
    'salesorderno',
    'transactionid',
    'receiptno',
  ],
  lines: ['lines', 'orderlines', 'linecount', 'numberoflines', 'invoicelines', 'noflines'],
  deliveries: [
    'deliveries',
    'shipments',
    'deliverycount',
    'drops',
    'delivery',
    'shipment',
    'noofdeliveries',
  ],
  returns: ['returns', 'returncount', 'returned', 'rma', 'rmas', 'noofreturns'],
  contacts: [
    'contacts',
    'servicecontacts',
    'servicecalls',
    'calls',
    'tickets',
    'supporttickets',
    'cases',
    'contact',
    'supportcalls',
  ],
  repeatContacts: [
    'repeatcontacts',
    'repeatcalls',
    'repeattickets',
    'reopenedtickets',
    'repeatservicecontacts',
  ],
  visits: ['visits', 'salesvisits', 'fieldvisits', 'customervisits'],
  paymentDays: [
    'paymentdays',
    'dso',
    'daystopay',
    'avgdaystopay',
    'averagedaystopay',
    'dayssalesoutstanding',
    'daystopayment',
  ],
  // Discount %, Discount Rate normalise to discount, discountrate (DOMAIN.md §1a)
  discount: ['discount', 'discountrate', 'discountamount', 'rebate', 'discounts', 'rebates'],
  period: [
    'period',
    'year',
    'date',
    'orderdate',
    'invoicedate',
    'month',
    'quarter',
    'transactiondate',
    'postingdate',
    'fiscalyear',
  ],
};

export type ColumnMap = Partial<Record<Field, number>>;

export interface Mapping {
  columns: ColumnMap;
  /** Problems with user overrides (a header that is not there). */
  problems: string[];
  /** Fields that more than one column could be: the first is used, the rest are named here. */
  warnings: { field: Field; message: string }[];
}

/**
 * Maps fields to column indexes from a header row, then applies the user's overrides.
 * Example: `mapColumns(['Account No', 'Customer Name', 'Net Sales'])` →
 * `{ customer: 0, name: 1, revenue: 2 }`.
 */
export function mapColumns(
  headers: readonly unknown[],
  overrides: Partial<Record<Field, string | null>> = {},
): Mapping {
  const norm = headers.map(normalizeHeader);
  const first = (names: string[]) => {
    for (const n of names) {
      const i = norm.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const columns: ColumnMap = {};
  const warnings: Mapping['warnings'] = [];
  for (const [field, names] of Object.entries(SYNONYMS) as [Field, string[]][]) {
    const i = first(names);
    if (i < 0) continue;
    columns[field] = i;
    const others = norm.flatMap((h, j) => (j !== i && names.includes(h) ? [j] : []));
    if (others.length && overrides[field] === undefined) {
      warnings.push({
        field,
        message: `${others.length + 1} columns could be ${field}: used "${String(headers[i]).trim()}" (column ${i + 1}), not ${others.map((j) => `"${String(headers[j]).trim()}" (column ${j + 1})`).join(', ')}; name the one you mean in the settings' columns.${field}`,
      });
    }
  }
  const id = first(CUSTOMER_ID),
    generic = first(CUSTOMER_GENERIC),
    name = first(CUSTOMER_NAME);
  const key = id >= 0 ? id : generic >= 0 ? generic : name;
  if (key >= 0) columns.customer = key;
  const label = name >= 0 && name !== key ? name : id >= 0 && generic >= 0 ? generic : -1;
  if (label >= 0) columns.name = label;

  const problems: string[] = [];
  for (const [field, header] of Object.entries(overrides) as [Field, string | null][]) {
    if (header === null) {
      delete columns[field];
      continue;
    } // the user says: do not use this field
    const i = norm.indexOf(normalizeHeader(header));
    if (i < 0) {
      problems.push(
        `columns.${field}: no column "${header}" (headers found: ${listHeaders(headers)})`,
      );
      continue;
    }
    for (const f of Object.keys(columns) as Field[]) if (columns[f] === i) delete columns[f];
    columns[field] = i;
  }
  return { columns, problems, warnings };
}

/** `"Customer", "Sales", "Region"` — for messages that say which headers were found. */
export function listHeaders(headers: readonly unknown[]): string {
  const shown = headers.map((h) => String(h ?? '').trim()).filter((h) => h !== '');
  if (shown.length === 0) return 'none';
  const quoted = shown
    .slice(0, 12)
    .map((h) => `"${h}"`)
    .join(', ');
  return shown.length > 12 ? `${quoted} and ${shown.length - 12} more` : quoted;
}
