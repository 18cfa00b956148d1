/**
 * The one place the benchmarks execute a block: `runBlock(block, state, mode)`. Both modes read the same
 * pre-block SharedState (built once per workload, outside the timing); the sequential mode runs on the
 * thread's EVM (threadEvm), which the parallel executor's sequential path uses too, and keeps its code
 * cache across runs as the parallel workers do. What is timed around this call is execution
 * plus building the BlockResult — the same span as run-block's `ms` — never genesis setup or signature
 * recovery (senders are known).
 */
import type { Block, BlockResult } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { blobBaseFee } from '../block/block-env.js';
import { executeBlock, type ExecutionStats } from '../parallel/execute-block.js';
import { ZERO_ADDRESS } from '../primitives/address.js';
import { ZERO_WORD } from '../primitives/word.js';
import { SharedState } from '../state/shared-state.js';
import { MemoryState } from '../state/memory-state.js';

export type ExecutionMode = { kind: 'sequential' } | { kind: 'parallel'; workers: number; deltaCredits?: boolean; forceParallel?: boolean };

export interface BlockRun {
  result: BlockResult;
  /** Transactions executed more than once (parallel executors); 0 for sequential. */
  reexecutions: number;
  /** Parallel runs: the executor's statistics. */
  stats?: ExecutionStats;
}

/** Executes `block` on `state`, returning the BlockResult (nothing is applied to `state`). */
export async function runBlock(block: Block, state: SharedState, mode: ExecutionMode): Promise<BlockRun> {
  if (mode.kind === 'sequential') {
    return { result: executeBlockSequential(block, state), reexecutions: 0 };
  }
  const result = await executeBlock(block, state, { workers: mode.workers, deltaCredits: mode.deltaCredits ?? true, forceParallel: mode.forceParallel ?? false });
  return { result, reexecutions: result.stats.reexecutions, stats: result.stats };
}

const EMPTY_BLOCK: Block = {
  env: {
    number: 1n, coinbase: ZERO_ADDRESS, timestamp: 0n, gasLimit: 30_000_000n, baseFee: 0n, prevRandao: ZERO_WORD, chainId: 1n,
    excessBlobGas: 0n, blobBaseFee: blobBaseFee(0n), blockHash: () => undefined,
  },
  transactions: [],
  withdrawals: [],
  parentBeaconBlockRoot: null,
};

/** Fails fast (before a workload is built) if `mode` cannot run: executes an empty block. */
export async function checkMode(mode: ExecutionMode): Promise<void> {
  await runBlock(EMPTY_BLOCK, SharedState.fromMemoryState(new MemoryState()), mode);
}
