/**
 * Block-STM's collaborative scheduler (Gelashvili et al., arXiv 2203.06871, Algorithms 4-5), on shared
 * memory so that every worker thread drives the same instance.
 *
 * Shared counters: execution_idx, validation_idx, decrease_cnt, num_active_tasks, done_marker. Per
 * transaction: one Int32 holding (incarnation << 2 | status), changed only by compare-and-swap, and a
 * dependency list (transactions waiting for it) guarded by a per-transaction spin lock.
 *
 *   status transitions (per transaction):
 *
 *     READY_TO_EXECUTE(i) --try_incarnate--> EXECUTING(i) --finish_execution--> EXECUTED(i)
 *            ^                                    |                                  |
 *            |                             add_dependency                  try_validation_abort
 *            |                                    v                                  v
 *            +------------- set_ready_status --- ABORTING(i)  <----------------------+
 *                           (incarnation i+1)
 *
 * A task is (transaction, incarnation, kind); `nextTask` prefers validation when validation_idx is behind
 * execution_idx. Idle workers sleep on `wakeEpoch` (bumped whenever new work may exist) instead of
 * spinning, so that more workers than cores stay cheap.
 */
import { lockWord, unlockWord } from './futex-lock.js';

export const enum TxStatus {
  READY_TO_EXECUTE = 0,
  EXECUTING = 1,
  EXECUTED = 2,
  ABORTING = 3,
}

export const enum TaskKind {
  NONE = 0,
  EXECUTE = 1,
  VALIDATE = 2,
}

/** Indexes into the control Int32Array. */
export const enum Ctl {
  EXECUTION_IDX = 0,
  VALIDATION_IDX = 1,
  DECREASE_CNT = 2,
  NUM_ACTIVE = 3,
  DONE = 4,
  WAKE_EPOCH = 5,
  /** Non-zero: stop now (a worker failed or the executor chose the sequential fallback). */
  HALT = 6,
  DEP_NODES_USED = 7,
  /** When the serial-prefix rule stopped the run: the executed prefix it judged and its longest chain. */
  SERIAL_PREFIX = 8,
  SERIAL_CHAIN = 9,
  /** The contention rule's block-wide time measure: µs of execution the workers have published at their
   * window checks, all and wasted (block-worker.ts, checkContention). */
  EXECUTED_US = 10,
  WASTED_US = 11,
  /** Workers sleeping in idle(): wake() only pays for Atomics.notify when this is non-zero. */
  SLEEPERS = 14,
  /** Every transaction below this index has finished at least one execution. */
  EXECUTED_PREFIX = 15,
  /** Set with HALT (to a FallbackRule) when a contention rule chose the sequential fallback. */
  FALLBACK = 13,
  SIZE = 16,
}

/** Which contention rule stopped a run (block-worker.ts, checkContention). */
export const enum FallbackRule {
  WASTE = 1,
  SERIAL_PREFIX = 2,
}

/**
 * Stops the run whose control array is `ctl` (any thread): sets HALT and wakes idle workers, which then
 * leave their run loop. Also used by the pool when a worker dies or the run times out.
 */
export function haltRun(ctl: Int32Array): void {
  Atomics.store(ctl, Ctl.HALT, 1);
  Atomics.add(ctl, Ctl.WAKE_EPOCH, 1);
  Atomics.notify(ctl, Ctl.WAKE_EPOCH);
}

/** The shared arrays of one scheduler (allocated by the block memory for a block of `txCount`). */
export interface SchedulerArrays {
  ctl: Int32Array;
  /** (incarnation << 2) | status, per transaction. */
  status: Int32Array;
  depLock: Int32Array;
  /** Head of each transaction's dependents list: index+1 into depNodes pairs, 0 = empty. */
  depHead: Int32Array;
  /** Pairs [dependent tx, next node index+1]. */
  depNodes: Int32Array;
}

export class Scheduler {
  readonly txCount: number;
  private readonly ctl: Int32Array;
  private readonly status: Int32Array;
  private readonly depLock: Int32Array;
  private readonly depHead: Int32Array;
  private readonly depNodes: Int32Array;

  /** Set by nextTask / finish* : the task to run next. */
  taskKind: TaskKind = TaskKind.NONE;
  taskTx = 0;
  taskIncarnation = 0;

