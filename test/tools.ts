/**
 * The programs some tests need besides node: LibreOffice, Chromium, pdftoppm. On a developer's
 * machine a missing one skips its tests with one line saying how to install it; on CI (CI=true)
 * a missing one fails them, so a skipped render step never counts as a pass.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

export interface Tool {
  name: string;
  /** Where it is, or null when missing. */
  path: string | null;
  /** How to get it, for the skip (or failure) message. */
  install: string;
}

/** The first `name` on PATH, or null. */
export function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  return null;
}

export const SOFFICE: Tool = {
  name: 'LibreOffice (soffice)',
  path: onPath('soffice'),
  install: 'apt-get install libreoffice-calc-nogui',
};
export const PDFTOPPM: Tool = {
  name: 'pdftoppm',
  path: onPath('pdftoppm'),
  install: 'apt-get install poppler-utils',
};
export const CHROMIUM: Tool = {
  name: 'Chromium',
  path:
    [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p)) ??
    onPath('chromium'),
  install: 'apt-get install chromium, or set CHROMIUM_PATH',
};

/**
 * `describe` when every tool is there. Otherwise, on CI, one failing test naming what is missing;
 * elsewhere a skip, announced once. The block's body (and its setup) only runs with the tools.
 */
export function describeWith(tools: Tool[]): (name: string, body: () => void) => void {
  const missing = tools.filter((t) => !t.path);
  if (missing.length === 0) return (name, body) => describe(name, body);
  const what = missing.map((t) => `${t.name} is missing (${t.install})`).join('; ');
  if (process.env.CI === 'true')
    return (name) =>
      describe(name, () => {
        it('has the programs it needs', () => {
          throw new Error(`${what}: on CI a missing tool fails the tests that need it`);
        });
      });
  return (name, body) => {
    console.log(`skipped "${name}": ${what}`);
    describe.skip(name, body);
  };
}

/**
 * Where a test saves a picture: the README's docs/images/ when `npm run docs` runs it
 * (UPDATE_README=1), else the git-ignored test/.tmp/, so `npm test` never writes a tracked file.
 */
export function picturePath(file: string): string {
  return process.env.UPDATE_README ? join('docs/images', file) : join('test/.tmp', file);
}
