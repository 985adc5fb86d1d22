/**
 * The streamed CSV reader on several threads. A large body is cut into byte ranges, each starting
 * after a line break; the main thread and worker threads take ranges in turn, each reading its
 * range from the file itself with the one-thread reader's per-line code (`readRange`), and the
 * main thread merges the partials in file order (`PartialMerge`), so the table is the one a single
 * read gives. A cut inside a quoted field cannot go unnoticed: the reader refuses a line break
 * inside quotes, so a range that starts inside one fails (or its predecessor does, on the quote
 * left open), and on any range failing the whole body is read again on one thread.
 *
 * `readRows` (the core) calls the reader synchronously, so the main thread waits for the workers
 * with `Atomics.wait` and takes their messages with `receiveMessageOnPort`.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import type { ReadOptions, RowTable } from '../core/read-rows.js';
import type { Settings } from '../core/settings.js';
import { type CsvHead, tokenise } from './csv-bytes.js';
import {
  type CsvFileSpan,
  type CsvPartial,
  type CsvRange,
  firstLineBreakIsCrlf,
  ORDERS_OUT_OF_RUNS,
  type PartialData,
  PartialMerge,
  planStream,
  readCsvStream,
  readRange,
  type StreamPlan,
  streamTable,
  toPartialData,
} from './read-csv-stream.js';

/**
 * Bodies below this are read on one thread. Sharing costs CPU time of its own (a worker's start,
 * each range's customers read again, the merge: about a third more on 100 MB of transaction
 * lines), which only idle cores repay; the bench's 73 MB and 98 MB files stay on one thread.
 */
export const MIN_BYTES = 256 << 20;
/**
 * Ranges of at most about this many bytes, as many for each thread: enough that a thread slowed
 * by other work does fewer of them, few enough that re-reading each range's customers (and
 * merging them) costs little.
 */
export const RANGE_BYTES = 64 << 20;
/** The bytes load-table.ts reads for the first rows (the header is found in them). */
const HEAD_BYTES = (1 << 20) + (64 << 10);
/** A worker that shows no sign of life for this long is given up (the body is read on one thread). */
const STALL_MS = 60_000;
/** Indexes into the shared counters. */
const NEXT = 0, // the next range to take
  SENT = 1, // partials sent by the workers
  BEAT = 2, // chunks read by the workers
  STOP = 3; // 1: stop (a range failed)

/** How a body is shared among threads. */
export interface ThreadTuning {
  /** Threads in all, the main one included; 1 reads on the main thread only. */
  threads: number;
  /** Bodies smaller than this are read on one thread. */
  minBytes: number;
  /** About this many bytes per range. */
  rangeBytes: number;
  chunkBytes: number;
  /** The worker script (the bundle's `read-csv-worker.js`). */
  workerUrl: URL;
}

/** Threads by default at most: each holds its ranges' partials, so memory grows with them. */
export const MAX_DEFAULT_THREADS = 4;

/**
 * The tuning for this process: every available CPU up to MAX_DEFAULT_THREADS (bodies of
 * MIN_BYTES and more), unless `PROFIT_TIERS_THREADS` says otherwise (`=N`: N threads, `=1`: the
 * main thread only, `=auto`: every CPU). On 2 quiet cores two threads read a 0.64 GB transaction file 1.4× as fast as one
 * (bench/results.md), now that ranges merge by their order runs rather than their ids.
 * `PROFIT_TIERS_RANGE_BYTES=N` (for tests) cuts ranges of about N bytes and shares bodies of any size.
 */
export function threadTuning(env: NodeJS.ProcessEnv = process.env): ThreadTuning {
  const asked = env.PROFIT_TIERS_THREADS,
    forced = Number(asked);
  const range = Number(env.PROFIT_TIERS_RANGE_BYTES);
  return {
    threads:
      Number.isInteger(forced) && forced >= 1
        ? forced
        : Math.min(availableParallelism(), asked === 'auto' ? Infinity : MAX_DEFAULT_THREADS),
    minBytes: range > 0 ? 0 : MIN_BYTES,
    rangeBytes: range > 0 ? range : RANGE_BYTES,
    chunkBytes: 8 << 20,
    workerUrl: new URL('./read-csv-worker.js', import.meta.url),
  };
}

/**
 * Reads the body at `span` as `readCsvStream` does, on `tuning.threads` threads when it is large
 * enough; `how` says on how many threads, or why on one.
 */
