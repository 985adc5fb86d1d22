// Tests of the built add-in need dist/excel. `npm test` builds first; a direct `vitest run` builds
// here when dist/excel is missing or older than its sources. Test files run in parallel, so the
// build is guarded by a lock directory (mkdir is atomic): one file builds, the others wait.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['core', 'pane', 'excel-addin', 'build', 'manifest.xml'];
const LOCK = 'dist/.excel-build-lock';
/** The build writes dist/excel/manifest.xml last. */
const MARKER = 'dist/excel/manifest.xml';

function newest(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const fresh = () =>
  existsSync(MARKER) && statSync(MARKER).mtimeMs >= Math.max(...SOURCES.map(newest));

export function ensureExcelBuild(): void {
  const deadline = Date.now() + 120_000;
  while (!fresh()) {
    try {
      mkdirSync('dist', { recursive: true });
      mkdirSync(LOCK);
    } catch {
      if (Date.now() > deadline)
        throw new Error(`${LOCK} held for 2 minutes: remove it if no build is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // another test file is building
      continue;
    }
    try {
      if (!fresh())
        execFileSync(process.execPath, ['build/build.mjs', 'excel'], { stdio: 'inherit' });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
