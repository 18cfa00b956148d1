/**
 * The small-block rule: whether running a block in parallel can beat running it sequentially, decided
 * before dispatch from the transactions alone. A cost model with constants measured on this project's
 * 2-core machine (bench/small-blocks.bench.ts; docs/ARCHITECTURE.md, "Small blocks"):
 *
 *   - dispatching a block and collecting the result costs ~250 µs of wall time (thread wake-ups, header,
 *     result assembly);
 *   - each transaction costs a worker ~4 µs beyond its execution (decode, multi-version reads and writes,
 *     validation, output);
 *   - execution costs ~0.25 µs per 1,000 gas of the execution budget (gas limit minus the 21,000 base and
 *     at most 16 per calldata byte), an upper bound of the real work that is within ~2-4x for ERC-20
 *     transfers and swaps.
 *
 * Parallel pays when Σ max(0, work − 4 µs) × (1 − 1/workers) exceeds 250 µs. Plain transfers (no
 * execution budget) never pay: measured on 2 workers, 512 of them ran 0.33x as fast as sequentially.
 * Measured break-even with 2 workers: ERC-20 transfers ~150 transactions, Uniswap-style swaps < 16.
 */
import type { ExecutableTransaction } from '../tx/transaction.js';

const DISPATCH_US = 250;
const PER_TX_OVERHEAD_US = 4;
const US_PER_GAS = 0.25 / 1000;
const BASE_GAS = 21000;
const MAX_CALLDATA_GAS_PER_BYTE = 16;
/** Below this many transactions a block always runs sequentially. */
export const MIN_PARALLEL_TXS = 16;

export interface SmallBlockVerdict {
  parallel: boolean;
  /** Why the block runs sequentially (null when parallel pays). */
  reason: string | null;
}

export function smallBlockVerdict(txs: readonly ExecutableTransaction[], workers: number): SmallBlockVerdict {
  if (txs.length < MIN_PARALLEL_TXS) return { parallel: false, reason: `small block (${txs.length} transactions)` };
  if (workers < 2) return { parallel: true, reason: null };
  const share = 1 - 1 / workers;
  let gainUs = -DISPATCH_US;
  for (let i = 0; i < txs.length; i++) {
    const tx = txs[i]!;
    const budget = Number(tx.gasLimit) - BASE_GAS - MAX_CALLDATA_GAS_PER_BYTE * tx.data.length;
    const workUs = budget > 0 ? budget * US_PER_GAS : 0;
    if (workUs > PER_TX_OVERHEAD_US) gainUs += (workUs - PER_TX_OVERHEAD_US) * share;
    if (gainUs > 0) return { parallel: true, reason: null };
  }
  return { parallel: false, reason: `small block: the cost model expects no gain (${txs.length} transactions, estimated ${Math.round(gainUs)} µs)` };
}
