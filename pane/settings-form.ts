/**
 * The pane's form: the column mapping (one select per field) and the settings (segmentation
 * methods and thresholds, a rate or a cost pool per driver, cost of capital, tier per segment).
 * It only collects what the user typed into a SettingsInput; the core validates it
 * (resolveSettings) and the pane shows the core's message, so the rules live in one place.
 */
import { DRIVER_UNITS, SEGMENTS, TIER_NAMES } from '../core/defaults.js';
import { defaultSettings, type SettingsInput } from '../core/settings.js';
import { DRIVERS, type Driver, FIELDS, type Field } from '../core/types.js';
import { el, uid } from './dom.js';
import type { RunOptions } from './host.js';

export const FIELD_LABELS: Record<Field, string> = {
  customer: 'Customer (key)',
  name: 'Customer name',
  revenue: 'Revenue',
  cogs: 'Cost of goods sold',
  grossProfit: 'Gross profit',
  orders: 'Orders',
  orderId: 'Order id',
  lines: 'Order lines',
  deliveries: 'Deliveries',
  returns: 'Returns',
  contacts: 'Service contacts',
  repeatContacts: 'Repeat contacts',
  visits: 'Sales visits',
  paymentDays: 'Payment days',
  discount: 'Discount (rate or money)',
  period: 'Period',
};

/** A labelled control: the label sits above it, so the form fits 300 px. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = uid('f');
  control.id = id;
  const hintEl = hint ? el('small', { id: `${id}-hint`, text: hint }) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return el('div', { class: 'field' }, el('label', { for: id, text: label }), control, hintEl);
}

export const numberInput = (value: number | '', attrs: Record<string, string | number> = {}) =>
  el('input', {
    type: 'number',
    inputmode: 'decimal',
    step: 'any',
    value: value === '' ? '' : String(value),
    ...attrs,
  });

export function select(options: [string, string][], value: string): HTMLSelectElement {
  const s = el('select');
  for (const [v, text] of options)
    s.append(el('option', { value: v, text, selected: v === value }));
  return s;
}

export interface MappingForm {
  element: HTMLElement;
  read(): Partial<Record<Field, string | null>>;
}

/** One select per field, preset to the guessed header; "(not used)" leaves the field unmapped. */
export function mappingForm(
  headers: string[],
  guessed: Partial<Record<Field, string>>,
): MappingForm {
  const selects = new Map<Field, HTMLSelectElement>();
  const options: [string, string][] = [
    ['', '(not used)'],
    ...headers.filter((h) => h !== '').map((h): [string, string] => [h, h]),
  ];
  const rows = FIELDS.map((f) => {
    const s = select(options, guessed[f] ?? '');
    s.dataset.field = f;
    selects.set(f, s);
    return field(FIELD_LABELS[f], s);
  });
  return {
    element: el('div', { class: 'grid' }, ...rows),
    // Only the fields the user changed become overrides; the rest stay with the core's own mapping.
    // "(not used)" over a guessed column is null: the core then leaves that field out.
    read: () => {
      const out: Partial<Record<Field, string | null>> = {};
      for (const [f, s] of selects)
        if (s.value !== (guessed[f] ?? '')) out[f] = s.value === '' ? null : s.value;
      return out;
    },
  };
}

export interface SettingsForm {
  element: HTMLElement;
  read(columns: Partial<Record<Field, string | null>>): SettingsInput;
  options(): RunOptions;
  /** A period column is mapped: open the periods section and name the column. */
  offerPeriods(column: string): void;
  /**
   * Activity columns are read but nothing prices them (DOMAIN.md §17): open the Cost-to-serve
   * section and say so, unless a rate or pool is already filled in; [] clears the note.
   */
  askForCosts(activities: string[]): void;
}

const percent = (x: number) => Math.round(x * 1e6) / 1e4;
const share = (input: HTMLInputElement) => Number(input.value) / 100;
const filled = (input: HTMLInputElement) => input.value.trim() !== '';

