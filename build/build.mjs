// @ts-check
// Builds every bundle with esbuild: the CLI (dist/cli), and — as they exist — the Excel add-in
// (dist/excel) and the Sheets add-on (dist/sheets). `node build/build.mjs [cli|excel|sheets]…`

import { chmodSync, existsSync } from 'node:fs';
import { build } from 'esbuild';

const only = new Set(process.argv.slice(2));
/** @param {string} name */
const want = (name) => only.size === 0 || only.has(name);

if (want('cli')) {
  /** @type {import('esbuild').BuildOptions} */
  const node = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  };
  await build({
    ...node,
    entryPoints: ['cli/profit-tiers.ts'],
    outfile: 'dist/cli/profit-tiers.js',
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync('dist/cli/profit-tiers.js', 0o755); // the package's bin: npx runs it directly
  // the streamed CSV reader's worker threads run this, found beside the bundle
  await build({
    ...node,
    entryPoints: ['cli/read-csv-worker.ts'],
    outfile: 'dist/cli/read-csv-worker.js',
  });
}
for (const host of ['excel', 'sheets']) {
  const script = `build/build-${host}.mjs`;
  if (want(host) && existsSync(script)) await (await import(`./build-${host}.mjs`)).default();
}
