/**
 * What the main thread sends a worker to run one block: shared buffers (re-sent only when replaced),
 * the encoded transactions, and a structured-cloneable block environment.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { BlockEnv } from '../block/block-env.js';
import type { SharedStateHandles } from '../state/shared-state.js';
import type { BlockMemoryBuffers } from './block-memory.js';
import type { EncodedTransactions } from './tx-codec.js';

export interface PlainBlockEnv {
  number: bigint;
  coinbase: Address;
  timestamp: bigint;
  gasLimit: bigint;
  baseFee: bigint;
  prevRandao: Word;
  chainId: bigint;
  excessBlobGas: bigint;
  blobBaseFee: bigint;
  /** BLOCKHASH window: [number, hash] of the up to 256 previous blocks that are known. */
  blockHashes: Array<[bigint, Word]>;
}

export interface ParallelOptions {
  /** Worker threads taking part (for the per-worker share of the fallback window). */
  workers: number;
  /** Record balance credits as commutative deltas (value transfers, fees to the beneficiary). */
  deltaCredits: boolean;
  /** First executions after which the contention rule is checked. */
  fallbackWindow: number;
  /** Stop and run the block sequentially if a worker's wasted executions / all its executions exceeds this after its share of the window. */
  fallbackRatio: number;
  /** Schedule fuzzing: probability of a random short sleep at each task (0 = off). */
  delayProbability: number;
  /** Test hook: the worker that starts executing transaction task `crashAtTask` throws (or exits, if crashMode is 'exit'); -1 = off. */
  crashAtTask: number;
  crashMode: 'throw' | 'exit';
}

export interface BlockJob {
  state?: SharedStateHandles;
  stateVersion: number;
  memory?: BlockMemoryBuffers;
  memoryGeneration: number;
  txs: EncodedTransactions;
  env: PlainBlockEnv;
  /** Tasks = transactions, plus the beacon-root system call as task 0 when present. */
  taskCount: number;
  beaconRoot: Word | null;
  options: ParallelOptions;
}

/** Counts one worker kept during a block (summed by the executor into ExecutionStats). */
export interface WorkerCounts {
  executions: number;
  firstExecutions: number;
  validations: number;
  aborts: number;
  dependencyWaits: number;
}

export interface WorkerReport {
  worker: number;
  error?: string;
  tasks: number;
  counts?: WorkerCounts;
  /** Milliseconds from receiving the job to finishing it. */
  busyMs?: number;
}

export function plainEnv(env: BlockEnv): PlainBlockEnv {
  const blockHashes: Array<[bigint, Word]> = [];
  for (let n = env.number - 256n; n < env.number; n++) {
    if (n < 0n) continue;
    const h = env.blockHash(n);
    if (h !== undefined) blockHashes.push([n, h]);
  }
  return {
    number: env.number, coinbase: env.coinbase, timestamp: env.timestamp, gasLimit: env.gasLimit, baseFee: env.baseFee,
    prevRandao: env.prevRandao, chainId: env.chainId, excessBlobGas: env.excessBlobGas, blobBaseFee: env.blobBaseFee, blockHashes,
  };
}

export function blockEnvFromPlain(p: PlainBlockEnv): BlockEnv {
  const hashes = new Map(p.blockHashes);
  return {
    number: p.number, coinbase: p.coinbase, timestamp: p.timestamp, gasLimit: p.gasLimit, baseFee: p.baseFee,
    prevRandao: p.prevRandao, chainId: p.chainId, excessBlobGas: p.excessBlobGas, blobBaseFee: p.blobBaseFee,
    blockHash: (n) => hashes.get(n),
  };
}
