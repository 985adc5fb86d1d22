/**
 * The task pane / sidebar UI, shared by Excel and Sheets. It opens on a welcome (what the add-in
 * does, "Use my table" or "Try it with sample data") unless a table is found at once, and says
 * nothing is wrong until the user has asked for something. Then: the table found, the guessed
 * mapping folded to one line when the required columns are matched, the settings, and Run in a
 * footer that stays in view (with the Privacy, Terms and Support links) → a progress bar (read →
 * compute → write) → the summary (3×3 matrix with heat colours, whale reading, rejected rows
 * linking to their cells) → What if… (a decision tried on the run's customers).
 * A field the user must fix is marked next to itself, in the units typed, and focused.
 * It talks to the workbook only through PaneHost, writes text only through textContent, and takes
 * its words from the strings table of the host's language (pane/strings).
 */
import { formatMoney, formatPercent } from '../core/format.js';
import { cellTierLabel } from '../core/matrix.js';
import { profitHeat, tierFill } from '../core/report/colours.js';
import type { SettingsInput } from '../core/settings.js';
import { DRIVERS, type Driver, PROFIT_CLASSES, SIZE_CLASSES } from '../core/types.js';
import { el, replace } from './dom.js';
import { type FieldProblem, markProblems } from './field-problems.js';
import { type GroupsForm, groupsForm } from './groups-form.js';
import type { DetectedTable, PaneHost, Progress, RunSummary } from './host.js';
import { localText } from './number-field.js';
import { SAMPLE_SETTINGS, sampleCustomers } from './sample-data.js';
import { type Diagnostics, runSelfTest } from './self-test.js';
import {
  fieldLabel,
  type MappingForm,
  mappingForm,
  settingsForm,
  unpricedIn,
} from './settings-form.js';
import { setLanguage, t } from './strings/language.js';
import { whatIfSection } from './what-if.js';

export interface MountOptions {
  /** Run the self-test at once (the Sheets menu's Profit Tiers › Self-test), then find the table. */
  selfTest?: boolean;
  /** The host's display language ("de-DE", "de"); English when it has no strings table. */
  language?: string | null;
  /**
   * Where the Privacy, Terms and Support pages are: "" for the task pane (privacy.html beside
   * taskpane.html), the https:// base URL for the Sheets sidebar (it cannot link relatively).
   */
  pageBase?: string;
}

/** The footer's pages, as the publish build names them beside taskpane.html. */
export const PAGES = [
  ['footer.privacy', 'privacy.html'],
  ['footer.terms', 'terms.html'],
  ['footer.support', 'support.html'],
] as const;

