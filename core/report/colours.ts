/** Colours shared by every renderer: heat on the matrix, one fill per tier. */

const RED = [248, 105, 107],
  WHITE = [255, 255, 255],
  GREEN = [99, 190, 123];

/**
 * Diverging heat colour for a value in [-1, 1]: red for losses, white at 0, green for profit
 * (Excel's own 3-colour scale ends). Example: `heat(1)` → '#63BE7B', `heat(0)` → '#FFFFFF'.
 */
export function heat(x: number): string {
  const t = Math.max(-1, Math.min(1, Number.isFinite(x) ? x : 0));
  const end = t < 0 ? RED : GREEN,
    k = Math.abs(t);
  return (
    '#' +
    WHITE.map((w, i) =>
      Math.round(w + (end[i] - w) * k)
        .toString(16)
        .padStart(2, '0'),
    )
      .join('')
      .toUpperCase()
  );
}

/** The weakest heat of a non-zero cell: a small loss next to a large profit is still clearly red. */
export const MIN_HEAT = 0.35;

/**
 * The heat of each matrix cell from its net profit (DOMAIN.md §17: colours follow money): green
 * for profit, red for loss, stronger for more. Losses are scaled by the largest loss and profits by
 * the largest profit, from MIN_HEAT up, so a −22,716 cell beside a +620k cell is visibly red, not
 * white. A losing cell is never green, whatever the sign of the total; only 0 is white.
 * Example: net profits [300, 150, 0, −150, −300] → heat 1, (0.35 + 0.65 × 0.5), 0, −0.675, −1.
 */
export function profitHeat(netProfits: readonly number[]): string[] {
  let maxProfit = 0,
    maxLoss = 0;
  for (const x of netProfits) {
    if (x > maxProfit) maxProfit = x;
    if (-x > maxLoss) maxLoss = -x;
  }
  return netProfits.map((x) => {
    if (x > 0) return heat(MIN_HEAT + (1 - MIN_HEAT) * (x / maxProfit));
    if (x < 0) return heat(-(MIN_HEAT + (1 - MIN_HEAT) * (-x / maxLoss)));
    return heat(0);
  });
}

const TIER_FILLS: Record<string, string> = {
  Concierge: '#C6EFCE',
  Grow: '#DDEBF7',
  Maintain: '#FFF2CC',
  Fix: '#FFC7CE',
  'Self-service': '#EDEDED',
};

/** The fill of a tier's cells; a remapped, unknown tier name gets a neutral grey. */
export function tierFill(tier: string): string {
  return TIER_FILLS[tier] ?? '#F2F2F2';
}

/** The 3-colour scale of the 'scale' conditional format: red at the minimum, white at 0, green at the maximum. */
export const SCALE_COLOURS = [heat(-1), heat(0), heat(1)] as const;
/** Font colour of the 'negative' conditional format (Excel's dark red). */
export const LOSS_FONT = '#C00000';

export const HEADER_FILL = '#1F4E5F';
export const HEADER_FONT = '#FFFFFF';
