/**
 * executeBlock: runs a block with Block-STM on the worker pool and returns exactly what
 * executeBlockSequential returns for it, plus statistics.
 *
 * How it works (the algorithm: Gelashvili et al., "Block-STM", arXiv 2203.06871):
 * 1. The transactions are encoded into shared memory (tx-codec.ts); scheduler and multi-version memory
 *    are reset (scheduler.ts, mv-memory.ts); the pre-block state is the SharedState all workers attach to.
 *    The block header goes into the pool's shared memory and the workers are woken (worker-pool.ts).
 * 2. Every worker (block-worker.ts) loops: take the next task from the collaborative scheduler, execute a
 *    transaction incarnation on its own EVM through an MvStateView (reads see earlier transactions'
 *    versions, are recorded, and stop at an ESTIMATE), or validate one by re-reading its read set.
 *    Failed validations turn the writes into ESTIMATEs and schedule a new incarnation.
 * 3. When the scheduler reports done, the main thread builds receipts and the StateDiff from the final
 *    versions (build-result.ts). Nothing is written to the state: committing is the caller's decision.
 *
 * Fallbacks, all producing the sequential executor's result: small blocks run sequentially when the
 * cost model of small-block-rule.ts expects no gain (dispatch would cost more than it saves); the contention rule (block-worker.ts,
 * checkContention) stops runs whose wasted work over a window of `fallbackWindow` executions exceeds
 * `fallbackRatio`, or whose executed prefix is nearly one dependency chain (the serial-prefix rule), while
 * less than half of the block has started; a worker failure, a timeout, shared memory overflow, or block memory that cannot
 * be allocated finishes the block sequentially
 * (the failure is reported in stats.fallbackReason) — a fresh worker replaces a dead one.
 */
import { availableParallelism } from 'node:os';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import type { Block, BlockResult } from '../execution/block.js';
import type { SharedState } from '../state/shared-state.js';
import { BlockCodeStore } from './block-code-store.js';
import { allocateBlockMemory, capacityFor, fits, grown, maxCapacity, schedulerArrays, type BlockCapacity, type BlockMemoryBuffers } from './block-memory.js';
import { EARLY_CHECK_FROM, earlyFallbackRatio, SERIAL_PREFIX_MIN, SERIAL_PREFIX_PARALLELISM, type ParallelOptions, type WorkerCounts } from './block-job.js';
import type { BlockHeader } from './block-header.js';
import { buildDiff, buildReceipts, hottestLocations, type HotLocation } from './build-result.js';
import { criticalPath, reserveCriticalPath } from './critical-path.js';
import { MvMemory } from './mv-memory.js';
import { ReceiptDrafts } from './receipt-drafts.js';
import { OutputReader } from './tx-output.js';
import { Ctl, FallbackRule, Scheduler } from './scheduler.js';
import { encodeTransactionsInto, layOutTransactions, reserveTransactionLayout, TransactionDecoder, type TransactionLayout } from './tx-codec.js';
import { canonicalTransactions } from '../tx/executable.js';
import { WorkerPool, type PoolRunResult } from './worker-pool.js';
import { smallBlockVerdict } from './small-block-rule.js';

export interface ExecuteBlockOptions extends Partial<ParallelOptions> {
  /** Worker threads (default: one per core). */
  workers?: number;
  /**
   * Skip the small-block rule (small-block-rule.ts) and run in parallel whatever the block: for tests and
   * for measuring the parallel path itself. The contention and fault fallbacks still apply (the
   * contention rules are off with fallbackRatio Infinity and serialPrefixRule false).
   */
  forceParallel?: boolean;
  /** Reuse this pool instead of the shared one for `workers`. */
  pool?: WorkerPool;
  /** Halt a run that takes longer than this (default 30 s + 5 ms per transaction). */
  timeoutMs?: number;
  /**
   * Draft receipts on this thread while the workers run (receipt-drafts.ts). Default: when the machine
   * has a core to spare for it (fewer workers than availableParallelism()). Measured on the 10k ERC-20
   * block, interleaved processes against not drafting: with 1 worker on 2 cores, blocks 0.970× the time
   * (result phase 11.2 -> 8.2 ms); with 2 workers on 2 cores, 1.008× (the result phase gained 3.2 ms and
   * the workers, sharing their cores with the drafts, lost 4.2 ms).
   */
  draftReceipts?: boolean;
}

