/**
 * The one place the benchmarks execute a block: `runBlock(block, genesis, mode)`. Sequential mode is
 * executeBlockSequential; parallel mode is where the parallel executor plugs in (one line, marked below).
 * What is timed around this call is execution plus building the BlockResult — the same span as
 * run-block's `ms` — never genesis setup or signature recovery (senders are known).
 */
import type { Block, BlockResult } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { InvalidInputError } from '../primitives/errors.js';
import { blobBaseFee } from '../block/block-env.js';
import { ZERO_ADDRESS } from '../primitives/address.js';
import { ZERO_WORD } from '../primitives/word.js';
import { MemoryState } from '../state/memory-state.js';

export type ExecutionMode = { kind: 'sequential' } | { kind: 'parallel'; workers: number };

export interface BlockRun {
  result: BlockResult;
  /** Transactions executed more than once (parallel executors); 0 for sequential. */
  reexecutions: number;
}

/** Executes `block` on `genesis`, returning the BlockResult (nothing is applied to `genesis`). */
export async function runBlock(block: Block, genesis: MemoryState, mode: ExecutionMode): Promise<BlockRun> {
  if (mode.kind === 'sequential') return { result: executeBlockSequential(block, genesis), reexecutions: 0 };
  // Plug the parallel executor in here, e.g.:
  //   const result = await executeBlock(block, genesis, { workers: mode.workers }); return { result, reexecutions: result.stats.reexecutions };
  throw new InvalidInputError('parallel execution is not available yet (use --sequential)');
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
  await runBlock(EMPTY_BLOCK, new MemoryState(), mode);
}