export function readCsvThreads(
  span: CsvFileSpan,
  head: CsvHead,
  settings: Settings,
  options: ReadOptions = {},
  tuning: ThreadTuning = threadTuning(),
): { table: RowTable | string; how: string } {
  const one = (why: string) => ({
    table: readCsvStream(span, head, settings, options, tuning.chunkBytes),
    how: `1 thread (${why})`,
  });
  const size = span.end - span.start;
  if (tuning.threads < 2) return one('PROFIT_TIERS_THREADS=1, or one CPU');
  if (size < tuning.minBytes) return one(`${mb(size)} is below ${mb(tuning.minBytes)}`);
  if (!existsSync(fileURLToPath(tuning.workerUrl))) return one('no worker script');
  const plan = planStream(head, settings, options);
  if (typeof plan === 'string') return { table: plan, how: '1 thread' };
  const ranges = cutRanges(span, plan, tuning);
  if (typeof ranges === 'string') return one(ranges);
  const threads = Math.min(tuning.threads, ranges.length);
  const part = readShared(plan, span.path, ranges, threads, tuning, { head, settings, options });
  if (typeof part === 'string') return one(`${threads} threads stopped: ${part}`);
  return { table: streamTable(plan, part), how: `${threads} threads, ${ranges.length} ranges` };
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/**
 * The body cut into ranges of about `tuning.rangeBytes` (at least one per thread), each starting
 * after a line break, the first holding the rows PapaParse read for the header; or why it is not
 * cut (one range, a first line longer than a chunk).
 */
export function cutRanges(
  span: CsvFileSpan,
  plan: StreamPlan,
  tuning: Pick<ThreadTuning, 'threads' | 'rangeBytes' | 'chunkBytes'>,
): CsvRange[] | string {
  const size = span.end - span.start;
  const fd = openSync(span.path, 'r');
  try {
    // the line break, as the one-thread reader tells it from its first chunk
    const chunk = Math.min(tuning.chunkBytes, size);
    const top = Buffer.allocUnsafe(Math.max(1, Math.min(size, Math.max(chunk, HEAD_BYTES))));
    const got = readSync(fd, top, 0, top.length, span.start);
    const limit = chunk < size ? top.lastIndexOf(0x0a, chunk - 1) + 1 : chunk;
    if (limit === 0) return 'a first line longer than a chunk';
    const crlf = firstLineBreakIsCrlf(top, limit);
    // the first range holds the rows the header was found in (compared with PapaParse's)
    const end = got < size ? top.lastIndexOf(0x0a, got - 1) + 1 : got;
    const none = new Int32Array(0);
    let headEnd = 0;
    for (let r = 0; r < plan.head.rows.length; r++) {
      if (headEnd >= end) return 'the whole body is in its first rows';
      headEnd = tokenise(top, headEnd, end, plan.D, crlf, none, none, new Uint8Array(0), 0);
      if (headEnd < 0) return 'the first rows are not read by the stream';
    }
    const count = tuning.threads * Math.ceil(size / (tuning.threads * tuning.rangeBytes));
    const starts = [span.start];
    const probe = Buffer.allocUnsafe(64 << 10);
    for (let i = 1; i < count; i++) {
      let at = Math.max(span.start + Math.round((i * size) / count), span.start + headEnd);
      at = Math.max(at, starts[starts.length - 1] + 1);
      // the range starts after the first line break at or after at - 1
      let cut = -1;
      for (let p = at - 1; p < span.end && cut < 0; p += probe.length) {
        const n = readSync(fd, probe, 0, Math.min(probe.length, span.end - p), p);
        if (n <= 0) break;
        const lf = probe.subarray(0, n).indexOf(0x0a);
        if (lf >= 0) cut = p + lf + 1;
      }
      if (cut < 0 || cut >= span.end) break;
      starts.push(cut);
    }
    if (starts.length < 2) return 'one range';
    return starts.map((from, i) => ({
      from,
      to: i + 1 < starts.length ? starts[i + 1] : span.end,
      first: i === 0,
      last: i + 1 === starts.length,
      crlf,
    }));
  } finally {
    closeSync(fd);
  }
}

/** What a worker is started with. */
export interface WorkerInput {
  path: string;
  head: CsvHead;
  settings: Settings;
  options: ReadOptions;
  ranges: CsvRange[];
  chunkBytes: number;
  counters: Int32Array;
  port: MessagePort;
}

/** A worker's message: range i's partial, or why it could not be read (i = -1: the worker failed). */
type WorkerMessage = { i: number; partial: PartialData } | { i: number; why: string };

/**
 * Reads `ranges` on the main thread and `threads - 1` workers, merged in file order; or why not
 * (a range failed, a worker stopped).
 */
function readShared(
  plan: StreamPlan,
  path: string,
  ranges: CsvRange[],
  threads: number,
  tuning: ThreadTuning,
  inputs: Pick<WorkerInput, 'head' | 'settings' | 'options'>,
) {
  const counters = new Int32Array(new SharedArrayBuffer(16));
  const workers: Worker[] = [],
    ports: MessagePort[] = [];
  try {
    for (let w = 1; w < threads; w++) {
      const { port1, port2 } = new MessageChannel();
      const workerData: WorkerInput = {
        ...inputs,
        path,
        ranges,
        chunkBytes: tuning.chunkBytes,
        counters,
        port: port2,
      };
      const worker = new Worker(tuning.workerUrl, { workerData, transferList: [port2] });
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    }
    const merge = new PartialMerge(plan);
    const pending = new Map<number, CsvPartial | PartialData | string>();
    const spare = {};
    let next = 0, // the next range to merge
      beat = -1,
      quietSince = Date.now();
    while (next < ranges.length) {
      const sent = Atomics.load(counters, SENT);
      for (const port of ports)
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
          const msg = m.message as WorkerMessage;
          if (msg.i < 0) return 'why' in msg ? msg.why : 'a worker failed';
          pending.set(msg.i, 'why' in msg ? msg.why : msg.partial);
        }
      const done = pending.get(next);
      if (done !== undefined) {
        pending.delete(next);
        if (typeof done === 'string') return done;
        merge.add(done);
        if (merge.result()?.orders.broken) return ORDERS_OUT_OF_RUNS;
        next++;
        continue;
      }
      // read a range here, unless enough partials already wait (memory stays bounded)
      if (pending.size < threads) {
        const i = Atomics.add(counters, NEXT, 1);
        if (i < ranges.length) {
          const p = readRange(plan, path, ranges[i], tuning.chunkBytes, undefined, spare);
          if (typeof p === 'string') return p;
          pending.set(i, p);
          continue;
        }
      }
      if (Atomics.wait(counters, SENT, sent, 1000) === 'timed-out') {
        const now = Date.now(),
          b = Atomics.load(counters, BEAT);
        if (b !== beat) {
          beat = b;
          quietSince = now;
        } else if (now - quietSince > STALL_MS) return 'a worker stopped answering';
      }
    }
    return merge.result() ?? 'no range read';
  } catch (e) {
    return `threads failed (${(e as Error).message})`;
  } finally {
    Atomics.store(counters, STOP, 1);
    for (const p of ports) p.close();
    for (const w of workers) void w.terminate();
  }
}

