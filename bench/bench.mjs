// `npm run bench`: builds bench/run.ts (and, when the hosts exist, bench/hosts.ts and a CLI bundle for
// the template) with esbuild into bench/tmp/build/ (git-ignored), then runs the benchmark. Extra arguments
// (e.g. --quick) are passed on. Results: stdout and bench/results.md.

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench/tmp/build');
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'silent',
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: ['bench/run.ts'],
  outfile: join(out, 'run.mjs'),
  logLevel: 'warning',
});
for (const [entry, file] of [
  ['bench/hosts.ts', 'hosts.mjs'],
  ['cli/profit-tiers.ts', 'cli.mjs'],
  ['cli/read-csv-worker.ts', 'read-csv-worker.js'], // beside cli.mjs: the CSV reader's threads
]) {
  rmSync(join(out, file), { force: true });
  try {
    await build({ ...common, entryPoints: [entry], outfile: join(out, file) });
    rmSync(join(out, file.replace(/\.m?js$/, '.error.txt')), { force: true });
  } catch (e) {
    writeFileSync(
      join(out, file.replace(/\.m?js$/, '.error.txt')),
      `${entry} does not build yet: ${e.errors?.[0]?.text ?? e.message}\n`,
    );
  }
}
const run = spawnSync(
  process.execPath,
  ['--expose-gc', join(out, 'run.mjs'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);
process.exit(run.status ?? 1);
