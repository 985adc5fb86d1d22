// @ts-check
// `npm run validate:prod`: builds the production add-in (PROFIT_TIERS_BASE_URL and
// PROFIT_TIERS_SUPPORT must be set: a manifest pointing at localhost cannot pass) and sends
// dist/excel/manifest.xml to Microsoft's validation service with the production checks
// (office-addin-manifest validate --production). It needs the network, so it is a step for the
// person submitting, not part of npm test; test/publish/production-manifest.test.ts checks offline
// what can be checked without it.

import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import buildExcel, { baseUrl, DEV_BASE } from './build-excel.mjs';

try {
  if (baseUrl() === DEV_BASE)
    throw new Error(
      'set PROFIT_TIERS_BASE_URL to the https:// address the add-in is served from (and PROFIT_TIERS_SUPPORT)',
    );
  const out = await buildExcel();
  const cli = createRequire(import.meta.url).resolve('office-addin-manifest/cli.js');
  execFileSync(process.execPath, [cli, 'validate', '--production', `${out}/manifest.xml`], {
    stdio: 'inherit',
  });
} catch (e) {
  const err = /** @type {Error & { status?: number }} */ (e);
  if (err.status === undefined) console.error(`validate:prod: ${err.message}`);
  process.exitCode = err.status ?? 2;
}
