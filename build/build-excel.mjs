// @ts-check
// Builds the Excel add-in into dist/excel/: functions.json and one per language in <locale>/
// (generated, see generate-functions.mjs), functions.js (custom functions), taskpane.html/.js/.css
// (the shared pane with the Office.js host), help.html (function help from the same table), the
// support, privacy and terms pages (support.html is the manifest's SupportUrl; the Sheets
// add-on's Marketplace listing links all three at the same base), icons, manifest.xml for the
// chosen base URL, and _headers (the Cache-Control a static host should send, see docs/hosting.md).
// The production base URL is set in one place: PROFIT_TIERS_BASE_URL (default: the dev server).

import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateFunctions } from './generate-functions.mjs';
import { productVersion } from './version.mjs';

/** @typedef {import('../core/functions/definitions.js').FunctionDef} FunctionDef */

export const DEV_BASE = 'https://localhost:3000/';
const OUT = 'dist/excel';
/** Pages with the support contact and the version filled in; all of them link each other. */
export const PAGES = ['support.html', 'privacy.html', 'terms.html'];

/** The base URL every manifest URL and help link starts with, always ending in "/". */
export function baseUrl(env = process.env) {
  const b = env.PROFIT_TIERS_BASE_URL || DEV_BASE;
  if (!/^https:\/\//.test(b))
    throw new Error(`PROFIT_TIERS_BASE_URL must be an https:// URL (got ${b})`);
  return b.endsWith('/') ? b : `${b}/`;
}

/**
 * Where users get support (the manifest's SupportUrl leads to support.html, which must offer a
 * way; AppSource checks it): PROFIT_TIERS_SUPPORT, an e-mail address or an https:// page. A
 * production build (any other base URL than the dev server's) fails without it.
 * @param {Record<string, string | undefined>} env
 * @param {string} base
 * @returns {{ href: string, text: string } | null}
 */
export function supportContact(env = process.env, base = baseUrl(env)) {
  const c = (env.PROFIT_TIERS_SUPPORT ?? '').trim();
  if (c === '') {
    if (base !== DEV_BASE)
      throw new Error(
        'PROFIT_TIERS_SUPPORT must name an e-mail address or an https:// page for support.html',
      );
    return null;
  }
  if (/^https:\/\/\S+$/.test(c)) return { href: c, text: c };
  if (/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(c))
    return { href: `mailto:${c}?subject=${encodeURIComponent('Profit Tiers support')}`, text: c };
  throw new Error(`PROFIT_TIERS_SUPPORT must be an e-mail address or an https:// URL (got ${c})`);
}

/**
 * The contact paragraph of support.html.
 * @param {{ href: string, text: string } | null} contact
 */
export function supportHtml(contact) {
  if (contact === null)
    return '<p>This is a development build: set PROFIT_TIERS_SUPPORT (an e-mail address or an https:// page) when you build for users, and it appears here.</p>';
  return `<p>Write to <a href="${escapeHtml(contact.href)}">${escapeHtml(contact.text)}</a>.</p>`;
}

/** @type {Record<string, string>} */
const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** @param {string} s */
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * One <section> per function, anchored by id (the @helpurl of each function points here).
 * @param {FunctionDef[]} functions
 */
function functionHelp(functions) {
  return functions
    .map((f) =>
      [
        `<section id="${f.id}">`,
        `<h3>PT.${f.id}(${f.params.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})</h3>`,
        `<p>${escapeHtml(f.description)}</p>`,
        '<dl>',
        ...f.params.map(
          (p) =>
            `<dt>${p.name}${p.optional ? ' (optional)' : ''}</dt><dd>${escapeHtml(p.description)}</dd>`,
        ),
        '</dl>',
        `<p><strong>Returns</strong> ${escapeHtml(f.returns)}</p>`,
        `<p><strong>Example</strong> <code>${escapeHtml(f.example.replace(/^=/, '=PT.'))}</code></p>`,
        '</section>',
      ].join('\n'),
    )
    .join('\n');
}

/**
 * Builds into `out` (tests build production variants into temporary folders, so they never race
 * with the dev build in dist/excel).
 * @param {string} [out]
 * @param {Record<string, string | undefined>} [env] PROFIT_TIERS_BASE_URL, PROFIT_TIERS_SUPPORT
 */
export default async function buildExcel(out = OUT, env = process.env) {
  const base = baseUrl(env);
  const contact = supportContact(env, base);
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'assets'), { recursive: true });
  const functions = await generateFunctions({ outDir: out, tmpDir: `${out}.tmp`, helpBase: base });
  /** @type {import('esbuild').BuildOptions} */
  const common = {
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    legalComments: 'none',
  };
  await build({
    ...common,
    entryPoints: ['excel-addin/custom-functions.ts'],
    outfile: join(out, 'functions.js'),
  });
  await build({
    ...common,
    entryPoints: ['excel-addin/taskpane.ts'],
    outfile: join(out, 'taskpane.js'),
  });
  await copyFile('pane/pane.css', join(out, 'taskpane.css'));
  await copyFile('excel-addin/taskpane.html', join(out, 'taskpane.html'));
  const help = await readFile('excel-addin/help.html', 'utf8');
  await writeFile(
    join(out, 'help.html'),
    help.replace('<!-- FUNCTIONS -->', functionHelp(functions)),
  );
  const version = `<span class="version">Profit Tiers ${escapeHtml(productVersion())}</span>`;
  for (const page of PAGES) {
    const html = await readFile(join('excel-addin', page), 'utf8');
    await writeFile(
      join(out, page),
      html
        .replace('<!-- SUPPORT_CONTACT -->', () => supportHtml(contact))
        .replace('<!-- VERSION -->', () => version),
    );
  }
  for (const f of await readdir('excel-addin/assets'))
    await copyFile(join('excel-addin/assets', f), join(out, 'assets', f));
  const files = [...(await listFiles(out)), 'manifest.xml'].sort();
  await writeFile(join(out, '_headers'), headersFile(files));
  // The manifest last: test/excel/built-dist.ts takes it as the mark of a finished build.
  const manifest = await readFile('manifest.xml', 'utf8');
  await writeFile(join(out, 'manifest.xml'), manifest.split(DEV_BASE).join(base));
  await rm(`${out}.tmp`, { recursive: true, force: true });
  return out;
}

