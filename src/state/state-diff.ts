/**
 * StateDiff: what a block changed. Every account some transaction wrote appears once with its final
 * fields; an account whose final fields are all empty was deleted (EIP-158 / EIP-6780). `storageCleared`
 * means the account's storage from before the block is wiped before `storage` is applied.
 *
 * The order of accounts and slots is unspecified (applying a diff does not depend on it, and sorting 20k
 * slots cost ~5% of a 10k-transaction ERC-20 block); `encodeStateDiff` is the canonical form — accounts
 * sorted by address, slots by key — that the sequential and parallel executors must match byte for byte.
 */
import { addressToBytes, addressToHex, type Address } from '../primitives/address.js';
import { rlpEncode, rlpScalar, type RlpInput } from '../primitives/rlp.js';
import { wordToBytes, wordToHex, ZERO_WORD, type Word } from '../primitives/word.js';
import { EMPTY_CODE_HASH } from './state-reader.js';

export interface AccountDiff {
  address: Address;
  nonce: bigint;
  balance: bigint;
  codeHash: Word;
  /** The code, when the block deployed it. */
  code: Uint8Array | null;
  /** Removed from the state (final fields empty). */
  deleted: boolean;
  storageCleared: boolean;
  /** Final values of the slots written in the block (any order); ZERO_WORD deletes. */
  storage: Array<[Word, Word]>;
}

export interface StateDiff {
  accounts: AccountDiff[];
}

export function isEmptyAccount(nonce: bigint, balance: bigint, codeHash: Word): boolean {
  return nonce === 0n && balance === 0n && codeHash === EMPTY_CODE_HASH;
}

/** Canonical bytes of a diff (RLP), for byte-for-byte comparison and hashing. */
export function encodeStateDiff(diff: StateDiff): Uint8Array {
  const accounts = [...diff.accounts].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
  const items: RlpInput[] = accounts.map((a) => [
    addressToBytes(a.address),
    rlpScalar(a.nonce),
    rlpScalar(a.balance),
    wordToBytes(a.codeHash),
    a.code ?? new Uint8Array(0),
    Uint8Array.of(a.deleted ? 1 : 0),
    Uint8Array.of(a.storageCleared ? 1 : 0),
    [...a.storage].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([k, v]) => [wordToBytes(k), wordToBytes(v)]),
  ]);
  return rlpEncode(items);
}

/** A readable JSON form (debugging, mismatch reports). */
export function stateDiffToJson(diff: StateDiff): unknown {
  return diff.accounts.map((a) => ({
    address: addressToHex(a.address),
    nonce: a.nonce.toString(),
    balance: a.balance.toString(),
    codeHash: wordToHex(a.codeHash),
    deleted: a.deleted,
    storageCleared: a.storageCleared,
    storage: Object.fromEntries(a.storage.map(([k, v]) => [wordToHex(k), v === ZERO_WORD ? '0x0' : wordToHex(v)])),
  }));
}


