/**
 * Types shared by the main thread and the workers of a parallel run: options, the buffer updates sent by
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
