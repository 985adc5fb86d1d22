/**
 * Excel's cell limit: a cell holds at most 32,767 characters, and a longer text makes the whole
 * workbook unreadable in Excel. Every report sheet (all three renderers draw the same values) cuts
 * a longer text to the limit, ending in "…", and the Data Issues sheet says which cells.
 */
import { columnLetter } from '../cell-address.js';
import { plural } from '../format.js';
import type { SheetSpec } from './sheet-spec.js';

export const CELL_TEXT_LIMIT = 32_767;

/**
 * Cuts, in place, every text of `sheet` longer than CELL_TEXT_LIMIT to that many characters, the
 * last being "…" (never splitting a surrogate pair); returns the A1 addresses cut.
 * Example: a 40,000-character customer name in B2 → 32,766 characters + "…", returns ['B2'].
 */
export function cutLongText(sheet: SheetSpec): string[] {
  const cut: string[] = [];
  for (let r = 0; r < sheet.values.length; r++) {
    const row = sheet.values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length <= CELL_TEXT_LIMIT) continue;
      let end = CELL_TEXT_LIMIT - 1;
      const last = v.charCodeAt(end - 1);
      if (last >= 0xd800 && last <= 0xdbff) end--; // keep a surrogate pair whole
      row[c] = `${v.slice(0, end)}…`;
      cut.push(`${columnLetter(c)}${r + 1}`);
    }
  }
  return cut;
}

/**
 * The Data Issues line for the cells cut, named `'Sheet'!A1`; the first ten, then how many more.
 * Example: `textCutLine(["'Customers'!B2"])` → 'Text cut: 1 cell held more than 32,767 …'.
 */
export function textCutLine(cells: readonly string[]): string {
  const shown = cells.slice(0, 10).join(', ');
  const more = cells.length > 10 ? ` and ${(cells.length - 10).toLocaleString('en-US')} more` : '';
  return `Text cut: ${plural(cells.length, 'cell')} held more than 32,767 characters (Excel's limit for a cell), cut to end in "…": ${shown}${more}`;
}
