/**
 * The test command's own guards: a planted type error, a DOM global in core/ and a `debugger;`
 * statement must each fail `npm run typecheck` or `npm run lint`. Each plant lives in a scratch
 * folder with a tsconfig that extends the real one, so the real configs are what is tested.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve('.');
const dir = mkdtempSync(join(root, 'test', '.tmp-guards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[]): { ok: boolean; out: string } {
  try {
    return {
      ok: true,
      out: execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' }),
    };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${x.stdout ?? ''}${x.stderr ?? ''}` };
  }
}

/** Type-checks one planted file with the compiler options of `config`. */
function typecheck(config: string, source: string) {
  const file = join(dir, `plant-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  const tsconfig = `${file}.json`;
  writeFileSync(tsconfig, JSON.stringify({ extends: resolve(config), include: [file] }));
  return run(process.execPath, [
    resolve('node_modules/typescript/bin/tsc'),
    '--noEmit',
    '-p',
    tsconfig,
  ]);
}

describe('the test command guards itself', () => {
  it('a planted type error fails the type check', () => {
    const r = typecheck('tsconfig.json', 'export const n: number = "text";\n');
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/TS2322/);
  });

  it('document.title under core/ settings is a compile error; the same code type-checks elsewhere', () => {
    const code = 'export const title = document.title;\nexport const env = process.env;\n';
    const core = typecheck('core/tsconfig.json', code);
    expect(core.ok).toBe(false);
    expect(core.out).toMatch(/Cannot find name 'document'/);
    expect(core.out).toMatch(/Cannot find name 'process'/);
    expect(typecheck('tsconfig.json', code).ok).toBe(true);
  });

  it('a debugger statement fails the lint', () => {
    const file = join(dir, 'plant-debugger.ts');
    writeFileSync(file, 'export function f(): number {\n  debugger;\n  return 1;\n}\n');
    const r = run(process.execPath, [
      resolve('node_modules/@biomejs/biome/bin/biome'),
      'lint',
      '--error-on-warnings',
      '--vcs-use-ignore-file=false',
      file,
    ]);
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/noDebugger/);
  });
});