export function mountPane(root: HTMLElement, host: PaneHost, options: MountOptions = {}): void {
  const lang = setLanguage(options.language);
  document.documentElement.lang = lang;
  const tableStatus = el('p', { class: 'status', role: 'status' });
  const intro = el(
    'div',
    { class: 'welcome' },
    el('p', { text: t('welcome.intro') }),
    el('p', { class: 'hint', text: t('welcome.how') }),
  );
  const useTable = el('button', { type: 'button', class: 'primary', text: t('welcome.useTable') });
  const sampleButton = el('button', {
    type: 'button',
    class: 'secondary',
    text: t('welcome.sample'),
  });
  // A failed detection is said next to the buttons that asked for it, not in the footer.
  const tableError = el('p', { class: 'error', role: 'alert' });
  const mappingBox = el('div');
  const mappingSummary = el('summary', { text: t('mapping.title') });
  const mappingDetails = el(
    'details',
    { class: 'mapping', hidden: true },
    mappingSummary,
    mappingBox,
  );
  const groupsDetails = el(
    'details',
    { class: 'group-picker', hidden: true },
    el('summary', { text: t('groups.title') }),
  );
  const settings = settingsForm();
  settings.element.hidden = true;
  const runButton = el('button', {
    type: 'button',
    class: 'primary',
    text: t('run.button'),
    disabled: true,
    hidden: true,
  });
  const bar = el('progress', { max: 100, value: 0, 'aria-label': t('run.progress') });
  const progressText = el('p', { class: 'progress-text', 'aria-live': 'polite', text: '' });
  const progressBox = el('div', { class: 'progress', hidden: true }, bar, progressText);
  const error = el('p', { class: 'error', role: 'alert' });
  const pageBase = options.pageBase ?? '';
  const footer = el(
    'footer',
    { class: 'actions' },
    error,
    progressBox,
    runButton,
    el(
      'nav',
      { class: 'links', 'aria-label': t('footer.links') },
      ...PAGES.map(([key, page]) =>
        el('a', { href: `${pageBase}${page}`, target: '_blank', rel: 'noopener', text: t(key) }),
      ),
    ),
  );
  const results = el('section', {
    class: 'results',
    'aria-labelledby': 'results-title',
    hidden: true,
  });
  let mapping: MappingForm | null = null;
  let table: DetectedTable | null = null;
  let asked = false; // no error is shown before the user has asked for something
  // The self-test selects and detects its own scratch table; afterwards the user's is found again.
  const diagnostics = host.diagnostics
    ? selfTestSection(host, host.diagnostics, async () => {
        const at = table && splitAddress(table.address);
        if (at) await host.goTo(at.sheet, at.range).catch(() => {});
        await detect();
      })
    : null;
  let groups: GroupsForm | null = null;

  // Run sits early in the page's order, right after the table and its columns, so the keyboard
  // reaches it in a few Tabs; the footer shows it at the bottom of the pane, always in view.
  replace(
    root,
    el(
      'header',
      {},
      el('h1', { text: t('app.name') }),
      el('p', { class: 'hint', text: t('app.tagline') }),
    ),
    el(
      'section',
      { class: 'start', 'aria-label': t('table.title') },
      intro,
      tableStatus,
      el('div', { class: 'ways' }, useTable, sampleButton),
      tableError,
    ),
    mappingDetails,
    footer,
    groupsDetails,
    settings.element,
    results,
    diagnostics?.element,
  );
  // Content never hides under the footer, nor does a focused control scrolled to the bottom.
  const fitFooter = () => {
    const h = footer.offsetHeight;
    root.style.paddingBottom = `${h + 12}px`;
    document.documentElement.style.scrollPaddingBottom = `${h + 8}px`;
  };
  if (typeof ResizeObserver !== 'undefined') new ResizeObserver(fitFooter).observe(footer);
  fitFooter();

  function showError(text: string): void {
    error.textContent = text;
  }

  async function detect(): Promise<boolean> {
    showError('');
    tableError.textContent = '';
    runButton.disabled = true;
    tableStatus.textContent = t('table.looking');
    try {
      showTable(await host.detectTable());
      return true;
    } catch (e) {
      // On opening, a sheet without a table is the welcome, not an error.
      tableStatus.textContent = asked ? t('table.notFound') : '';
      if (asked) tableError.textContent = message(e);
      return false;
    }
  }

  function showTable(found: DetectedTable): void {
    table = found;
    // The welcome has done its job: the table's own controls take its place.
    // "Use my table" stays, to pick another table; Run is the primary action now.
    intro.hidden = true;
    sampleButton.hidden = true;
    useTable.className = 'secondary';
    useTable.textContent = t('table.useAnother');
    if (diagnostics) diagnostics.element.hidden = false;
    const missing = found.missing.map((f) => fieldLabel(f)).join(t('table.and'));
    tableStatus.textContent = `${t('table.found', {
      rows: found.rows,
      address: found.address,
      source: t(`source.${found.source}`),
    })}${missing ? ` ${t('table.pickMissing', { fields: missing })}` : ''}`;
    mapping = mappingForm(found.headers, found.mapping);
    mapping.element.addEventListener('change', showMatched);
    settings.askForCosts(activityDrivers(found.mapping));
    replace(mappingBox, el('p', { class: 'hint', text: t('mapping.hint') }), mapping.element);
    mappingDetails.hidden = false;
    showMatched();
    // Folded to one line when the required columns are matched; open when one must be picked.
    mappingDetails.open = found.missing.length > 0;
    groups = groupsForm(found.groupCandidates ?? []);
    replace(groupsDetails, groupsDetails.firstChild, groups.element);
    groupsDetails.hidden = false;
    settings.element.hidden = false;
    if (found.mapping.period) settings.offerPeriods(found.mapping.period);
    runButton.hidden = false;
    runButton.disabled = false;
  }

  /**
   * "All needed columns matched; 1 column not used (Region) — Edit", or "12 of 15 columns
   * matched" while a required one is missing; as the user changes the mapping too.
   */
  function showMatched(): void {
    if (!mapping) return;
    const { matched, total, unused } = mapping.matched();
    const missing = mapping.problems().length > 0;
    const columns = unused.join(', ');
    mappingSummary.textContent = `${
      missing
        ? t('mapping.matched', { matched, total })
        : unused.length === 0
          ? t('mapping.allMatched')
          : unused.length === 1
            ? t('mapping.unused.one', { columns })
            : t('mapping.unused.many', { count: unused.length, columns })
    } — `;
    mappingSummary.append(el('span', { class: 'edit', text: t('mapping.edit') }));
    const mapped = mapping.current();
    settings.offerCostOnly(mapped.cogs === undefined && mapped.grossProfit === undefined);
  }

  function showProgress(p: Progress): void {
    bar.value = Math.round(p.fraction * 100);
    progressText.textContent = `${Math.round(p.fraction * 100)} % · ${progressWords(p)}`;
  }

  /** Marks every field to fix next to itself and focuses the first; true when there is none. */
  function fieldsFine(): boolean {
    if (!mapping) return false;
    const problems: FieldProblem[] = [...mapping.problems(), ...settings.problems()];
    markProblems(root, problems);
    if (!problems.length) return true;
    const first = problems[0];
    showError(
      problems.length === 1
        ? t('run.fixFields', { field: first.label })
        : t('run.fixFieldsMany', { count: problems.length, field: first.label }),
    );
    first.control.focus();
    return false;
  }

  async function run(): Promise<void> {
    if (!mapping) return;
    asked = true;
    showError('');
    if (!fieldsFine()) return;
    runButton.disabled = true;
    progressBox.hidden = false;
    showProgress({ stage: 'read', fraction: 0, message: t('run.starting') });
    try {
      const input = settings.read(mapping.read());
      const groupBy = groups?.read() ?? [];
      if (groupBy.length) input.groupBy = groupBy;
      const summary = await host.run(input, showProgress, settings.options());
      // The results say what was written: the footer goes back to just Run.
      progressBox.hidden = true;
      showSummary(summary, input, activityDrivers(mapping.current()));
    } catch (e) {
      progressBox.hidden = true;
      showError(message(e));
    } finally {
      runButton.disabled = false;
    }
  }

  /** "Try it with sample data": the sample customers on a new sheet, their rates, then a run. */
  async function trySample(): Promise<void> {
    asked = true;
    showError('');
    sampleButton.disabled = true;
    tableStatus.textContent = t('welcome.writingSample');
    try {
      const sheet = await host.addSheet(t('welcome.sampleSheet'), sampleCustomers());
      if (!(await detect())) return;
      settings.fill(SAMPLE_SETTINGS);
      // The add-in wrote and selected the sample: not "found from your selection".
      tableStatus.textContent = t('welcome.sampleWritten', {
        sheet,
        rows: table?.rows ?? 0,
        address: table?.address ?? sheet,
      });
      await run();
    } catch (e) {
      tableStatus.textContent = '';
      tableError.textContent = message(e);
    } finally {
      sampleButton.disabled = false;
    }
  }

  function showSummary(s: RunSummary, input: SettingsInput, activities: Driver[]): void {
    // Some activities priced, some not: the core's warning is only for none priced.
    const unpriced = s.unpriced?.length ? [] : unpricedIn(activities, input);
    const title = el('h2', { id: 'results-title', tabindex: -1, text: t('results.title') });
    replace(
      results,
      title,
      el('p', {
        text: t('results.line', {
          customers: count(s.customers),
          revenue: money(s.revenue),
          netProfit: money(s.netProfit),
          rows: count(s.rowsUsed),
        }),
      }),
      warningList(s),
      unpriced.length
        ? el('p', {
            class: 'note',
            text: t('results.unpriced', {
              activities: unpriced.map((d) => fieldLabel(d)).join(', '),
            }),
          })
        : null,
      matrixTable(s),
      el('p', { class: 'whale', text: t('results.whale', { reading: s.whaleReading }) }),
      s.benchmark
        ? el('p', {
            class: 'benchmark hint',
            text: t('results.benchmark', { benchmark: s.benchmark }),
          })
        : null,
      ...(s.groups ?? []).map(groupTable),
      trendTable(s),
      losersList(s),
      ...(s.decisionNotes ?? []).map((line) => el('p', { class: 'decision', text: line })),
      rejectedList(s),
      el('p', { class: 'hint', text: t('results.written', { sheets: s.sheets.join(', ') }) }),
      whatIfSection(host, s, input),
    );
    results.hidden = false;
    title.focus(); // keyboard and screen-reader users land on the outcome
    title.scrollIntoView?.({ block: 'start' });
  }

  function rejectedList(s: RunSummary): HTMLElement | null {
    if (s.rejectedCount === 0) return el('p', { text: t('results.everyRow') });
    const items = s.rejected.map((p) => {
      const link = el('button', {
        type: 'button',
        class: 'link',
        text: `${t('results.row', { row: p.row })}${p.column ? ` · ${p.column}` : ''}`,
      });
      link.addEventListener('click', () => {
        host.goTo(s.sourceSheet, p.cell).catch((e) => showError(message(e)));
      });
      return el('li', {}, link, el('span', { text: ` ${p.reason}` }));
    });
    const more =
      s.rejectedCount > s.rejected.length
        ? el('p', {
            class: 'hint',
            text: t('results.more', { count: count(s.rejectedCount - s.rejected.length) }),
          })
        : null;
    return el(
      'details',
      { class: 'rejected', open: s.rejectedCount <= 10 },
      el('summary', {
        text:
          s.rejectedCount === 1
            ? t('results.notUsed.one')
            : t('results.notUsed.many', { count: count(s.rejectedCount) }),
      }),
      el('ul', {}, ...items),
      more,
    );
  }

  useTable.addEventListener('click', () => {
    asked = true;
    void detect();
  });
  sampleButton.addEventListener('click', () => void trySample());
  runButton.addEventListener('click', () => void run());
  if (options.selfTest && diagnostics) void diagnostics.run();
  else void detect();
}

