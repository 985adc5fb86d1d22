// DOMAIN.md §3: every threshold is a setting. Validation returns all problems as data (STYLE 4).
import { describe, expect, it } from 'vitest';
import { analyze } from '../../core/analyze.js';
import { DEFAULT_TIERS } from '../../core/defaults.js';
import { defaultSettings, resolveSettings, tableLocale } from '../../core/settings.js';
import { customers } from './builder.js';

describe('defaults', () => {
  it('are the DOMAIN.md defaults', () => {
    const s = defaultSettings();
    expect(s.size).toEqual({ method: 'pareto', large: 0.8, medium: 0.95 });
    expect(s.profitability.method).toBe('bands');
    expect(s.profitability.target).toBeNull();
    expect(s.conciergeBudgetShare).toBe(0.1);
    expect(s.costOfCapital).toBe(0);
    expect(s.rates).toEqual({});
    expect(s.pools).toEqual({});
    expect(s.tiers).toEqual(DEFAULT_TIERS);
    expect(s.locale).toEqual({ decimal: '.', dateOrder: 'mdy' });
    expect(s.costToServeOnly).toBe(false);
  });

  it('come back for an empty object, with no problems', () => {
    expect(resolveSettings({})).toEqual({ settings: defaultSettings(), problems: [] });
    expect(resolveSettings()).toEqual({ settings: defaultSettings(), problems: [] });
  });
});

