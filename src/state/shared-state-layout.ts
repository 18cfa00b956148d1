/**
 * The entry layouts of SharedState's account and storage tables (32-bit words; shared-hash-table.ts),
 * and the account field reads that both SharedState and the state-root pass use.
 */
import type { SharedHashTable, TableLayout } from './shared-hash-table.js';

/**
 * Account entry, one 64-byte cache line of 32-bit words: address 0-4, code index 5 (in the code store,
 * -1 if the code is not stored), nonce 6-7 (u64), balance 8-15 (4 little-endian u64). Side array (cold):
 * code hash 0-7, storage-slot count 8. `codeHash()` maps the code index to a per-view cache of hash
 * strings, so the hot reads (exists, nonce, balance, codeHash) touch one entry line and allocate nothing
 * but a BigInt; the side array is read by hasStorage / account() and whole-state passes. Measured with
 * 1k accounts: codeHash 62 -> 33 ns (no string built from the words), and a hot 64-byte entry instead of
 * 96 bytes in two lines.
 */
export const ADDRESS_WORDS = 5;
export const ACCOUNT_CODE_INDEX = 5;
export const ACCOUNT_BALANCE = 8;
export const ACCOUNT_STRIDE = 16;
export const SIDE_SLOT_COUNT = 8;
export const SIDE_STRIDE = 9;
export const ACCOUNT_LAYOUT: TableLayout = { keyWords: ADDRESS_WORDS, stride: ACCOUNT_STRIDE, sideStride: SIDE_STRIDE };
/** The same in u64 units (for entries64). */
export const ACCOUNT_NONCE_64 = 3;
export const ACCOUNT_BALANCE_64 = 4;
export const ACCOUNT_STRIDE_64 = 8;

/** Storage entry: address 0-4, slot 5-12 (together the key), value 13-20. */
export const SLOT_KEY_WORDS = 13;
export const SLOT_VALUE = 13;
export const SLOT_STRIDE = 21;
export const SLOT_LAYOUT: TableLayout = { keyWords: SLOT_KEY_WORDS, stride: SLOT_STRIDE, sideStride: 0 };

/** The nonce of the account entry. */
export function accountNonce(accounts: SharedHashTable, entry: number): bigint {
  return accounts.entries64[entry * ACCOUNT_STRIDE_64 + ACCOUNT_NONCE_64]!;
}

/** The balance: most fit in 64 bits (then one BigInt read) or 128 bits; the high words are tested first. */
export function accountBalance(accounts: SharedHashTable, entry: number): bigint {
  const w = accounts.entries, q = accounts.entries64;
  const base = entry * ACCOUNT_STRIDE + ACCOUNT_BALANCE;
  const q0 = entry * ACCOUNT_STRIDE_64 + ACCOUNT_BALANCE_64;
  if ((w[base + 4]! | w[base + 5]! | w[base + 6]! | w[base + 7]!) === 0) {
    return (w[base + 2]! | w[base + 3]!) === 0 ? q[q0]! : (q[q0 + 1]! << 64n) | q[q0]!;
  }
  return (q[q0 + 3]! << 192n) | (q[q0 + 2]! << 128n) | (q[q0 + 1]! << 64n) | q[q0]!;
}
