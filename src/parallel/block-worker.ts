/**
 * One worker's side of Block-STM (paper Algorithm 1 and 3): take a task from the shared scheduler,
 * execute or validate it, publish the results to multi-version memory, repeat until the block is done.
 * Execution runs the same EVM and transaction executor as the sequential path; only the StateView
 * differs (MvStateView). Lives in a worker thread; keeps its EVM (and code cache) across blocks.
 */
import { wordToLimbs } from '../primitives/word.js';
import { logsBloomBits } from '../block/bloom.js';
import type { BlockEnv } from '../block/block-env.js';
import * as u256 from '../evm/u256.js';
import { Evm } from '../evm/evm.js';
import { executeBeaconRootCall, executeTransaction } from '../execution/execute-transaction.js';
import { TransactionOutcome } from '../execution/transaction-outcome.js';
import { FIELD_BALANCE, FIELD_CODE, FIELD_NONCE, type Journal } from '../state/journal.js';
import { EMPTY_CODE_HASH } from '../state/state-reader.js';
import { SharedState } from '../state/shared-state.js';
import { BlockCodeStore } from './block-code-store.js';
import { schedulerArrays, type BlockMemoryBuffers } from './block-memory.js';
import { EARLY_CHECK_FROM, EARLY_CHECK_STEP, earlyFallbackRatio, SERIAL_PREFIX_MIN, SERIAL_PREFIX_PARALLELISM, restartPays, type BufferUpdate, type ParallelOptions, type WorkerCounts } from './block-job.js';
import type { BlockHeader } from './block-header.js';
import { LocationKind, MvMemory } from './mv-memory.js';
import { MvStateView } from './mv-state-view.js';
import { Ctl, FallbackRule, haltRun, Scheduler, TaskKind, type SchedulerArrays } from './scheduler.js';
import { criticalPath } from './critical-path.js';
import { TransactionDecoder } from './tx-codec.js';
import { recordedExecutionUs, writeOutput } from './tx-output.js';

const EMPTY_HASH_LIMBS = new Uint32Array(8);
wordToLimbs(EMPTY_CODE_HASH, EMPTY_HASH_LIMBS, 0);

/**
 * Sorts a[0 .. n) in place: insertion sort for the few writes of a typical transaction, the built-in sort
 * (through a subarray view, which allocates) for large write sets.
 */
