// Offline checks of the Excel add-in manifest (manifest.xml at the repo root).
// No network: Microsoft's online validator (`office-addin-manifest validate`)
// is not used here; these tests check what can be checked locally.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs build script without types
import { supportContact, supportHtml } from '../../build/build-excel.mjs';

const require = createRequire(import.meta.url);
// CommonJS packages, loaded through require so that no ESM/CJS interop or
// missing type declarations get in the way.
const { OfficeAddinManifest } =
  require('office-addin-manifest') as typeof import('office-addin-manifest');
const xml2js = require('xml2js') as {
  parseStringPromise(
    xml: string,
    options?: Record<string, unknown>,
  ): Promise<Record<string, XNode>>;
};

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MANIFEST = join(ROOT, 'manifest.xml');
const DIST = join(ROOT, 'dist', 'excel');
const ICON_SRC = join(ROOT, 'excel-addin', 'assets');

/** The dev base every URL must start with; the build swaps it for production. */
const DEV_BASE = 'https://localhost:3000/';
const EXPECTED_ID = '38364817-18a7-4227-bdc0-e84c1d4d8553';

/** An element as xml2js gives it with explicitChildren + preserveChildrenOrder. */
interface XNode {
  '#name': string;
  $?: Record<string, string>;
  $$?: XNode[];
  _?: string;
}

const kids = (n: XNode | undefined): XNode[] => n?.$$ ?? [];
const names = (n: XNode | undefined): string[] => kids(n).map((c) => c['#name']);
const attr = (n: XNode | undefined, a: string): string | undefined => n?.$?.[a];
const text = (n: XNode | undefined): string => (n?._ ?? '').trim();

function child(n: XNode | undefined, name: string): XNode | undefined {
  return kids(n).find((c) => c['#name'] === name);
}

/** Follows a path of element names, taking the first match at each step. */
function path(n: XNode | undefined, ...steps: string[]): XNode | undefined {
  let cur = n;
  for (const s of steps) cur = child(cur, s);
  return cur;
}

/** Every element in the subtree, depth first, with its parent. */
function* walk(n: XNode, parent?: XNode): Generator<{ node: XNode; parent: XNode | undefined }> {
  yield { node: n, parent };
  for (const c of kids(n)) yield* walk(c, n);
}

/**
 * Asserts that the children of `n` appear in the order of the schema's
 * xs:sequence `sequence` (optional members may be missing), that none is
 * outside the sequence, and that the `required` ones are there.
 * `repeatable` members may occur several times in a row.
 */
function expectSequence(
  n: XNode | undefined,
  sequence: readonly string[],
  required: readonly string[] = [],
  repeatable: readonly string[] = [],
): void {
  expect(n, 'element to check').toBeDefined();
  const got = names(n);
  for (const r of required) expect(got, `<${n!['#name']}> must contain <${r}>`).toContain(r);
  let last = -1;
  let prevName = '';
  for (const name of got) {
    const idx = sequence.indexOf(name);
    expect(
      idx,
      `<${name}> is not allowed in <${n!['#name']}> (allowed: ${sequence.join(', ')})`,
    ).toBeGreaterThanOrEqual(0);
    if (idx === last && repeatable.includes(name) && name === prevName) continue;
    expect(
      idx,
      `<${name}> is out of order in <${n!['#name']}>: got ${got.join(', ')}`,
    ).toBeGreaterThan(last);
    last = idx;
    prevName = name;
  }
}

/** Width and height from a PNG's IHDR chunk, or null if the file is not a PNG. */
function pngSize(file: string): { width: number; height: number } | null {
  const b = readFileSync(file);
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || sig.some((v, i) => b[i] !== v) || b.toString('ascii', 12, 16) !== 'IHDR')
    return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** Every absolute URL in the manifest (attribute values and element text). */
