/**
 * The pane's What-if section (DOMAIN.md §11), for Excel and Sheets alike: pick who (every customer,
 * the money-losers, some tiers or some segments), then one change (a price change, a fee per
 * order or delivery, a volume change, a rate change, or exit). It runs against the last run's
 * customer columns — the sheet is not read again — and says at once what happens to net profit and
 * tiers. On request it writes the tried scenarios, side by side, to the Scenarios sheet.
 * Every rule lives in the core: the change is checked by resolveChange and priced by runScenario.
 */

import { DRIVER_UNITS, SEGMENTS } from '../core/defaults.js';
import type { PeriodAnalysis } from '../core/price-and-segment.js';
import { scenariosSheet } from '../core/report/scenarios-sheet.js';
import { baselineTotals, runScenario, type ScenarioResult } from '../core/scenario.js';
import { baselineFrom } from '../core/scenario-base.js';
import { resolveChange, type ScenarioChange } from '../core/scenario-spec.js';
import { scenarioLine } from '../core/scenario-words.js';
import { resolveSettings, type Settings, type SettingsInput } from '../core/settings.js';
import { DRIVERS, type Driver } from '../core/types.js';
import { el, replace, uid } from './dom.js';
import type { PaneHost, RunSummary } from './host.js';
import { fieldNumber } from './number-field.js';
import { field, fieldLabel, numberInput, select } from './settings-form.js';
import { en } from './strings/en.js';
import { t } from './strings/language.js';

type Kind = 'price' | 'fee' | 'volume' | 'rate' | 'exit';

const amountLabel = (k: Exclude<Kind, 'exit'>) => t(`whatif.amount.${k}`);
// A scenario's name ("Orders +10 %") goes onto the Scenarios sheet, which the core writes in
// English, so it is named in English whatever the pane's language.