export function settingsForm(): SettingsForm {
  const d = defaultSettings();

  // Size: Pareto shares (%), or fixed revenue amounts; terciles need nothing.
  const sizeMethod = select(
    [
      ['pareto', 'Pareto on revenue (80/95 %)'],
      ['terciles', 'Thirds by count'],
      ['fixed', 'Fixed revenue amounts'],
    ],
    d.size.method,
  );
  const large = numberInput(percent(d.size.large)),
    medium = numberInput(percent(d.size.medium));
  const largeField = field('Large up to (share of revenue, %)', large),
    mediumField = field('Medium up to (share of revenue, %)', medium);
  const sizeLabels = () => {
    const m = sizeMethod.value;
    largeField.hidden = mediumField.hidden = m === 'terciles';
    largeField.querySelector('label')!.textContent =
      m === 'fixed' ? 'Large from revenue of' : 'Large up to (share of revenue, %)';
    mediumField.querySelector('label')!.textContent =
      m === 'fixed' ? 'Medium from revenue of' : 'Medium up to (share of revenue, %)';
    if (m === 'fixed') {
      large.value = '';
      medium.value = '';
    } else if (m === 'pareto' && !filled(large)) {
      large.value = String(percent(d.size.large));
      medium.value = String(percent(d.size.medium));
    }
  };
  sizeMethod.addEventListener('change', sizeLabels);

  // Profitability: margin bands around the overall margin (optional own target), thirds, or fixed margins.
  const profitMethod = select(
    [
      ['bands', 'Margin bands'],
      ['terciles', 'Thirds within each size'],
      ['fixed', 'Fixed margins'],
    ],
    d.profitability.method,
  );
  const target = numberInput('', { placeholder: 'overall margin' }),
    high = numberInput(''),
    low = numberInput('');
  const targetField = field(
    'High from margin (%)',
    target,
    'Blank: the overall net margin. Money-losers are always Low.',
  );
  const highField = field('High from margin (%)', high),
    lowField = field('Low below margin (%)', low);
  const profitLabels = () => {
    targetField.hidden = profitMethod.value !== 'bands';
    highField.hidden = lowField.hidden = profitMethod.value !== 'fixed';
  };
  profitMethod.addEventListener('change', profitLabels);

  // Cost-to-serve: per driver a rate, or a cost pool spread over the driver's total volume.
  const drivers = DRIVERS.map((driver) => {
    const mode = select(
      [
        ['rate', 'Rate'],
        ['pool', 'Cost pool'],
      ],
      'rate',
    );
    const amount = numberInput('', { min: 0, placeholder: '0', 'data-driver': driver });
    mode.setAttribute('aria-label', `${driver}: rate or cost pool`);
    const label = el('span', {
      class: 'driver-label',
      text: `${driverName(driver)} (${DRIVER_UNITS[driver]} / pool)`,
    });
    const id = uid('d');
    amount.id = id;
    return {
      driver,
      mode,
      amount,
      element: el(
        'div',
        { class: 'driver' },
        el('label', { for: id }, label),
        el('div', { class: 'pair' }, mode, amount),
      ),
    };
  });
  const costOfCapital = numberInput(percent(d.costOfCapital), {
    min: 0,
    max: 100,
    'data-setting': 'costOfCapital',
  });
  const costNote = el('p', { class: 'note', role: 'status', hidden: true });
  const costOnly = el('input', { type: 'checkbox', 'data-setting': 'costToServeOnly' });
  const costOnlyId = uid('f');
  costOnly.id = costOnlyId;

  // Tier per segment: free text with the standard names offered.
  const listId = uid('tiers');
  const tiers = SEGMENTS.map((seg, i) =>
    el('input', { type: 'text', value: d.tiers[i], list: listId, 'data-segment': seg }),
  );

  // Report: the Why sheet can be left out (Google Sheets' 10 M cells).
  const noWhy = el('input', { type: 'checkbox', 'data-option': 'leaveOutWhy' });
  const noWhyId = uid('f');
  noWhy.id = noWhyId;
  // Migration: compare the two latest periods of the Period column.
  const periods = select(
    [
      ['', 'No: analyse all rows together'],
      ['year', 'By year'],
      ['quarter', 'By quarter'],
      ['month', 'By month'],
    ],
    '',
  );

  const periodsHint =
    'Needs a Period column (a date or period per row). Two periods: a Migration sheet; more: also a Trend sheet of every period.';
  const periodsField = field('Compare periods', periods, periodsHint);
  const periodsSection = el(
    'details',
    {},
    el('summary', { text: 'Migration and trend' }),
    periodsField,
  );

  sizeLabels();
  profitLabels();
  const element = el(
    'div',
    {},
    el(
      'details',
      { open: true },
      el('summary', { text: 'Segmentation' }),
      field('Revenue size', sizeMethod),
      largeField,
      mediumField,
      field('Profitability', profitMethod),
      targetField,
      highField,
      lowField,
    ),
    el(
      'details',
      { class: 'costs' },
      el('summary', { text: 'Cost-to-serve' }),
      costNote,
      el('p', {
        class: 'hint',
        text: 'Money per unit of activity, or a cost pool shared by volume (activity-based costing). Blank costs nothing.',
      }),
      ...drivers.map((x) => x.element),
      field('Cost of capital (% a year, on payment days)', costOfCapital),
      el(
        'div',
        { class: 'field check' },
        costOnly,
        el('label', {
          for: costOnlyId,
          text: 'No cost of goods or gross profit column: rank customers on cost-to-serve alone (gross profit = revenue)',
        }),
      ),
    ),
    el(
      'details',
      {},
      el('summary', { text: 'Tiers' }),
      el('datalist', { id: listId }, ...TIER_NAMES.map((t) => el('option', { value: t }))),
      ...SEGMENTS.map((seg, i) => field(seg, tiers[i])),
    ),
    periodsSection,
    el(
      'details',
      {},
      el('summary', { text: 'Report' }),
      el(
        'div',
        { class: 'field check' },
        noWhy,
        el('label', {
          for: noWhyId,
          text: 'Leave out the Why sheet (a third of a large report: for tables near Google Sheets’ 10 M-cell limit)',
        }),
      ),
    ),
  );

  return {
    element,
    offerPeriods(column) {
      periodsSection.open = true;
      periodsField.querySelector('small')!.textContent =
        `Period column: ${column}. Two periods: a Migration sheet; more: also a Trend sheet of every period.`;
    },
    askForCosts(activities) {
      const priced = drivers.some((x) => filled(x.amount) && Number(x.amount.value) > 0);
      costNote.hidden = activities.length === 0 || priced;
      if (costNote.hidden) return;
      costNote.textContent = `Your table has ${activities.join(', ')}: give them a rate or a cost pool, or cost-to-serve stays 0 and net profit equals gross profit.`;
      (element.querySelector('details.costs') as HTMLDetailsElement).open = true;
    },
    options: () => ({
      ...(periods.value ? { periods: periods.value as RunOptions['periods'] } : {}),
      ...(noWhy.checked ? { leaveOutWhy: true } : {}),
    }),
    read(columns) {
      const s: SettingsInput = {};
      if (Object.keys(columns).length) s.columns = columns;
      const m = sizeMethod.value as 'pareto' | 'terciles' | 'fixed';
      s.size =
        m === 'pareto'
          ? { method: m, large: share(large), medium: share(medium) }
          : m === 'fixed'
            ? { method: m, large: Number(large.value), medium: Number(medium.value) }
            : { method: m };
      const p = profitMethod.value as 'bands' | 'terciles' | 'fixed';
      s.profitability =
        p === 'bands'
          ? { method: p, ...(filled(target) ? { target: share(target) } : {}) }
          : p === 'fixed'
            ? { method: p, high: share(high), low: share(low) }
            : { method: p };
      for (const x of drivers) {
        if (!filled(x.amount)) continue;
        const kind = x.mode.value === 'pool' ? 'pools' : 'rates';
        s[kind] ??= {};
        s[kind][x.driver] = Number(x.amount.value);
      }
      if (filled(costOfCapital)) s.costOfCapital = share(costOfCapital);
      if (costOnly.checked) s.costToServeOnly = true;
      s.tiers = tiers.map((t) => t.value.trim());
      return s;
    },
  };
}

function driverName(d: Driver): string {
  return FIELD_LABELS[d];
}
