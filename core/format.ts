/**
 * Display formatting shared by every host's summary text. Rounding happens here only, for people;
 * numbers in results stay unrounded (DOMAIN.md §9).
 */

/**
 * 0.2234 → "22 %"; 1.6 → "160 %"; 299.2 → "29,920 %"; below 10 % one decimal: 0.054 → "5.4 %".
 * A non-zero share is never shown as zero: below 0.05 % two decimals (0.0004 → "0.04 %"), below
 * 0.005 % "<0.01 %" (0.00001 → "<0.01 %", −0.00001 → "-<0.01 %").
 */
export function formatPercent(share: number): string {
  const p = share * 100,
    a = Math.abs(p);
  if (a > 0 && a < 0.005) return `${p < 0 ? '-' : ''}<0.01 %`;
  if (a > 0 && a < 0.05) return `${p.toFixed(2)} %`;
  const text = a < 10 && Math.round(p) !== p ? p.toFixed(1) : Math.round(p).toLocaleString('en-US');
  return `${text} %`;
}

/**
 * 1234567.891 → "1,234,568"; money for summaries, no currency symbol (the data has none). Exactly
 * `toLocaleString('en-US')` of the rounded value, at less than half its cost (the report formats
 * money in every customer's texts); beyond safe integers, and for -0, that itself.
 */
export function formatMoney(x: number): string {
  const n = Math.round(x);
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(n < 0 ? -n : n);
  let i = digits.length % 3 || 3,
    out = digits.slice(0, i);
  for (; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}

/**
 * A count with its noun in the right number: `plural(1, 'customer')` → "1 customer";
 * `plural(1234, 'customer')` → "1,234 customers"; an irregular plural comes third:
 * `plural(2, 'delivery', 'deliveries')` → "2 deliveries".
 */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : many}`;
}

/** A count as the summaries write it, with thousands separators: 10294 → "10,294". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
