/**
 * The persistent pool of execution threads (one per core by default), started once and reused for every
 * block. A block is dispatched through shared memory (pool-control.ts): the header is written, SEQ bumped
 * and notified, and completion awaited with Atomics.waitAsync; buffers travel by message only when they
 * change. A worker that dies (exit, uncaught error) or hangs past the timeout is detected here — the main
 * thread never blocks while a block runs — and replaced by a fresh one; the run is halted so the others
 * stop, and the executor finishes the block sequentially.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BufferUpdate, WorkerReport } from './block-job.js';
import { allocateBlockHeader, writeBlockHeader, type BlockHeader } from './block-header.js';
import { allocatePoolControl, failedAt, isDone, markMessage, PoolCtl, readReport } from './pool-control.js';
import { haltRun } from './scheduler.js';

interface Slot {
  worker: Worker;
  stateVersion: number;
  memoryGeneration: number;
  ready: Promise<void>;
  /** Error reports by block SEQ, with waiters for ones not arrived yet. */
  errors: Map<number, string>;
  errorWaiters: Map<number, (error: string) => void>;
}

export interface PoolRunResult {
  reports: WorkerReport[];
  /** Workers that failed or died during the run (their error or exit reason). */
  failures: string[];
}

/** Everything a worker may need to attach to: sent to the workers whose versions differ. */
export type FullBufferUpdate = Required<BufferUpdate>;

/** After the timeout halts a run, how long workers get to stop before they are terminated. */
const HALT_GRACE_MS = 2000;
/**
 * A run is first awaited blocking this thread (Atomics.wait), for up to this long, then asynchronously.
 * Awaiting asynchronously from the start let V8 run its own tasks on the idle event loop — incremental
 * marking steps of 7-30 ms — and a run whose workers had finished waited for them: on AMM swaps on 1 pool
 * (a parallel attempt that gives up within a few ms), the time past setup and the workers' own time was
 * a median of 1.0 and 2.2 ms with up to 21 ms, against 0.4 and 1.2 ms blocking (14 attempts each, two
 * processes per setting). Blocking for longer (a whole 10k ERC-20 block) gained nothing measurable, and
 * a node's event loop should not stall for a whole block; dead workers are only noticed asynchronously.
 */
const BLOCKING_WAIT_MS = 25;
/**
 * With work to do while waiting (run's `onIdle`), how long the main thread sleeps when it has none, before
 * looking again: workers publish ~100-150 ERC-20 outputs per millisecond between them, and drafting them
 * takes the main thread well under that, so it sleeps most of the time.
 */
const IDLE_POLL_MS = 1;
/**
 * How long a closing pool waits for its workers to leave their loop on STOP before terminating them. An
 * exit of its own lets a worker flush what it holds (a --cpu-prof profile, say); an idle worker wakes
 * within microseconds, so this bounds only a worker stuck in a block.
 */
const STOP_GRACE_MS = 500;
/** Workers dying before they are ready (a broken build, say) are respawned this many times at most. */
const MAX_STARTUP_FAILURES = 3;
/** How long to wait for the message carrying a failed worker's error. */
const ERROR_MESSAGE_WAIT_MS = 1000;