function sortPrefix(a: Int32Array, n: number): void {
  if (n > 32) {
    a.subarray(0, n).sort();
    return;
  }
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Slots of BlockWorker.time. */
const enum Time {
  BLOCK_START = 0,
  EXECUTED_US = 1,
  WASTED_US = 2,
  PUBLISHED_EXECUTED_US = 3,
  PUBLISHED_WASTED_US = 4,
  SIZE = 5,
}

export class BlockWorker {
  private state: SharedState | null = null;
  private stateVersion = -1;
  private memory: BlockMemoryBuffers | null = null;
  private mv!: MvMemory;
  private codes!: BlockCodeStore;
  private outputs!: Int32Array;
  private view!: MvStateView;
  private evm: Evm | null = null;
  // per block
  private scheduler!: Scheduler;
  private decoder!: TransactionDecoder;
  private env!: BlockEnv;
  private header!: BlockHeader;
  private arrays: SchedulerArrays | null = null;
  private options!: ParallelOptions;
  private tasksDone = 0;
  /** The contention rule's bookkeeping: next check at this many executions; the end of the first window
   * (early checks before it). */
  private nextCheck = 0;
  private firstWindowEnd = 0;
  /** Executions and wasted executions at the last window check. */
  private checkedExecutions = 0;
  private checkedWasted = 0;
  /**
   * The contention rule's time measure (Time.*): when this worker started the block (performance.now()
   * ms); µs of execution in it, all and wasted — executions stopped by a dependency, and incarnations
   * this worker's validations aborted; and the part of both already added to the block-wide sums
   * (Ctl.EXECUTED_US / WASTED_US). In a Float64Array: as fields starting at 0 they changed representation
   * (small integer to double) in the first real block, which deoptimized every method of the worker.
   */
  private readonly time = new Float64Array(Time.SIZE);
  /** This worker's counts for the current block (kept locally: shared counters would be contended). */
  counts: WorkerCounts = { executions: 0, firstExecutions: 0, validations: 0, aborts: 0, dependencyWaits: 0 };
  // scratch for publishing writes
  private writeLocs = new Int32Array(256);
  private readonly limbs = new Uint32Array(8);
  /** Scratch for the bloom bits of each execution's logs (writeOutput copies them into the arena). */
  private readonly bloom = { bits: new Float64Array(16) };
  private readonly allocate = (words: number): number => this.mv.allocate(words);
  private readonly outcome = new TransactionOutcome();

  constructor(readonly id: number) {}

  /** Attaches to new shared buffers (a new pre-block state, or block memory of a new generation). */
  attachBuffers(update: BufferUpdate): void {
    if (update.state !== undefined && update.stateVersion !== this.stateVersion) {
      this.state = SharedState.attach(update.state);
      this.stateVersion = update.stateVersion;
    }
    if (update.memory !== undefined && (this.memory === null || this.memory.generation !== update.memoryGeneration)) {
      this.memory = update.memory;
      this.mv = new MvMemory(update.memory.mv);
      this.codes = new BlockCodeStore(update.memory.code);
      this.outputs = new Int32Array(update.memory.outputs);
      this.arrays = schedulerArrays(update.memory);
      this.decoder = new TransactionDecoder({ bytes: update.memory.txBytes, offsets: update.memory.txOffsets, count: 0 });
      this.view = new MvStateView(this.mv, this.state!, this.codes);
      if (this.evm === null) {
        this.evm = new Evm(this.view);
        this.evm.keepReturnData = false;
      }
    } else if (update.state !== undefined && this.memory !== null) {
      this.view = new MvStateView(this.mv, this.state!, this.codes);
    }
  }

  /** Stops the current block's run for every worker (after this worker failed). */
  haltBlock(): void {
    if (this.arrays !== null) haltRun(this.arrays.ctl);
  }

  /** Prepares the per-block state from the header. */
  private attach(header: BlockHeader): void {
    if (this.state === null || this.memory === null || this.arrays === null) throw new Error('worker received a block before its buffers');
    if (header.stateVersion !== this.stateVersion || header.memoryGeneration !== this.memory.generation) {
      throw new Error(`worker buffers are stale (state ${this.stateVersion}/${header.stateVersion}, memory ${this.memory.generation}/${header.memoryGeneration})`);
    }
    this.header = header;
    this.options = header.options;
    this.env = header.env;
    this.scheduler = new Scheduler(this.arrays, header.taskCount);
    this.mv.beginBlock();
    this.codes.beginBlock();
    this.tasksDone = 0;
    this.firstWindowEnd = header.options.fallbackWindow / header.options.workers;
    this.nextCheck = Math.min(EARLY_CHECK_FROM, this.firstWindowEnd);
    this.checkedExecutions = 0;
    this.checkedWasted = 0;
    this.time.fill(0);
    this.time[Time.BLOCK_START] = performance.now();
    this.counts = { executions: 0, firstExecutions: 0, validations: 0, aborts: 0, dependencyWaits: 0 };
    this.evm!.journal.deltaCredits = header.options.deltaCredits;
  }

  /** Runs the block to completion (or until halted). Returns the number of tasks this worker ran. */
  run(header: BlockHeader): number {
    this.attach(header);
    const s = this.scheduler;
    while (!s.done()) {
      if (s.taskKind === TaskKind.EXECUTE) {
        this.beforeTask(TaskKind.EXECUTE, s.taskTx);
        this.tryExecute(s.taskTx, s.taskIncarnation);
      } else if (s.taskKind === TaskKind.VALIDATE) {
        this.beforeTask(TaskKind.VALIDATE, s.taskTx);
        this.validate(s.taskTx, s.taskIncarnation);
      } else {
        const epoch = s.wakeEpoch();
        if (!s.nextTask() && s.exhausted() && !s.done()) s.idle(epoch, 2);
      }
    }
    s.taskKind = TaskKind.NONE;
    return this.tasksDone;
  }

  private beforeTask(kind: TaskKind, task: number): void {
    this.tasksDone++;
    const o = this.options;
    if (kind === TaskKind.EXECUTE && task === o.crashAtTask) {
      if (o.crashMode === 'exit') process.exit(70);
      if (o.crashMode === 'hang') for (;;);
      throw new Error(`injected crash in worker ${this.id} at task ${task}`);
    }
    if (o.delayProbability > 0 && Math.random() < o.delayProbability) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.random() * 0.5);
    }
  }

  private tryExecute(task: number, incarnation: number): void {
    const s = this.scheduler;
    const view = this.view;
    const evm = this.evm!;
    for (;;) {
      view.begin(task);
      const started = performance.now();
      let outcome: TransactionOutcome;
      if (this.header.beaconRoot !== null && task === 0) {
        executeBeaconRootCall(evm, view, this.env, this.header.beaconRoot);
        outcome = new TransactionOutcome();
        outcome.blockedOn = view.blockedOn;
      } else {
        const tx = this.decoder.get(this.header.beaconRoot !== null ? task - 1 : task);
        outcome = executeTransaction(evm, view, this.env, tx, this.env.gasLimit, this.outcome);
      }
      const executionUs = (performance.now() - started) * 1000;
      this.counts.executions++;
      this.time[Time.EXECUTED_US] += executionUs;
      if (view.overflowed || this.mv.overflowed()) {
        s.halt();
        return;
      }
      const blocking = view.blockedOn >= 0 ? view.blockedOn : outcome.blockedOn;
      if (blocking >= 0) {
        this.time[Time.WASTED_US] += executionUs;
        if (s.addDependency(task, blocking)) {
          this.counts.dependencyWaits++;
          s.taskKind = TaskKind.NONE;
          this.checkContention();
          return;
        }
        continue; // the blocking transaction finished meanwhile: execute again at once
      }
      if (incarnation === 0) this.counts.firstExecutions++;
      const storageCleared = this.publishWrites(task, incarnation, evm.journal);
      if (storageCleared) {
        // Wiping pre-block storage of an account is not modelled in multi-version memory (it never happens
        // on mainnet since EIP-158): the executor runs such a block sequentially.
        s.halt();
        return;
      }
      this.mv.recordReads(task, view.reads, view.readWords);
      const bloomItems = outcome.logs.length > 0 ? logsBloomBits(outcome.logs, this.bloom) : 0;
      const at = writeOutput(this.mv.arena, this.allocate, outcome, this.bloom.bits, bloomItems, executionUs);
      if (at < 0 || this.mv.overflowed()) {
        s.halt();
        return;
      }
      Atomics.store(this.outputs, task, at);
      const wroteNew = this.mv.recordWrites(task, this.writeLocs, this.writeCount);
      s.finishExecution(task, incarnation, wroteNew);
      this.checkContention();
      return;
    }
  }

  private writeCount = 0;

  private addWriteLoc(loc: number): void {
    if (this.writeCount === this.writeLocs.length) {
      const grownLocs = new Int32Array(this.writeLocs.length * 2);
      grownLocs.set(this.writeLocs);
      this.writeLocs = grownLocs;
    }
    this.writeLocs[this.writeCount++] = loc;
  }

  /** Publishes the journal's write set as versions of (task, incarnation); returns true if a pre-block storage wipe is needed. */
  private publishWrites(task: number, incarnation: number, journal: Journal): boolean {
    const mv = this.mv;
    const limbs = this.limbs;
    this.writeCount = 0;
    let storageCleared = false;
    for (let i = 0; i < journal.accountCount; i++) {
      const j = journal.accounts[i]!;
      const address = j.address;
      if (j.deleted) {
        if (j.storageCleared) storageCleared = true;
        limbs.fill(0);
        this.put(mv.accountLocation(LocationKind.NONCE, address), task, incarnation, false, limbs);
        this.put(mv.accountLocation(LocationKind.BALANCE, address), task, incarnation, false, limbs);
        this.put(mv.accountLocation(LocationKind.CODE_HASH, address), task, incarnation, false, EMPTY_HASH_LIMBS);
        continue;
      }
      const written = journal.writtenFields(j);
      if (written & FIELD_NONCE) {
        u256.fromBigInt(limbs, 0, j.nonce);
        this.put(mv.accountLocation(LocationKind.NONCE, address), task, incarnation, false, limbs);
      }
      if (written & FIELD_BALANCE) {
        u256.fromBigInt(limbs, 0, j.balance);
        this.put(mv.accountLocation(LocationKind.BALANCE, address), task, incarnation, false, limbs);
      } else if ((j.loaded & FIELD_BALANCE) === 0 && j.balanceCredit !== 0n) {
        u256.fromBigInt(limbs, 0, j.balanceCredit);
        this.put(mv.accountLocation(LocationKind.BALANCE, address), task, incarnation, true, limbs);
      }
      if (written & FIELD_CODE) {
        if (j.code !== null && j.code.length > 0) this.codes.put(j.codeHash, j.code);
        wordToLimbs(j.codeHash, limbs, 0);
        this.put(mv.accountLocation(LocationKind.CODE_HASH, address), task, incarnation, false, limbs);
      }
      for (let s = 0; s < j.slotCount; s++) {
        const slot = j.slots[s]!;
        if (slot.current === slot.original) continue;
        wordToLimbs(slot.current, limbs, 0);
        this.put(mv.storageLocation(address, slot.key), task, incarnation, false, limbs);
      }
    }
    sortPrefix(this.writeLocs, this.writeCount);
    return storageCleared;
  }

  private put(loc: number, task: number, incarnation: number, delta: boolean, value: Uint32Array): void {
    if (loc < 0) return; // overflow: the run halts
    this.mv.write(loc, task, incarnation, delta, value, 0);
    this.addWriteLoc(loc);
  }

  private validate(task: number, incarnation: number): void {
    const s = this.scheduler;
    this.counts.validations++;
    const valid = this.mv.validateReads(task);
    const aborted = !valid && s.tryValidationAbort(task, incarnation);
    if (aborted) {
      this.counts.aborts++;
      this.time[Time.WASTED_US] += recordedExecutionUs(this.mv.arena, Atomics.load(this.outputs, task));
      this.mv.convertWritesToEstimates(task);
    }
    s.finishValidation(task, aborted);
  }

  /**
   * The serial-prefix rule: true when the transactions executed so far (the executed prefix, at least
   * SERIAL_PREFIX_MIN of them) offer less than SERIAL_PREFIX_PARALLELISM-fold parallelism — prefix length
   * over its longest read-after-write chain (critical-path.ts, from the latest read sets). It catches
   * serial blocks that the waste ratio misses: two workers can take turns on a chain, each execution
   * starting after the previous one published, wasting little but running no faster than one thread.
   */
  private serialPrefix(): boolean {
    const ctl = this.arrays!.ctl;
    const prefix = Atomics.load(ctl, Ctl.EXECUTED_PREFIX);
    if (prefix < SERIAL_PREFIX_MIN) return false;
    const chain = criticalPath(this.mv, prefix, null).chainLength;
    if (prefix >= SERIAL_PREFIX_PARALLELISM * chain) return false;
    Atomics.store(ctl, Ctl.SERIAL_PREFIX, prefix);
    Atomics.store(ctl, Ctl.SERIAL_CHAIN, chain);
    return true;
  }

  /**
   * The fallback rule: each time this worker has run another share of `fallbackWindow` executions (any
   * incarnation), the run halts and the executor starts the block over sequentially if
   *  - since the last check, more than `fallbackRatio` of this worker's executions were wasted
   *    (re-executions, including executions stopped by a dependency), and
   *  - at the share of the workers' wall time since the block started that went to executions not wasted
   *    (wasted: stopped by a dependency, or incarnations aborted by validation; summed block-wide at the
   *    window checks), finishing the rest of the block in parallel would take longer than a whole
   *    sequential run (restartPays, block-job.ts).
   * Its first window, and every window of a block too small for an early check, decides on the count
   * alone, like the early check.
   * The count alone misjudged two kinds of block (stop 12, in-process runs of 10k blocks on 2 workers): a
   * swap stopped at its first read of a pool's reserves costs a fraction of a full one, and AMM blocks on
   * 4 pools (1.39x when forced parallel) fell back in 7 of 10 runs, late (0.66x); and waste in bursts (one
   * bad window in a DAO block wasting ~8% in all) sent 8 of 90 DAO blocks and 4 of 60 mixed blocks to
   * the sequential path after 500-5,000 executions, at ~2x the parallel time. Checked while less than half
   * of the block has been handed out for a first execution. Before the first window closes, the early
   * check counts executions only: it has to give up serial blocks fast.
   */
  private checkContention(): void {
    const c = this.counts;
    if (c.executions < this.nextCheck) return;
    if (c.executions < this.firstWindowEnd) {
      // Early check: a run wasting nearly everything from the start is serial; every further execution
      // before the window closes is lost time (1-pool AMM swaps: 97–98% wasted, ~90 µs each).
      this.nextCheck = Math.min(c.executions + EARLY_CHECK_STEP, this.firstWindowEnd);
      const wasted = c.executions - c.firstExecutions;
      if (this.scheduler.progress() >= 0.5) return;
      if (wasted > earlyFallbackRatio(this.options.fallbackRatio) * c.executions) this.scheduler.requestFallback(FallbackRule.WASTE);
      else if (this.options.serialPrefixRule && this.serialPrefix()) this.scheduler.requestFallback(FallbackRule.SERIAL_PREFIX);
      return;
    }
    const executions = c.executions - this.checkedExecutions;
    const wasted = c.executions - c.firstExecutions - this.checkedWasted;
    const firstWindow = this.checkedExecutions === 0;
    const ctl = this.arrays!.ctl;
    const time = this.time;
    const executedDelta = Math.floor(time[Time.EXECUTED_US]! - time[Time.PUBLISHED_EXECUTED_US]!);
    const wastedDelta = Math.floor(time[Time.WASTED_US]! - time[Time.PUBLISHED_WASTED_US]!);
    Atomics.add(ctl, Ctl.EXECUTED_US, executedDelta);
    Atomics.add(ctl, Ctl.WASTED_US, wastedDelta);
    time[Time.PUBLISHED_EXECUTED_US] += executedDelta;
    time[Time.PUBLISHED_WASTED_US] += wastedDelta;
    this.nextCheck = c.executions + this.options.fallbackWindow / this.options.workers;
    this.checkedExecutions = c.executions;
    this.checkedWasted = c.executions - c.firstExecutions;
    const progress = this.scheduler.progress();
    if (progress >= 0.5) {
      this.nextCheck = Infinity;
      return;
    }
    if (wasted <= this.options.fallbackRatio * executions) return;
    if (firstWindow || this.firstWindowEnd <= EARLY_CHECK_FROM) {
      // Decided on the count alone, like the early check, in the first window and in blocks too small to
      // have an early check (under ~2,000 transactions): weighing made 1-pool blocks of 200 swaps run on
      // in parallel at 3-5x the sequential time in 2-4 of 16 runs (their execution index passes half the
      // block early, which ends the checks).
      this.scheduler.requestFallback(FallbackRule.WASTE);
      return;
    }
    // Block-wide: a worker's own share is skewed (an incarnation it executed may be aborted by another
    // worker's validation, which counts the waste).
    const elapsedUs = (performance.now() - time[Time.BLOCK_START]!) * 1000 * this.options.workers;
    const useful = Atomics.load(ctl, Ctl.EXECUTED_US) - Atomics.load(ctl, Ctl.WASTED_US);
    const usefulShare = elapsedUs > 0 ? Math.max(0, useful) / elapsedUs : 0;
    if (restartPays(1 - progress, usefulShare, this.options.workers)) this.scheduler.requestFallback(FallbackRule.WASTE);
  }
}

