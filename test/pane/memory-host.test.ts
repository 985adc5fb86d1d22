import { describe, expect, it } from 'vitest';
import { MemoryHost } from './memory-host.js';

// Two years of the same three customers: B grows, C appears, A leaves.
const rows = [
  ['Customer', 'Revenue', 'COGS', 'Year'],
  ['A', 500, 300, 2024],
  ['B', 100, 50, 2024],
  ['B', 800, 400, 2025],
  ['C', 200, 150, 2025],
];

describe('MemoryHost.run', () => {
  it('analyses all rows together without options', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({}, () => {});
    expect(s.sheets).not.toContain('Migration');
    expect(s.customers).toBe(3); // A, B (both years summed), C
  });

  it('compares the two latest periods when asked, and writes the Migration sheet', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({ columns: { period: 'Year' } }, () => {}, { periods: 'year' });
    expect(s.sheets).toContain('Migration');
    expect(s.customers).toBe(2); // 2025: B and C
    const migration = host.written.find((x) => x.name === 'Migration')!;
    expect(String(migration.values[0][0])).toBe('Migration: 2024 → 2025');
  });
});

describe('MemoryHost.run with what the pane sends', () => {
  it('leaves a guessed column out when the pane sends null, and says why the run cannot go on', async () => {
    const host = new MemoryHost(rows);
    await expect(host.run({ columns: { cogs: null } }, () => {})).rejects.toThrow(
      /no COGS or Gross Profit column/,
    );
  });

  it('runs on cost-to-serve alone when the user confirms it', async () => {
    const host = new MemoryHost(rows);
    const s = await host.run({ columns: { cogs: null }, costToServeOnly: true }, () => {});
    expect(s.revenue).toBe(1600);
    expect(s.netProfit).toBe(1600); // no rates: cost-to-serve 0, gross profit = revenue
  });
});