/**
 * Every file under `dir`, relative, with "/" separators, sorted.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}

/**
 * The Cache-Control a production host sends for a file of dist/excel (docs/hosting.md). The file
 * names carry no content hash and the manifest names them for good, so the code, pages and
 * metadata are stored but revalidated on every use (`no-cache`: a release is seen at once, and an
 * old functions.js never meets a new functions.json); the icons, which change rarely, are kept a
 * day. The dev server sends `no-store` instead.
 * @param {string} path relative to dist/excel, e.g. "assets/icon-32.png"
 */
export function cacheControl(path) {
  if (/^assets\/.*\.png$/.test(path)) return 'public, max-age=86400';
  return 'no-cache';
}

/**
 * dist/excel/_headers: cacheControl for each built file, in the form Netlify and Cloudflare Pages
 * read. One rule per exact path, since those hosts merge the headers of overlapping rules.
 * @param {string[]} files relative to dist/excel
 */
export function headersFile(files) {
  const out = ['# Written by build/build-excel.mjs (cacheControl); see docs/hosting.md.'];
  for (const f of files) {
    if (f === '_headers') continue;
    out.push(`/${f}`, `  Cache-Control: ${cacheControl(f)}`, '  X-Content-Type-Options: nosniff');
  }
  return `${out.join('\n')}\n`;
}

/** @type {Partial<Record<string, string>>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.map': 'application/json',
  '.xml': 'application/xml',
};

/**
 * The dev server Excel sideloads from: dist/excel over https://localhost:3000 with the Office
 * dev certificates (office-addin-dev-certs creates and trusts them on first use).
 */
export async function serveExcel(port = 3000) {
  const require = createRequire(import.meta.url);
  /** @type {typeof import('office-addin-dev-certs')} */
  const { getHttpsServerOptions } = require('office-addin-dev-certs');
  const { createServer } = await import('node:https');
  const options = await getHttpsServerOptions();
  createServer(options, async (req, res) => {
    const path = normalize(
      decodeURIComponent(new URL(req.url ?? '/', 'https://localhost').pathname),
    ).replace(/^([/\\])+/, '');
    if (path.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(OUT, path || 'taskpane.html'));
      res
        .writeHead(200, {
          'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        })
        .end(body);
    } catch {
      res.writeHead(404).end();
    }
  }).listen(port, () =>
    console.log(`Profit Tiers (Excel) at https://localhost:${port}/taskpane.html`),
  );
}

// `node build/build-excel.mjs serve`: build once, then serve (what `npm run start:excel` starts).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildExcel();
  if (process.argv[2] === 'serve') await serveExcel();
}
