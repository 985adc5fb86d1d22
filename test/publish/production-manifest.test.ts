/**
 * The production build of the Excel add-in, made as a person submitting to AppSource makes it
 * (PROFIT_TIERS_BASE_URL and PROFIT_TIERS_SUPPORT set), checked offline: nothing points at
 * localhost, every URL is https under the base, every file the manifest and the function metadata
 * name is built, the support, privacy and terms pages link each other and name the contact, and
 * the host is told to cache. `npm run validate:prod` adds Microsoft's online production checks.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import buildExcel, { cacheControl, PAGES } from '../../build/build-excel.mjs';
// @ts-expect-error plain .mjs build script without types
import { manifestVersion, productVersion } from '../../build/version.mjs';

const require = createRequire(import.meta.url);
const { OfficeAddinManifest } =
  require('office-addin-manifest') as typeof import('office-addin-manifest');

const BASE = 'https://example.org/profit-tiers/';
const SUPPORT = 'help@example.org';
let out: string;
let manifest: string;

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), 'profit-tiers-prod-')), 'excel');
  await buildExcel(out, { PROFIT_TIERS_BASE_URL: BASE, PROFIT_TIERS_SUPPORT: SUPPORT });
  manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
}, 120_000);

afterAll(() => {
  if (out) rmSync(join(out, '..'), { recursive: true, force: true });
});

/** Every http(s) URL in attribute values and text, the XML namespaces and comments aside. */
function urlsOf(xml: string): string[] {
  const noNamespaces = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
  return [...new Set(noNamespaces.match(/https?:\/\/[^"'<>\s]+/g) ?? [])].sort();
}

/** The built file a URL under the base names. */
const fileOf = (url: string) =>
  join(out, decodeURIComponent(new URL(url).pathname.slice(new URL(BASE).pathname.length)));

describe('production manifest (PROFIT_TIERS_BASE_URL=https://example.org/profit-tiers/)', () => {
  it('names no localhost and no http:// anywhere', () => {
    expect(manifest).not.toMatch(/localhost/i);
    expect(urlsOf(manifest).filter((u) => !u.startsWith('https://'))).toEqual([]);
  });

  it('every URL is https under the base and names a file the build made', () => {
    const urls = urlsOf(manifest);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) {
      expect(u.startsWith(BASE), `${u} is not under ${BASE}`).toBe(true);
      const f = fileOf(u);
      expect(existsSync(f) && statSync(f).isFile(), `${u}: ${f} was not built`).toBe(true);
    }
    // The icons Office shows, the pane, the functions and the pages among them.
    for (const f of [
      'assets/icon-16.png',
      'assets/icon-32.png',
      'assets/icon-64.png',
      'assets/icon-80.png',
      'taskpane.html',
      'functions.js',
      'functions.json',
      'de-DE/functions.json',
      'support.html',
      'help.html',
    ])
      expect(urls).toContain(`${BASE}${f}`);
  });

  it('office-addin-manifest reads it, with the version of package.json and SupportUrl → support.html', async () => {
    const info = await OfficeAddinManifest.readManifestFile(join(out, 'manifest.xml'));
    expect(info.version).toBe(manifestVersion(productVersion()));
    expect(info.defaultSettings?.sourceLocation).toBe(`${BASE}taskpane.html`);
    expect(manifest).toContain(`<SupportUrl DefaultValue="${BASE}support.html"/>`);
  });

  it("the functions' help links in every language point under the base", () => {
    for (const f of ['functions.json', 'de-DE/functions.json']) {
      const meta = JSON.parse(readFileSync(join(out, f), 'utf8')) as {
        functions: { id: string; helpUrl: string }[];
      };
      for (const fn of meta.functions) {
        expect(fn.helpUrl).toBe(`${BASE}help.html#${fn.id}`);
        expect(readFileSync(join(out, 'help.html'), 'utf8')).toContain(`id="${fn.id}"`);
      }
    }
  });

  it('support, privacy and terms pages name the contact and the version, and link each other', () => {
    for (const page of PAGES as string[]) {
      const html = readFileSync(join(out, page), 'utf8');
      expect(html, page).toContain(`href="mailto:${SUPPORT}?subject=Profit%20Tiers%20support"`);
      expect(html, page).toContain(`Profit Tiers ${productVersion()}`);
      expect(html, page).not.toMatch(/development build|<!--\s*(SUPPORT_CONTACT|VERSION)/);
      for (const link of html.matchAll(/href="([^":#]+)"/g))
        expect(existsSync(join(out, link[1])), `${page} links ${link[1]}`).toBe(true);
    }
    const privacy = readFileSync(join(out, 'privacy.html'), 'utf8');
    for (const fact of ['spreadsheets.currentonly', 'script.container.ui', 'ReadWriteDocument'])
      expect(privacy).toContain(fact);
    // The permissions the privacy policy names are the ones the add-ins ask for.
    const scopes = (
      JSON.parse(readFileSync('appsscript.json', 'utf8')) as { oauthScopes: string[] }
    ).oauthScopes.map((s) => s.replace('https://www.googleapis.com/auth/', ''));
    expect(scopes.sort()).toEqual(['script.container.ui', 'spreadsheets.currentonly']);
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
  });

  it('tells the host to cache every file (no-store is for the dev server only)', () => {
    const headers = readFileSync(join(out, '_headers'), 'utf8');
    expect(headers).not.toMatch(/no-store/);
    for (const f of ['taskpane.html', 'functions.js', 'functions.json', 'assets/icon-32.png'])
      expect(headers).toContain(`/${f}\n  Cache-Control: ${cacheControl(f)}\n`);
    expect(cacheControl('taskpane.js')).toBe('no-cache');
    expect(cacheControl('assets/icon-80.png')).toMatch(/^public, max-age=\d+$/);
    // docs/hosting.md states the same two rules.
    const doc = readFileSync('docs/hosting.md', 'utf8');
    expect(doc).toContain(cacheControl('taskpane.html'));
    expect(doc).toContain(cacheControl('assets/icon-32.png'));
  });

  it('a production build refuses an http:// base or a missing support contact', async () => {
    const dir = join(out, '..', 'refused');
    await expect(
      buildExcel(dir, {
        PROFIT_TIERS_BASE_URL: 'http://example.org/',
        PROFIT_TIERS_SUPPORT: SUPPORT,
      }),
    ).rejects.toThrow(/must be an https:\/\/ URL/);
    await expect(buildExcel(dir, { PROFIT_TIERS_BASE_URL: BASE })).rejects.toThrow(
      /PROFIT_TIERS_SUPPORT must name/,
    );
  });
});