  constructor(arrays: SchedulerArrays, txCount: number) {
    this.ctl = arrays.ctl;
    this.status = arrays.status;
    this.depLock = arrays.depLock;
    this.depHead = arrays.depHead;
    this.depNodes = arrays.depNodes;
    this.txCount = txCount;
  }

  /** Initial state (called once by the main thread before the workers start). */
  static reset(arrays: SchedulerArrays, txCount: number): void {
    arrays.ctl.fill(0, 0, Ctl.SIZE);
    arrays.status.fill(0, 0, txCount);
    arrays.depLock.fill(0, 0, txCount);
    arrays.depHead.fill(0, 0, txCount);
  }

  done(): boolean {
    return Atomics.load(this.ctl, Ctl.DONE) !== 0 || Atomics.load(this.ctl, Ctl.HALT) !== 0;
  }

  /** The fraction of the block handed out for a first execution (execution_idx / transactions, at most 1). */
  progress(): number {
    return this.txCount === 0 ? 1 : Math.min(1, Atomics.load(this.ctl, Ctl.EXECUTION_IDX) / this.txCount);
  }

  incarnationOf(tx: number): number {
    return Atomics.load(this.status, tx) >> 2;
  }

  statusOf(tx: number): TxStatus {
    return (Atomics.load(this.status, tx) & 3) as TxStatus;
  }

  /** Bumps the wake epoch and wakes idle workers (the notify only if someone sleeps). */
  wake(): void {
    Atomics.add(this.ctl, Ctl.WAKE_EPOCH, 1);
    if (Atomics.load(this.ctl, Ctl.SLEEPERS) !== 0) Atomics.notify(this.ctl, Ctl.WAKE_EPOCH);
  }

  /**
   * True when no task can be handed out until some index decreases: both execution_idx and validation_idx
   * are past the end. Otherwise a failed nextTask still consumed an index and the next call makes progress.
   */
  exhausted(): boolean {
    const ctl = this.ctl;
    return Atomics.load(ctl, Ctl.EXECUTION_IDX) >= this.txCount && Atomics.load(ctl, Ctl.VALIDATION_IDX) >= this.txCount;
  }

  wakeEpoch(): number {
    return Atomics.load(this.ctl, Ctl.WAKE_EPOCH);
  }

  /** Sleeps until the wake epoch moves past `epoch` (or `timeoutMs`). */
  idle(epoch: number, timeoutMs: number): void {
    Atomics.add(this.ctl, Ctl.SLEEPERS, 1);
    Atomics.wait(this.ctl, Ctl.WAKE_EPOCH, epoch, timeoutMs);
    Atomics.sub(this.ctl, Ctl.SLEEPERS, 1);
  }

  halt(): void {
    haltRun(this.ctl);
  }

  /** Stops the run and asks the executor to execute the block sequentially, saying which rule chose it. */
  requestFallback(rule: FallbackRule): void {
    Atomics.store(this.ctl, Ctl.FALLBACK, rule);
    this.halt();
  }

  flag(which: Ctl): number {
    return Atomics.load(this.ctl, which);
  }

  // ---- atomic min ----------------------------------------------------------------------------------

  private decreaseIndex(which: Ctl, target: number): void {
    const ctl = this.ctl;
    for (;;) {
      const current = Atomics.load(ctl, which);
      if (target >= current) break;
      if (Atomics.compareExchange(ctl, which, current, target) === current) break;
    }
    Atomics.add(ctl, Ctl.DECREASE_CNT, 1);
    this.wake();
  }

  // ---- status transitions ------------------------------------------------------------------------

  private transition(tx: number, from: number, to: number): boolean {
    return Atomics.compareExchange(this.status, tx, from, to) === from;
  }

  /** READY_TO_EXECUTE -> EXECUTING; sets the task on success. */
  private tryIncarnate(tx: number): boolean {
    if (tx < this.txCount) {
      const word = Atomics.load(this.status, tx);
      if ((word & 3) === TxStatus.READY_TO_EXECUTE && this.transition(tx, word, (word & ~3) | TxStatus.EXECUTING)) {
        this.taskKind = TaskKind.EXECUTE;
        this.taskTx = tx;
        this.taskIncarnation = word >> 2;
        return true;
      }
    }
    Atomics.sub(this.ctl, Ctl.NUM_ACTIVE, 1);
    return false;
  }

