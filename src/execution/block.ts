/**
 * The input and output of block execution, shared by the sequential and the parallel executor: a Block
 * (environment, transactions with known senders, withdrawals, beacon root) in; a BlockResult (receipts,
 * gas, bloom, and the StateDiff to commit) out. Nothing is applied to the state by execution itself.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { BlockEnv } from '../block/block-env.js';
import type { Receipt } from '../block/receipt.js';
import type { Withdrawal } from '../block/withdrawals-root.js';
import { ParevmError } from '../primitives/errors.js';
import type { StateDiff } from '../state/state-diff.js';
import type { ExecutableTransaction } from '../tx/transaction.js';

export interface Block {
  env: BlockEnv;
  transactions: ExecutableTransaction[];
  withdrawals: Withdrawal[];
  /** EIP-4788: null skips the beacon-root system call (e.g. synthetic benchmark blocks). */
  parentBeaconBlockRoot: Word | null;
}

export interface BlockResult {
  receipts: Receipt[];
  gasUsed: bigint;
  blobGasUsed: bigint;
  logsBloom: Uint8Array;
  diff: StateDiff;
  /** Per transaction: the contract it created, if any (receipts do not carry it). */
  contractAddresses: Array<Address | null>;
}

/** A transaction of the block cannot be included: the whole block is invalid. */
export class InvalidBlockError extends ParevmError {
  override name = 'InvalidBlockError';
  constructor(readonly txIndex: number, reason: string) {
    super(`invalid block: transaction ${txIndex} is not includable`, { details: reason });
  }
}
