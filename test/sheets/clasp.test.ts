/**
 * What `clasp push` would upload, asked offline (`clasp show-file-status --json` needs no login):
 * exactly Code.js, appsscript.json and sidebar.html — no source maps, stray files or sources.
 * Runs in a temporary copy holding the repo's .clasp.json template and .claspignore (clasp reads
 * .claspignore beside .clasp.json, with patterns relative to rootDir), the real build, and junk.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import buildSheets from '../../build/build-sheets.mjs';

const CLASP = resolve('node_modules/@google/clasp/build/src/index.js');
const dir = mkdtempSync(join(tmpdir(), 'profit-tiers-clasp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clasp push', () => {
  it('would push exactly Code.js, appsscript.json and sidebar.html', async () => {
    await buildSheets(join(dir, 'dist/sheets'));
    const clasp = JSON.parse(readFileSync('.clasp.json', 'utf8'));
    expect(clasp.rootDir).toBe('dist/sheets');
    cpSync('.clasp.json', join(dir, '.clasp.json'));
    cpSync('.claspignore', join(dir, '.claspignore'));
    for (const junk of [
      'Code.js.map',
      'notes.md',
      'debug.js',
      'extra.html',
      'sub/helper.gs',
      'settings.json',
    ]) {
      cpSync('appsscript.json', join(dir, 'dist/sheets', junk));
    }
    writeFileSync(join(dir, 'stray.js'), '// outside rootDir');
    const out = execFileSync(process.execPath, [CLASP, 'show-file-status', '--json'], {
      cwd: dir,
      env: { ...process.env, HOME: dir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const status = JSON.parse(out) as { filesToPush: string[]; untrackedFiles: string[] };
    expect(status.filesToPush.sort()).toEqual([
      'dist/sheets/Code.js',
      'dist/sheets/appsscript.json',
      'dist/sheets/sidebar.html',
    ]);
    expect(status.untrackedFiles.length).toBeGreaterThan(0);
  }, 90_000);

  it('pushes the manifest with V8, a fixed time zone and the two narrow scopes, no addOns section', () => {
    const m = JSON.parse(readFileSync('appsscript.json', 'utf8'));
    expect(m.runtimeVersion).toBe('V8');
    expect(m.timeZone).toBe('Etc/UTC');
    expect(m.oauthScopes.sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(m.addOns).toBeUndefined();
  });
});