export interface ExecutionStats {
  mode: 'parallel' | 'sequential';
  /** Why the block ran sequentially, if it did. */
  fallbackReason: string | null;
  workers: number;
  transactions: number;
  executions: number;
  /** Executions beyond the first of each transaction (including ones stopped by a dependency). */
  reexecutions: number;
  validations: number;
  aborts: number;
  dependencyWaits: number;
  hottestLocations: HotLocation[];
  totalGas: bigint;
  criticalPathGas: bigint;
  /** Transactions on the longest dependency chain. */
  criticalPathLength: number;
  /** totalGas / max(totalGas / n, criticalPathGas): the speedup n threads could reach at best. */
  idealSpeedup: Record<'2' | '8' | '32', number>;
  /**
   * The same bound from measured time: each transaction's last execution in its worker (µs), summed
   * (`executionMicros`) and along the longest dependency chain by time (`criticalPathMicros`). Gas
   * undervalues some work (precompiles, cold state); times include this machine's per-thread costs.
   * Zero when the block ran sequentially.
   */
  executionMicros: number;
  criticalPathMicros: number;
  idealSpeedupByTime: Record<'2' | '8' | '32', number>;
  /** Milliseconds: parallel run (including setup: encoding the transactions, resetting shared memory); the setup
   * alone; building the result (receipts, diff, stats); the sequential fallback run. */
  timing: { parallelMs: number; setupMs: number; resultMs: number; sequentialMs: number; receiptsMs: number; diffMs: number; statsMs: number };
  /** Per worker: tasks run and milliseconds busy with this block. */
  perWorker: Array<{ tasks: number; busyMs: number }>;
  /** Receipts drafted during the run (receipt-drafts.ts) and how many were kept; null when not drafting. */
  receiptDrafts: { drafted: number; kept: number } | null;
}

export interface ParallelBlockResult extends BlockResult {
  stats: ExecutionStats;
}

const DEFAULTS: ParallelOptions = {
  workers: 1,
  deltaCredits: true,
  fallbackWindow: 0, // 0 = max(32, txs / 64)
  fallbackRatio: 0, // 0 = defaultFallbackRatio(workers)
  serialPrefixRule: true,
  delayProbability: 0,
  crashAtTask: -1,
  crashMode: 'throw',
};

const pools = new Map<number, WorkerPool>();

/** The process-wide pool with `size` workers (started on first use). */
export function sharedPool(size: number): WorkerPool {
  let pool = pools.get(size);
  if (pool === undefined) {
    pool = new WorkerPool(size);
    pools.set(size, pool);
  }
  return pool;
}

/** Stops all shared pools (lets the process exit promptly; pools are unref'd anyway). */
export async function closeSharedPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

/** Receipts drafted per call of the pool's idle hook: bounded, so that the end of the run is noticed soon. */
const DRAFTS_PER_STEP = 256;
/** Whether the last parallel run drafted receipts (rebuildLastResult does the same). */
let draftingLastBlock = false;

function receiptDrafts(mem: BlockMemoryBuffers, reader: OutputReader, txCount: number, firstTx: number): ReceiptDrafts {
  return new ReceiptDrafts(new Int32Array(mem.outputs), reader, blockTransactions(mem, txCount), firstTx, txCount + firstTx);
}

/** A decoder of the block's encoded transactions in `mem`. */
function blockTransactions(mem: BlockMemoryBuffers, txCount: number): TransactionDecoder {
  return new TransactionDecoder({ bytes: mem.txBytes, offsets: mem.txOffsets, count: txCount });
}

let memory: BlockMemoryBuffers | null = null;
/** The transactions' layout in the block memory, reused from block to block. */
const txLayout: TransactionLayout = { offsets: new Int32Array(0), count: 0, bytes: 0 };

/**
 * Allocates the shared block memory for blocks of up to `transactions` transactions (encoding to at most
 * `txBytes` bytes) now, and maps its pages, instead of during the first such block — what a node does at
 * start for its largest block. Touching ~80 MB of fresh pages for a 10k-transaction block costs ~30 ms.
 */
export function reserveBlockMemory(transactions: number, workers: number, txBytes = 0): void {
  const before = memory;
  const mem = blockMemoryFor(capacityFor(transactions + 1, workers, txBytes));
  if (mem !== before) touchPages(mem);
  // The main thread's per-block arrays too: their grow branches, never taken with type feedback during
  // the warm-up, deoptimized layOutTransactions and criticalPath in the first real block.
  reserveTransactionLayout(txLayout, transactions);
  reserveCriticalPath(transactions + 1);
}

/**
 * The shared block memory, holding at least `needed`: kept while it fits, else replaced by memory of the
 * larger of each dimension (a new generation the workers attach to).
 */
