/**
 * Where the report's sheets go on a run: one pure plan that the Excel and the Sheets renderer both
 * carry out, so a re-run behaves the same in both.
 *
 * - The add-in marks each sheet it writes with the report sheet it holds. A re-run REUSES a marked
 *   sheet in place (same position, same name), so a user's formula pointing at 'Profit Matrix'!C7
 *   keeps working; deleting and re-adding the sheet would turn it into #REF! for good.
 * - A user's sheet (unmarked) is never touched, even with a report name: ours becomes
 *   "Profit Matrix (2)" (names compare case-insensitively, as in both hosts).
 * - A new sheet goes right after the report sheet before it; a new first one goes before the first
 *   reused sheet, or after every sheet when none is reused.
 * - The self-test's scratch report ("Self-test Profit Matrix", …) and the real report are two
 *   reports: a run of one leaves the other's sheets alone, as it does the user's.
 * - With `keepOthers` (the What-if writes only its Scenarios sheet) our sheets the run does not
 *   name are left as they are.
 * - Marked sheets the report no longer has (Migration from an earlier run with periods, a second
 *   sheet marked for the same report sheet) are removed — last, after the new sheets exist, so the
 *   workbook never runs out of sheets.
 */
import { isScratch } from './report-sheets.js';
import { freeName } from './sheet-spec.js';

export interface ExistingSheet {
  name: string;
  /** The report sheet it holds when the add-in's mark is on it; null for the user's own sheets. */
  report: string | null;
}

export type SheetStep =
  /** Clear the existing sheet `name` and write `report` into it. */
  | { report: string; name: string; action: 'reuse' }
  /**
   * Insert a sheet `name` at 0-based index `at` (counting every sheet there is at that moment:
   * the existing ones, stale ones included, and those the earlier steps created), mark it, write.
   */
  | { report: string; name: string; action: 'create'; at: number };

export interface SheetPlan {
  /** One step per report sheet, in report order. */
  steps: SheetStep[];
  /** Stale sheets of ours to delete once every step is done. */
  remove: string[];
  /** The workbook's sheet order after the run. */
  order: string[];
}

/**
 * Plans the report's sheets over the workbook's sheets (in their order).
 * Example: sheets `Data`, `Profit Matrix` (the user's), `Customers` (ours), `Migration` (ours) and
 * report `Profit Matrix`, `Customers`, `Why` → create "Profit Matrix (2)" at 2 (before Customers),
 * reuse Customers, create Why at 4 (after it), remove Migration; order `Data`, `Profit Matrix`,
 * `Profit Matrix (2)`, `Customers`, `Why`.
 */
export function planSheets(
  existing: readonly ExistingSheet[],
  wanted: readonly string[],
  { keepOthers = false }: { keepOthers?: boolean } = {},
): SheetPlan {
  const reuse = new Map<string, string>();
  const remove: string[] = [];
  const scratchRun = wanted.length > 0 && isScratch(wanted[0]);
  for (const { name, report } of existing) {
    if (report === null || isScratch(report) !== scratchRun) continue; // not this report's
    if (wanted.includes(report) && !reuse.has(report)) reuse.set(report, name);
    else if (!keepOthers || wanted.includes(report)) remove.push(name); // a second mark stays stale
  }
  // New names keep clear of every sheet there is while they are added, stale ones included.
  const taken = new Set(existing.map((s) => s.name));
  const order = existing.map((s) => s.name);
  let previous: string | null = null;
  const steps = wanted.map((report): SheetStep => {
    const kept = reuse.get(report);
    if (kept !== undefined) {
      previous = kept;
      return { report, name: kept, action: 'reuse' };
    }
    const name = freeName(report, taken);
    taken.add(name);
    const at =
      previous === null
        ? Math.min(order.length, ...[...reuse.values()].map((n) => order.indexOf(n)))
        : order.indexOf(previous) + 1;
    order.splice(at, 0, name);
    previous = name;
    return { report, name, action: 'create', at };
  });
  const gone = new Set(remove);
  return { steps, remove, order: order.filter((n) => !gone.has(n)) };
}
