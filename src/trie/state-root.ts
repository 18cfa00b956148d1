/**
 * The world-state root (Yellow Paper 4.1): a secure trie over keccak(address) -> rlp([nonce, balance,
 * storageRoot, codeHash]), where each account's storageRoot is a secure trie over keccak(slot) ->
 * rlp(value as minimal big-endian bytes). Zero storage values are absent. Which accounts exist (EIP-158
 * deletion of empty touched accounts) is the caller's business: every account given is included.
 *
 * Account and storage leaves are RLP-encoded directly (no nested arrays, no hex round trips), accounts
 * into a ByteArena: together with the allocation cuts in node-encoding.ts and the sort in trie-root.ts
 * this took 100k accounts (1 slot each) from ~1.5 s to ~0.7 s.
 */
import { addressToBytes, type Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordToBytes, ZERO_WORD, type Word } from '../primitives/word.js';
import { ByteArena } from './byte-arena.js';
import { scalarBytes, scalarItemLength, writeScalarItem } from './rlp-writer.js';
import { trieRootOfColumns } from './trie-root.js';

export interface StateAccount {
  address: Address;
  nonce: bigint;
  balance: bigint;
  codeHash: Word;
  storage: Iterable<readonly [slot: Word, value: Word]>;
}

const EMPTY_VALUE = new Uint8Array(0);
const nonceScratch = new Uint8Array(32);
const balanceScratch = new Uint8Array(32);
const slotScratch = new Uint8Array(32);
const addressScratch = new Uint8Array(20);

/** rlp(value) with the value as minimal big-endian bytes; `value` must not be zero. */
function encodeStorageValue(value: Word): Uint8Array {
  let unit = 0;
  while (value.charCodeAt(unit) === 0) unit++;
  const start = 2 * unit + (value.charCodeAt(unit) >> 8 === 0 ? 1 : 0); // first non-zero byte
  const byteAt = (b: number) => (b & 1 ? value.charCodeAt(b >> 1) & 0xff : value.charCodeAt(b >> 1) >> 8);
  const length = 32 - start;
  if (length === 1 && byteAt(start) < 0x80) return Uint8Array.of(byteAt(start));
  const out = new Uint8Array(1 + length);
  out[0] = 0x80 + length;
  for (let b = start; b < 32; b++) out[1 + b - start] = byteAt(b);
  return out;
}

/** Root of one account's storage trie; zero values are absent. */
export function storageRoot(storage: Iterable<readonly [slot: Word, value: Word]>): Uint8Array {
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (const [slot, value] of storage) {
    keys.push(keccak256(wordToBytes(slot, slotScratch)));
    // A zero value still goes in (empty = absent) so that it overrides an earlier entry for the slot.
    values.push(value === ZERO_WORD ? EMPTY_VALUE : encodeStorageValue(value));
  }
  return trieRootOfColumns(keys, values);
}

/**
 * rlp([nonce, balance, storageRoot, codeHash]): the account's leaf value in the state trie. Written into
 * `arena` when given (stateRoot encodes 100k+ of these, each over 64 bytes: see byte-arena.ts).
 */
export function encodeAccount(nonce: bigint, balance: bigint, storageRootHash: Uint8Array, codeHash: Word, arena?: ByteArena): Uint8Array {
  if (storageRootHash.length !== 32) throw new InvalidInputError('storage root must be 32 bytes');
  const nonceLength = scalarBytes(nonce, nonceScratch, 'account nonce');
  const balanceLength = scalarBytes(balance, balanceScratch, 'account balance');
  // 66 <= payload <= 132: always the one-byte long-list header 0xf8.
  const payload = scalarItemLength(nonceScratch, nonceLength) + scalarItemLength(balanceScratch, balanceLength) + 33 + 33;
  const out = arena ? arena.alloc(2 + payload) : new Uint8Array(2 + payload);
  out[0] = 0xf8;
  out[1] = payload;
  let pos = writeScalarItem(out, 2, nonceScratch, nonceLength);
  pos = writeScalarItem(out, pos, balanceScratch, balanceLength);
  out[pos++] = 0xa0;
  out.set(storageRootHash, pos);
  out[pos + 32] = 0xa0;
  wordToBytes(codeHash, out, pos + 33);
  return out;
}

/** Root of the world-state trie holding `accounts` (a repeated address: the last one wins). */
export function stateRoot(accounts: Iterable<StateAccount>): Uint8Array {
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  const arena = new ByteArena();
  for (const account of accounts) {
    values.push(encodeAccount(account.nonce, account.balance, storageRoot(account.storage), account.codeHash, arena));
    keys.push(keccak256(addressToBytes(account.address, addressScratch)));
  }
  return trieRootOfColumns(keys, values);
}
