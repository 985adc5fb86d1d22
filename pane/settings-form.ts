/**
 * The pane's form: the column mapping (one select per field) and the settings (segmentation
 * methods and thresholds, a rate or a cost pool per driver, cost of capital, tier per segment).
 * It collects what the user typed into a SettingsInput; before a run it names each field that
 * cannot be right, in the units typed (percent where the field is in percent). The core still
 * validates the whole (resolveSettings), so a rule the form does not know is still caught.
 */
import { SEGMENTS, TIER_NAMES } from '../core/defaults.js';
import { defaultSettings, type SettingsInput } from '../core/settings.js';
import { DRIVERS, type Driver, FIELDS, type Field } from '../core/types.js';
import { el, uid } from './dom.js';
import type { FieldProblem } from './field-problems.js';
import type { RunOptions } from './host.js';
import { fieldNumber, readNumberField, showNumber } from './number-field.js';
import { t } from './strings/language.js';

/** A field's name in words, in the pane's language ("Repeat contacts"). */
export const fieldLabel = (f: Field): string => t(`field.${f}`);

/** The fields a run cannot do without (DetectedTable.missing names them when no header fits). */
const REQUIRED_FIELDS: readonly Field[] = ['customer', 'revenue'];

/**
 * A labelled control: the label sits above it, so the form fits 300 px. `required`: a visible
 * mark beside the label, and aria-required on the control.
 */
export function field(
  label: string,
  control: HTMLElement,
  hint?: string,
  required = false,
): HTMLElement {
  const id = uid('f');
  control.id = id;
  const hintEl = hint ? el('small', { id: `${id}-hint`, text: hint }) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  const labelEl = el('label', { for: id }, el('span', { class: 'label-text', text: label }));
  if (required) markRequired(labelEl, control);
  return el('div', { class: 'field' }, labelEl, control, hintEl);
}

/** The visible mark (hidden from screen readers, which hear aria-required instead). */
function markRequired(label: HTMLElement, control: HTMLElement): void {
  control.setAttribute('aria-required', 'true');
  label.append(
    el('abbr', { class: 'required', title: t('required.mark'), 'aria-hidden': 'true', text: '*' }),
  );
}

const setLabel = (fieldEl: HTMLElement, text: string) => {
  fieldEl.querySelector('.label-text')!.textContent = text;
};

/**
 * A number field: text with the decimal keypad, read by the pane in its language's style
 * (number-field.ts), so "12,5" is 12.5 in the German pane whatever the browser's locale.
 */
