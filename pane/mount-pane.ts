/**
 * The task pane / sidebar UI, shared by Excel and Sheets: detect the table → show the guessed
 * mapping and the settings → Run with a progress bar (read → compute → write) → the summary
 * (3×3 matrix with heat colours, whale reading, rejected rows linking to their cells) → What if…
 * (a decision tried on the run's customers, written to the Scenarios sheet on request).
 * It talks to the workbook only through PaneHost, and writes text only through textContent.
 */
import { formatMoney, formatPercent } from '../core/format.js';
import { cellTierLabel } from '../core/matrix.js';
import { profitHeat, tierFill } from '../core/report/colours.js';
import type { SettingsInput } from '../core/settings.js';
import { DRIVERS, type Field, PROFIT_CLASSES, SIZE_CLASSES } from '../core/types.js';
import { el, replace } from './dom.js';
import { type GroupsForm, groupsForm } from './groups-form.js';
import type { DetectedTable, PaneHost, Progress, RunSummary } from './host.js';
import { type Diagnostics, runSelfTest } from './self-test.js';
import { FIELD_LABELS, type MappingForm, mappingForm, settingsForm } from './settings-form.js';
import { whatIfSection } from './what-if.js';

const SOURCE_WORDS: Record<DetectedTable['source'], string> = {
  selection: 'your selection',
  table: 'the Excel table',
  region: 'the block of cells around the cursor',
  sheet: 'the sheet',
};

export interface MountOptions {
  /** Run the self-test at once (the Sheets menu's Profit Tiers › Self-test), then find the table. */
  selfTest?: boolean;
}

