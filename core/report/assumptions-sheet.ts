/**
 * The Assumptions sheet (DOMAIN.md §17): every number the report rests on and where it came
 * from — input and time of the run, column mapping, rates (direct, pool ÷ volume, capacity),
 * cost of capital, thresholds, tier map, the rules of the causes, avoidable shares.
 */
import type { Analysis } from '../analyze.js';
import { assumptions, type RunInfo } from '../assumptions.js';
import { layOut } from './layout.js';
import { addRows, emptySheet, rect, type SheetSpec, styleHeader } from './sheet-spec.js';

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
    list.map((x) => [x.section, x.item, x.value, x.note]),
  );
  // a section's name only on its first row, so the sections read as blocks
  list.forEach((x, i) => {
    if (i > 0 && list[i - 1].section === x.section) s.values[first + i][0] = null;
    else s.bold.push(rect(first + i, 0));
  });
  s.freezeRows = head + 1;
  return layOut(s);
}
