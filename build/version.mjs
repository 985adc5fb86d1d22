// @ts-check
// One version for the whole product: package.json's "version" (x.y.z) is the source; the Excel
// manifest's <Version> is the same number with a fourth part 0 (Office wants four parts), and the
// builds stamp it on Code.js and on the support, privacy and terms pages.
//
//   npm run version:bump -- 0.3.0   sets package.json, package-lock.json and manifest.xml, and
//                                   opens a "## 0.3.0" section at the top of CHANGELOG.md
//   npm version 0.3.0               npm sets package.json; its "version" hook runs
//                                   `node build/version.mjs --sync` to carry it to the manifest

import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
const MANIFEST_VERSION = /<Version>([^<]*)<\/Version>/;

/** The product's version, from package.json. */
export function productVersion(root = '.') {
  return JSON.parse(readFileSync(`${root}/package.json`, 'utf8')).version;
}

/**
 * The manifest's four-part form of an x.y.z version. Office reads up to four numbers, each at most
 * 65535 (a bigger part fails validation), so the three parts must fit too.
 * @param {string} version
 */
export function manifestVersion(version) {
  const m = SEMVER.exec(version);
  if (!m) throw new Error(`a version is three numbers x.y.z (got ${version})`);
  if (m.slice(1).some((n) => Number(n) > 65535))
    throw new Error(`each part of a version is at most 65535 (got ${version})`);
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}.0`;
}

/** @param {string} xml */
export function readManifestVersion(xml) {
  const m = MANIFEST_VERSION.exec(xml);
  if (!m) throw new Error('manifest.xml has no <Version>');
  return m[1];
}

/**
 * @param {string} version
 * @param {{ root?: string, changelog?: boolean }} [options]
 */
export function setVersion(version, { root = '.', changelog = true } = {}) {
  const four = manifestVersion(version);
  const pkgFile = `${root}/package.json`;
  const pkg = readFileSync(pkgFile, 'utf8');
  writeFileSync(pkgFile, pkg.replace(/("version":\s*")[^"]*(")/, `$1${version}$2`));
  const lockFile = `${root}/package-lock.json`;
  try {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    lock.version = version;
    if (lock.packages?.['']) lock.packages[''].version = version;
    writeFileSync(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ENOENT') throw e;
  }
  const manifestFile = `${root}/manifest.xml`;
  const xml = readFileSync(manifestFile, 'utf8');
  readManifestVersion(xml);
  writeFileSync(manifestFile, xml.replace(MANIFEST_VERSION, `<Version>${four}</Version>`));
  if (changelog) openChangelog(version, `${root}/CHANGELOG.md`);
}

/**
 * Puts "## <version> (unreleased)" above the newest section, unless the version has one already.
 * @param {string} version
 * @param {string} file
 */
function openChangelog(version, file) {
  const text = readFileSync(file, 'utf8');
  if (new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm').test(text)) return;
  const at = text.search(/^## /m);
  const section = `## ${version} (unreleased)\n\n- \n\n`;
  writeFileSync(
    file,
    at < 0 ? `${text.trimEnd()}\n\n${section}` : text.slice(0, at) + section + text.slice(at),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv[2];
  try {
    if (arg === '--sync') setVersion(productVersion(), { changelog: false });
    else if (arg && SEMVER.test(arg)) setVersion(arg);
    else throw new Error('usage: npm run version:bump -- <x.y.z>   (or --sync after npm version)');
    console.log(`version ${productVersion()} (manifest ${manifestVersion(productVersion())})`);
  } catch (e) {
    console.error(`version: ${/** @type {Error} */ (e).message}`);
    process.exitCode = 2;
  }
}
