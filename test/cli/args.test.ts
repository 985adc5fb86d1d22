/**
 * Every command's --help lists each of its options with a sentence, in 80 columns; a mistyped
 * option or command gets the nearest one; `analyse` runs analyze. The built CLI, end to end.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  execFileSync('node', ['build/build.mjs', 'cli']);
});

function cli(...args: string[]) {
  const r = spawnSync('node', ['dist/cli/profit-tiers.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The options each command takes, as its --help must list them. */
const OPTIONS: Record<string, string[]> = {
  analyze: ['sheet', 'settings', 'json', 'previous', 'periods', 'group', 'out', 'force', 'help'],
  template: ['data', 'sheet', 'settings', 'rows', 'out', 'force', 'help'],
  sql: ['dialect', 'settings', 'table', 'columns', 'group', 'grouped', 'help'],
};

describe('--help', () => {
  for (const [command, options] of Object.entries(OPTIONS)) {
    it(`${command} --help lists every option with a sentence, within 80 columns`, () => {
      const r = cli(command, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^usage: profit-tiers ${command} `));
      for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
      const listed = [...r.out.matchAll(/^ {2}(?:-\w, )?--([\w-]+)(?: \S+)? +([A-Z].*)$/gm)];
      expect(listed.map((m) => m[1])).toEqual(options);
      // each entry's text (with its wrapped continuation) ends as a sentence
      const entries = r.out
        .split('Options:\n')[1]
        .split('\n\n')[0]
        .split(/\n(?= {2}-)/);
      for (const e of entries) expect(e.trimEnd(), e).toMatch(/\.$/);
    });
  }

  it('the command list fits 80 columns and names the alias', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    for (const line of r.out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(r.out).toContain('(alias: analyse)');
  });
});

describe('a mistyped command line', () => {
  it('gets "did you mean --out?" for a mistyped option, exit 2', () => {
    const r = cli('analyze', 'samples/customers.csv', '--ot', 'r.xlsx');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "profit-tiers: unknown option --ot (did you mean --out?); 'profit-tiers analyze --help' lists every option\n",
    );
    expect(cli('template', '--dat', 'x.csv').err).toContain('(did you mean --data?)');
    expect(cli('sql', '--tabel', 'sales').err).toContain('(did you mean --table?)');
  });

  it('gets no guess for an option near none', () => {
    const r = cli('analyze', 'samples/customers.csv', '--verbose');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "profit-tiers: unknown option --verbose; 'profit-tiers analyze --help' lists every option\n",
    );
  });

  it('gets the nearest command for a mistyped one', () => {
    const r = cli('analize', 'samples/customers.csv');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "analize" (did you mean analyze?)');
  });
});

describe('analyse', () => {
  it('is analyze', () => {
    const a = cli('analyse', 'samples/customers.csv'),
      b = cli('analyze', 'samples/customers.csv');
    expect(a.code).toBe(0);
    expect(a.out).toContain('Profit Tiers: samples/customers.csv');
    expect(a.out).toBe(b.out);
  });
});
