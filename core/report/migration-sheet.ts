/**
 * The Migration sheet: where each earlier segment's customers went (the 9×9 grid plus No revenue,
 * New and Lost), moves up and down, the value of new and lost customers, and every transition with
 * its revenue and net profit in both periods.
 */
import type { Analysis } from '../analyze.js';
import { SEGMENTS } from '../defaults.js';
import { formatCount, formatMoney, plural } from '../format.js';
import { LOST, NEW, NO_REVENUE } from '../migration.js';
import { layOut } from './layout.js';
import {
  addRows,
  emptySheet,
  FORMATS,
  rect,
  type SheetSpec,
  type SheetValue,
  styleHeader,
} from './sheet-spec.js';

export function migrationSheet(a: Analysis): SheetSpec | null {
  const m = a.migration;
  if (!m) return null;
  const s = emptySheet('Migration');
  addRows(s, [
    [`Migration: ${m.from} → ${m.to}`],
    [
      `Segment moves (profitability first, then size): ${plural(m.movedUp, 'customer')} moved up, ${formatCount(m.movedDown)} moved down, ${formatCount(m.unchanged)} stayed in their segment. New: ${plural(m.new.count, 'customer')}, revenue ${formatMoney(m.new.revenue)}, net profit ${formatMoney(m.new.netProfit)}. Lost: ${plural(m.lost.count, 'customer')}, who had revenue ${formatMoney(m.lost.revenue)} and net profit ${formatMoney(m.lost.netProfit)}.`,
    ],
    ['Up: to a better profitability class, or the same class at a bigger size.'],
    [],
  ]);
  s.titles.push(rect(0, 0));
  const froms = [...SEGMENTS, NO_REVENUE, NEW],
    tos = [...SEGMENTS, NO_REVENUE, LOST];
  const count = new Map(m.transitions.map((t) => [`${t.from}|${t.to}`, t.count]));
  const head = addRows(s, [[`From ${m.from} \\ to ${m.to}`, ...tos]]);
  wrappedHeader(s, head, tos.length + 1);
  const grid = addRows(
    s,
    froms.map((f): SheetValue[] => [f, ...tos.map((t) => count.get(`${f}|${t}`) ?? null)]),
  );
  s.bold.push(rect(grid, 0, froms.length, 1));
  s.formats.push({ range: rect(grid, 1, froms.length, tos.length), format: FORMATS.integer });
  s.conditional.push({ range: rect(grid, 1, froms.length, tos.length), type: 'scale' });
  addRows(s, [[]]);
  const listHead = addRows(s, [
    [
      'From',
      'To',
      'Customers',
      `Revenue ${m.from}`,
      `Revenue ${m.to}`,
      `Net profit ${m.from}`,
      `Net profit ${m.to}`,
    ],
  ]);
  wrappedHeader(s, listHead, 7);
  const list = addRows(
    s,
    m.transitions.map((t) => [
      t.from,
      t.to,
      t.count,
      t.previousRevenue,
      t.revenue,
      t.previousNetProfit,
      t.netProfit,
    ]),
  );
  if (m.transitions.length) {
    s.formats.push(
      { range: rect(list, 2, m.transitions.length, 1), format: FORMATS.integer },
      { range: rect(list, 3, m.transitions.length, 4), format: FORMATS.money0 },
    );
  }
  return layOut(s);
}

/** A header row whose long labels (segment names) wrap. */
function wrappedHeader(s: SheetSpec, row: number, cols: number): void {
  styleHeader(s, row, cols);
  s.wrap.push(rect(row, 0, 1, cols));
}
