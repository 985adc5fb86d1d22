/**
 * One version everywhere: package.json's x.y.z is the manifest's <Version> x.y.z.0, the first
 * line of the Sheets add-on's Code.js and the version on the support, privacy and terms pages;
 * CHANGELOG.md has a section for it. `npm run version:bump -- x.y.z` changes them together.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import { buildCode } from '../../build/build-sheets.mjs';
// @ts-expect-error plain .mjs build script without types
import * as v from '../../build/version.mjs';
import { ensureExcelBuild } from '../excel/built-dist.js';

const version: string = v.productVersion();
const scratch = mkdtempSync(join(tmpdir(), 'profit-tiers-version-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('one version for package.json, the manifest and the add-on', () => {
  it('package.json, package-lock.json and manifest.xml agree', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
    expect([lock.version, lock.packages[''].version]).toEqual([version, version]);
    expect(v.readManifestVersion(readFileSync('manifest.xml', 'utf8'))).toBe(`${version}.0`);
  });

  it('the built add-ins carry it: Code.js, the Excel manifest and the pages', async () => {
    const code = readFileSync(await buildCode(join(scratch, 'sheets')), 'utf8');
    expect(code.split('\n')[0]).toBe(
      `// Profit Tiers ${version} for Google Sheets: built by build/build-sheets.mjs.`,
    );
    ensureExcelBuild();
    expect(v.readManifestVersion(readFileSync('dist/excel/manifest.xml', 'utf8'))).toBe(
      `${version}.0`,
    );
    for (const page of ['support.html', 'privacy.html', 'terms.html'])
      expect(readFileSync(join('dist/excel', page), 'utf8'), page).toContain(
        `Profit Tiers ${version}`,
      );
  });

  it('CHANGELOG.md has a section for it, newest first', () => {
    const sections = [...readFileSync('CHANGELOG.md', 'utf8').matchAll(/^## (\d+\.\d+\.\d+)/gm)];
    expect(sections[0]?.[1]).toBe(version);
  });

  it('the four-part manifest form: x.y.z.0, each part at most 65535', () => {
    expect(v.manifestVersion('0.2.0')).toBe('0.2.0.0');
    expect(v.manifestVersion('12.03.7')).toBe('12.3.7.0');
    expect(() => v.manifestVersion('1.2')).toThrow(/three numbers/);
    expect(() => v.manifestVersion('1.70000.0')).toThrow(/at most 65535/);
  });

  it('version:bump sets all three files and opens a CHANGELOG section', () => {
    const root = join(scratch, 'repo');
    for (const f of ['package.json', 'package-lock.json', 'manifest.xml', 'CHANGELOG.md'])
      cpSync(f, join(root, f));
    v.setVersion('3.4.5', { root });
    expect(v.productVersion(root)).toBe('3.4.5');
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    expect([lock.version, lock.packages[''].version]).toEqual(['3.4.5', '3.4.5']);
    const xml = readFileSync(join(root, 'manifest.xml'), 'utf8');
    expect(v.readManifestVersion(xml)).toBe('3.4.5.0');
    // Only the <Version> changed.
    expect(xml.replace('3.4.5.0', `${version}.0`)).toBe(readFileSync('manifest.xml', 'utf8'));
    const log = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    expect(log.match(/^## .*/gm)?.slice(0, 2)).toEqual([
      '## 3.4.5 (unreleased)',
      expect.stringMatching(new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`)),
    ]);
    // Bumping to the same version again adds no second section.
    v.setVersion('3.4.5', { root });
    expect(readFileSync(join(root, 'CHANGELOG.md'), 'utf8')).toBe(log);
  });
});
