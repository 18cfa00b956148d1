/**
 * StateView: what one transaction reads through — the state as of the start of that transaction.
 *
 * The sequential executor implements it over a block-level cache; a parallel worker implements it over
 * multi-version memory, recording every read. In the parallel case a read may hit a value that an earlier,
 * unfinished transaction is about to write: the view then returns a neutral value and sets `blockedOn` to
 * that transaction's index, and the transaction must stop at once (the interpreter halts with BLOCKED).
 * The EVM never learns anything else about parallelism.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

export interface StateView {
  readNonce(address: Address): bigint;
  readBalance(address: Address): bigint;
  readCodeHash(address: Address): Word;
  readCode(codeHash: Word): Uint8Array;
  readStorage(address: Address, slot: Word): Word;
  /** Whether the account had storage before the block (EIP-7610 collisions, storage wipes). */
  readHasStorage(address: Address): boolean;
  /** -1, or the index of the transaction whose pending write a read hit. */
  readonly blockedOn: number;
}
