/**
 * The template's matrix colours sample the report's rule (profitHeat): green for profit, red for
 * loss, stronger for more, and no colour at all for a cell of 0 (an empty segment stays white).
 */
import { describe, expect, it } from 'vitest';
import { HEAT_BANDS, heatBands, heatRules } from '../../cli/template/matrix-heat.js';
import { heat, MIN_HEAT, profitHeat } from '../../core/report/colours.js';

const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

describe('matrix heat bands', () => {
  it('cover 0 to 1 of the largest profit or loss in equal bands', () => {
    const b = heatBands();
    expect(b.length).toBe(HEAT_BANDS);
    expect(b[0].from).toBe(0);
    expect(b.at(-1)!.to).toBe(1);
    for (let i = 1; i < b.length; i++) expect(b[i].from).toBe(b[i - 1].to);
  });

  it("paint each band in the report's colour at its middle", () => {
    // hand-worked: the first band's middle is 1/16 of the largest profit → heat 0.35 + 0.65/16
    expect(heatBands()[0].profit).toBe(heat(MIN_HEAT + (1 - MIN_HEAT) / 16));
    expect(heatBands()[0].profit).toBe(profitHeat([1 / 16, 1])[0]);
    expect(heatBands().at(-1)!.loss).toBe(profitHeat([-15 / 16, -1])[0]);
  });

  it('make profits green and losses red, stronger band by band', () => {
    let lastProfitRed = 255,
      lastLossGreen = 255;
    for (const b of heatBands()) {
      const [pr, pg] = rgb(b.profit),
        [lr, lg] = rgb(b.loss);
      expect(pg).toBeGreaterThan(pr);
      expect(lr).toBeGreaterThan(lg);
      expect(pr).toBeLessThan(lastProfitRed);
      expect(lg).toBeLessThan(lastLossGreen);
      lastProfitRed = pr;
      lastLossGreen = lg;
    }
  });

  it('leave a cell of 0 unpainted: every rule needs a profit or a loss', () => {
    const r = heatRules('C7:C10', '$C$9', '$C$25', '$C$26');
    expect(r.ref).toBe('C7:C10');
    expect(r.rules.length).toBe(2 * HEAT_BANDS);
    for (const rule of r.rules) {
      const f = String((rule as { formulae: unknown[] }).formulae[0]);
      expect(f).toMatch(/^AND\(\$C\$9>0,|^AND\(\$C\$9<0,/);
    }
  });
});