export function mountPane(root: HTMLElement, host: PaneHost, options: MountOptions = {}): void {
  const tableStatus = el('p', { class: 'status', text: 'Looking for your customer table…' });
  const detectButton = el('button', {
    type: 'button',
    class: 'secondary',
    text: 'Use the current selection',
  });
  const mappingBox = el('div');
  const groupsBox = el('div');
  const settings = settingsForm();
  const runButton = el('button', {
    type: 'button',
    class: 'primary',
    text: 'Run analysis',
    disabled: true,
  });
  const bar = el('progress', { max: 100, value: 0, 'aria-label': 'Progress' });
  const progressText = el('p', { class: 'progress-text', 'aria-live': 'polite', text: '' });
  const progressBox = el('div', { class: 'progress', hidden: true }, bar, progressText);
  const error = el('p', { class: 'error', role: 'alert' });
  const results = el('section', {
    class: 'results',
    'aria-labelledby': 'results-title',
    hidden: true,
  });
  let mapping: MappingForm | null = null;
  let table: DetectedTable | null = null;
  // The self-test selects and detects its own scratch table; afterwards the user's is found again.
  const diagnostics = host.diagnostics
    ? selfTestSection(host, host.diagnostics, async () => {
        const at = table && splitAddress(table.address);
        if (at) await host.goTo(at.sheet, at.range).catch(() => {});
        await detect();
      })
    : null;
  let groups: GroupsForm | null = null;

  replace(
    root,
    el(
      'header',
      {},
      el('h1', { text: 'Profit Tiers' }),
      el('p', {
        class: 'hint',
        text: 'Which customers make you money, which cost you money, and what to do about it.',
      }),
    ),
    el(
      'section',
      { 'aria-labelledby': 'table-title' },
      el('h2', { id: 'table-title', text: 'Customer table' }),
      tableStatus,
      detectButton,
    ),
    el('details', { open: true, class: 'mapping' }, el('summary', { text: 'Columns' }), mappingBox),
    el('details', { class: 'group-picker' }, el('summary', { text: 'Groups' }), groupsBox),
    settings.element,
    runButton,
    progressBox,
    error,
    results,
    diagnostics?.element,
  );

  async function detect(): Promise<void> {
    error.textContent = '';
    runButton.disabled = true;
    tableStatus.textContent = 'Looking for your customer table…';
    try {
      const t = await host.detectTable();
      table = t;
      const pick = t.missing.join(' and the '); // customer, revenue: plain words
      tableStatus.textContent = `${t.rows} rows in ${t.address}, found from ${SOURCE_WORDS[t.source]}.${pick ? ` No header reads as the ${pick} column: pick it below.` : ''}`;
      mapping = mappingForm(t.headers, t.mapping);
      settings.askForCosts(activityColumns(t.mapping));
      replace(
        mappingBox,
        el('p', { class: 'hint', text: 'Guessed from the headers; change any that are wrong.' }),
        mapping.element,
      );
      groups = groupsForm(t.groupCandidates ?? []);
      replace(groupsBox, groups.element);
      if (t.mapping.period) settings.offerPeriods(t.mapping.period);
      runButton.disabled = false;
    } catch (e) {
      tableStatus.textContent = 'No customer table found yet.';
      error.textContent = message(e);
    }
  }

  function showProgress(p: Progress): void {
    bar.value = Math.round(p.fraction * 100);
    progressText.textContent = `${Math.round(p.fraction * 100)} % · ${p.message}`;
  }

  async function run(): Promise<void> {
    if (!mapping) return;
    error.textContent = '';
    runButton.disabled = true;
    progressBox.hidden = false;
    showProgress({ stage: 'read', fraction: 0, message: 'Starting…' });
    try {
      const input = settings.read(mapping.read());
      const groupBy = groups?.read() ?? [];
      if (groupBy.length) input.groupBy = groupBy;
      const summary = await host.run(input, showProgress, settings.options());
      showSummary(summary, input);
      settings.askForCosts((summary.unpriced ?? []).map((d) => FIELD_LABELS[d as Field] ?? d));
    } catch (e) {
      progressBox.hidden = true;
      error.textContent = message(e);
    } finally {
      runButton.disabled = false;
    }
  }

  function showSummary(s: RunSummary, input: SettingsInput): void {
    const title = el('h2', { id: 'results-title', tabindex: -1, text: 'Results' });
    replace(
      results,
      title,
      el('p', {
        text: `${s.customers} customers · revenue ${formatMoney(s.revenue)} · net profit ${formatMoney(s.netProfit)} · ${s.rowsUsed} rows used.`,
      }),
      warningList(s),
      matrixTable(s),
      el('p', { class: 'whale', text: `Whale curve: ${s.whaleReading}.` }),
      s.benchmark ? el('p', { class: 'benchmark hint', text: `Benchmark: ${s.benchmark}.` }) : null,
      ...(s.groups ?? []).map(groupTable),
      trendTable(s),
      losersList(s),
      ...(s.decisionNotes ?? []).map((line) => el('p', { class: 'decision', text: line })),
      rejectedList(s),
      el('p', { class: 'hint', text: `Written: ${s.sheets.join(', ')}.` }),
      whatIfSection(host, s, input),
    );
    results.hidden = false;
    title.focus(); // keyboard and screen-reader users land on the outcome
  }

  function rejectedList(s: RunSummary): HTMLElement | null {
    if (s.rejectedCount === 0) return el('p', { text: 'Every row was used.' });
    const items = s.rejected.map((p) => {
      const link = el('button', {
        type: 'button',
        class: 'link',
        text: `Row ${p.row}${p.column ? ` · ${p.column}` : ''}`,
      });
      link.addEventListener('click', () => {
        host.goTo(s.sourceSheet, p.cell).catch((e) => {
          error.textContent = message(e);
        });
      });
      return el('li', {}, link, el('span', { text: ` ${p.reason}` }));
    });
    const more =
      s.rejectedCount > s.rejected.length
        ? el('p', {
            class: 'hint',
            text: `…and ${s.rejectedCount - s.rejected.length} more on the Data Issues sheet.`,
          })
        : null;
    return el(
      'details',
      { class: 'rejected', open: s.rejectedCount <= 10 },
      el('summary', { text: `${s.rejectedCount} row${s.rejectedCount === 1 ? '' : 's'} not used` }),
      el('ul', {}, ...items),
      more,
    );
  }

  detectButton.addEventListener('click', () => void detect());
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
  const button = el('button', { type: 'button', class: 'secondary', text: 'Self-test' });
  const list = el('ul', { class: 'checks', 'aria-live': 'polite' });
  const verdict = el('p', { class: 'verdict', role: 'status' });
  const details = el(
    'details',
    { class: 'diagnostics' },
    el('summary', { text: 'Diagnostics' }),
    el('p', {
      class: 'hint',
      text: 'Checks this add-in in this workbook in about a minute: a scratch sheet of made-up customers, the full report into scratch sheets, every value compared, every worksheet function called once. It deletes what it creates.',
    }),
    button,
    list,
    verdict,
  );
  async function run(): Promise<void> {
    details.open = true;
    button.disabled = true;
    replace(list);
    verdict.textContent = 'Running the self-test…';
    try {
      const r = await runSelfTest(host, d, (c) =>
        list.append(
          el(
            'li',
            { class: c.pass ? 'pass' : 'fail' },
            el('strong', { text: c.pass ? 'pass' : 'FAIL' }),
            ` ${c.name}${c.pass && c.detail === 'pass' ? '' : `: ${c.detail}`}`,
          ),
        ),
      );
      const failed = r.checks.filter((c) => !c.pass).length;
      verdict.textContent = r.pass
        ? `Self-test passed: all ${r.checks.length} checks in ${(r.ms / 1000).toFixed(1)} s, ${r.roundTrips} round trips.`
        : `Self-test failed: ${failed} of ${r.checks.length} checks.`;
      verdict.className = `verdict ${r.pass ? 'pass' : 'fail'}`;
    } catch (e) {
      verdict.textContent = `Self-test stopped: ${message(e)}`;
      verdict.className = 'verdict fail';
    } finally {
      button.disabled = false;
      await after();
    }
  }
  button.addEventListener('click', () => void run());
  return { element: details, run };
}