  private checkDone(): void {
    const ctl = this.ctl;
    const observed = Atomics.load(ctl, Ctl.DECREASE_CNT);
    if (
      Math.min(Atomics.load(ctl, Ctl.EXECUTION_IDX), Atomics.load(ctl, Ctl.VALIDATION_IDX)) >= this.txCount &&
      Atomics.load(ctl, Ctl.NUM_ACTIVE) === 0 &&
      observed === Atomics.load(ctl, Ctl.DECREASE_CNT)
    ) {
      Atomics.store(ctl, Ctl.DONE, 1);
      Atomics.add(ctl, Ctl.WAKE_EPOCH, 1);
      Atomics.notify(ctl, Ctl.WAKE_EPOCH);
    }
  }

  private nextVersionToExecute(): boolean {
    const ctl = this.ctl;
    if (Atomics.load(ctl, Ctl.EXECUTION_IDX) >= this.txCount) {
      this.checkDone();
      return false;
    }
    Atomics.add(ctl, Ctl.NUM_ACTIVE, 1);
    return this.tryIncarnate(Atomics.add(ctl, Ctl.EXECUTION_IDX, 1));
  }

  private nextVersionToValidate(): boolean {
    const ctl = this.ctl;
    if (Atomics.load(ctl, Ctl.VALIDATION_IDX) >= this.txCount) {
      this.checkDone();
      return false;
    }
    Atomics.add(ctl, Ctl.NUM_ACTIVE, 1);
    const tx = Atomics.add(ctl, Ctl.VALIDATION_IDX, 1);
    if (tx < this.txCount) {
      const word = Atomics.load(this.status, tx);
      if ((word & 3) === TxStatus.EXECUTED) {
        this.taskKind = TaskKind.VALIDATE;
        this.taskTx = tx;
        this.taskIncarnation = word >> 2;
        return true;
      }
    }
    Atomics.sub(ctl, Ctl.NUM_ACTIVE, 1);
    return false;
  }

  /**
   * Picks the next task into taskKind/taskTx/taskIncarnation; false if there is none right now.
   *
   * Refinement of the paper's rule: validation only proceeds within the executed prefix (every transaction
   * below has finished a first execution). A validation ahead of a transaction still running its first
   * incarnation is wasted — that transaction writes new locations, which sends validation_idx back — and
   * measured on a 10k ERC-20 block with 2 workers, this cut validations from ~1.9 to ~1.1 per
   * transaction. Validations are only delayed, never skipped: correctness is the paper's.
   */
  nextTask(): boolean {
    this.taskKind = TaskKind.NONE;
    const ctl = this.ctl;
    const validation = Atomics.load(ctl, Ctl.VALIDATION_IDX);
    const limit = Math.min(Atomics.load(ctl, Ctl.EXECUTION_IDX), Atomics.load(ctl, Ctl.EXECUTED_PREFIX));
    if (validation < limit || (validation < Atomics.load(ctl, Ctl.EXECUTION_IDX) && Atomics.load(ctl, Ctl.EXECUTION_IDX) >= this.txCount)) {
      if (this.nextVersionToValidate()) return true;
    } else if (this.nextVersionToExecute()) {
      return true;
    }
    return false;
  }

  /**
   * Advances EXECUTED_PREFIX past transactions that have finished an execution. After moving it, scans
   * again from the new prefix: the transaction there may have finished after this scan passed it but
   * before the move, when its finisher still saw the old prefix and left the advancing to this thread
   * (finishExecution stores the status, then loads the prefix; this moves the prefix, then loads the
   * status: one of the two sees the other). Returning after the move lost that advance, and the prefix
   * stayed behind a finished transaction until the end of the block: validation stopped there while
   * execution ran on, 2,800-9,600 transactions ahead on AMM swaps over 100 pools, and the late
   * validations then aborted 500-3,000 swaps in cascades along the pools.
   */
  private advanceExecutedPrefix(): void {
    const ctl = this.ctl;
    const status = this.status;
    for (;;) {
      const start = Atomics.load(ctl, Ctl.EXECUTED_PREFIX);
      let p = start;
      while (p < this.txCount) {
        const word = Atomics.load(status, p);
        if ((word >> 2) === 0 && (word & 3) !== TxStatus.EXECUTED && (word & 3) !== TxStatus.ABORTING) break;
        p++;
      }
      if (p === start) return;
      Atomics.compareExchange(ctl, Ctl.EXECUTED_PREFIX, start, p);
    }
  }

  // ---- dependencies ------------------------------------------------------------------------------