const WORKER_URL = new URL('./worker-main.js', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly control: SharedArrayBuffer;
  private readonly ctl: Int32Array;
  private readonly header: SharedArrayBuffer;
  private seq = 0;
  private closed = false;
  /** Workers that died before they were ready; after MAX_STARTUP_FAILURES the pool gives up. */
  private startupFailures = 0;
  private broken: string | null = null;
  /** The run in progress: its SEQ and the failures seen so far. */
  private current: { seq: number; failures: string[]; blockCtl: Int32Array } | null = null;

  constructor(readonly size: number = availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker count must be a positive integer, got ${size}`);
    this.control = allocatePoolControl(size);
    this.ctl = new Int32Array(this.control);
    this.header = allocateBlockHeader();
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(i));
  }

  private spawn(index: number): Slot {
    const worker = new Worker(WORKER_URL, { workerData: { id: index, control: this.control, header: this.header, startSeq: this.seq } });
    let isReady = false;
    let markReady: () => void = () => {};
    const slot: Slot = {
      worker, stateVersion: -1, memoryGeneration: -1, ready: new Promise((resolve) => (markReady = resolve)),
      errors: new Map(), errorWaiters: new Map(),
    };
    worker.on('message', (message: { ready?: number; seq?: number; report?: WorkerReport }) => {
      if (message.ready !== undefined) {
        isReady = true;
        markReady();
      }
      if (message.seq !== undefined && message.report?.error !== undefined) {
        const waiter = slot.errorWaiters.get(message.seq);
        if (waiter !== undefined) waiter(message.report.error);
        else slot.errors.set(message.seq, message.report.error);
      }
    });
    let dead = false;
    const onDeath = (reason: string): void => {
      if (dead) return;
      dead = true;
      markReady();
      if (this.closed || this.slots[index] !== slot) return;
      if (!isReady && ++this.startupFailures >= MAX_STARTUP_FAILURES) this.broken = `workers fail to start: ${reason}`;
      if (this.broken === null) this.slots[index] = this.spawn(index);
      const run = this.current;
      if (run !== null && !isDone(this.ctl, index, run.seq)) {
        run.failures.push(`worker ${index} died: ${reason}`);
        haltRun(run.blockCtl);
        // Count it as finished so the run's wait ends.
        Atomics.add(this.ctl, PoolCtl.DONE_COUNT, 1);
        Atomics.notify(this.ctl, PoolCtl.DONE_COUNT);
      }
    };
    worker.on('error', (error) => onDeath(error instanceof Error ? error.message : String(error)));
    worker.on('exit', (code) => onDeath(`exit code ${code}`));
    worker.unref();
    return slot;
  }

  /** Resolves when every worker has loaded and is waiting for blocks (call it during start-up). */
  async ready(): Promise<void> {
    const keepAlive = setInterval(() => {}, 1 << 30); // the workers are unref'd
    try {
      await Promise.all(this.slots.map((s) => s.ready));
    } finally {
      clearInterval(keepAlive);
    }
  }

  /**
   * Runs a block on every worker. `blockCtl` is the block's scheduler control array: the run is halted if
   * a worker dies or `timeoutMs` passes, so that no input can hang the executor. `onIdle`, if given, is
   * called repeatedly while the workers run, to do a bounded piece of work at a time; it returns false
   * when it had nothing to do (the main thread then sleeps up to IDLE_POLL_MS before asking again).
   */
  async run(header: BlockHeader, buffers: FullBufferUpdate, blockCtl: Int32Array, timeoutMs: number, onIdle?: () => boolean): Promise<PoolRunResult> {
    if (this.closed) throw new Error('worker pool is closed');
    if (this.broken !== null) throw new Error(this.broken);
    if (this.current !== null) throw new Error('the worker pool is already running a block');
    const ctl = this.ctl;
    const seq = ++this.seq;
    writeBlockHeader(this.header, header);
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot.stateVersion === buffers.stateVersion && slot.memoryGeneration === buffers.memoryGeneration) continue;
      const update: BufferUpdate = { stateVersion: buffers.stateVersion, memoryGeneration: buffers.memoryGeneration };
      if (slot.stateVersion !== buffers.stateVersion) update.state = buffers.state;
      if (slot.memoryGeneration !== buffers.memoryGeneration) update.memory = buffers.memory;
      slot.worker.postMessage(update);
      markMessage(ctl, i, seq);
      slot.stateVersion = buffers.stateVersion;
      slot.memoryGeneration = buffers.memoryGeneration;
    }
    const run = { seq, failures: [] as string[], blockCtl };
    this.current = run;
    // Atomics.waitAsync does not keep the event loop alive (the workers are unref'd between blocks).
    const keepAlive = setInterval(() => {}, 1 << 30);
    try {
      Atomics.store(ctl, PoolCtl.DONE_COUNT, 0);
      Atomics.store(ctl, PoolCtl.SEQ, seq);
      Atomics.notify(ctl, PoolCtl.SEQ);
      await this.waitForAll(run, timeoutMs, onIdle);
    } finally {
      clearInterval(keepAlive);
      this.current = null;
    }
    const reports: WorkerReport[] = [];
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (failedAt(ctl, i, seq)) {
        const error = await this.errorOf(slot, seq);
        run.failures.push(error);
        reports.push({ worker: i, tasks: 0, error });
      } else if (isDone(ctl, i, seq)) {
        reports.push({ worker: i, ...readReport(ctl, i) });
      } else {
        reports.push({ worker: i, tasks: 0, error: 'replaced during the run' });
      }
    }
    return { reports, failures: run.failures };
  }

  private async waitForAll(run: { failures: string[]; blockCtl: Int32Array }, timeoutMs: number, onIdle: (() => boolean) | undefined): Promise<void> {
    const ctl = this.ctl;
    let deadline = performance.now() + timeoutMs;
    // The hook must not end the wait early (the workers would still be running the block): after its
    // first error it is no longer called.
    let idle = noWork;
    if (onIdle !== undefined) {
      idle = () => {
        try {
          return onIdle();
        } catch {
          idle = noWork;
          return false;
        }
      };
    }
    const poll = onIdle !== undefined ? IDLE_POLL_MS : Infinity;
    // Blocking first (see BLOCKING_WAIT_MS); a dead worker's exit event can only arrive after it.
    const blockingUntil = performance.now() + Math.min(timeoutMs, BLOCKING_WAIT_MS);
    for (;;) {
      const done = Atomics.load(ctl, PoolCtl.DONE_COUNT);
      if (done >= this.slots.length) return;
      const left = blockingUntil - performance.now();
      if (left <= 0) break;
      if (idle()) continue;
      Atomics.wait(ctl, PoolCtl.DONE_COUNT, done, Math.min(left, poll));
    }
    let halted = false;
    for (;;) {
      const done = Atomics.load(ctl, PoolCtl.DONE_COUNT);
      if (done >= this.slots.length) return;
      const now = performance.now();
      if (now >= deadline) {
        if (!halted) {
          halted = true;
          run.failures.push(`block did not finish within ${timeoutMs} ms`);
          haltRun(run.blockCtl);
          deadline = now + HALT_GRACE_MS;
        } else {
          // Workers that ignore the halt are stuck: replace them (their exit counts them as done).
          for (let i = 0; i < this.slots.length; i++) if (!isDone(ctl, i, this.seq)) void this.slots[i]!.worker.terminate();
          deadline = now + HALT_GRACE_MS;
        }
        continue;
      }
      if (idle()) continue;
      const wait = Atomics.waitAsync(ctl, PoolCtl.DONE_COUNT, done, Math.min(deadline - now, poll));
      if (wait.async) await wait.value;
    }
  }

  private errorOf(slot: Slot, seq: number): Promise<string> {
    const known = slot.errors.get(seq);
    if (known !== undefined) {
      slot.errors.delete(seq);
      return Promise.resolve(known);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        slot.errorWaiters.delete(seq);
        resolve('worker failed (its error report did not arrive)');
      }, ERROR_MESSAGE_WAIT_MS);
      slot.errorWaiters.set(seq, (error) => {
        clearTimeout(timer);
        slot.errorWaiters.delete(seq);
        resolve(error);
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.ctl, PoolCtl.STOP, 1);
    Atomics.add(this.ctl, PoolCtl.SEQ, 1);
    Atomics.notify(this.ctl, PoolCtl.SEQ);
    await Promise.all(this.slots.map((s) => stopWithin(s.worker, STOP_GRACE_MS)));
  }
}

function noWork(): boolean {
  return false;
}

/** Waits for a worker told to stop to leave its loop and exit; terminates it if it has not within `ms`. */
function stopWithin(worker: Worker, ms: number): Promise<unknown> {
  if (worker.threadId < 0) return Promise.resolve(); // already exited (its exit event has passed)
  return new Promise((resolve) => {
    // Not unref'd: the workers are, and the wait must keep the process alive until they have exited.
    const timer = setTimeout(() => resolve(worker.terminate()), ms);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}
