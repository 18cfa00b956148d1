/**
 * The synchronous read interface to the state before a block (after revm's `Database` trait): account
 * fields, storage slots and code by hash. Everything the EVM reads from outside a block goes through it;
 * writes never do (they become a block's StateDiff, committed separately).
 */
import type { Address } from '../primitives/address.js';
import { KECCAK_EMPTY } from '../primitives/keccak.js';
import { wordFromBytes, type Word } from '../primitives/word.js';

export interface AccountInfo {
  nonce: bigint;
  balance: bigint;
  codeHash: Word;
  /** The account's storage trie is non-empty (EIP-7610 create collision). */
  hasStorage: boolean;
}

export interface StateReader {
  /** The account, or undefined if it does not exist. */
  account(address: Address): AccountInfo | undefined;
  /** The storage value (ZERO_WORD if unset). */
  storage(address: Address, slot: Word): Word;
  /** The code with this hash; must exist for every code hash the reader returns. */
  code(codeHash: Word): Uint8Array;
}

/** keccak256 of empty code. */
export const EMPTY_CODE_HASH: Word = wordFromBytes(KECCAK_EMPTY);