/**
 * Diagnostics › Self-test: runs pane/self-test.ts and lists each check as it finishes, pass or
 * fail with its detail, then one line for the whole.
 */
function selfTestSection(
  host: PaneHost,
  d: Diagnostics,
  after: () => Promise<void>,
): { element: HTMLElement; run: () => Promise<void> } {
  const button = el('button', {
    type: 'button',
    class: 'secondary',
    text: t('diagnostics.button'),
  });
  const list = el('ul', { class: 'checks', 'aria-live': 'polite' });
  const verdict = el('p', { class: 'verdict', role: 'status' });
  const details = el(
    'details',
    // Not on the welcome: it comes with the table's controls (or when the self-test is asked for).
    { class: 'diagnostics', hidden: true },
    el('summary', { text: t('diagnostics.title') }),
    el('p', {
      class: 'hint',
      text: t('diagnostics.hint'),
    }),
    button,
    list,
    verdict,
  );
  async function run(): Promise<void> {
    details.hidden = false;
    details.open = true;
    button.disabled = true;
    replace(list);
    verdict.textContent = t('diagnostics.running');
    try {
      const r = await runSelfTest(host, d, (c) =>
        list.append(
          el(
            'li',
            { class: c.pass ? 'pass' : 'fail' },
            el('strong', { text: c.pass ? t('diagnostics.pass') : t('diagnostics.fail') }),
            ` ${c.name}${c.pass && c.detail === 'pass' ? '' : `: ${c.detail}`}`,
          ),
        ),
      );
      const failed = r.checks.filter((c) => !c.pass).length;
      verdict.textContent = r.pass
        ? t('diagnostics.passed', {
            count: r.checks.length,
            seconds: (r.ms / 1000).toFixed(1),
            trips: r.roundTrips,
          })
        : t('diagnostics.failed', { failed, count: r.checks.length });
      verdict.className = `verdict ${r.pass ? 'pass' : 'fail'}`;
    } catch (e) {
      verdict.textContent = t('diagnostics.stopped', { message: message(e) });
      verdict.className = 'verdict fail';
    } finally {
      button.disabled = false;
      await after();
    }
  }
  button.addEventListener('click', () => void run());
  return { element: details, run };
}

