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

/** 1234567.891 → "1,234,568"; money for summaries, no currency symbol (the data has none). */
export function formatMoney(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/**
 * A count with its noun in the right number: `plural(1, 'customer')` → "1 customer";
 * `plural(1234, 'customer')` → "1,234 customers"; an irregular plural comes third:
 * `plural(2, 'delivery', 'deliveries')` → "2 deliveries".
 */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}
