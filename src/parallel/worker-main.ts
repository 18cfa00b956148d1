/**
 * Entry point of a parallel-execution worker thread. It sleeps on the pool's control memory
 * (pool-control.ts) and, for every block the main thread publishes, takes any buffer update from its
 * port, reads the block header, runs its share of Block-STM, and reports in shared memory. It never
 * returns to its event loop while the pool lives: dispatching a block costs an Atomics.notify, not a
 * message. An exception halts the shared run (the executor then finishes the block sequentially); it is
 * reported with its stack by message, and the worker stays usable for the next block.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { BlockWorker } from './block-worker.js';
import { readBlockHeader } from './block-header.js';
import type { BufferUpdate, WorkerReport } from './block-job.js';
import { hasMessage, PoolCtl, reportDone } from './pool-control.js';

interface WorkerInit {
  id: number;
  control: SharedArrayBuffer;
  header: SharedArrayBuffer;
  /** The SEQ current when this worker was started: it runs blocks after it. */
  startSeq: number;
}

const { id, control, header, startSeq } = workerData as WorkerInit;
const ctl = new Int32Array(control);
const port = parentPort!;
const worker = new BlockWorker(id);
const noCounts = { executions: 0, firstExecutions: 0, validations: 0, aborts: 0, dependencyWaits: 0 };
const pause = new Int32Array(new SharedArrayBuffer(4));

/** The BufferUpdate posted before SEQ was bumped (delivery into the port's queue may lag a little). */
function takeUpdate(): BufferUpdate {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received.message as BufferUpdate;
    if (performance.now() > deadline) throw new Error('buffer update announced but not received');
    Atomics.wait(pause, 0, 0, 0.05);
  }
}

port.postMessage({ ready: id });
let seen = startSeq;
for (;;) {
  Atomics.wait(ctl, PoolCtl.SEQ, seen);
  const seq = Atomics.load(ctl, PoolCtl.SEQ);
  if (seq === seen) continue;
  seen = seq;
  if (Atomics.load(ctl, PoolCtl.STOP) !== 0) break;
  const started = performance.now();
  try {
    if (hasMessage(ctl, id, seq)) worker.attachBuffers(takeUpdate());
    const tasks = worker.run(readBlockHeader(header));
    reportDone(ctl, id, seq, tasks, worker.counts, performance.now() - started, false);
  } catch (error) {
    worker.haltBlock();
    const report: WorkerReport = { worker: id, tasks: 0, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage({ seq, report });
    reportDone(ctl, id, seq, 0, noCounts, performance.now() - started, true);
  }
}
