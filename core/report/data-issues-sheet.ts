/**
 * The Data Issues sheet: every input row that was not used, with its row, column, cell and reason;
 * the warnings; and the report cells whose text was cut to Excel's cell limit (`cut`). Laid out
 * (layout.ts) by the caller, once every row is in.
 */

import type { Analysis } from '../analyze.js';
import { plural } from '../format.js';
import { textCutLine } from './cell-text-limit.js';
import { addRows, emptySheet, FORMATS, rect, type SheetSpec, styleHeader } from './sheet-spec.js';

export function dataIssuesSheet(a: Analysis, cut: readonly string[] = []): SheetSpec {
  const s = emptySheet('Data Issues');
  const r = a.rows.rejected;
  addRows(s, [['Row', 'Column', 'Cell', 'Reason']]);
  styleHeader(s, 0, 4);
  if (r.length === 0)
    addRows(s, [
      [
        null,
        null,
        null,
        a.rows.used === 1
          ? 'No issues: the 1 row was used.'
          : `No issues: all ${plural(a.rows.used, 'row')} were used.`,
      ],
    ]);
  else {
    addRows(
      s,
      r.map((p) => [p.row, p.column || '(whole row)', p.cell, p.reason]),
    );
    s.formats.push({ range: rect(1, 0, r.length, 1), format: FORMATS.integer });
  }
  const prev = a.previousRows;
  if (prev?.rejected.length) {
    // the --previous table's rows are accounted for too
    addRows(s, [
      [
        null,
        null,
        null,
        `Rows of the previous table${a.migration ? ` (${a.migration.from})` : ''} not used:`,
      ],
    ]);
    const first = s.values.length;
    addRows(
      s,
      prev.rejected.map((p) => [p.row, p.column || '(whole row)', p.cell, p.reason]),
    );
    s.formats.push({ range: rect(first, 0, prev.rejected.length, 1), format: FORMATS.integer });
  }
  for (const w of a.warnings) addRows(s, [[null, null, null, `Warning: ${w}`]]);
  if (cut.length) addRows(s, [[null, null, null, textCutLine(cut)]]);
  s.freezeRows = 1;
  return s;
}
