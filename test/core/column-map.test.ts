// DOMAIN.md §1: columns are recognised by header, case-, space- and punctuation-insensitive, with
// synonyms; the user can override; with an id-like and a name-like column, id = key, name = label.
import { describe, expect, it } from 'vitest';
import { listHeaders, mapColumns, normalizeHeader } from '../../core/column-map.js';
import type { Field } from '../../core/types.js';

/** The field a header maps to when it stands next to a plain "Customer" column. */
function fieldOf(header: string): Field | undefined {
  const { columns } = mapColumns(['Customer', header]);
  return (Object.keys(columns) as Field[]).find((f) => columns[f] === 1);
}

describe('normalizeHeader', () => {
  it('ignores case, spaces and punctuation, keeps letters of any script', () => {
    expect(normalizeHeader('Net Sales ($)')).toBe('netsales');
    expect(normalizeHeader('  NET_SALES ')).toBe('netsales');
    expect(normalizeHeader('net-sales')).toBe('netsales');
    expect(normalizeHeader('Chiffre d’affaires')).toBe('chiffredaffaires');
    expect(normalizeHeader('Umsätze')).toBe('umsatze');
    expect(normalizeHeader(null)).toBe('');
    expect(normalizeHeader(2024)).toBe('2024');
  });

  it('reads a trailing "#" as a number, so "Acct #" is an id like "Acct No"', () => {
    expect(normalizeHeader('Acct #')).toBe('acctno');
    expect(normalizeHeader('Customer#')).toBe('customerno');
    expect(normalizeHeader('# Orders')).toBe('orders');
  });
});

describe('an account number column written "Acct #"', () => {
  it('is the key, and the name column its label', () => {
    const { columns } = mapColumns(['Acct #', 'Customer Name', 'Net Sales', 'Cost of Sales']);
    expect(columns.customer).toBe(0);
    expect(columns.name).toBe(1);
    expect(columns.revenue).toBe(2);
    expect(columns.cogs).toBe(3);
  });
});

describe('synonyms: every typical header of DOMAIN.md §1 maps to its field', () => {
  const table: [Field, string[]][] = [
    ['revenue', ['Revenue', 'Sales', 'Net Sales', 'Amount', 'Turnover']],
    ['cogs', ['COGS', 'Cost of Goods', 'Cost of Sales', 'Product Cost']],
    ['grossProfit', ['Gross Profit', 'Gross Margin', 'Profit', 'Margin']],
    ['orders', ['Orders', 'Order Count']],
    ['orderId', ['Order ID', 'Invoice', 'Invoice No']],
    ['lines', ['Lines', 'Order Lines']],
    ['deliveries', ['Deliveries', 'Shipments']],
    ['returns', ['Returns']],
    [
      'contacts',
      ['Contacts', 'Service Contacts', 'Service Calls', 'Calls', 'Tickets', 'Support Tickets'],
    ],
    ['repeatContacts', ['Repeat Contacts']],
    ['visits', ['Visits', 'Sales Visits']],
    ['paymentDays', ['Payment Days', 'DSO', 'Days to Pay']],
    ['period', ['Period', 'Year', 'Date', 'Order Date']],
  ];
  for (const [field, headers] of table) {
    it.each(headers)(`%j → ${field}`, (header) => {
      expect(fieldOf(header)).toBe(field);
      expect(fieldOf(header.toUpperCase().replace(/ /g, '_'))).toBe(field); // NET_SALES
    });
  }

  it.each([
    'Customer',
    'Customer ID',
    'Account',
    'Client',
    'Customer Name',
    'Account No',
    'customer-id',
  ])('%j alone is the customer key', (header) => {
    expect(mapColumns([header, 'Revenue']).columns).toEqual({ customer: 0, revenue: 1 });
  });

  it('ignores columns that match no field', () => {
    expect(mapColumns(['Customer', 'Region', 'Revenue', 'Notes', '']).columns).toEqual({
      customer: 0,
      revenue: 2,
    });
  });
});