/** The mapped activity drivers (an order id counts as orders). */
function activityDrivers(mapping: DetectedTable['mapping']): Driver[] {
  return DRIVERS.filter(
    (d) => mapping[d] !== undefined || (d === 'orders' && mapping.orderId !== undefined),
  );
}

/** A progress line in the pane's language, from the stage (hosts' messages are English). */
function progressWords(p: Progress): string {
  if (p.stage === 'read')
    return p.rows
      ? t('progress.reading', { done: count(p.rows.done), total: count(p.rows.total) })
      : t('progress.readingStart');
  if (p.stage === 'compute') return t('progress.compute');
  if (p.stage === 'write' && p.writing) {
    const { sheet, from, to, of } = p.writing;
    const rows = { sheet, from: count(from), to: count(to) };
    return of === null
      ? t('progress.writeSheet', rows)
      : t('progress.writeSheetOf', { ...rows, total: count(of) });
  }
  if (p.stage === 'write') return t('progress.write');
  return t('progress.done', { sheets: (p.sheets ?? []).join(', ') });
}

/** Numbers the pane formats, in its language's style ("38.159.695", "3,2 %" in German). */
const money = (x: number) => localText(formatMoney(x));
const percentText = (x: number) => localText(formatPercent(x));
const count = (n: number) => localText(n.toLocaleString('en-US'));

