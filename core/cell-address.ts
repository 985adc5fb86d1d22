/** A1-style addresses, so every listed problem can link to its cell. */

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  for (c += 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * A range with its sheet, as Excel and Sheets write it: the name quoted when it holds anything but
 * letters, digits and underscores. Example: `sheetRange('Sales data', 'A1:C9')` → `'Sales data'!A1:C9`.
 */
export function sheetRange(sheet: string, range: string): string {
  const name = /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${range}`;
}
