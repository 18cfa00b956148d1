/**
 * The persistent pool of execution threads (one per core by default), started once and reused for every
 * block. A block is dispatched with one postMessage per worker; its shared buffers travel only when they
 * change. A worker that dies (exit, uncaught error) is detected here — the main thread never blocks on
 * Atomics while a block runs — and replaced by a fresh one; the run is halted so the others stop.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BlockJob, WorkerReport } from './block-job.js';
import { Ctl } from './scheduler.js';

interface Slot {
  worker: Worker;
  stateVersion: number;
  memoryGeneration: number;
  pending: ((report: WorkerReport) => void) | null;
}

export interface PoolRunResult {
  reports: WorkerReport[];
  /** Workers that died during the run (exit code or error message). */
  failures: string[];
}

const WORKER_URL = new URL('./worker-main.js', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private closed = false;

  constructor(readonly size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker count must be a positive integer, got ${size}`);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i));
  }

  private spawn(index: number): Slot {
    const worker = new Worker(WORKER_URL, { workerData: { id: index } });
    const slot: Slot = { worker, stateVersion: -1, memoryGeneration: -1, pending: null };
    worker.on('message', (report: WorkerReport) => {
      const resolve = slot.pending;
      slot.pending = null;
      resolve?.(report);
    });
    const onDeath = (reason: string): void => {
      const resolve = slot.pending;
      slot.pending = null;
      if (!this.closed && this.slots[index] === slot) this.slots[index] = this.spawn(index);
      resolve?.({ worker: index, tasks: 0, error: `worker ${index} died: ${reason}` });
    };
    worker.on('error', (error) => onDeath(error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => {
      if (!this.closed) onDeath(`exit code ${code}`);
    });
    worker.unref();
    return slot;
  }

  /**
   * Runs a block on every worker. `ctl` is the block's control array: the run is halted if a worker dies
   * or `timeoutMs` passes, so that no input can hang the executor.
   */
  async run(job: BlockJob, ctl: Int32Array, timeoutMs: number): Promise<PoolRunResult> {
    if (this.closed) throw new Error('worker pool is closed');
    const halt = (): void => {
      Atomics.store(ctl, Ctl.HALT, 1);
      Atomics.add(ctl, Ctl.WAKE_EPOCH, 1);
      Atomics.notify(ctl, Ctl.WAKE_EPOCH);
    };
    const failures: string[] = [];
    const runs = this.slots.map((slot) => {
      const message: BlockJob = { ...job };
      if (slot.stateVersion === job.stateVersion) delete message.state;
      if (slot.memoryGeneration === job.memoryGeneration) delete message.memory;
      slot.stateVersion = job.stateVersion;
      slot.memoryGeneration = job.memoryGeneration;
      return new Promise<WorkerReport>((resolve) => {
        slot.pending = (report) => {
          if (report.error !== undefined) {
            failures.push(report.error);
            halt();
          }
          resolve(report);
        };
        slot.worker.postMessage(message);
      });
    });
    const timer = setTimeout(() => {
      failures.push(`block did not finish within ${timeoutMs} ms`);
      halt();
    }, timeoutMs);
    try {
      const reports = await Promise.all(runs);
      return { reports, failures };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
