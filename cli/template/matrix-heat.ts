/**
 * The report's matrix colours (DOMAIN.md §17, core/report/colours.ts `profitHeat`) as live
 * conditional formats: a cell's colour follows its own net profit — green for profit, red for loss,
 * stronger for more, scaled by the largest profit or the largest loss among the nine cells; an
 * empty or break-even cell stays white. A formula cannot pick a colour, so each side is cut into
 * HEAT_BANDS bands of net profit ÷ the largest, each painted with profitHeat's colour at the band's
 * middle: the report's own rule, sampled, not a second copy of it.
 */
import type ExcelJS from 'exceljs';
import { profitHeat, tierFill } from '../../core/report/colours.js';
import { argb } from '../render-xlsx.js';

export const HEAT_BANDS = 8;

export interface HeatBand {
  /** The band holds net profit ÷ the largest profit (or loss) in [from, to); the last band holds to 1. */
  from: number;
  to: number;
  /** profitHeat's colour at the band's middle, for a profit (`profit`) and for a loss (`loss`). */
  profit: string;
  loss: string;
}

/**
 * The bands, weakest first. Example: with 8 bands the first holds profits up to 1/8 of the largest
 * and is painted profitHeat([1/16, 1])[0], a pale green.
 */
export function heatBands(bands = HEAT_BANDS): HeatBand[] {
  return Array.from({ length: bands }, (_, i) => {
    const mid = (i + 0.5) / bands;
    return {
      from: i / bands,
      to: (i + 1) / bands,
      profit: profitHeat([mid, 1])[0],
      loss: profitHeat([-mid, -1])[0],
    };
  });
}

const fill = (color: string): Partial<ExcelJS.Style> => ({
  fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(color) } },
});

/**
 * Rules that paint `range` (a cell's block in the grid) by the net profit in `net` (an absolute
 * A1 cell), against the largest profit `maxProfit` and largest loss `maxLoss` (cells or names,
 * both ≥ 0). The bands are disjoint, so the result does not depend on rule order or stopIfTrue.
 */
export function heatRules(
  range: string,
  net: string,
  maxProfit: string,
  maxLoss: string,
): ExcelJS.ConditionalFormattingOptions {
  const rules: ExcelJS.ConditionalFormattingRule[] = [];
  const last = HEAT_BANDS - 1;
  heatBands().forEach((b, i) => {
    const upP = i === last ? '' : `,${net}<${b.to}*${maxProfit}`;
    const upL = i === last ? '' : `,-${net}<${b.to}*${maxLoss}`;
    rules.push(
      {
        type: 'expression',
        priority: 0,
        formulae: [`AND(${net}>0,${net}>=${b.from}*${maxProfit}${upP})`],
        style: fill(b.profit),
      },
      {
        type: 'expression',
        priority: 0,
        formulae: [`AND(${net}<0,-${net}>=${b.from}*${maxLoss}${upL})`],
        style: fill(b.loss),
      },
    );
  });
  return { ref: range, rules };
}

/**
 * The tier row of the grid in the report's tier fills, by the tier name each cell shows (the
 * Settings map may rename them: a name of no default tier gets tierFill's neutral grey).
 */
export function tierRules(
  range: string,
  tiers: readonly string[],
): ExcelJS.ConditionalFormattingOptions {
  return {
    ref: range,
    rules: [...new Set(tiers)].map((t) => ({
      type: 'cellIs',
      operator: 'equal',
      priority: 0,
      formulae: [`"${t.replace(/"/g, '""')}"`],
      style: fill(tierFill(t)),
    })),
  };
}