/** The What-if section for the run just shown, or a short note when the host sent no columns. */
export function whatIfSection(host: PaneHost, run: RunSummary, input: SettingsInput): HTMLElement {
  const title = el('h2', { id: uid('whatif'), text: t('whatif.title') });
  if (!run.whatIfBase)
    return el(
      'section',
      { class: 'whatif' },
      title,
      el('p', { class: 'hint', text: run.whatIfMissing ?? t('whatif.unavailable') }),
    );
  const base = run.whatIfBase;
  const { settings } = resolveSettings(input);
  let baseline: PeriodAnalysis | null = null; // priced on first use, then kept
  const kept: ScenarioResult[] = [];
  let current: ScenarioResult | null = null;

  const name = el('input', {
    type: 'text',
    placeholder: t('whatif.name.placeholder'),
    'data-whatif': 'name',
  });
  const apply = select(
    [
      ['all', t('whatif.apply.all')],
      ['moneyLosers', t('whatif.apply.moneyLosers')],
      ['tiers', t('whatif.apply.tiers')],
      ['segments', t('whatif.apply.segments')],
    ],
    'all',
  );
  apply.dataset.whatif = 'apply';
  const tierBoxes = [...new Set(settings.tiers)].map((t) => checkbox(t, { 'data-whatif-tier': t }));
  const segmentBoxes = SEGMENTS.map((s, i) =>
    checkbox(`${s} (${settings.tiers[i]})`, { 'data-whatif-segment': s }),
  );
  const tierSet = el(
    'fieldset',
    { class: 'checks' },
    el('legend', { text: t('whatif.tiers') }),
    ...tierBoxes.map((b) => b.element),
  );
  const segmentSet = el(
    'fieldset',
    { class: 'checks' },
    el('legend', { text: t('whatif.segments') }),
    ...segmentBoxes.map((b) => b.element),
  );
  const kind = select(
    [
      ['price', t('whatif.change.price')],
      ['fee', t('whatif.change.fee')],
      ['volume', t('whatif.change.volume')],
      ['rate', t('whatif.change.rate')],
      ['exit', t('whatif.change.exit')],
    ],
    'price',
  );
  kind.dataset.whatif = 'change';
  const driver = select(
    DRIVERS.map((d): [string, string] => [d, fieldLabel(d)]),
    'orders',
  );
  driver.dataset.whatif = 'driver';
  const amount = numberInput('', {
    'data-whatif': 'amount',
    placeholder: t('whatif.amount.placeholder'),
  });
  const driverField = field(t('whatif.per'), driver),
    amountField = field(amountLabel('price'), amount, undefined, true);
  const tryButton = el('button', { type: 'button', class: 'secondary', text: t('whatif.try') });
  const result = el('div', { class: 'whatif-result', 'aria-live': 'polite' });
  const message = el('p', { class: 'error', role: 'alert' });
  const writeButton = el('button', {
    type: 'button',
    class: 'secondary',
    text: t('whatif.write'),
    hidden: true,
  });
  const written = el('p', { class: 'hint' });

  const layout = () => {
    tierSet.hidden = apply.value !== 'tiers';
    segmentSet.hidden = apply.value !== 'segments';
    const k = kind.value as Kind;
    amountField.hidden = k === 'exit';
    driverField.hidden = k === 'price' || k === 'exit';
    if (k !== 'exit') amountField.querySelector('.label-text')!.textContent = amountLabel(k);
  };

  /** The change as settings would write it, or a one-line reason it cannot be. */
  function change(): { change: ScenarioChange; label: string } | { problem: string } {
    const k = kind.value as Kind,
      d = driver.value as Driver;
    const x = fieldNumber(amount.value);
    if (k !== 'exit' && (amount.value.trim() === '' || !Number.isFinite(x)))
      return { problem: t(`whatif.typeFirst.${k}`) };
    const raw: Record<string, unknown> = {};
    let who = '';
    if (apply.value === 'moneyLosers') {
      raw.where = { moneyLosers: true };
      who = ' for the money-losers';
    } else if (apply.value === 'tiers' || apply.value === 'segments') {
      const boxes = apply.value === 'tiers' ? tierBoxes : segmentBoxes;
      const picked = boxes.filter((b) => b.input.checked).map((b) => b.value);
      if (!picked.length) return { problem: t(`whatif.tickOne.${apply.value}`) };
      raw.where = { [apply.value]: picked };
      who = ` for ${picked.join(', ')}`;
    }
    let what: string;
    if (k === 'price') {
      raw.price = x / 100;
      what = `Prices ${signed(x)} %`;
    } else if (k === 'fee') {
      raw.fees = { [d]: x };
      what = `Fee of ${x} ${DRIVER_UNITS[d]}`;
    } else if (k === 'volume') {
      raw.volumes = { [d]: x / 100 };
      what = `${en[`field.${d}`]} ${signed(x)} %`;
    } else if (k === 'rate') {
      raw.rates = { [d]: x / 100 };
      what = `${en[`field.${d}`]} rate ${signed(x)} %`;
    } else {
      raw.exit = true;
      what = 'Exit';
    }
    const problems: string[] = [];
    const checked = resolveChange(raw, 'This change', settings, problems);
    if (problems.length) return { problem: `${problems[0]}.` };
    return { change: checked, label: `${what}${who || (k === 'exit' ? ' every customer' : '')}` };
  }

  function tryIt(): void {
    message.textContent = '';
    const c = change();
    if ('problem' in c) {
      message.textContent = c.problem;
      return;
    }
    baseline ??= baselineFrom(base, settings);
    const scenarioName = name.value.trim() || c.label;
    current = runScenario(baseline, settings, { name: scenarioName, changes: [c.change] });
    show(current, baseline, settings);
  }

  function show(sc: ScenarioResult, b: PeriodAnalysis, s: Settings): void {
    const moves = sc.moves.slice(0, 8);
    replace(
      result,
      el('p', {
        class: 'whatif-line',
        text: scenarioLine(sc, baselineTotals(b, s), Object.keys(s.avoidable).length > 0),
      }),
      moves.length
        ? el(
            'table',
            { class: 'moves' },
            el('caption', { text: t('whatif.moves') }),
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...[t('whatif.col.from'), t('whatif.col.to'), t('whatif.col.customers')].map((h) =>
                  el('th', { scope: 'col', text: h }),
                ),
              ),
            ),
            el(
              'tbody',
              {},
              ...moves.map((m) =>
                el(
                  'tr',
                  {},
                  el('td', { text: m.from }),
                  el('td', { text: m.to }),
                  el('td', { text: m.count.toLocaleString('en-US') }),
                ),
              ),
            ),
          )
        : null,
      ...sc.warnings.map((w) => el('p', { class: 'hint', text: t('whatif.note', { note: w }) })),
    );
    writeButton.hidden = !host.writeSheets;
    written.textContent = '';
  }

  async function write(): Promise<void> {
    if (!current || !baseline || !host.writeSheets) return;
    const sc = current;
    const at = kept.findIndex((k) => k.name === sc.name);
    if (at >= 0) kept[at] = sc;
    else kept.push(sc);
    writeButton.disabled = true;
    try {
      const sheet = scenariosSheet(baseline, settings, kept)!;
      const names = await host.writeSheets([sheet]);
      written.textContent =
        kept.length === 1
          ? t('whatif.written.one', { sheets: names.join(', ') })
          : t('whatif.written.many', { sheets: names.join(', '), count: kept.length });
    } catch (e) {
      message.textContent = e instanceof Error ? e.message : String(e);
    } finally {
      writeButton.disabled = false;
    }
  }

  for (const control of [apply, kind]) control.addEventListener('change', layout);
  tryButton.addEventListener('click', tryIt);
  writeButton.addEventListener('click', () => void write());
  layout();
  return el(
    'section',
    { class: 'whatif', 'aria-labelledby': title.id },
    title,
    el('p', {
      class: 'hint',
      text: t('whatif.hint', { count: base.keys.length.toLocaleString('en-US') }),
    }),
    field(t('whatif.applyTo'), apply),
    tierSet,
    segmentSet,
    field(t('whatif.change'), kind),
    driverField,
    amountField,
    field(t('whatif.name'), name),
    tryButton,
    message,
    result,
    writeButton,
    written,
  );
}

function checkbox(
  label: string,
  attrs: Record<string, string>,
): { element: HTMLElement; input: HTMLInputElement; value: string } {
  const id = uid('c');
  const input = el('input', { type: 'checkbox', id, ...attrs });
  const value = Object.values(attrs)[0];
  return {
    element: el('div', { class: 'field check' }, input, el('label', { for: id, text: label })),
    input,
    value,
  };
}

const signed = (x: number) => (x > 0 ? `+${x}` : String(x));
