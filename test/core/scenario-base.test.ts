// A what-if never re-reads the input (DOMAIN.md §11): the run's customer columns, kept or sent as
// JSON, price and segment to exactly the baseline the run computed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../cli/read-csv.js';
import { baselineFrom, portableScenarioBase, scenarioBase } from '../../core/scenario-base.js';
import { run } from './builder.js';

describe('the scenario base', () => {
  const a = run(parseCsv(readFileSync('samples/customers.csv', 'utf8')), {
    rates: { orders: 25, contacts: 15 },
    pools: { deliveries: 90000 },
    costOfCapital: 0.1,
  });

  it('is the run’s columns by reference, and plain arrays through JSON', () => {
    const base = scenarioBase(a.customers);
    expect(base.revenue).toBe(a.customers.revenue);
    const sent = JSON.parse(JSON.stringify(portableScenarioBase(base)));
    expect(sent.revenue).toHaveLength(500);
    expect(sent.volumes.map((v: unknown) => v === null)).toEqual(
      a.customers.volumes.map((v) => v === null),
    );
  });

  it('prices to exactly the run’s baseline, customer by customer', () => {
    const sent = JSON.parse(JSON.stringify(portableScenarioBase(scenarioBase(a.customers))));
    const b = baselineFrom(sent, a.settings);
    expect(Array.from(b.netProfit)).toEqual(Array.from(a.netProfit));
    expect(Array.from(b.classes.segment)).toEqual(Array.from(a.classes.segment));
    expect(b.matrix).toEqual(a.matrix);
    expect(b.totals).toEqual(a.totals);
  });
});