  private lock(tx: number): void {
    lockWord(this.depLock, tx);
  }

  private unlock(tx: number): void {
    unlockWord(this.depLock, tx);
  }

  /**
   * `tx` read an ESTIMATE written by `blocking`: park `tx` until `blocking` finishes executing. Returns
   * false if `blocking` already finished (the caller re-executes at once).
   */
  addDependency(tx: number, blocking: number): boolean {
    this.lock(blocking);
    if ((Atomics.load(this.status, blocking) & 3) === TxStatus.EXECUTED) {
      this.unlock(blocking);
      return false;
    }
    const word = Atomics.load(this.status, tx);
    Atomics.store(this.status, tx, (word & ~3) | TxStatus.ABORTING);
    const node = Atomics.add(this.ctl, Ctl.DEP_NODES_USED, 1);
    if (2 * node + 1 >= this.depNodes.length) {
      // Out of dependency nodes: stop the parallel run (the executor falls back to sequential).
      this.unlock(blocking);
      this.halt();
      return true;
    }
    this.depNodes[2 * node] = tx;
    this.depNodes[2 * node + 1] = this.depHead[blocking]!;
    Atomics.store(this.depHead, blocking, node + 1);
    this.unlock(blocking);
    Atomics.sub(this.ctl, Ctl.NUM_ACTIVE, 1);
    return true;
  }

  /** ABORTING(i) -> READY_TO_EXECUTE(i+1). */
  private setReadyStatus(tx: number): void {
    for (;;) {
      const word = Atomics.load(this.status, tx);
      const next = (((word >> 2) + 1) << 2) | TxStatus.READY_TO_EXECUTE;
      if (this.transition(tx, word, next)) return;
    }
  }

  // ---- finishing tasks ---------------------------------------------------------------------------

  /**
   * After executing (tx, incarnation). `wroteNewLocation`: the write set reached a location the
   * previous incarnation did not write (later transactions must be revalidated). Sets the next task.
   */
  finishExecution(tx: number, incarnation: number, wroteNewLocation: boolean): boolean {
    this.taskKind = TaskKind.NONE;
    Atomics.store(this.status, tx, (incarnation << 2) | TxStatus.EXECUTED);
    if (tx === Atomics.load(this.ctl, Ctl.EXECUTED_PREFIX)) this.advanceExecutedPrefix();
    this.lock(tx);
    let node = this.depHead[tx]!;
    Atomics.store(this.depHead, tx, 0);
    this.unlock(tx);
    let minDependent = -1;
    while (node !== 0) {
      const dependent = this.depNodes[2 * (node - 1)]!;
      this.setReadyStatus(dependent);
      if (minDependent < 0 || dependent < minDependent) minDependent = dependent;
      node = this.depNodes[2 * (node - 1) + 1]!;
    }
    if (minDependent >= 0) this.decreaseIndex(Ctl.EXECUTION_IDX, minDependent);
    const ctl = this.ctl;
    if (Atomics.load(ctl, Ctl.VALIDATION_IDX) > tx) {
      if (wroteNewLocation) {
        this.decreaseIndex(Ctl.VALIDATION_IDX, tx);
      } else {
        this.taskKind = TaskKind.VALIDATE;
        this.taskTx = tx;
        this.taskIncarnation = incarnation;
        return true;
      }
    }
    Atomics.sub(ctl, Ctl.NUM_ACTIVE, 1);
    this.wake();
    return false;
  }

  /** EXECUTED(incarnation) -> ABORTING(incarnation), once per incarnation. */
  tryValidationAbort(tx: number, incarnation: number): boolean {
    return this.transition(tx, (incarnation << 2) | TxStatus.EXECUTED, (incarnation << 2) | TxStatus.ABORTING);
  }

  /** After validating tx; `aborted` if validation failed and this worker won the abort. */
  finishValidation(tx: number, aborted: boolean): boolean {
    this.taskKind = TaskKind.NONE;
    if (aborted) {
      this.setReadyStatus(tx);
      this.decreaseIndex(Ctl.VALIDATION_IDX, tx + 1);
      if (Atomics.load(this.ctl, Ctl.EXECUTION_IDX) > tx) {
        if (this.tryIncarnate(tx)) return true;
        return false; // tryIncarnate already decremented num_active_tasks
      }
    }
    Atomics.sub(this.ctl, Ctl.NUM_ACTIVE, 1);
    return false;
  }
}
