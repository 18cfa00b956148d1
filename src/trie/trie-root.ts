/**
 * Merkle Patricia Trie roots (Yellow Paper appendix D) of arbitrary key/value sets: the plain trie, the
 * secure trie (keys hashed with keccak256, as for state and storage) and the ordered trie keyed by
 * rlp(index) (transactions, receipts and withdrawals roots).
 *
 * Input is normalized here (sorted, duplicate keys resolved to the last value, empty values dropped) and
 * the root is built in one pass by root-builder.ts.
 */
import { bytesEqual } from '../primitives/bytes.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode, rlpScalar } from '../primitives/rlp.js';
import { rootOfSortedEntries } from './root-builder.js';

export type TrieEntry = readonly [key: Uint8Array, value: Uint8Array];

/** Root of the empty trie: keccak256(rlp("")) = 0x56e81f…b421. */
export const EMPTY_TRIE_ROOT: Uint8Array = keccak256(rlpEncode(new Uint8Array(0)));

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The first four bytes of a key (zero-padded) as an unsigned integer: agrees with bytewise order. */
function prefix32(key: Uint8Array): number {
  if (key.length >= 4) return ((key[0]! << 24) | (key[1]! << 16) | (key[2]! << 8) | key[3]!) >>> 0;
  let p = 0;
  for (let i = 0; i < 4; i++) p = p * 256 + (key[i] ?? 0);
  return p;
}

const POSITION_LIMIT = 2 ** 21; // prefix32 * 2^21 + position stays an exact double (< 2^53)

/**
 * Positions of the distinct keys in bytewise order; for a repeated key, the position of its last
 * occurrence. Sorts the doubles prefix32 * 2^21 + position natively, then fixes only the runs that share
 * a 4-byte prefix with a comparator (equal keys can only sit in such runs). Measured on 100k random
 * 32-byte keys: 15-20 ms, against 180-270 ms for Array.sort with a byte comparator.
 */
function sortedDistinctPositions(keys: readonly Uint8Array[]): number[] {
  const n = keys.length;
  const byKeyThenPosition = (a: number, b: number) => compareBytes(keys[a]!, keys[b]!) || a - b;
  if (n >= POSITION_LIMIT) return lastOfEachKey(keys, Array.from({ length: n }, (_, i) => i).sort(byKeyThenPosition));
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) packed[i] = prefix32(keys[i]!) * POSITION_LIMIT + i;
  packed.sort();
  const positions: number[] = [];
  for (let start = 0; start < n; ) {
    const prefix = Math.floor(packed[start]! / POSITION_LIMIT);
    let end = start + 1;
    while (end < n && Math.floor(packed[end]! / POSITION_LIMIT) === prefix) end++;
    if (end - start === 1) {
      positions.push(packed[start]! % POSITION_LIMIT);
    } else {
      const run: number[] = [];
      for (let i = start; i < end; i++) run.push(packed[i]! % POSITION_LIMIT);
      for (const position of lastOfEachKey(keys, run.sort(byKeyThenPosition))) positions.push(position);
    }
    start = end;
  }
  return positions;
}

/** From positions sorted by (key, position), keeps the last position of each key. */
function lastOfEachKey(keys: readonly Uint8Array[], sorted: number[]): number[] {
  return sorted.filter((position, i) => i + 1 === sorted.length || !bytesEqual(keys[position]!, keys[sorted[i + 1]!]!));
}

/**
 * The root of the trie with keys[i] -> values[i] (the columns form of `trieRoot`, with no per-entry
 * tuples: what stateRoot uses). Same rules: any order, last value of a repeated key wins, empty = absent.
 */
export function trieRootOfColumns(keys: readonly Uint8Array[], values: readonly Uint8Array[]): Uint8Array {
  if (keys.length !== values.length) throw new InvalidInputError('trie keys and values differ in count');
  if (keys.length === 1 && values[0]!.length > 0) return rootOfSortedEntries(keys, values);
  const sortedKeys: Uint8Array[] = [];
  const sortedValues: Uint8Array[] = [];
  for (const position of sortedDistinctPositions(keys)) {
    if (values[position]!.length === 0) continue;
    sortedKeys.push(keys[position]!);
    sortedValues.push(values[position]!);
  }
  return sortedKeys.length === 0 ? EMPTY_TRIE_ROOT.slice() : rootOfSortedEntries(sortedKeys, sortedValues);
}

function splitEntries(entries: Iterable<TrieEntry>, hashKeys: boolean): [Uint8Array[], Uint8Array[]] {
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (const entry of entries) {
    if (!Array.isArray(entry) || !(entry[0] instanceof Uint8Array) || !(entry[1] instanceof Uint8Array)) {
      throw new InvalidInputError('trie entry must be a [key, value] pair of Uint8Array');
    }
    keys.push(hashKeys ? keccak256(entry[0]) : entry[0]);
    values.push(entry[1]);
  }
  return [keys, values];
}

/**
 * Root hash of the trie holding `entries`. Keys may come in any order; for a repeated key the last value
 * wins; an empty value means the key is absent.
 */
export function trieRoot(entries: Iterable<TrieEntry>): Uint8Array {
  const [keys, values] = splitEntries(entries, false);
  return trieRootOfColumns(keys, values);
}

/** Root of the secure trie: each key is replaced by its keccak256 before insertion. */
export function secureTrieRoot(entries: Iterable<TrieEntry>): Uint8Array {
  const [keys, values] = splitEntries(entries, true);
  return trieRootOfColumns(keys, values);
}

/** rlp(index): 0 -> 0x80, 1..127 -> itself, else 0x80+length || big-endian bytes. */
function rlpIndex(index: number): Uint8Array {
  if (index === 0) return Uint8Array.of(0x80);
  if (index < 0x80) return Uint8Array.of(index);
  if (index < 0x100) return Uint8Array.of(0x81, index);
  if (index < 0x10000) return Uint8Array.of(0x82, index >> 8, index & 0xff);
  return rlpEncode(rlpScalar(index));
}

/** Root of the trie mapping rlp(i) to values[i] (transactions, receipts, withdrawals). */
export function orderedTrieRoot(values: readonly Uint8Array[]): Uint8Array {
  return trieRootOfColumns(values.map((_, i) => rlpIndex(i)), values);
}