describe('customer key and label', () => {
  it('takes the id as key and the name as label, whatever their order', () => {
    // Example from the doc comment.
    expect(mapColumns(['Account No', 'Customer Name', 'Net Sales']).columns).toEqual({
      customer: 0,
      name: 1,
      revenue: 2,
    });
    expect(mapColumns(['Customer Name', 'Customer ID', 'Revenue']).columns).toEqual({
      customer: 1,
      name: 0,
      revenue: 2,
    });
  });

  it('with "Customer" and "Customer ID", the id is the key and "Customer" the label', () => {
    expect(mapColumns(['Customer', 'Customer ID', 'Sales']).columns).toEqual({
      customer: 1,
      name: 0,
      revenue: 2,
    });
  });

  it('with only a name column, the name is the key and there is no separate label', () => {
    const { columns } = mapColumns(['Customer Name', 'Revenue']);
    expect(columns.customer).toBe(0);
    expect(columns.name).toBeUndefined();
  });
});

describe('overrides', () => {
  it('maps a field to a header the synonyms do not know', () => {
    const { columns, problems } = mapColumns(['Customer', 'Sales', 'Gross Sales Ex VAT'], {
      revenue: 'gross sales ex vat',
    });
    expect(problems).toEqual([]);
    expect(columns).toEqual({ customer: 0, revenue: 2 });
  });

  it('takes a column away from the field it was auto-mapped to', () => {
    // "Profit" is auto-mapped to grossProfit; the user says it is the revenue column.
    const { columns } = mapColumns(['Client', 'Amount', 'Profit'], { revenue: 'Profit' });
    expect(columns).toEqual({ customer: 0, revenue: 2 });
  });

  it('maps the key to another column', () => {
    const { columns } = mapColumns(['Customer', 'Region', 'Revenue'], { customer: 'Region' });
    expect(columns).toEqual({ customer: 1, revenue: 2 });
  });

  it('names the headers found when an override names one that is not there', () => {
    const { columns, problems } = mapColumns(['Customer', 'Sales'], { revenue: 'Turnover' });
    expect(problems).toEqual([
      'columns.revenue: no column "Turnover" (headers found: "Customer", "Sales")',
    ]);
    expect(columns).toEqual({ customer: 0, revenue: 1 }); // the automatic mapping stays
  });
});

describe('listHeaders', () => {
  it('quotes the non-blank headers, at most 12', () => {
    expect(listHeaders(['Customer', null, ' Sales ', ''])).toBe('"Customer", "Sales"');
    expect(listHeaders([])).toBe('none');
    expect(listHeaders(['', null])).toBe('none');
    const many = Array.from({ length: 15 }, (_, i) => `H${i + 1}`);
    expect(listHeaders(many)).toBe(
      `${many
        .slice(0, 12)
        .map((h) => `"${h}"`)
        .join(', ')} and 3 more`,
    );
  });
});

describe('leaving a field unused', () => {
  it('drops a column the automatic mapping found when the override is null', () => {
    const { columns } = mapColumns(['Customer', 'Revenue', 'COGS', 'Returns'], { returns: null });
    expect(columns).toEqual({ customer: 0, revenue: 1, cogs: 2 });
  });
});

describe('headers of German, French and Spanish exports', () => {
  it('maps the key fields', () => {
    expect(mapColumns(['Kundennummer', 'Kundenname', 'Umsatz', 'Wareneinsatz']).columns).toEqual({
      customer: 0,
      name: 1,
      revenue: 2,
      cogs: 3,
    });
    expect(mapColumns(['Client', "Chiffre d'affaires", 'Coût des ventes']).columns).toEqual({
      customer: 0,
      revenue: 1,
      cogs: 2,
    });
    expect(mapColumns(['Cliente', 'Ventas', 'Margen bruto']).columns).toEqual({
      customer: 0,
      revenue: 1,
      grossProfit: 2,
    });
  });
});

describe('two columns that could be the same field', () => {
  it('uses the first by synonym order and warns about the others', () => {
    const m = mapColumns(['Customer', 'Sales', 'Revenue', 'COGS']);
    expect(m.columns.revenue).toBe(2);
    expect(m.warnings.map((w) => w.message)).toEqual([
      '2 columns could be revenue: used "Revenue" (column 3), not "Sales" (column 2); name the one you mean in the settings\' columns.revenue',
    ]);
  });

  it('does not warn when the settings name the column', () => {
    expect(
      mapColumns(['Customer', 'Sales', 'Revenue', 'COGS'], { revenue: 'Sales' }).warnings,
    ).toEqual([]);
  });
});