/** The mapped activity columns (an order id counts as orders), by their labels. */
function activityColumns(mapping: DetectedTable['mapping']): string[] {
  return DRIVERS.filter(
    (d) => mapping[d] !== undefined || (d === 'orders' && mapping.orderId !== undefined),
  ).map((d) => FIELD_LABELS[d]);
}

/** Money-losers: their causes, what exit would do (§10), and the biggest with their advice. */
function losersList(s: RunSummary): HTMLElement | null {
  if (!s.losers.length) return null;
  const count = s.moneyLosers ?? s.losers.length;
  const causes = s.loserCauses?.length
    ? el('p', {
        class: 'causes',
        text: `${count} money-losers; their causes: ${s.loserCauses.map((c) => `${c.cause.toLowerCase()} ${c.customers}`).join(', ')}.`,
      })
    : null;
  const e = s.exit;
  const exit = e
    ? el('p', {
        class: 'exit',
        text: e.helps
          ? `Exit would raise profit for ${e.helps} of them, by ${formatMoney(e.gain)}${e.strandedCost > 0 ? ` (${formatMoney(e.strandedCost)} of their cost stays with the others)` : ''}${e.helps < count ? `; reprice the other ${count - e.helps}` : ''}.`
          : 'No money-loser leaving would raise profit (its pooled cost would stay): reprice them.',
      })
    : null;
  return el(
    'div',
    { class: 'losers' },
    el('h3', { text: 'Biggest money-losers' }),
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
          el('span', { class: 'amount', text: ` ${formatMoney(l.netProfit)}` }),
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
    const profit = el('td', { text: formatMoney(v.netProfit) });
    if (v.netProfit < 0) profit.className = 'loss';
    return el(
      'tr',
      {},
      el('th', { scope: 'row', text: v.value }),
      el('td', { text: String(v.customers) }),
      profit,
      el('td', { text: v.shareOfProfit === null ? '–' : formatPercent(v.shareOfProfit) }),
      el('td', { text: String(v.moneyLosers) }),
    );
  });
  const more = g.valueCount - g.values.length;
  return el(
    'table',
    { class: 'groups' },
    el('caption', {
      text: `Net profit by ${g.column}${more > 0 ? ` (first ${g.values.length} of ${g.valueCount}; all on the Groups sheet)` : ''}`,
    }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[g.column, 'Cust.', 'Net profit', 'Share', 'Losers'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

/** Totals per period, new and lost customers: the Trend sheet in brief. */
function trendTable(s: RunSummary): HTMLTableElement | null {
  if (!s.trend) return null;
  const rows = s.trend.totals.map((t) => {
    const profit = el('td', { text: formatMoney(t.netProfit) });
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
    el('caption', { text: 'Trend: customers and net profit per period, new and lost customers' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Period', 'Cust.', 'Net profit', 'New', 'Lost'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

function warningList(s: RunSummary): HTMLElement | null {
  if (!s.warnings?.length) return null;
  return el('ul', { class: 'warnings' }, ...s.warnings.map((w) => el('li', { text: `${w}.` })));
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
    el('th', { scope: 'col', text: 'Size \\ profit' }),
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
          el('span', { class: 'count', text: `${c.count} cust.` }),
          el('span', {
            class: 'share',
            text:
              c.shareOfProfit !== null
                ? formatPercent(c.shareOfProfit)
                : c.count
                  ? formatMoney(c.netProfit)
                  : '–',
          }),
        );
        td.style.backgroundColor = heat[si * 3 + pi];
        (td.firstChild as HTMLElement).style.backgroundColor = tierFill(c.tier);
        td.title = `${c.segment}: ${c.action}`;
        return td;
      }),
    ),
  );
  return el(
    'table',
    { class: 'matrix' },
    el('caption', {
      text: shares
        ? 'Profit matrix: customers and share of net profit'
        : 'Profit matrix: customers and net profit (a loss overall: no shares)',
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