function blockMemoryFor(needed: BlockCapacity): BlockMemoryBuffers {
  if (memory === null || !fits(memory.capacity, needed)) memory = allocateBlockMemory(memory === null ? needed : maxCapacity(memory.capacity, needed));
  return memory;
}

/**
 * Replaces the shared block memory with a fresh one of the same capacity (a new generation the workers
 * attach to), as happens when a bigger block arrives: the warm-up does it so that re-attaching is compiled.
 */
export function renewBlockMemory(): void {
  if (memory !== null) memory = allocateBlockMemory(memory.capacity);
}

function touchPages(value: unknown): void {
  if (value instanceof SharedArrayBuffer) {
    const bytes = new Uint8Array(value);
    for (let p = 0; p < bytes.length; p += 4096) bytes[p] = 0;
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) touchPages(v);
  }
}

/**
 * The wasted fraction of executions above which a run gives up: 1 - 0.8/workers (0.6 for 2 workers, 0.8
 * for 4, 0.9 for 8). Wasted executions include those stopped at their first ESTIMATE read, which cost
 * little, so a run can waste half of its executions and still win. Measured with 2 workers on 10k blocks,
 * forced parallel with the rule off (`/tmp/mixforce.mjs`-style runs, 3 each): AMM on 10 pools wasted 8-9%
 * and ran at 1.49-1.62x, on 4 pools 23% at 1.29-1.53x, on 2 pools 55% at 1.17-1.34x; the mixed block 5-6%
 * at 1.08-1.37x; DAO votes 2-4% at 1.26-1.49x. Only fully serial blocks lose (1 pool: 98% wasted, 0.64x),
 * and the serial-prefix rule and the early check stop those first. The earlier 1 - 1.7/workers (0.15) was
 * calibrated while the executed prefix could stall (see Scheduler.advanceExecutedPrefix), which made
 * contended blocks waste far more: mixed 29% at 0.54x, DAO 48% at 0.45x.
 */
export function defaultFallbackRatio(workers: number): number {
  return Math.min(0.9, Math.max(0.1, 1 - 0.8 / workers));
}

function idealSpeedup(total: number, critical: number): ExecutionStats['idealSpeedup'] {
  const at = (n: number): number => (total === 0 ? 1 : Math.round((total / Math.max(total / n, critical)) * 100) / 100);
  return { '2': at(2), '8': at(8), '32': at(32) };
}

function sequentialStats(block: Block, workers: number, reason: string | null): ExecutionStats {
  return {
    mode: 'sequential', fallbackReason: reason, workers, transactions: block.transactions.length, executions: block.transactions.length,
    reexecutions: 0, validations: 0, aborts: 0, dependencyWaits: 0, hottestLocations: [], totalGas: 0n, criticalPathGas: 0n,
    criticalPathLength: 0, idealSpeedup: { '2': 1, '8': 1, '32': 1 }, executionMicros: 0, criticalPathMicros: 0, idealSpeedupByTime: { '2': 1, '8': 1, '32': 1 }, timing: { parallelMs: 0, setupMs: 0, resultMs: 0, sequentialMs: 0, receiptsMs: 0, diffMs: 0, statsMs: 0 },
    perWorker: [],
    receiptDrafts: null,
  };
}

/** The sequential path, on this thread's EVM (threadEvm: kept across blocks like the workers'). */
function runSequential(block: Block, state: SharedState, stats: ExecutionStats): ParallelBlockResult {
  const t = performance.now();
  const result = executeBlockSequential(block, state);
  stats.timing.sequentialMs = performance.now() - t;
  stats.totalGas = result.gasUsed;
  stats.criticalPathGas = result.gasUsed;
  stats.criticalPathLength = block.transactions.length;
  return { ...result, stats };
}

/**
 * The block result from the finished run in `mem` (read through `mv`, a view of its multi-version
 * memory): receipts, state diff, and the statistics (critical path, hottest locations, timings) into
 * `stats`. Only reads the block memory, so it can run again.
 */
