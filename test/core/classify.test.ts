// DOMAIN.md §3–4: size × profitability → one of 9 segments (`Large/High`, code `L-H`) → tier and
// action by the default map, which the user can remap by segment name or short code.
import { describe, expect, it } from 'vitest';
import { classify } from '../../core/classify.js';
import { SEGMENTS } from '../../core/defaults.js';
import { customer, customers, run, settings, tiers } from './builder.js';

// One customer per segment, with fixed thresholds so each lands where its name says:
// size ≥ 1000 Large, ≥ 100 Medium, else Small; margin ≥ 20 % High, ≥ 0 Mid, else Low.
const NINE = customers({
  LH: { revenue: 1000, cogs: 700 }, // margin .30
  LM: { revenue: 1000, cogs: 900 }, // .10
  LL: { revenue: 1000, cogs: 1010 }, // −.01
  MH: { revenue: 500, cogs: 300 }, // .40
  MM: { revenue: 500, cogs: 450 }, // .10
  ML: { revenue: 500, cogs: 501 }, // −.002
  SH: { revenue: 50, cogs: 30 }, // .40
  SM: { revenue: 50, cogs: 45 }, // .10
  SL: { revenue: 50, cogs: 55 }, // −.10
});
const FIXED = {
  size: { method: 'fixed', large: 1000, medium: 100 },
  profitability: { method: 'fixed', high: 0.2, low: 0 },
};

describe('the default tier map', () => {
  it('gives each of the nine segments its tier and action', () => {
    const a = run(NINE, FIXED);
    const expected: Record<string, [string, string, string]> = {
      LH: [
        'Large/High',
        'Concierge',
        'Protect: dedicated team, first call on inventory, fast bids',
      ],
      LM: ['Large/Mid', 'Maintain', 'Serve at lower cost, move up'],
      // Fix customers' actions follow the exit recommendation (§10): without cost-to-serve,
      // leaving takes only the negative gross profit away, so exit raises profit
      LL: [
        'Large/Low',
        'Fix',
        'Exit: leaving raises profit by 10, unless a 1 % price rise is accepted; main cause Gross margin: price list, product mix',
      ],
      MH: ['Medium/High', 'Grow', 'Consultative selling to move up'],
      MM: ['Medium/Mid', 'Maintain', 'Look for cost cuts'],
      ML: [
        'Medium/Low',
        'Fix',
        'Exit: leaving raises profit by 1, unless a 0.2 % price rise is accepted; main cause Gross margin: price list, product mix',
      ],
      SH: ['Small/High', 'Grow', 'Under-served, buys at full margin: grow'],
      SM: ['Small/Mid', 'Self-service', 'Serve efficiently'],
      // a money-loser outside Fix gets the same advice, then its segment's action
      SL: [
        'Small/Low',
        'Self-service',
        'Exit: leaving raises profit by 5, unless a 10 % price rise is accepted; main cause Gross margin: price list, product mix; Self-service action: Minimum orders, fees, digital channels',
      ],
    };
    for (const [key, [segment, tier, action]] of Object.entries(expected)) {
      const c = customer(a, key);
      expect([c.segment, c.tier, c.action], key).toEqual([segment, tier, action]);
    }
    // the matrix keeps each segment's own action
    expect(a.matrix[2].action).toBe('High-volume money-loser: reprice, cut cost-to-serve, or exit');
    expect(a.matrix.map((m) => m.code)).toEqual([
      'L-H',
      'L-M',
      'L-L',
      'M-H',
      'M-M',
      'M-L',
      'S-H',
      'S-M',
      'S-L',
    ]);
  });

  it('codes segments as size × 3 + profitability (Large/High = 0 … Small/Low = 8)', () => {
    // revenue [900, 100], net profit [90, −5]: before(100) = 900 / 1000 = .9 → Medium (< .95);
    // −5 < 0 → Low. So Large/High (0) and Medium/Low (1 × 3 + 2 = 5).
    const c = classify(Float64Array.of(900, 100), Float64Array.of(90, -5), settings({}));
    expect(Array.from(c.segment)).toEqual([0, 5]);
    expect(Array.from(c.segment, (s) => SEGMENTS[s])).toEqual(['Large/High', 'Medium/Low']);
    expect(Array.from(c.size)).toEqual([0, 1]);
    expect(Array.from(c.profit)).toEqual([0, 2]);
  });
});

describe('remapping tiers', () => {
  it('renames one segment by short code: {"L-H": "VIP"}', () => {
    const a = run(NINE, { ...FIXED, tiers: { 'L-H': 'VIP' } });
    expect(tiers(a)).toEqual({
      LH: 'VIP',
      LM: 'Maintain',
      LL: 'Fix',
      MH: 'Grow',
      MM: 'Maintain',
      ML: 'Fix',
      SH: 'Grow',
      SM: 'Self-service',
      SL: 'Self-service',
    });
    expect(a.matrix[0].tier).toBe('VIP');
  });

  it('renames by full segment name, and actions too', () => {
    const a = run(NINE, {
      ...FIXED,
      tiers: { 'Medium/Low': 'Reprice', 'Small/High': 'Key account' },
      actions: { 'S-L': 'Move online' },
    });
    expect(customer(a, 'ML').tier).toBe('Reprice');
    expect(customer(a, 'SH').tier).toBe('Key account');
    expect(customer(a, 'SL').action).toMatch(/^Exit: .*; Self-service action: Move online$/);
    expect(customer(a, 'LH').tier).toBe('Concierge');
  });

  it('takes a list of nine names in segment order', () => {
    const names = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];
    const a = run(NINE, { ...FIXED, tiers: names });
    expect(
      ['LH', 'LM', 'LL', 'MH', 'MM', 'ML', 'SH', 'SM', 'SL'].map((k) => customer(a, k).tier),
    ).toEqual(names);
  });
});

describe('customers with revenue ≤ 0', () => {
  it('get no size, profitability, segment or tier', () => {
    const a = run(
      customers({
        A: { revenue: 100, cogs: 50 },
        Z: { revenue: 0, cogs: 10 },
        N: { revenue: -20, cogs: -5 },
      }),
    );
    for (const k of ['Z', 'N']) {
      const c = customer(a, k);
      expect([c.size, c.profitability, c.segment, c.tier, c.action, c.netMargin], k).toEqual([
        null,
        null,
        null,
        null,
        null,
        null,
      ]);
    }
    expect(customer(a, 'A').segment).toBe('Large/High');
  });
});
