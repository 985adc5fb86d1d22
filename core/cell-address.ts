/** A1-style addresses, so every listed problem can link to its cell. */

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  for (c += 1; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}
