// Placing the report's sheets on a (re-)run: ours reused in place, the user's never touched, new
// ones next to the report sheet before them, stale ones of ours removed last.
import { describe, expect, it } from 'vitest';
import { type ExistingSheet, planSheets } from '../../../core/report/sheet-plan.js';

const REPORT = ['Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Data Issues'];
const user = (name: string): ExistingSheet => ({ name, report: null });
const ours = (name: string, report = name): ExistingSheet => ({ name, report });

describe('planSheets', () => {
  it('first run: every sheet is created after the user’s, in report order', () => {
    const plan = planSheets([user('Data'), user('Notes')], REPORT);
    expect(plan.steps).toEqual(
      REPORT.map((name, i) => ({ report: name, name, action: 'create', at: 2 + i })),
    );
    expect(plan.remove).toEqual([]);
    expect(plan.order).toEqual(['Data', 'Notes', ...REPORT]);
  });

  it('re-run: our sheets are reused where the user moved them, a user’s sheet between them stays', () => {
    const existing = [
      ours('Customers'),
      user('Data'),
      ours('Profit Matrix'),
      user('Notes'),
      ours('Whale Curve'),
      ours('Why'),
      ours('Data Issues'),
    ];
    const plan = planSheets(existing, REPORT);
    expect(plan.steps.map((s) => [s.name, s.action])).toEqual(REPORT.map((n) => [n, 'reuse']));
    expect(plan.order).toEqual(existing.map((s) => s.name));
  });

  it('the self-test’s scratch report and the real one leave each other’s sheets alone', () => {
    const existing = [user('Data'), ours('Profit Matrix'), ours('Self-test Profit Matrix')];
    const scratch = planSheets(existing, ['Self-test Profit Matrix', 'Self-test Why']);
    expect(scratch.steps).toEqual([
      { report: 'Self-test Profit Matrix', name: 'Self-test Profit Matrix', action: 'reuse' },
      { report: 'Self-test Why', name: 'Self-test Why', action: 'create', at: 3 },
    ]);
    expect(scratch.remove).toEqual([]); // the real Profit Matrix stays
    const real = planSheets(existing, ['Why']);
    expect(real.steps).toEqual([{ report: 'Why', name: 'Why', action: 'create', at: 3 }]);
    expect(real.remove).toEqual(['Profit Matrix']); // stale and ours; the scratch sheet stays
  });

  it('a What-if writes its Scenarios sheet and leaves the rest of the report as it is', () => {
    const existing = [user('Data'), ours('Profit Matrix'), ours('Why'), ours('Why (2)', 'Why')];
    const plan = planSheets(existing, ['Scenarios', 'Why'], { keepOthers: true });
    expect(plan.steps).toEqual([
      { report: 'Scenarios', name: 'Scenarios', action: 'create', at: 2 },
      { report: 'Why', name: 'Why', action: 'reuse' },
    ]);
    expect(plan.remove).toEqual(['Why (2)']); // a second sheet marked for a sheet written goes
  });

  it('keeps a user’s sheet with a report name and suffixes ours, whatever the case', () => {
    const existing = ['Data', 'profit matrix', 'CUSTOMERS', 'Customers (2)'].map(user);
    const plan = planSheets(existing, REPORT);
    expect(plan.steps.slice(0, 2)).toEqual([
      { report: 'Profit Matrix', name: 'Profit Matrix (2)', action: 'create', at: 4 },
      { report: 'Customers', name: 'Customers (3)', action: 'create', at: 5 },
    ]);
    // A re-run finds ours by the mark, not by the name, and reuses it under its suffixed name.
    const again = planSheets(
      [user('Data'), user('profit matrix'), ours('Profit Matrix (2)', 'Profit Matrix')],
      ['Profit Matrix'],
    );
    expect(again.steps).toEqual([
      { report: 'Profit Matrix', name: 'Profit Matrix (2)', action: 'reuse' },
    ]);
  });

  it('puts a new sheet right after the report sheet before it, a new first one before the first reused', () => {
    // An earlier run without Whale Curve; now Migration and Whale Curve join, Data Issues is gone.
    const existing = [
      user('Data'),
      ours('Profit Matrix'),
      ours('Customers'),
      user('Notes'),
      ours('Why'),
      ours('Data Issues'),
    ];
    const wanted = ['Summary', 'Profit Matrix', 'Customers', 'Whale Curve', 'Why', 'Migration'];
    const plan = planSheets(existing, wanted);
    expect(plan.steps).toEqual([
      { report: 'Summary', name: 'Summary', action: 'create', at: 1 },
      { report: 'Profit Matrix', name: 'Profit Matrix', action: 'reuse' },
      { report: 'Customers', name: 'Customers', action: 'reuse' },
      { report: 'Whale Curve', name: 'Whale Curve', action: 'create', at: 4 },
      { report: 'Why', name: 'Why', action: 'reuse' },
      { report: 'Migration', name: 'Migration', action: 'create', at: 7 },
    ]);
    expect(plan.remove).toEqual(['Data Issues']);
    expect(plan.order).toEqual([
      'Data',
      'Summary',
      'Profit Matrix',
      'Customers',
      'Whale Curve',
      'Notes',
      'Why',
      'Migration',
    ]);
  });

  it('removes our sheets the report no longer has, and a second sheet marked for the same one', () => {
    const existing = [
      user('Data'),
      ours('Profit Matrix'),
      ours('Migration'),
      ours('Profit Matrix (2)', 'Profit Matrix'),
    ];
    const plan = planSheets(existing, ['Profit Matrix', 'Customers']);
    expect(plan.remove).toEqual(['Migration', 'Profit Matrix (2)']);
    // Customers is inserted while the stale sheets are still there: right after Profit Matrix.
    expect(plan.steps[1]).toEqual({
      report: 'Customers',
      name: 'Customers',
      action: 'create',
      at: 2,
    });
    expect(plan.order).toEqual(['Data', 'Profit Matrix', 'Customers']);
  });

  it('names a new sheet clear of a stale one it could collide with until that one is gone', () => {
    // The user renamed our old Migration sheet "Why"; this run has no Migration but a Why.
    const plan = planSheets([user('Data'), ours('Why', 'Migration')], ['Why']);
    expect(plan.steps).toEqual([{ report: 'Why', name: 'Why (2)', action: 'create', at: 2 }]);
    expect([plan.remove, plan.order]).toEqual([['Why'], ['Data', 'Why (2)']]);
  });
});