function buildResult(block: Block, state: SharedState, mem: BlockMemoryBuffers, mv: MvMemory, taskCount: number, firstTx: number, stats: ExecutionStats, drafts: ReceiptDrafts | null, reader: OutputReader): { receipts: ReturnType<typeof buildReceipts>; diff: BlockResult['diff'] } {
  const resultStart = performance.now();
  const outputs = new Int32Array(mem.outputs);
  const codes = new BlockCodeStore(mem.code);
  codes.beginBlock();
  mv.beginBlock();
  const encoded = blockTransactions(mem, block.transactions.length);
  const receipts = buildReceipts(block, outputs, reader, firstTx, encoded, drafts);
  if (drafts !== null) stats.receiptDrafts = { drafted: drafts.count, kept: receipts.keptDrafts };
  const receiptsDone = performance.now();
  const diff = buildDiff(block, mv, taskCount, state, codes);
  const diffDone = performance.now();
  stats.timing.receiptsMs = receiptsDone - resultStart;
  stats.timing.diffMs = diffDone - receiptsDone;
  const path = criticalPath(mv, taskCount, receipts.gasPerTask, receipts.microsPerTask);
  stats.totalGas = BigInt(path.totalGas);
  stats.criticalPathGas = BigInt(path.criticalPathGas);
  stats.criticalPathLength = path.chainLength;
  stats.idealSpeedup = idealSpeedup(path.totalGas, path.criticalPathGas);
  stats.executionMicros = Math.round(path.totalMicros);
  stats.criticalPathMicros = Math.round(path.criticalPathMicros);
  stats.idealSpeedupByTime = idealSpeedup(path.totalMicros, path.criticalPathMicros);
  stats.hottestLocations = hottestLocations(mv, 5);
  stats.timing.resultMs = performance.now() - resultStart;
  stats.timing.statsMs = stats.timing.resultMs - stats.timing.receiptsMs - stats.timing.diffMs;
  return { receipts, diff };
}

/**
 * Builds the result of the last block executed in parallel (`block` on `state`, which must be the last
 * executeBlock call's, run in parallel) `times` more times and discards it: the warm-up uses it so that
 * the result builders, called once per block, get optimized before the first real block (otherwise the
 * first two 10k-transaction blocks built their results in ~20 ms instead of ~12).
 */
export function rebuildLastResult(block: Block, state: SharedState, times: number): void {
  if (memory === null) return;
  const firstTx = block.parentBeaconBlockRoot !== null ? 1 : 0;
  const mv = new MvMemory(memory.mv);
  const taskCount = block.transactions.length + firstTx;
  for (let i = 0; i < times; i++) {
    // As the last run did: drafting (all of it first, as a run whose drafts keep up would leave it) or not.
    const reader = new OutputReader(new Int32Array(memory.mv.arena));
    const drafts = draftingLastBlock ? receiptDrafts(memory, reader, block.transactions.length, firstTx) : null;
    while (drafts !== null && drafts.step(DRAFTS_PER_STEP));
    buildResult(block, state, memory, mv, taskCount, firstTx, sequentialStats(block, 0, null), drafts, reader);
  }
}

/**
 * Executes `block` on `state` with Block-STM. The result (receipts, gas, bloom, diff) equals
 * executeBlockSequential's byte for byte; invalid blocks throw the same InvalidBlockError.
 */
