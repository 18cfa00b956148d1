/**
 * The worker pool's control memory: how blocks are dispatched and reported without messages. The main
 * thread writes the block header, bumps SEQ and notifies; every worker sleeps in Atomics.wait on SEQ,
 * runs the block, writes its report into its slot, stores SEQ into its DONE word and bumps DONE_COUNT,
 * which the main thread awaits with Atomics.waitAsync (its event loop stays free, so worker deaths are
 * still noticed). A worker whose buffers changed finds its slot's MESSAGE word equal to SEQ and takes
 * the BufferUpdate synchronously from its port (receiveMessageOnPort) before running.
 *
 * Layout (Int32): [SEQ, DONE_COUNT, STOP, unused x5] then per worker SLOT_WORDS words:
 *   [DONE, MESSAGE, FAILED, tasks, executions, firstExecutions, validations, aborts, dependencyWaits, busyUs, ...]
 */
import type { WorkerCounts } from './block-job.js';

export const enum PoolCtl {
  SEQ = 0,
  DONE_COUNT = 1,
  STOP = 2,
}

const HEADER_WORDS = 8;
const SLOT_WORDS = 16;

const enum Slot {
  DONE = 0,
  MESSAGE = 1,
  FAILED = 2,
  TASKS = 3,
  EXECUTIONS = 4,
  FIRST_EXECUTIONS = 5,
  VALIDATIONS = 6,
  ABORTS = 7,
  DEPENDENCY_WAITS = 8,
  BUSY_US = 9,
}

export function allocatePoolControl(workers: number): SharedArrayBuffer {
  return new SharedArrayBuffer((HEADER_WORDS + workers * SLOT_WORDS) * 4);
}

function slot(worker: number): number {
  return HEADER_WORDS + worker * SLOT_WORDS;
}

/** Worker: the block `seq` is finished; `failed` if it threw (the error follows by message). */
export function reportDone(ctl: Int32Array, worker: number, seq: number, tasks: number, counts: WorkerCounts, busyMs: number, failed: boolean): void {
  const s = slot(worker);
  ctl[s + Slot.FAILED] = failed ? seq : 0;
  ctl[s + Slot.TASKS] = tasks;
  ctl[s + Slot.EXECUTIONS] = counts.executions;
  ctl[s + Slot.FIRST_EXECUTIONS] = counts.firstExecutions;
  ctl[s + Slot.VALIDATIONS] = counts.validations;
  ctl[s + Slot.ABORTS] = counts.aborts;
  ctl[s + Slot.DEPENDENCY_WAITS] = counts.dependencyWaits;
  ctl[s + Slot.BUSY_US] = Math.min(0x7fffffff, Math.round(busyMs * 1000));
  Atomics.store(ctl, s + Slot.DONE, seq);
  Atomics.add(ctl, PoolCtl.DONE_COUNT, 1);
  Atomics.notify(ctl, PoolCtl.DONE_COUNT);
}

/** Main thread: whether `worker` has finished block `seq`. */
export function isDone(ctl: Int32Array, worker: number, seq: number): boolean {
  return Atomics.load(ctl, slot(worker) + Slot.DONE) === seq;
}

/** Main thread: whether `worker` reported a failure for block `seq`. */
export function failedAt(ctl: Int32Array, worker: number, seq: number): boolean {
  return Atomics.load(ctl, slot(worker) + Slot.FAILED) === seq;
}

export function readReport(ctl: Int32Array, worker: number): { tasks: number; counts: WorkerCounts; busyMs: number } {
  const s = slot(worker);
  return {
    tasks: ctl[s + Slot.TASKS]!,
    counts: {
      executions: ctl[s + Slot.EXECUTIONS]!,
      firstExecutions: ctl[s + Slot.FIRST_EXECUTIONS]!,
      validations: ctl[s + Slot.VALIDATIONS]!,
      aborts: ctl[s + Slot.ABORTS]!,
      dependencyWaits: ctl[s + Slot.DEPENDENCY_WAITS]!,
    },
    busyMs: ctl[s + Slot.BUSY_US]! / 1000,
  };
}

/** Main thread: a BufferUpdate for `worker` accompanies block `seq`. */
export function markMessage(ctl: Int32Array, worker: number, seq: number): void {
  Atomics.store(ctl, slot(worker) + Slot.MESSAGE, seq);
}

/** Worker: whether a BufferUpdate accompanies block `seq`. */
export function hasMessage(ctl: Int32Array, worker: number, seq: number): boolean {
  return Atomics.load(ctl, slot(worker) + Slot.MESSAGE) === seq;
}