describe('validation returns every problem at once', () => {
  it('lists each bad value with what is expected', () => {
    const { problems } = resolveSettings({
      rates: { orders: -1, teleport: 3 },
      pools: { deliveries: 'lots' },
      costOfCapital: 2,
      conciergeBudgetShare: -0.1,
      size: { method: 'pareto', large: 0.9, medium: 0.5 },
      profitability: { method: 'fixed', high: 0 },
      tiers: { 'X-Y': 'VIP', 'L-H': '' },
      columns: { revenue: 7, colour: 'Colour' },
      locale: { decimal: ';', dateOrder: 'ydm' },
      bogus: 1,
    });
    expect(problems).toEqual([
      'unknown setting "bogus" (known: columns, rates, pools, costOfCapital, size, profitability, tiers, actions, locale, conciergeBudgetShare, costToServeOnly, groupBy, headerRow, avoidable, conciergeMaxAccounts, capacity, sensitivity, scenarios)',
      'columns.revenue must be a header text, or null to leave it unused',
      'columns: unknown field "colour" (fields: customer, name, revenue, cogs, grossProfit, orders, orderId, lines, deliveries, returns, contacts, repeatContacts, visits, paymentDays, discount, period)',
      'rates.orders must be a number ≥ 0 (got -1)',
      'rates: unknown driver "teleport" (drivers: orders, lines, deliveries, returns, contacts, repeatContacts, visits)',
      'pools.deliveries must be a number ≥ 0 (got "lots")',
      'costOfCapital must be a yearly rate between 0 and 1 (got 2)',
      'conciergeBudgetShare must be between 0 and 1 (got -0.1)',
      'size: Pareto shares need 0 ≤ large ≤ medium ≤ 1 (got large 0.9, medium 0.5)',
      'profitability: fixed margins need high ≥ low, e.g. {"high": 0.15, "low": 0} (got high 0, low nothing)',
      'tiers: unknown segment "X-Y" (use Large/High, Large/Mid, Large/Low, Medium/High, Medium/Mid, Medium/Low, Small/High, Small/Mid, Small/Low or L-H, L-M, L-L, M-H, M-M, M-L, S-H, S-M, S-L)',
      'tiers.L-H must be a text',
      'locale.decimal must be "." or "," (got ";")',
      'locale.dateOrder must be "mdy", "dmy" or "ymd" (got "ydm")',
    ]);
  });

  it('checks avoidable shares and the Concierge account limit, all problems at once', () => {
    expect(
      resolveSettings({
        avoidable: { orders: 1.5, teleport: 0.5, deliveries: 'all', paymentDays: 0 },
        conciergeMaxAccounts: 2.5,
      }).problems,
    ).toEqual([
      'avoidable.orders must be a share between 0 and 1 (got 1.5)',
      'avoidable: unknown cost line "teleport" (cost lines: orders, lines, deliveries, returns, contacts, repeatContacts, visits, paymentDays)',
      'avoidable.deliveries must be a share between 0 and 1 (got "all")',
      'conciergeMaxAccounts must be a whole number of accounts ≥ 0 (got 2.5)',
    ]);
    expect(resolveSettings({ conciergeMaxAccounts: -1 }).problems).toHaveLength(1);
    expect(resolveSettings({ avoidable: [] }).problems).toEqual(['avoidable must be an object']);
    const ok = resolveSettings({ avoidable: { orders: 0.4 }, conciergeMaxAccounts: 12 });
    expect(ok.problems).toEqual([]);
    expect(ok.settings.avoidable).toEqual({ orders: 0.4 });
    expect(ok.settings.conciergeMaxAccounts).toBe(12);
    expect(resolveSettings({ conciergeMaxAccounts: null }).settings.conciergeMaxAccounts).toBe(
      null,
    );
  });

  it('refuses a driver with both a rate and a pool', () => {
    expect(resolveSettings({ rates: { orders: 5 }, pools: { orders: 100 } }).problems).toEqual([
      'orders has both a rate and a cost pool: keep one',
    ]);
  });

  it('refuses what is not an object', () => {
    for (const v of [null, [], 'x', 3])
      expect(resolveSettings(v).problems).toEqual(['settings must be a JSON object']);
    expect(resolveSettings({ rates: [] }).problems).toEqual(['rates must be an object']);
  });

  it('checks the size and profitability methods and fixed thresholds', () => {
    expect(resolveSettings({ size: { method: 'quartiles' } }).problems).toEqual([
      'size.method must be "pareto", "terciles" or "fixed" (got "quartiles")',
    ]);
    expect(
      resolveSettings({ size: { method: 'fixed', large: 100, medium: 1000 } }).problems,
    ).toHaveLength(1);
    expect(
      resolveSettings({ profitability: { method: 'bands', target: 'high' } }).problems,
    ).toEqual(['profitability.target must be a margin such as 0.12 (got "high")']);
    expect(resolveSettings({ tiers: ['A', 'B'] }).problems).toHaveLength(1);
  });

  it('takes a sensitivity share at least 0 and below 1 (default ±20 %, 0 = off)', () => {
    expect(defaultSettings().sensitivity).toBe(0.2);
    expect(resolveSettings({ sensitivity: 0 }).settings.sensitivity).toBe(0);
    expect(resolveSettings({ sensitivity: 0.1 }).settings.sensitivity).toBe(0.1);
    for (const bad of [1, -0.1, '20%'])
      expect(resolveSettings({ sensitivity: bad }).problems).toEqual([
        `sensitivity must be a share such as 0.2 (±20 %), at least 0 and below 1; 0 turns it off (got ${JSON.stringify(bad)})`,
      ]);
  });

  it('is reported by analyze() as one line naming every problem', () => {
    const out = analyze(
      { values: customers({ A: { revenue: 1, cogs: 0 } }) },
      { costOfCapital: 5, rates: { orders: -1 }, bogus: true },
    );
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe('bad-settings');
      expect(out.error.message.split('; ')).toEqual([
        expect.stringMatching(/^settings: unknown setting "bogus" \(known: columns, /),
        'rates.orders must be a number ≥ 0 (got -1)',
        'costOfCapital must be a yearly rate between 0 and 1 (got 5)',
      ]);
    }
  });
});

