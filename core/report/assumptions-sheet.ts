/**
 * The Assumptions sheet (DOMAIN.md §17): every number the report rests on and where it came
 * from — input and time of the run, column mapping, rates (direct, pool ÷ volume, capacity),
 * cost of capital, thresholds, tier map, the rules of the causes, avoidable shares.
 */
import type { Analysis } from '../analyze.js';
import { type Assumption, assumptions, type RunInfo } from '../assumptions.js';
import { layOut } from './layout.js';
import { addRows, emptySheet, FORMATS, rect, type SheetSpec, styleHeader } from './sheet-spec.js';

export function assumptionsSheet(a: Analysis, run: RunInfo = {}): SheetSpec {
  const s = emptySheet('Assumptions');
  addRows(s, [
    ['Assumptions'],
    ['What this report rests on. Change a setting and run again to see its effect.'],
    [],
  ]);
  s.titles.push(rect(0, 0));
  const head = addRows(s, [['Section', 'Item', 'Value', 'Where it comes from']]);
  styleHeader(s, head, 4);
  const list = assumptions(a, run);
  const first = addRows(
    s,
    list.map((x) => [
      x.section,
      x.item,
      x.unit === 'time' ? runTimeText(x.value) : x.value,
      x.note,
    ]),
  );
  // each number in its unit: 0.1 → 10 %, a rate as money, a multiple as 3.0×
  list.forEach((x, i) => {
    const format = typeof x.value === 'number' ? unitFormat(x.unit, x.value) : null;
    if (format) s.formats.push({ range: rect(first + i, 2), format });
  });
  // a section's name only on its first row, so the sections read as blocks
  list.forEach((x, i) => {
    if (i > 0 && list[i - 1].section === x.section) s.values[first + i][0] = null;
    else s.bold.push(rect(first + i, 0));
  });
  s.freezeRows = head + 1;
  return layOut(s);
}

/**
 * The number format of an Assumptions value in its unit: a share as a percent with the digits it
 * has (0.1 → "10%", 0.025 → "2.5%"), money with thousands and two decimals, a multiple as "1.25×".
 * Example: `unitFormat('share', 0.1)` → '0%'.
 */
export function unitFormat(unit: Assumption['unit'], value: number): string | null {
  if (unit === 'share') {
    const p = Math.abs(value * 100);
    const decimals = [0, 1, 2].find((d) => Math.abs(Number(p.toFixed(d)) - p) < 1e-9) ?? 2;
    return decimals === 0 ? '0%' : `0.${'0'.repeat(decimals)}%`;
  }
  if (unit === 'money') return Number.isInteger(value) ? FORMATS.integer : '#,##0.00##';
  if (unit === 'multiple') return '0.0#"×"';
  return null;
}

/**
 * The run's ISO time as a reader writes it, in UTC: '2026-12-03T14:32:05.123Z' →
 * '2026-12-03 14:32 UTC'. Anything else (a host's own text, null) is left as it is.
 */
export function runTimeText(v: Assumption['value']): Assumption['value'] {
  if (typeof v !== 'string') return v;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(v);
  return m ? `${m[1]} ${m[2]} UTC` : v;
}