/**
 * The worker's side (read-csv-worker.ts): takes the next range, reads it with the main thread's
 * plan, sends its partial (its arrays moved, not copied), until no range is left or told to stop.
 */
export function workerLoop(input: WorkerInput): void {
  const { counters, port, ranges } = input;
  const send = (msg: WorkerMessage, buffers: ArrayBuffer[] = []) => {
    port.postMessage(msg, buffers);
    Atomics.add(counters, SENT, 1);
    Atomics.notify(counters, SENT);
  };
  try {
    const plan = planStream(input.head, input.settings, input.options);
    if (typeof plan === 'string') {
      send({ i: -1, why: plan });
      return;
    }
    const beat = () => {
      Atomics.add(counters, BEAT, 1);
      return Atomics.load(counters, STOP) === 1;
    };
    const spare = {};
    for (;;) {
      if (Atomics.load(counters, STOP) === 1) break;
      const i = Atomics.add(counters, NEXT, 1);
      if (i >= ranges.length) break;
      const p = readRange(plan, input.path, ranges[i], input.chunkBytes, beat, spare);
      if (typeof p === 'string') send({ i, why: p });
      else {
        const { data, buffers } = toPartialData(p);
        send({ i, partial: data }, buffers);
      }
    }
  } catch (e) {
    send({ i: -1, why: `a worker failed (${(e as Error).message})` });
  }
}
