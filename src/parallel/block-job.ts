/**
 * Types shared by the main thread and the workers of a parallel run: options (and the early contention
 * check's constants, which the executor also quotes in its fallback reason), the buffer updates sent by
 * message, and per-worker reports.
 */
import type { SharedStateHandles } from '../state/shared-state.js';
import type { BlockMemoryBuffers } from './block-memory.js';

export interface ParallelOptions {
  /** Worker threads taking part (for the per-worker share of the fallback window). */
  workers: number;
  /** Record balance credits as commutative deltas (value transfers, fees to the beneficiary). */
  deltaCredits: boolean;
  /** Executions (all workers) between checks of the contention rule; 0 = max(32, transactions / 64). */
  fallbackWindow: number;
  /** Stop and run the block sequentially if a worker's wasted executions / its executions since the last check exceed this; 0 = defaultFallbackRatio(workers). */
  fallbackRatio: number;
  /** Schedule fuzzing: probability of a random short sleep at each task (0 = off). */
  delayProbability: number;
  /** Test hook: the worker that starts executing transaction task `crashAtTask` throws, exits, or hangs (spins forever, ignoring the halt), per crashMode; -1 = off. */
  crashAtTask: number;
  crashMode: 'throw' | 'exit' | 'hang';
}

/**
 * The contention rule's early check (block-worker.ts, checkContention), before its first window closes:
 * from a worker's `EARLY_CHECK_FROM`th execution, every `EARLY_CHECK_STEP` executions, the run gives up if
 * more than earlyFallbackRatio(fallbackRatio) of all that worker's executions so far were wasted.
 */
export const EARLY_CHECK_FROM = 16;
export const EARLY_CHECK_STEP = 8;
const EARLY_FALLBACK_RATIO = 0.5;

/**
 * The serial-prefix rule, checked with the early check (block-worker.ts, serialPrefix): once at least
 * SERIAL_PREFIX_MIN transactions have executed, the run gives up if their count is below
 * SERIAL_PREFIX_PARALLELISM times their longest dependency chain. Measured chains over the executed prefix
 * at the early check (10k-transaction blocks, 2 workers): prefix - 1 on AMM swaps on 1 pool, NFT mints and
 * payroll; about prefix / 5 on DAO votes and the mixed block; 1-7 on ERC-20 transfers and AMM on 100 pools.
 */
export const SERIAL_PREFIX_MIN = 32;
export const SERIAL_PREFIX_PARALLELISM = 1.5;

/**
 * CPU time a transaction takes in a worker, relative to the sequential executor (multi-version reads,
 * publishing, validation, scheduling): ~14.6 against ~11 µs for an ERC-20 transfer on this machine. The
 * contention rule uses it to judge whether finishing a contended block in parallel would cost more than
 * starting it over sequentially (block-worker.ts, checkContention).
 */
export const PARALLEL_COST_FACTOR = 1.3;

/**
 * Whether starting over sequentially beats finishing in parallel: `remaining` of the block is still to be
 * handed out, and `wastedShare` of the workers' execution time has been wasted so far, so the rest would
 * take remaining * PARALLEL_COST_FACTOR / (workers * (1 - wastedShare)) of a sequential run.
 */
export function restartPays(remaining: number, wastedShare: number, workers: number): boolean {
  return remaining * PARALLEL_COST_FACTOR > workers * (1 - wastedShare);
}

/** The early check's waste ratio: half, or the rule's own ratio if that is higher. */
export function earlyFallbackRatio(fallbackRatio: number): number {
  return Math.max(EARLY_FALLBACK_RATIO, fallbackRatio);
}

/**
 * The shared buffers a worker attaches to, sent by postMessage only when they change (a new pre-block
 * state, or block memory grown for a bigger block); everything per block travels in the block header.
 */
export interface BufferUpdate {
  state?: SharedStateHandles;
  stateVersion: number;
  memory?: BlockMemoryBuffers;
  memoryGeneration: number;
}

/** Counts one worker kept during a block (summed by the executor into ExecutionStats). */
export interface WorkerCounts {
  executions: number;
  firstExecutions: number;
  validations: number;
  aborts: number;
  dependencyWaits: number;
}

/** What a worker reports for a block (through the pool's control memory). */
export interface WorkerReport {
  worker: number;
  /** Set when the worker failed: the error with its stack, or how it died. */
  error?: string;
  tasks: number;
  counts?: WorkerCounts;
  /** Milliseconds from picking up the block to finishing it. */
  busyMs?: number;
}
