/**
 * The entry of a worker thread of the streamed CSV reader (see read-csv-workers.ts), built beside
 * the CLI bundle as dist/cli/read-csv-worker.js.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { type WorkerInput, workerLoop } from './read-csv-workers.js';

if (!isMainThread) workerLoop(workerData as WorkerInput);
