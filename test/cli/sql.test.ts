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
