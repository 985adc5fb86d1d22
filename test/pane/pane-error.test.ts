// The pane's one presentation of the core's error codes: the core's line as a sentence, then what
// to do in the pane (the Excel task pane and the Sheets sidebar show the same words).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { PaneError, paneMessage } from '../../pane/pane-error.js';

describe('paneMessage', () => {
  it('makes the core’s line a sentence and says where to fix it in the pane', () => {
    const out = analyze({
      values: [
        ['Customer', 'Region'],
        ['A', 'North'],
      ],
    });
    if (out.ok) throw new Error('expected an error');
    expect(paneMessage(out.error)).toBe(
      'No revenue column (e.g. "Revenue", "Sales") (headers found: "Customer", "Region"). Pick it under Columns.',
    );
  });

  it('lists every settings problem and adds nothing where the line already says what to do', () => {
    const out = analyze({ values: [['Customer', 'Revenue']] }, { costOfCapital: 2, bogus: 1 });
    if (out.ok) throw new Error('expected an error');
    expect(out.error.code).toBe('bad-settings');
    expect(paneMessage(out.error)).toMatch(
      /^Settings: unknown setting "bogus" .*; costOfCapital must be a yearly rate between 0 and 1 \(got 2\)\.$/,
    );
    expect(
      paneMessage({
        code: 'table-gone',
        message: 'the sheet "Data" … choose "Use my table"',
      }),
    ).toBe('The sheet "Data" … choose "Use my table".');
  });

  it('travels as a PaneError carrying the code', () => {
    const e = new PaneError({
      code: 'no-usable-rows',
      message: 'no usable rows: all 2 rows were rejected',
    });
    expect([e instanceof Error, e.code, e.message]).toEqual([
      true,
      'no-usable-rows',
      'No usable rows: all 2 rows were rejected. Check the columns picked under Columns.',
    ]);
  });
});