export async function executeBlock(block: Block, state: SharedState, options: ExecuteBlockOptions = {}): Promise<ParallelBlockResult> {
  const workers = options.pool?.size ?? options.workers ?? availableParallelism();
  const txCount = block.transactions.length;
  const txs = canonicalTransactions(block.transactions);
  if (options.forceParallel !== true) {
    const verdict = smallBlockVerdict(txs, workers);
    if (!verdict.parallel) return runSequential(block, state, sequentialStats(block, workers, verdict.reason));
  }
  const pool = options.pool ?? sharedPool(workers);
  const start = performance.now();
  const firstTx = block.parentBeaconBlockRoot !== null ? 1 : 0;
  const taskCount = txCount + firstTx;

  const layout = layOutTransactions(txs, txLayout);
  let mem: BlockMemoryBuffers;
  try {
    mem = blockMemoryFor(capacityFor(taskCount, workers, layout.bytes));
  } catch (error) {
    // A block too big for the memory this process can map: the sequential path needs none of it.
    const reason = `shared memory for the block could not be allocated: ${error instanceof Error ? error.message : String(error)}`;
    return runSequential(block, state, sequentialStats(block, workers, reason));
  }
  const arrays = schedulerArrays(mem);
  Scheduler.reset(arrays, taskCount);
  MvMemory.startBlock(mem.mv, taskCount);
  BlockCodeStore.startBlock(mem.code);
  new Int32Array(mem.outputs).fill(0, 0, taskCount);
  encodeTransactionsInto(txs, mem.txBytes, mem.txOffsets, layout);

  const opts: ParallelOptions = { ...DEFAULTS, ...options, workers };
  if (opts.fallbackWindow === 0) opts.fallbackWindow = Math.max(32, Math.floor(txCount / 64));
  if (opts.fallbackRatio === 0) opts.fallbackRatio = defaultFallbackRatio(workers);
  const header: BlockHeader = {
    taskCount, txCount, stateVersion: state.version, memoryGeneration: mem.generation,
    env: block.env, beaconRoot: block.parentBeaconBlockRoot, options: opts,
  };
  const buffers = { state: state.handles(), stateVersion: state.version, memory: mem, memoryGeneration: mem.generation };
  // Receipts drafted while the workers run (receipt-drafts.ts) go through the reader the result uses.
  const reader = new OutputReader(new Int32Array(mem.mv.arena));
  draftingLastBlock = options.draftReceipts ?? workers < availableParallelism();
  const drafts = draftingLastBlock ? receiptDrafts(mem, reader, txCount, firstTx) : null;
  const setupMs = performance.now() - start;
  let run: PoolRunResult;
  try {
    run = await pool.run(header, buffers, arrays.ctl, options.timeoutMs ?? 30_000 + 5 * txCount, drafts !== null ? () => drafts.step(DRAFTS_PER_STEP) : undefined);
  } catch (error) {
    const reason = `worker pool unavailable: ${error instanceof Error ? error.message : String(error)}`;
    return runSequential(block, state, sequentialStats(block, workers, reason));
  }
  const parallelMs = performance.now() - start;

  const ctl = arrays.ctl;
  const stat = (c: Ctl): number => Atomics.load(ctl, c);
  const sum = (k: keyof WorkerCounts): number => run.reports.reduce((a, r) => a + (r.counts?.[k] ?? 0), 0);
  const stats: ExecutionStats = {
    ...sequentialStats(block, workers, null),
    mode: 'parallel',
    executions: sum('executions'),
    reexecutions: sum('executions') - sum('firstExecutions'),
    validations: sum('validations'),
    aborts: sum('aborts'),
    dependencyWaits: sum('dependencyWaits'),
  };
  stats.timing.parallelMs = parallelMs;
  stats.timing.setupMs = setupMs;
  stats.perWorker = run.reports.map((r) => ({ tasks: r.tasks, busyMs: Math.round((r.busyMs ?? 0) * 10) / 10 }));

  const mv = new MvMemory(mem.mv);
  let reason: string | null = null;
  if (run.failures.length > 0) reason = `worker failure: ${run.failures[0]!.split('\n')[0]}`;
  else if (stat(Ctl.FALLBACK) === FallbackRule.SERIAL_PREFIX) {
    reason = `serial: the first ${stat(Ctl.SERIAL_PREFIX)} transactions form a dependency chain of ${stat(Ctl.SERIAL_CHAIN)} (rule: from ${SERIAL_PREFIX_MIN} executed transactions, fewer than ${SERIAL_PREFIX_PARALLELISM} times their longest chain)`;
  } else if (stat(Ctl.FALLBACK) !== 0) reason = `contention: ${stats.reexecutions} re-executions for ${sum('firstExecutions')} first executions (rule: more than ${opts.fallbackRatio.toFixed(2)} of a window of ${opts.fallbackWindow} executions wasted, when finishing in parallel at the useful share of the workers' time so far would take longer than starting over, or from a worker's ${EARLY_CHECK_FROM}th execution more than ${earlyFallbackRatio(opts.fallbackRatio).toFixed(2)} of its executions)`;
  else if (mv.overflowed() || new BlockCodeStore(mem.code).overflowed()) reason = 'shared memory for the block was too small';
  else if (stat(Ctl.HALT) !== 0 || stat(Ctl.DONE) === 0) reason = 'a transaction wipes pre-block storage of an account (EIP-158 edge case)';
  if (reason !== null) {
    if (mv.overflowed()) {
      try {
        memory = allocateBlockMemory(grown(mem.capacity));
      } catch {
        // Keep the current memory: a later block that overflows it falls back again.
      }
    }
    stats.mode = 'sequential';
    stats.fallbackReason = reason;
    return runSequential(block, state, stats);
  }

  const { receipts, diff } = buildResult(block, state, mem, mv, taskCount, firstTx, stats, drafts !== null && !drafts.failed ? drafts : null, reader);
  return {
    receipts: receipts.receipts,
    gasUsed: receipts.gasUsed,
    blobGasUsed: receipts.blobGasUsed,
    logsBloom: receipts.logsBloom,
    diff,
    contractAddresses: receipts.contractAddresses,
    stats,
  };
}
