/**
 * `--out report.xlsx`: the report sheets (core/report) rendered to an xlsx file with its charts.
 * The file is written next to the target under a temporary name and put into place, so an
 * interrupted run never leaves half a workbook; an input file, an existing file (without --force)
 * and a symbolic link are never the target.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, lstat, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Analysis } from '../core/analyze.js';
import type { RunInfo } from '../core/assumptions.js';
import { reportSheets } from '../core/report/report-sheets.js';
import { xlsxBytes } from './render-xlsx.js';
import { EXIT, UserError } from './user-error.js';
import { chartPart, chartParts } from './xlsx-chart.js';
import { joinParts } from './xlsx-parts.js';
import { tablePart, tableParts } from './xlsx-table.js';

/**
 * Writes the report of `a` to `path`. `inputs` are the files the analysis read: the command
 * refuses (one line, nothing written) when `path` is one of them, or exists and `force` is not set.
 * `run` names the input and the time on the Assumptions sheet.
 */
export async function writeReport(
  a: Analysis,
  path: string,
  inputs: string[] = [],
  onSheet?: (done: number, total: number, next: string) => void,
  force = false,
  run: RunInfo = {},
): Promise<void> {
  const target = await outputTarget(path, inputs, force);
  const sheets = reportSheets(a, run);
  const charts = sheets.flatMap((s) => s.charts.map((c) => chartPart(s.name, c, s.values)));
  const tables = sheets.flatMap((s) =>
    s.table && s.table.range.rows > 1
      ? [tablePart(s.name, s.table.name, s.table.range, s.values)]
      : [],
  );
  const bytes = await xlsxBytes(sheets, {
    onSheet,
    parts: joinParts(chartParts(charts), tableParts(tables)),
  });
  await writeAtomically(target, path, bytes, force);
}

/**
 * The path to write `path` to, checked before any work is done: a name ending in .xlsx, never one
 * of `inputs` (after resolving links), never an existing file unless `force`, never a symbolic
 * link (neither followed nor replaced), in a folder that exists. Each refusal is one line.
 */
export async function outputTarget(
  path: string,
  inputs: string[] = [],
  force = false,
): Promise<string> {
  if (path.trim() === '')
    throw new UserError('--out needs a file name, e.g. --out report.xlsx', EXIT.usage);
  if (extname(path).toLowerCase() !== '.xlsx')
    throw new UserError(`--out ${path}: the file name must end in .xlsx`, EXIT.usage);
  const abs = resolve(path),
    folder = dirname(path);
  const dir = await stat(dirname(abs)).catch((e: NodeJS.ErrnoException) => e);
  if (dir instanceof Error)
    throw new UserError(
      dir.code === 'ENOENT'
        ? `--out ${path}: the folder ${folder} does not exist; create it first`
        : `--out ${path}: cannot use the folder ${folder} (${dir.code ?? dir.message})`,
    );
  if (!dir.isDirectory()) throw new UserError(`--out ${path}: ${folder} is not a folder`);
  const target = join(await realpath(dirname(abs)), basename(abs));
  const real = await realpath(target).catch(() => target);
  for (const input of inputs) {
    if ((await canonical(input)) === real)
      throw new UserError(
        `--out ${path} is the input file; choose another name (the input is never overwritten)`,
        EXIT.usage,
      );
  }
  const info = await lstat(target).catch(() => null);
  if (info?.isSymbolicLink())
    throw new UserError(
      `--out ${path} is a symbolic link; links are never followed or replaced: give a new file name`,
    );
  if (info?.isDirectory())
    throw new UserError(`--out ${path} is a folder; give a file name inside it instead`);
  if (info && !info.isFile())
    throw new UserError(`--out ${path} is not a regular file; give a new file name`);
  if (info && !force)
    throw new UserError(
      `--out ${path} already exists; choose a new name, or add --force to replace it`,
    );
  await access(dirname(target), constants.W_OK).catch((e: NodeJS.ErrnoException) => {
    throw new UserError(`--out ${path}: cannot write in the folder ${folder} (${e.code})`);
  });
  return target;
}

/**
 * Writes through a temporary file in the target's folder, then puts it in place: renamed over the
 * target with `force`; otherwise hard-linked, which fails rather than replace a file that appeared
 * since `outputTarget` looked. Every file-system failure is one line, never an internal error.
 */
export async function writeAtomically(
  target: string,
  shown: string,
  bytes: Uint8Array,
  force = false,
): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    if (force) await rename(temp, target);
    else await placeNew(temp, target, shown);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    if (e instanceof UserError) throw e;
    throw writeError(e as NodeJS.ErrnoException, shown);
  }
}

/** Files systems without hard links (FAT, some network shares): check, then rename. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

async function placeNew(temp: string, target: string, shown: string): Promise<void> {
  const exists = () =>
    new UserError(`--out ${shown} already exists; choose a new name, or add --force to replace it`);
  try {
    await link(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw exists();
    if (!NO_LINKS.has(code)) throw e;
    if (
      await lstat(target).then(
        () => true,
        () => false,
      )
    )
      throw exists();
    await rename(temp, target);
    return;
  }
  await rm(temp);
}

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EBUSY: 'the file is in use',
  EROFS: 'a read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOENT: 'the folder is gone',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the name is too long',
};

/** A file-system error as one line; anything without an error code is a bug and stays one. */
function writeError(e: NodeJS.ErrnoException, shown: string): Error {
  if (typeof e?.code !== 'string') return e;
  const hint = e.code === 'EBUSY' || e.code === 'EPERM' || e.code === 'EACCES';
  return new UserError(
    `--out ${shown}: cannot write there (${e.code}${WHY[e.code] ? `: ${WHY[e.code]}` : ''}${hint ? '; is the file open in Excel?' : ''})`,
  );
}

/** The real path of a file, or of its folder plus its name when the file does not exist yet. */
async function canonical(p: string): Promise<string> {
  const abs = resolve(p);
  const real = await realpath(abs).catch(() => null);
  if (real) return real;
  const dir = await realpath(dirname(abs)).catch(() => dirname(abs));
  return join(dir, basename(abs));
}
