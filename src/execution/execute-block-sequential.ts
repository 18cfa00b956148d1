/**
 * The sequential block executor — the reference the parallel executor must match byte for byte:
 * the EIP-4788 beacon-root system call, every transaction in order on one BlockState, receipts with
 * cumulative gas and blooms, then withdrawals (EIP-4895). Returns the BlockResult; the base state is not
 * modified.
 */
import { BLOOM_BYTES, logsBloomAlsoInto } from '../block/bloom.js';
import type { Receipt } from '../block/receipt.js';
import { Evm } from '../evm/evm.js';
import { isSuccess } from '../evm/status.js';
import { BlockState } from '../state/block-state.js';
import type { StateReader } from '../state/state-reader.js';
import type { StateView } from '../state/state-view.js';
import { canonicalTransactions } from '../tx/executable.js';
import { TransactionOutcome } from './transaction-outcome.js';
import { executeBeaconRootCall, executeTransaction } from './execute-transaction.js';
import { InvalidBlockError, type Block, type BlockResult } from './block.js';

const GWEI = 1_000_000_000n;

export interface SequentialOptions {
  /** The EVM to run on (default: this thread's, see threadEvm). */
  evm?: Evm;
  /**
   * false: the reference interpreter (table dispatch, per-opcode gas and stack checks) instead of the
   * inlined hot opcodes with block metering. For differential testing; the default is true.
   */
  inlineHotOpcodes?: boolean;
}

let sharedEvm: Evm | null = null;

/**
 * This thread's EVM for sequential block execution, created on first use and kept: its code-analysis
 * cache and pooled frames persist across blocks, and every sequential execution on the thread — the
 * warm-up, the parallel executor's sequential path, the benchmarks' sequential baseline — runs the same
 * one (a transaction's journal is pointed at its block's state when it starts).
 */
export function threadEvm(view: StateView): Evm {
  return (sharedEvm ??= new Evm(view));
}

export function executeBlockSequential(block: Block, state: StateReader, options: SequentialOptions = {}): BlockResult {
  const blockState = new BlockState(state);
  const evm = options.evm ?? threadEvm(blockState);
  // Per-call settings, restored afterwards (the EVM outlives the call). No receipt carries return data:
  // do not copy it out.
  const inlineHotOpcodes = evm.inlineHotOpcodes;
  const keepReturnData = evm.keepReturnData;
  if (options.inlineHotOpcodes !== undefined) evm.inlineHotOpcodes = options.inlineHotOpcodes;
  evm.keepReturnData = false;
  try {
    return executeBlockWith(evm, blockState, block);
  } finally {
    evm.keepReturnData = keepReturnData;
    evm.inlineHotOpcodes = inlineHotOpcodes;
  }
}

function executeBlockWith(evm: Evm, blockState: BlockState, block: Block): BlockResult {
  const env = block.env;

  if (block.parentBeaconBlockRoot !== null) {
    executeBeaconRootCall(evm, blockState, env, block.parentBeaconBlockRoot);
    blockState.commit(evm.journal);
  }

  const txs = canonicalTransactions(block.transactions);
  const receipts: Receipt[] = new Array(txs.length);
  const contractAddresses: BlockResult['contractAddresses'] = new Array(txs.length);
  const bloom = new Uint8Array(BLOOM_BYTES);
  let gasUsed = 0n;
  let blobGasUsed = 0n;
  const reusedOutcome = new TransactionOutcome();
  for (let i = 0; i < txs.length; i++) {
    const tx = txs[i]!;
    const outcome = executeTransaction(evm, blockState, env, tx, env.gasLimit - gasUsed, reusedOutcome);
    if (outcome.invalidReason !== null) throw new InvalidBlockError(i, outcome.invalidReason);
    blockState.commit(evm.journal);
    gasUsed += outcome.gasUsed;
    blobGasUsed += BigInt(outcome.blobGasUsed);
    const receiptBloom = logsBloomAlsoInto(outcome.logs, bloom);
    receipts[i] = { type: tx.type, status: isSuccess(outcome.status) ? 1 : 0, cumulativeGasUsed: gasUsed, logsBloom: receiptBloom, logs: outcome.logs };
    contractAddresses[i] = outcome.contractAddress;
  }

  for (const w of block.withdrawals) blockState.credit(w.address, w.amount * GWEI);

  return { receipts, gasUsed, blobGasUsed, logsBloom: bloom, diff: blockState.diff(), contractAddresses };
}

