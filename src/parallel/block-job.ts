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
  /**
   * Apply the serial-prefix rule (below) with the early contention check. false, with fallbackRatio
   * Infinity, keeps every block on the parallel path unless a worker fails (run-block --force-parallel).
   */
  serialPrefixRule: boolean;
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
 * A sequential run's time per transaction over a worker's measured execution time of it (the EVM part,
 * what `executionUs` times): ~11 against ~10 µs for an ERC-20 transfer on this machine.
 */
export const SEQUENTIAL_COST_FACTOR = 1.1;

/**
 * Whether starting over sequentially beats finishing in parallel, when `remaining` of the block is still
 * to be handed out and each of `workers` workers has spent `usefulShare` of its wall time since the block
 * started on executions that were not wasted: the rest would take remaining / (workers * usefulShare) of
 * the block's execution time in parallel, against SEQUENTIAL_COST_FACTOR times all of it sequentially.
 * Wall time, not execution time: workers that take turns on a dependency chain waste few executions but
 * wait, and that wait is what makes a serial block slower in parallel.
 */
export function restartPays(remaining: number, usefulShare: number, workers: number): boolean {
  return remaining > workers * usefulShare * SEQUENTIAL_COST_FACTOR;
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