describe('accepted settings', () => {
  it('take rates, pools, thresholds, tiers and locale', () => {
    const { settings: s, problems } = resolveSettings({
      rates: { orders: 25 },
      pools: { contacts: 1000 },
      costOfCapital: 0.08,
      size: { method: 'fixed', large: 100000, medium: 10000 },
      profitability: { method: 'bands', target: 0.12 },
      tiers: { 'L-H': 'VIP', 'Small/Low': 'Online' },
      locale: { decimal: ',' },
      conciergeBudgetShare: 0.15,
      costToServeOnly: true,
      columns: { revenue: 'Umsatz' },
    });
    expect(problems).toEqual([]);
    expect(s.rates).toEqual({ orders: 25 });
    expect(s.pools).toEqual({ contacts: 1000 });
    expect(s.size).toEqual({ method: 'fixed', large: 100000, medium: 10000 });
    expect(s.profitability.target).toBe(0.12);
    expect(s.tiers[0]).toBe('VIP');
    expect(s.tiers[8]).toBe('Online');
    expect(s.locale).toEqual({ decimal: ',', dateOrder: 'dmy' }); // a decimal comma implies day-first dates
    expect(s.costToServeOnly).toBe(true);
    expect(s.columns).toEqual({ revenue: 'Umsatz' });
  });

  it('fill a partial Pareto setting with the defaults', () => {
    expect(resolveSettings({ size: { large: 0.7 } }).settings.size).toEqual({
      method: 'pareto',
      large: 0.7,
      medium: 0.95,
    });
  });
});

describe('setting names that reach into JavaScript objects', () => {
  it.each(['__proto__', 'prototype', 'constructor'])('"%s" is refused, at any depth', (name) => {
    const top = JSON.parse(`{"${name}": {"costOfCapital": 0.5}}`);
    expect(resolveSettings(top).problems).toEqual([`"${name}" cannot be a setting name`]);
    const deep = JSON.parse(`{"size": {"${name}": {"method": "fixed"}}}`);
    expect(resolveSettings(deep)).toEqual({
      settings: defaultSettings(),
      problems: [`"${name}" cannot be a setting name`],
    });
  });
});

describe('numbers JSON cannot hold', () => {
  it('say "too large" for 1e400 (JSON reads it as Infinity), not "got null"', () => {
    const { problems } = resolveSettings(
      JSON.parse('{"rates": {"orders": 1e400}, "costOfCapital": -1e400, "headerRow": 1e400}'),
    );
    expect(problems).toEqual([
      'rates.orders must be a number ≥ 0 (got a number too large)',
      'costOfCapital must be a yearly rate between 0 and 1 (got a number too large below zero)',
      'headerRow must be a sheet row number such as 5 (got a number too large)',
    ]);
    expect(problems.join()).not.toContain('null');
  });
});

describe('headerRow', () => {
  it('takes a sheet row number, and refuses anything else', () => {
    expect(resolveSettings({ headerRow: 31 }).settings.headerRow).toBe(31);
    expect(resolveSettings({}).settings.headerRow).toBeNull();
    for (const bad of [0, 2.5, '31', -1])
      expect(resolveSettings({ headerRow: bad }).problems).toEqual([
        `headerRow must be a sheet row number such as 5 (got ${JSON.stringify(bad)})`,
      ]);
  });
});

describe("a table's own decimal mark (tableLocale)", () => {
  const s = defaultSettings();
  it('applies when the settings leave locale.decimal open, with day-first dates', () => {
    expect(tableLocale(s, {}, ',').locale).toEqual({ decimal: ',', dateOrder: 'dmy' });
    expect(tableLocale(s, {}, undefined)).toBe(s);
  });
  it('never overrides what the settings fix', () => {
    expect(tableLocale(s, { locale: { decimal: '.' } }, ',')).toBe(s);
    const ymd = resolveSettings({ locale: { dateOrder: 'ymd' } }).settings;
    expect(tableLocale(ymd, { locale: { dateOrder: 'ymd' } }, ',').locale).toEqual({
      decimal: ',',
      dateOrder: 'ymd',
    });
  });
});