/**
 * A core warning as the pane says it: a settings key the CLI user would set is named as the
 * pane's field instead ("set profitability.target" → set "High from margin (%)").
 */
function inPaneWords(warning: string): string {
  return warning
    .replace(/profitability\.target\b/g, `"${t('settings.target')}"`)
    .replace(/\bcostOfCapital\b/g, `"${t('settings.costOfCapital')}"`);
}

/** Money-losers: their causes, what exit would do (§10), and the biggest with their advice. */
function losersList(s: RunSummary): HTMLElement | null {
  if (!s.losers.length) return null;
  const losers = s.moneyLosers ?? s.losers.length;
  const causes = s.loserCauses?.length
    ? el('p', {
        class: 'causes',
        text: t(losers === 1 ? 'results.causes.one' : 'results.causes', {
          count: count(losers),
          causes: s.loserCauses.map((c) => `${c.cause.toLowerCase()} ${c.customers}`).join(', '),
        }),
      })
    : null;
  const e = s.exit;
  const exit = e
    ? el('p', {
        class: 'exit',
        text: e.helps
          ? t('results.exit', {
              helps: e.helps,
              gain: money(e.gain),
              stranded:
                e.strandedCost > 0
                  ? t('results.exit.stranded', { cost: money(e.strandedCost) })
                  : '',
              reprice:
                e.helps < losers ? t('results.exit.reprice', { count: losers - e.helps }) : '',
            })
          : t('results.exit.none'),
      })
    : null;
  return el(
    'div',
    { class: 'losers' },
    el('h3', { text: t('results.losers') }),
    causes,
    exit,
    el(
      'ol',
      {},
      ...s.losers.map((l) =>
        el(
          'li',
          {},
          el('span', { class: 'who', text: l.name || l.customer }),
          el('span', { class: 'amount', text: ` ${money(l.netProfit)}` }),
          l.cause ? el('span', { class: 'cause', text: ` · ${l.cause}` }) : null,
          l.advice
            ? el('small', { class: `advice ${l.recommendation ?? ''}`, text: l.advice })
            : null,
        ),
      ),
    ),
  );
}