export const numberInput = (value: number | '', attrs: Record<string, string | number> = {}) =>
  el('input', {
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    value: value === '' ? '' : showNumber(value),
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
  /** How many of the table's columns the mapping uses, of how many, and the headers it leaves out. */
  matched(): { matched: number; total: number; unused: string[] };
  /** Field → header as the selects stand now (the guess with the user's changes). */
  current(): Partial<Record<Field, string>>;
  /** A required field left "(not used)". */
  problems(): FieldProblem[];
}

/** One select per field, preset to the guessed header; "(not used)" leaves the field unmapped. */
export function mappingForm(
  headers: string[],
  guessed: Partial<Record<Field, string>>,
): MappingForm {
  const selects = new Map<Field, HTMLSelectElement>();
  const columns = headers.filter((h) => h !== '');
  const options: [string, string][] = [
    ['', t('mapping.notUsed')],
    ...columns.map((h): [string, string] => [h, h]),
  ];
  const rows = FIELDS.map((f) => {
    const s = select(options, guessed[f] ?? '');
    s.dataset.field = f;
    selects.set(f, s);
    return field(fieldLabel(f), s, undefined, REQUIRED_FIELDS.includes(f));
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
    matched: () => {
      const used = new Set([...selects.values()].map((s) => s.value).filter((v) => v !== ''));
      const all = [...new Set(columns)];
      return { matched: used.size, total: all.length, unused: all.filter((h) => !used.has(h)) };
    },
    current: () => {
      const out: Partial<Record<Field, string>> = {};
      for (const [f, s] of selects) if (s.value !== '') out[f] = s.value;
      return out;
    },
    problems: () =>
      REQUIRED_FIELDS.filter((f) => selects.get(f)!.value === '').map((f) => ({
        control: selects.get(f)!,
        label: fieldLabel(f),
        message: t('mapping.required', { field: fieldLabel(f) }),
      })),
  };
}

export interface SettingsForm {
  element: HTMLElement;
  read(columns: Partial<Record<Field, string | null>>): SettingsInput;
  options(): RunOptions;
  /** The fields as typed that cannot be right, in the order they appear. */
  problems(): FieldProblem[];
  /** Puts these rates, pools and cost of capital into the form (the sample data's settings). */
  fill(settings: SettingsInput): void;
  /** A period column is mapped: open the periods section and name the column. */
  offerPeriods(column: string): void;
  /**
   * The activity drivers the table has a column for (DOMAIN.md §17): the Cost-to-serve section
   * names each one without a rate or pool, as the user fills them in; [] clears the note.
   */
  askForCosts(activities: Driver[]): void;
  /** Shows "No cost of goods or gross profit column…" only when neither column is mapped. */
  offerCostOnly(show: boolean): void;
}

/**
 * The mapped activities a settings input leaves unpriced: no rate or pool above 0.
 * Example: `unpricedIn(['orders', 'returns'], { rates: { orders: 4 } })` → ['returns'].
 */
export function unpricedIn(activities: Driver[], s: SettingsInput): Driver[] {
  return activities.filter((d) => !((s.rates?.[d] ?? 0) > 0 || (s.pools?.[d] ?? 0) > 0));
}

const percent = (x: number) => Math.round(x * 1e6) / 1e4;
const share = (input: HTMLInputElement) => fieldNumber(input.value) / 100;
const filled = (input: HTMLInputElement) => input.value.trim() !== '';

export function settingsForm(): SettingsForm {
  const d = defaultSettings();

  // Size: Pareto shares (%), or fixed revenue amounts; terciles need nothing.
  const sizeMethod = select(
    [
      ['pareto', t('settings.size.pareto')],
      ['terciles', t('settings.size.terciles')],
      ['fixed', t('settings.size.fixed')],
    ],
    d.size.method,
  );
  sizeMethod.dataset.setting = 'size.method';
  const large = numberInput(percent(d.size.large), { 'data-setting': 'size.large' }),
    medium = numberInput(percent(d.size.medium), { 'data-setting': 'size.medium' });
  const largeField = field(t('settings.large.share'), large, undefined, true),
    mediumField = field(t('settings.medium.share'), medium, undefined, true);
  const sizeLabels = () => {
    const m = sizeMethod.value;
    largeField.hidden = mediumField.hidden = m === 'terciles';
    setLabel(largeField, m === 'fixed' ? t('settings.large.amount') : t('settings.large.share'));
    setLabel(mediumField, m === 'fixed' ? t('settings.medium.amount') : t('settings.medium.share'));
    if (m === 'fixed') {
      large.value = '';
      medium.value = '';
    } else if (m === 'pareto' && !filled(large)) {
      large.value = showNumber(percent(d.size.large));
      medium.value = showNumber(percent(d.size.medium));
    }
  };
  sizeMethod.addEventListener('change', sizeLabels);

  // Profitability: margin bands around the overall margin (optional own target), thirds, or fixed margins.
  const profitMethod = select(
    [
      ['bands', t('settings.profit.bands')],
      ['terciles', t('settings.profit.terciles')],
      ['fixed', t('settings.profit.fixed')],
    ],
    d.profitability.method,
  );
  profitMethod.dataset.setting = 'profitability.method';
  const target = numberInput('', {
      placeholder: t('settings.target.placeholder'),
      'data-setting': 'profitability.target',
    }),
    high = numberInput('', { 'data-setting': 'profitability.high' }),
    low = numberInput('', { 'data-setting': 'profitability.low' });
  const targetField = field(t('settings.target'), target, t('settings.target.hint'));
  const highField = field(t('settings.high'), high, undefined, true),
    lowField = field(t('settings.low'), low, undefined, true);
  const profitLabels = () => {
    targetField.hidden = profitMethod.value !== 'bands';
    highField.hidden = lowField.hidden = profitMethod.value !== 'fixed';
  };
  profitMethod.addEventListener('change', profitLabels);

  // Cost-to-serve: per driver a rate, or a cost pool spread over the driver's total volume.
  const drivers = DRIVERS.map((driver) => {
    const mode = select(
      [
        ['rate', t('settings.rate')],
        ['pool', t('settings.pool')],
      ],
      'rate',
    );
    const amount = numberInput('', { min: 0, placeholder: '0', 'data-driver': driver });
    const name = fieldLabel(driver);
    // Screen readers hear words ("Repeat contacts: rate"), never a settings key.
    mode.setAttribute('aria-label', t('settings.driver.mode', { driver: name }));
    const named = () =>
      amount.setAttribute(
        'aria-label',
        t(mode.value === 'pool' ? 'settings.driver.amountPool' : 'settings.driver.amount', {
          driver: name,
        }),
      );
    mode.addEventListener('change', named);
    named();
    const label = el('span', {
      class: 'driver-label',
      text: t('settings.driver', { driver: name, unit: t(`unit.${driver}`) }),
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
  const costOnlyField = el(
    'div',
    { class: 'field check', hidden: true },
    costOnly,
    el('label', { for: costOnlyId, text: t('settings.costOnly') }),
  );

  // Tier per segment: free text with the standard names offered.
  const listId = uid('tiers');
  const tiers = SEGMENTS.map((seg, i) =>
    el('input', {
      type: 'text',
      value: d.tiers[i],
      list: listId,
      'data-segment': seg,
      'aria-label': t('settings.tier', { segment: seg }),
    }),
  );

  // Report: the Why sheet can be left out (Google Sheets' 10 M cells).
  const noWhy = el('input', { type: 'checkbox', 'data-option': 'leaveOutWhy' });
  const noWhyId = uid('f');
  noWhy.id = noWhyId;
  // Migration: compare the two latest periods of the Period column.
  const periods = select(
    [
      ['', t('settings.periods.none')],
      ['year', t('settings.periods.year')],
      ['quarter', t('settings.periods.quarter')],
      ['month', t('settings.periods.month')],
    ],
    '',
  );

  const periodsField = field(t('settings.compare'), periods, t('settings.periods.hint'));
  const periodsSection = el(
    'details',
    {},
    el('summary', { text: t('settings.periods') }),
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
      el('summary', { text: t('settings.segmentation') }),
      field(t('settings.size'), sizeMethod),
      largeField,
      mediumField,
      field(t('settings.profitability'), profitMethod),
      targetField,
      highField,
      lowField,
    ),
    el(
      'details',
      { class: 'costs' },
      el('summary', { text: t('settings.costs') }),
      costNote,
      el('p', { class: 'hint', text: t('settings.costs.hint') }),
      ...drivers.map((x) => x.element),
      field(t('settings.costOfCapital'), costOfCapital),
      costOnlyField,
    ),
    el(
      'details',
      {},
      el('summary', { text: t('settings.tiers') }),
      el('datalist', { id: listId }, ...TIER_NAMES.map((x) => el('option', { value: x }))),
      ...SEGMENTS.map((seg, i) => field(seg, tiers[i], undefined, true)),
    ),
    periodsSection,
    el(
      'details',
      {},
      el('summary', { text: t('settings.report') }),
      el(
        'div',
        { class: 'field check' },
        noWhy,
        el('label', { for: noWhyId, text: t('settings.noWhy') }),
      ),
    ),
  );

  // The activities the table has columns for; the note names those still without a rate or pool.
  let mapped: Driver[] = [];
  function showUnpriced(): void {
    const priced = (x: (typeof drivers)[number]) => fieldNumber(x.amount.value) > 0;
    const left = drivers.filter((x) => mapped.includes(x.driver) && !priced(x));
    costNote.hidden = left.length === 0;
    const activities = left.map((x) => fieldLabel(x.driver)).join(', ');
    costNote.textContent = drivers.some(priced)
      ? t('settings.unpricedSome', { activities })
      : t('settings.unpriced', { activities });
  }
  for (const x of drivers) x.amount.addEventListener('input', showUnpriced);

  /** The problems of the fields shown, in the order they appear, in the units typed. */
  function problems(): FieldProblem[] {
    const out: FieldProblem[] = [];
    const add = (control: HTMLElement, label: string, message: string) =>
      out.push({ control, label, message });
    const labelOf = (f: HTMLElement) => f.querySelector('.label-text')!.textContent ?? '';
    /** The number typed, or null after reporting what is wrong with it. */
    const number = (input: HTMLInputElement, label: string, needed: boolean): number | null => {
      const r = readNumberField(input.value);
      if (r.kind === 'number') return r.value;
      if (r.kind === 'blank') {
        if (needed) add(input, label, t('problem.needed'));
      } else if (r.kind === 'ambiguous')
        add(
          input,
          label,
          t('problem.ambiguous', {
            typed: input.value.trim(),
            point: showNumber(r.readings[0]),
            comma: showNumber(r.readings[1]),
          }),
        );
      else add(input, label, t('problem.number'));
      return null;
    };
    const size = sizeMethod.value;
    if (size !== 'terciles') {
      const l = number(large, labelOf(largeField), true),
        m = number(medium, labelOf(mediumField), true);
      if (size === 'pareto') {
        // Each field's real range at once: Large within 0 … Medium's share, Medium within
        // Large's … 100 (a share of 100 for Large would only fail next on Medium's).
        const inRange = (x: number | null): x is number => x !== null && x >= 0 && x <= 100;
        const largeMax = inRange(m) ? m : 100,
          mediumMin = inRange(l) && (!inRange(m) || l <= m) ? l : 0;
        if (l !== null && (l < 0 || l > largeMax))
          add(
            large,
            labelOf(largeField),
            largeMax < 100
              ? t('problem.largeShare', { value: showNumber(l), medium: showNumber(largeMax) })
              : t('problem.percent', { value: showNumber(l) }),
          );
        if (m !== null && (m < mediumMin || m > 100))
          add(
            medium,
            labelOf(mediumField),
            t('problem.shareRange', {
              min: showNumber(mediumMin),
              max: 100,
              value: showNumber(m),
            }),
          );
      } else {
        for (const [x, input, f] of [
          [l, large, largeField],
          [m, medium, mediumField],
        ] as const)
          if (x !== null && x < 0)
            add(input, labelOf(f), t('problem.notNegative', { value: showNumber(x) }));
        if (l !== null && m !== null && m >= 0 && l < m)
          add(
            large,
            labelOf(largeField),
            t('problem.largeAmount', { value: showNumber(l), medium: showNumber(m) }),
          );
      }
    }
    if (profitMethod.value === 'bands') number(target, labelOf(targetField), false);
    if (profitMethod.value === 'fixed') {
      const h = number(high, labelOf(highField), true),
        lo = number(low, labelOf(lowField), true);
      if (h !== null && lo !== null && h < lo)
        add(
          high,
          labelOf(highField),
          t('problem.highMargin', { value: showNumber(h), low: showNumber(lo) }),
        );
    }
    for (const x of drivers) {
      const label = x.amount.getAttribute('aria-label') ?? '';
      const v = number(x.amount, label, false);
      if (v !== null && v < 0)
        add(x.amount, label, t('problem.notNegative', { value: showNumber(v) }));
    }
    const coc = number(costOfCapital, t('settings.costOfCapital'), false);
    if (coc !== null && (coc < 0 || coc > 100))
      add(
        costOfCapital,
        t('settings.costOfCapital'),
        t('problem.costOfCapital', { value: showNumber(coc) }),
      );
    tiers.forEach((input, i) => {
      if (input.value.trim() === '') add(input, SEGMENTS[i], t('problem.tier'));
    });
    return out;
  }

  return {
    element,
    problems,
    fill(s) {
      for (const x of drivers) {
        const rate = s.rates?.[x.driver],
          pool = s.pools?.[x.driver];
        if (rate === undefined && pool === undefined) continue;
        x.mode.value = pool !== undefined ? 'pool' : 'rate';
        x.mode.dispatchEvent(new Event('change'));
        x.amount.value = showNumber((pool ?? rate) as number);
      }
      if (typeof s.costOfCapital === 'number')
        costOfCapital.value = showNumber(percent(s.costOfCapital));
      showUnpriced();
    },
    offerPeriods(column) {
      periodsSection.open = true;
      periodsField.querySelector('small')!.textContent = t('settings.periods.column', { column });
    },
    askForCosts(activities) {
      mapped = activities;
      showUnpriced();
      if (!costNote.hidden)
        (element.querySelector('details.costs') as HTMLDetailsElement).open = true;
    },
    offerCostOnly(show) {
      costOnlyField.hidden = !show;
      if (!show) costOnly.checked = false; // a hidden box never sets costToServeOnly
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
            ? { method: m, large: fieldNumber(large.value), medium: fieldNumber(medium.value) }
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
        s[kind][x.driver] = fieldNumber(x.amount.value);
      }
      if (filled(costOfCapital)) s.costOfCapital = share(costOfCapital);
      if (costOnly.checked) s.costToServeOnly = true;
      s.tiers = tiers.map((x) => x.value.trim());
      return s;
    },
  };
}
