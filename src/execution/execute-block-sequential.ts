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
import { canonicalTransactions } from '../tx/executable.js';
import { TransactionOutcome } from './transaction-outcome.js';
import { executeBeaconRootCall, executeTransaction } from './execute-transaction.js';
import { InvalidBlockError, type Block, type BlockResult } from './block.js';

const GWEI = 1_000_000_000n;

export interface SequentialOptions {
  /** Reuse an EVM (and its code cache) across blocks on this thread. */
  evm?: Evm;
  /**
   * false: the reference interpreter (table dispatch, per-opcode gas and stack checks) instead of the
   * inlined hot opcodes with block metering. For differential testing; the default is true.
   */
  inlineHotOpcodes?: boolean;
}

export function executeBlockSequential(block: Block, state: StateReader, options: SequentialOptions = {}): BlockResult {
  const blockState = new BlockState(state);
  const evm = options.evm ?? new Evm(blockState);
  if (options.inlineHotOpcodes !== undefined) evm.inlineHotOpcodes = options.inlineHotOpcodes;
  // No receipt carries return data: do not copy it out (restored for callers that pass their own Evm).
  const keepReturnData = evm.keepReturnData;
  evm.keepReturnData = false;
  try {
    return executeBlockWith(evm, blockState, block);
  } finally {
    evm.keepReturnData = keepReturnData;
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

