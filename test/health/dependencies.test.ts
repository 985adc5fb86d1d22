/**
 * package.json declares exactly what the project uses: every package a source file imports is
 * declared (not merely present because another package pulls it in), and every declared package
 * is imported, run by a script (by name or by one of its commands), or supplies types.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
const files = execFileSync('git', ['ls-files', '*.ts', '*.mjs', '*.js'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('test/fixtures/'));
const sources = files.map((f) => readFileSync(f, 'utf8')).join('\n');
const scripts = Object.values(pkg.scripts).join('\n');

/** 'a/b/c' → 'a', '@s/a/b' → '@s/a'. */
const packageOf = (spec: string) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** The commands a package installs (its package.json `bin`). */
function commandsOf(p: string): string[] {
  const { bin } = JSON.parse(readFileSync(`node_modules/${p}/package.json`, 'utf8')) as {
    bin?: string | Record<string, string>;
  };
  return typeof bin === 'string' ? [p.replace(/^@[^/]+\//, '')] : Object.keys(bin ?? {});
}

describe('package.json', () => {
  it('declares every package the code imports', () => {
    const specs = [
      ...sources.matchAll(/(?:from|import\(|require\()\s*['"]((?:@[\w-]+\/)?\w[\w.-]*)[/'"]/g),
    ].map((m) => m[1]);
    const builtins = new Set(builtinModules);
    const used = new Set(
      specs.filter((s) => !s.startsWith('node:') && !builtins.has(s)).map(packageOf),
    );
    expect([...used].filter((p) => !declared.has(p)).sort()).toEqual([]);
  });

  it('declares nothing that nothing uses', () => {
    const unused = [...declared].filter((p) => {
      if (p.startsWith('@types/')) return false; // types are used by the compiler
      if (sources.includes(`'${p}`) || sources.includes(`"${p}`) || scripts.includes(p))
        return false;
      return !commandsOf(p).some((c) => new RegExp(`(^|[\\s&;])${c}\\b`, 'm').test(scripts));
    });
    expect(unused).toEqual([]);
  });
});
