/** `profit-tiers sql`: names from the command line never escape the query's comments. */
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  execFileSync('node', ['build/build.mjs', 'cli']);
});

function sql(...args: string[]) {
  const r = spawnSync('node', ['dist/cli/profit-tiers.js', 'sql', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('profit-tiers sql', () => {
  it('keeps a table name with a line break inside its comment line', () => {
    const r = sql('--table', 'sales\nDROP TABLE customers; --');
    expect(r.code).toBe(0);
    const statementLines = r.out.split('\n').filter((l) => /DROP TABLE/.test(l));
    expect(statementLines.length).toBeGreaterThan(0);
    for (const l of statementLines) expect(l.startsWith('--') || /"/.test(l), l).toBe(true); // in a comment, or quoted as a name
  });
});

describe('profit-tiers sql --group', () => {
  it('adds the group value per customer, and --grouped prints the grouped result', () => {
    const per = sql('--table', 'sales', '--group', 'Region');
    expect(per.code).toBe(0);
    expect(per.out).toContain('group_1 AS (');
    expect(per.out).toMatch(/SELECT\n {2}customer,\n {2}name,\n {2}group_region,/);
    const grouped = sql(
      '--table',
      'sales',
      '--group',
      'Region',
      '--group',
      'Sales Rep',
      '--grouped',
    );
    expect(grouped.code).toBe(0);
    expect(grouped.out).toContain("'Region' AS group_column");
    expect(grouped.out).toContain("'Sales Rep' AS group_column");
    expect(grouped.out).toContain('UNION ALL');
    const none = sql('--table', 'sales', '--grouped');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--grouped needs a group column/);
  });
});