/** One group column: customers, net profit, share of profit and money-losers per value. */
function groupTable(g: NonNullable<RunSummary['groups']>[number]): HTMLTableElement {
  const rows = g.values.map((v) => {
    const profit = el('td', { text: money(v.netProfit) });
    if (v.netProfit < 0) profit.className = 'loss';
    return el(
      'tr',
      {},
      el('th', { scope: 'row', text: v.value }),
      el('td', { text: String(v.customers) }),
      profit,
      el('td', { text: v.shareOfProfit === null ? '–' : percentText(v.shareOfProfit) }),
      el('td', { text: String(v.moneyLosers) }),
    );
  });
  const more = g.valueCount - g.values.length;
  return el(
    'table',
    { class: 'groups' },
    el('caption', {
      text: `${t('results.groups.caption', { column: g.column })}${more > 0 ? t('results.groups.more', { shown: g.values.length, count: g.valueCount }) : ''}`,
    }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          g.column,
          t('results.col.customers'),
          t('results.col.netProfit'),
          t('results.col.share'),
          t('results.col.losers'),
        ].map((h) => el('th', { scope: 'col', text: h })),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

/** Totals per period, new and lost customers: the Trend sheet in brief. */
function trendTable(s: RunSummary): HTMLTableElement | null {
  if (!s.trend) return null;
  const rows = s.trend.totals.map((t) => {
    const profit = el('td', { text: money(t.netProfit) });
    if (t.netProfit < 0) profit.className = 'loss';
    return el(
      'tr',
      {},
      el('th', { scope: 'row', text: t.period }),
      el('td', { text: String(t.customers) }),
      profit,
      el('td', { text: t.new ? `+${t.new.count}` : '' }),
      el('td', { text: t.lost ? `−${t.lost.count}` : '' }),
    );
  });
  return el(
    'table',
    { class: 'trend' },
    el('caption', { text: t('results.trend.caption') }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          t('results.col.period'),
          t('results.col.customers'),
          t('results.col.netProfit'),
          t('results.col.new'),
          t('results.col.lost'),
        ].map((h) => el('th', { scope: 'col', text: h })),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

function warningList(s: RunSummary): HTMLElement | null {
  if (!s.warnings?.length) return null;
  return el(
    'ul',
    { class: 'warnings' },
    ...s.warnings.map((w) => el('li', { text: `${inPaneWords(w)}.` })),
  );
}

/**
 * The 3×3 matrix: tier, customers and share of profit per cell — net profit in money when the
 * total is not positive (§17) — coloured by each cell's own net profit, so a loss is never green.
 */
function matrixTable(s: RunSummary): HTMLTableElement {
  const heat = profitHeat(s.matrix.map((c) => c.netProfit));
  const shares = s.matrix.some((c) => c.shareOfProfit !== null);
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col', text: t('results.matrix.corner') }),
    ...PROFIT_CLASSES.map((p) => el('th', { scope: 'col', text: p })),
  );
  const rows = SIZE_CLASSES.map((size, si) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row', text: size }),
      ...PROFIT_CLASSES.map((_, pi) => {
        const c = s.matrix[si * 3 + pi];
        const td = el(
          'td',
          {},
          el('span', { class: 'tier', text: cellTierLabel(c) }),
          el('span', { class: 'count', text: t('results.matrix.customers', { count: c.count }) }),
          el('span', {
            class: 'share',
            text:
              c.shareOfProfit !== null
                ? percentText(c.shareOfProfit)
                : c.count
                  ? money(c.netProfit)
                  : '–',
          }),
        );
        td.style.backgroundColor = heat[si * 3 + pi];
        (td.firstChild as HTMLElement).style.backgroundColor = tierFill(c.tier);
        // The action in words, in the cell itself (a hover title alone reaches no one on touch).
        td.append(el('span', { class: 'action', text: c.action }));
        return td;
      }),
    ),
  );
  return el(
    'table',
    { class: 'matrix' },
    el('caption', {
      text: shares ? t('results.matrix.shares') : t('results.matrix.money'),
    }),
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** "'Sales data'!A1:L501" → { sheet: 'Sales data', range: 'A1:L501' }; null without a sheet. */
function splitAddress(address: string): { sheet: string; range: string } | null {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return null;
  const sheet = address.slice(0, bang);
  return {
    sheet: /^'.*'$/.test(sheet) ? sheet.slice(1, -1).replace(/''/g, "'") : sheet,
    range: address.slice(bang + 1),
  };
}
