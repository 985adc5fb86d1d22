/**
 * The thresholds in force, in plain words, for the Profit Matrix sheet, the pane and the CLI.
 * Example (defaults): "Large: the biggest customers that together make the first 80 % of revenue".
 */
import { formatMoney, formatPercent } from './format.js';
import type { Settings } from './settings.js';

/**
 * The one definition of the overall margin (DOMAIN.md §3), said the same way wherever it appears:
 * net profit ÷ revenue over the matrix customers. The bands method's target is this, or 0 when it
 * is below 0. Example: revenue 1,000 and 400, net profit 90 and −20 → 70 / 1,400 = 5 %.
 */
export const OVERALL_MARGIN = 'net profit ÷ revenue of the customers with revenue';

export function thresholdsInWords(s: Settings, marginTarget: number | null): string[] {
  const size = s.size,
    p = s.profitability;
  const lines: string[] = [];
  if (size.method === 'pareto') {
    lines.push(
      `Large: the biggest customers, who together make the first ${formatPercent(size.large)} of revenue.`,
    );
    lines.push(
      `Medium: the next, up to ${formatPercent(size.medium)} of revenue. Small: the rest.`,
    );
  } else if (size.method === 'terciles') {
    lines.push('Large, Medium, Small: the top, middle and bottom third of customers by revenue.');
  } else {
    lines.push(
      `Large: revenue of ${formatMoney(size.large)} or more. Medium: ${formatMoney(size.medium)} or more. Small: less.`,
    );
  }
  if (p.method === 'bands') {
    const clamped = p.target === null && marginTarget === 0; // the overall margin is 0 or below: the target stops at 0
    const why =
      p.target !== null
        ? ''
        : clamped
          ? ` (the overall margin, ${OVERALL_MARGIN}, is 0 % or less, so every customer who does not lose money is High)`
          : ` (the overall margin: ${OVERALL_MARGIN})`;
    lines.push(
      `High: net margin at or above ${formatPercent(marginTarget ?? 0)}${why}. Low: customers who lose money. Mid: the rest.`,
    );
  } else if (p.method === 'terciles') {
    lines.push('High, Mid, Low: the top, middle and bottom third by net margin within each size.');
  } else {
    lines.push(
      `High: net margin of ${formatPercent(p.high)} or more. Mid: ${formatPercent(p.low)} or more. Low: less.`,
    );
  }
  return lines;
}
