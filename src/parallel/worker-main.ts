/**
 * Entry point of a parallel-execution worker thread: receives BlockJobs, runs its share of Block-STM, and
 * reports back. An exception halts the shared run (the executor then finishes the block sequentially)
 * and is reported with its stack; the worker stays usable for the next block.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BlockWorker } from './block-worker.js';
import type { BlockJob, WorkerReport } from './block-job.js';
import { Ctl } from './scheduler.js';

const id = (workerData as { id: number }).id;
const worker = new BlockWorker(id);
let ctl: Int32Array | null = null;

parentPort!.on('message', (job: BlockJob) => {
  if (job.memory !== undefined) ctl = new Int32Array(job.memory.ctl);
  let report: WorkerReport;
  const started = performance.now();
  try {
    report = { worker: id, tasks: worker.run(job), counts: worker.counts, busyMs: performance.now() - started };
  } catch (error) {
    if (ctl !== null) {
      Atomics.store(ctl, Ctl.HALT, 1);
      Atomics.add(ctl, Ctl.WAKE_EPOCH, 1);
      Atomics.notify(ctl, Ctl.WAKE_EPOCH);
    }
    report = { worker: id, tasks: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(report);
});