function allUrls(root: XNode): string[] {
  const out = new Set<string>();
  for (const { node } of walk(root)) {
    for (const [k, v] of Object.entries(node.$ ?? {})) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue; // schema namespaces
      if (/^https?:\/\//i.test(v)) out.add(v);
    }
    if (/^https?:\/\//i.test(text(node))) out.add(text(node));
  }
  return [...out].sort();
}

/** Maps a dev URL to the path of the file the build must put under dist/excel. */
function urlToRelPath(url: string): string {
  const u = new URL(url);
  let p = decodeURIComponent(u.pathname).replace(/^\/+/, '');
  if (p === '' || p.endsWith('/')) p += 'index.html';
  return p;
}

let root: XNode;
let officeApp: XNode;
let versionOverrides: XNode;
let host: XNode;
let resources: XNode;
/** resource id -> { kind: local name of the collection, value } */
const defined = new Map<string, { kind: string; value: string }>();

beforeAll(async () => {
  const xml = readFileSync(MANIFEST, 'utf8');
  const parsed = await xml2js.parseStringPromise(xml, {
    explicitChildren: true,
    preserveChildrenOrder: true,
  });
  root = parsed.OfficeApp;
  officeApp = root;
  versionOverrides = child(officeApp, 'VersionOverrides')!;
  host = path(versionOverrides, 'Hosts', 'Host')!;
  resources = child(versionOverrides, 'Resources')!;
  for (const coll of kids(resources)) {
    const kind = coll['#name'].replace(/^bt:/, '');
    for (const item of kids(coll)) {
      const id = attr(item, 'id')!;
      expect(defined.has(id), `resource id "${id}" is defined twice`).toBe(false);
      defined.set(id, { kind, value: attr(item, 'DefaultValue') ?? '' });
    }
  }
});

describe('manifest.xml: office-addin-manifest reads it', () => {
  it('reports the expected id, name, version and basics', async () => {
    const info = await OfficeAddinManifest.readManifestFile(MANIFEST);
    expect(info.id).toBe(EXPECTED_ID);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(info.displayName).toBe('Profit Tiers');
    expect(info.providerName).toBe('Profit Tiers');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.0$/); // package.json's, see test/publish/version.test.ts
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.defaultLocale).toBe('en-US');
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV_BASE}taskpane.html`);
    expect(info.iconUrl).toBe(`${DEV_BASE}assets/icon-32.png`);
    expect(info.highResolutionIconUrl).toBe(`${DEV_BASE}assets/icon-64.png`);
    expect(info.description).toMatch(/cost-to-serve/i);
    expect(info.description!.length).toBeLessThanOrEqual(250);
  });
});

describe('manifest.xml: element order follows the schema', () => {
  it('OfficeApp children follow the OfficeApp + TaskPaneApp xs:sequence', () => {
    expect(attr(officeApp, 'xmlns')).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expect(attr(officeApp, 'xsi:type')).toBe('TaskPaneApp');
    expectSequence(
      officeApp,
      [
        'Id',
        'AlternateId',
        'Version',
        'ProviderName',
        'DefaultLocale',
        'DisplayName',
        'Description',
        'IconUrl',
        'HighResolutionIconUrl',
        'SupportUrl',
        'AppDomains',
        'Hosts',
        'Requirements',
        'DefaultSettings',
        'Permissions',
        'Dictionary',
        'VersionOverrides',
      ],
      [
        'Id',
        'Version',
        'ProviderName',
        'DefaultLocale',
        'DisplayName',
        'Description',
        'IconUrl',
        'HighResolutionIconUrl',
        'Hosts',
        'Requirements',
        'DefaultSettings',
        'Permissions',
        'VersionOverrides',
      ],
    );
  });

  it('VersionOverrides (task pane 1.0) and its subtree are in schema order', () => {
    expect(attr(versionOverrides, 'xmlns')).toBe(
      'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
    );
    expect(attr(versionOverrides, 'xsi:type')).toBe('VersionOverridesV1_0');
    expectSequence(
      versionOverrides,
      [
        'Description',
        'Requirements',
        'Hosts',
        'Resources',
        'WebApplicationInfo',
        'EquivalentAddins',
      ],
      ['Hosts', 'Resources'],
    );
    expect(attr(host, 'xsi:type')).toBe('Workbook');
    expectSequence(
      host,
      ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
      ['Runtimes', 'AllFormFactors', 'DesktopFormFactor'],
    );
    const cf = path(host, 'AllFormFactors', 'ExtensionPoint');
    expect(attr(cf, 'xsi:type')).toBe('CustomFunctions');
    expectSequence(
      cf,
      ['Script', 'Page', 'Metadata', 'Namespace'],
      ['Script', 'Page', 'Metadata', 'Namespace'],
    );
    expectSequence(
      child(host, 'DesktopFormFactor'),
      ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
      ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
      ['ExtensionPoint'],
    );
    expectSequence(
      path(host, 'DesktopFormFactor', 'GetStarted'),
      ['Title', 'Description', 'LearnMoreUrl'],
      ['Title', 'Description', 'LearnMoreUrl'],
    );
    expectSequence(
      resources,
      ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
      ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
    );
  });

  it('has a ShowTaskpane button in a group on the Home tab', () => {
    const ep = kids(child(host, 'DesktopFormFactor')).find(
      (c) => c['#name'] === 'ExtensionPoint' && attr(c, 'xsi:type') === 'PrimaryCommandSurface',
    );
    const tab = child(ep, 'OfficeTab');
    expect(attr(tab, 'id')).toBe('TabHome');
    const group = child(tab, 'Group');
    expectSequence(group, ['Label', 'Icon', 'Control'], ['Label', 'Icon', 'Control'], ['Control']);
    const button = child(group, 'Control');
    expect(attr(button, 'xsi:type')).toBe('Button');
    expectSequence(
      button,
      ['Label', 'Supertip', 'Icon', 'Action'],
      ['Label', 'Supertip', 'Icon', 'Action'],
    );
    expect(defined.get(attr(child(button, 'Label'), 'resid')!)?.value).toBe('Profit Tiers');
    const action = child(button, 'Action');
    expect(attr(action, 'xsi:type')).toBe('ShowTaskpane');
    expectSequence(
      action,
      ['TaskpaneId', 'SourceLocation', 'Title'],
      ['TaskpaneId', 'SourceLocation'],
    );
    expect(text(child(action, 'TaskpaneId'))).toBe('ButtonId1');
    expect(attr(child(action, 'SourceLocation'), 'resid')).toBe('Taskpane.Url');
    for (const icon of [child(group, 'Icon'), child(button, 'Icon')]) {
      expect(kids(icon).map((i) => attr(i, 'size'))).toEqual(['16', '32', '80']);
    }
  });
});

describe('manifest.xml: resources and the shared runtime', () => {
  it('every resid is defined in Resources, with the right kind of resource', () => {
    // Which Resources collection each referencing element must point into.
    const kindFor = (node: XNode, parent: XNode | undefined): string[] => {
      const n = node['#name'];
      const p = parent?.['#name'];
      if (n === 'bt:Image') return ['Images'];
      if (n === 'SourceLocation' || n === 'FunctionFile' || n === 'LearnMoreUrl' || n === 'Runtime')
        return ['Urls'];
      if (n === 'Label' || n === 'Namespace') return ['ShortStrings'];
      if (n === 'Title') return ['ShortStrings'];
      if (n === 'Description' && (p === 'Supertip' || p === 'GetStarted')) return ['LongStrings'];
      return ['Images', 'Urls', 'ShortStrings', 'LongStrings'];
    };
    let count = 0;
    for (const { node, parent } of walk(root)) {
      const resid = attr(node, 'resid');
      if (resid === undefined) continue;
      count++;
      expect(resid.length, `resid "${resid}" is longer than 32 characters`).toBeLessThanOrEqual(32);
      const def = defined.get(resid);
      expect(
        def,
        `resid "${resid}" on <${node['#name']}> is not defined in Resources`,
      ).toBeDefined();
      expect(
        kindFor(node, parent),
        `resid "${resid}" on <${node['#name']}> points at a ${def!.kind} resource`,
      ).toContain(def!.kind);
    }
    expect(count).toBeGreaterThan(10);
    for (const [id, { kind, value }] of defined) {
      expect(id.length, `resource id "${id}" is longer than 32 characters`).toBeLessThanOrEqual(32);
      expect(value, `resource "${id}" has no DefaultValue`).not.toBe('');
      if (kind === 'ShortStrings')
        expect(value.length, `short string "${id}"`).toBeLessThanOrEqual(125);
      if (kind === 'LongStrings')
        expect(value.length, `long string "${id}"`).toBeLessThanOrEqual(250);
    }
  });

  it('Runtime, CustomFunctions Page and FunctionFile share one resid (shared runtime)', () => {
    const runtimes = kids(child(host, 'Runtimes'));
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0];
    expect(runtime['#name']).toBe('Runtime');
    expect(attr(runtime, 'lifetime')).toBe('long');
    const runtimeResid = attr(runtime, 'resid');
    expect(runtimeResid).toBe('Taskpane.Url');
    const pageResid = attr(
      path(host, 'AllFormFactors', 'ExtensionPoint', 'Page', 'SourceLocation'),
      'resid',
    );
    const functionFileResid = attr(path(host, 'DesktopFormFactor', 'FunctionFile'), 'resid');
    expect(pageResid).toBe(runtimeResid);
    expect(functionFileResid).toBe(runtimeResid);
    // The shared runtime page is the task pane page.
    expect(defined.get(runtimeResid!)?.value).toBe(
      attr(path(officeApp, 'DefaultSettings', 'SourceLocation'), 'DefaultValue'),
    );
  });

  it('custom functions point at functions.js / functions.json in namespace PT', () => {
    const cf = path(host, 'AllFormFactors', 'ExtensionPoint');
    const url = (n: XNode | undefined) => defined.get(attr(n, 'resid') ?? '')?.value;
    expect(url(path(cf, 'Script', 'SourceLocation'))).toBe(`${DEV_BASE}functions.js`);
    expect(url(path(cf, 'Metadata', 'SourceLocation'))).toBe(`${DEV_BASE}functions.json`);
    expect(url(path(cf, 'Page', 'SourceLocation'))).toBe(`${DEV_BASE}taskpane.html`);
    expect(defined.get(attr(child(cf, 'Namespace'), 'resid')!)?.value).toBe('PT');
  });

  it('requires SharedRuntime 1.1, CustomFunctionsRuntime 1.1 and ExcelApi 1.12 (or later)', () => {
    const setsNode = path(officeApp, 'Requirements', 'Sets');
    const fallback = attr(setsNode, 'DefaultMinVersion') ?? '1.1';
    const sets = new Map(
      kids(setsNode).map((s) => [attr(s, 'Name'), attr(s, 'MinVersion') ?? fallback] as const),
    );
    const atLeast = (v: string | undefined, min: string): boolean => {
      if (v === undefined) return false;
      const a = v.split('.').map(Number);
      const b = min.split('.').map(Number);
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const d = (a[i] ?? 0) - (b[i] ?? 0);
        if (d !== 0) return d > 0;
      }
      return true;
    };
    expect(sets.get('SharedRuntime'), 'SharedRuntime requirement').toBe('1.1');
    // render-excel.ts marks report sheets with Worksheet.customProperties (ExcelApi 1.12) and never
    // checks isSetSupported, so the manifest must keep Excel versions without it from loading the add-in.
    expect(
      atLeast(sets.get('ExcelApi'), '1.12'),
      'ExcelApi >= 1.12 (Worksheet.customProperties)',
    ).toBe(true);
    expect(
      atLeast(sets.get('CustomFunctionsRuntime'), '1.1'),
      'CustomFunctionsRuntime >= 1.1',
    ).toBe(true);
  });
});

describe('manifest.xml: URLs and files', () => {
  it('every URL starts with the dev base https://localhost:3000/', () => {
    const urls = allUrls(root);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls)
      expect(u.startsWith(DEV_BASE), `${u} does not start with ${DEV_BASE}`).toBe(true);
  });

  it('every icon URL is a PNG in excel-addin/assets of the size the manifest declares', () => {
    const want = new Map<string, number>(); // file name -> pixel size
    const add = (url: string | undefined, size: number) => {
      expect(url, 'icon URL').toBeDefined();
      const file = urlToRelPath(url!).replace(/^assets\//, '');
      const prev = want.get(file);
      expect(prev === undefined || prev === size, `${file} is used at ${prev} and ${size} px`).toBe(
        true,
      );
      want.set(file, size);
    };
    add(attr(child(officeApp, 'IconUrl'), 'DefaultValue'), 32);
    add(attr(child(officeApp, 'HighResolutionIconUrl'), 'DefaultValue'), 64);
    for (const { node } of walk(versionOverrides)) {
      if (node['#name'] === 'bt:Image' && attr(node, 'size')) {
        add(defined.get(attr(node, 'resid')!)?.value, Number(attr(node, 'size')));
      }
    }
    for (const [id, { kind, value }] of defined) {
      if (kind !== 'Images') continue;
      const m = /icon-(\d+)\.png$/.exec(value);
      expect(m, `image resource ${id} should be named icon-<size>.png`).not.toBeNull();
      add(value, Number(m![1]));
    }
    for (const [file, size] of want) {
      const p = join(ICON_SRC, file);
      expect(existsSync(p), `${p} is missing (run node build/make-icons.mjs)`).toBe(true);
      expect(pngSize(p), `${file} should be a ${size}x${size} PNG`).toEqual({
        width: size,
        height: size,
      });
    }
  });

  const distMissing = !existsSync(DIST);
  if (distMissing) {
    console.log(
      `[manifest.test] ${DIST} does not exist: skipping the check that every manifest URL maps to a built file. ` +
        'Run the build (npm run build) to enable it.',
    );
  }

  it.skipIf(distMissing)('every https://localhost:3000/ URL maps to a file in dist/excel/', () => {
    const missing: string[] = [];
    for (const u of allUrls(root)) {
      const rel = urlToRelPath(u);
      const p = join(DIST, rel);
      if (!existsSync(p) || !statSync(p).isFile()) missing.push(`${u} -> dist/excel/${rel}`);
    }
    expect(missing, `built files missing for manifest URLs:\n${missing.join('\n')}`).toEqual([]);
  });
});

describe('manifest.xml: SupportUrl leads to a way to get support', () => {
  it('points at support.html, which the build ships', () => {
    expect(attr(child(officeApp, 'SupportUrl'), 'DefaultValue')).toBe(`${DEV_BASE}support.html`);
    const page = readFileSync(join(ROOT, 'excel-addin', 'support.html'), 'utf8');
    expect(page).toContain('<!-- SUPPORT_CONTACT -->');
    expect(page).toContain('Self-test');
  });

  it('names the contact given at build time: an e-mail address or an https page', () => {
    const prod = 'https://addin.example.test/pt/';
    const mail = supportHtml(
      supportContact({ PROFIT_TIERS_SUPPORT: 'help@example.test' }, prod),
    ) as string;
    expect(mail).toBe(
      '<p>Write to <a href="mailto:help@example.test?subject=Profit%20Tiers%20support">help@example.test</a>.</p>',
    );
    const page = supportHtml(
      supportContact({ PROFIT_TIERS_SUPPORT: 'https://example.test/help?a=1&b=2' }, prod),
    ) as string;
    expect(page).toContain('href="https://example.test/help?a=1&amp;b=2"');
  });

  it('a production build without a support contact fails; a bad one too', () => {
    expect(() => supportContact({}, 'https://addin.example.test/pt/')).toThrow(
      /PROFIT_TIERS_SUPPORT must name/,
    );
    expect(() => supportContact({ PROFIT_TIERS_SUPPORT: 'javascript:alert(1)' }, DEV_BASE)).toThrow(
      /must be an e-mail address or an https/,
    );
    expect(supportContact({}, DEV_BASE)).toBeNull();
  });
});
