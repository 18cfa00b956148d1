/**
 * The 2048-bit logs bloom (Yellow Paper 4.4.3): for the address and each topic of every log, take
 * keccak256 of its bytes and set three bits, each given by the low 11 bits of a big-endian 16-bit pair
 * of the hash (bytes 0-1, 2-3, 4-5); bit b lives in byte 255 - (b >> 3), mask 1 << (b & 7).
 *
 * Computed inside parallel workers, so the only allocation per item is the hash itself: addresses and
 * topics are unpacked into one module-level scratch array (each worker thread has its own copy), and the
 * bits of recurring items are memoized.
 */
import { addressToBytes } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordToBytes } from '../primitives/word.js';
import type { Log } from '../evm/log.js';

export const BLOOM_BYTES = 256;

const scratch = new Uint8Array(32);
const scratchAddress = scratch.subarray(0, 20);

function checkBloom(bloom: Uint8Array): void {
  if (!(bloom instanceof Uint8Array) || bloom.length !== BLOOM_BYTES) {
    throw new InvalidInputError(`logs bloom must be ${BLOOM_BYTES} bytes`);
  }
}

/**
 * The three bit positions of an item, packed as b0 | b1 << 11 | b2 << 22 (33 bits, held exactly in a
 * double). Memoized per address/topic: a block's logs repeat the same contracts and event signatures, and
 * each miss costs a keccak (~0.8 µs) while a hit costs a Map lookup (~30 ns). Bounded; cleared when full.
 */
const bitsCache = new Map<string, number>();
const BITS_CACHE_LIMIT = 16384;

function bitsOf(hash: Uint8Array): number {
  const b0 = ((hash[0]! << 8) | hash[1]!) & 2047;
  const b1 = ((hash[2]! << 8) | hash[3]!) & 2047;
  const b2 = ((hash[4]! << 8) | hash[5]!) & 2047;
  return b0 + b1 * 2048 + b2 * 4194304;
}

function itemBits(key: string, bytes: () => Uint8Array): number {
  let bits = bitsCache.get(key);
  if (bits === undefined) {
    if (bitsCache.size >= BITS_CACHE_LIMIT) bitsCache.clear();
    bits = bitsOf(keccak256(bytes()));
    bitsCache.set(key, bits);
  }
  return bits;
}

function setBit(bloom: Uint8Array, bit: number): void {
  bloom[BLOOM_BYTES - 1 - (bit >> 3)] |= 1 << (bit & 7);
}

function setBits(bloom: Uint8Array, bits: number): void {
  setBit(bloom, bits % 2048);
  setBit(bloom, Math.floor(bits / 2048) % 2048);
  setBit(bloom, Math.floor(bits / 4194304));
}

/** ORs the bloom bits of every log's address and topics into `bloom` (in place) and returns it. */
export function addToBloom(bloom: Uint8Array, logs: readonly Log[]): Uint8Array {
  checkBloom(bloom);
  for (const log of logs) {
    setBits(bloom, itemBits(log.address, () => addressToBytes(log.address, scratchAddress)));
    for (const topic of log.topics) setBits(bloom, itemBits(topic, () => wordToBytes(topic, scratch)));
  }
  return bloom;
}

const EMPTY_BLOOM = new Uint8Array(BLOOM_BYTES);

/**
 * The bloom of `logs` (a receipt's logsBloom). Transactions without logs all share one zero bloom (saves a
 * 256-byte allocation per plain transfer): treat returned blooms as read-only.
 */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  if (logs.length === 0) return EMPTY_BLOOM;
  return addToBloom(new Uint8Array(BLOOM_BYTES), logs);
}

/** a | b as a new bloom (a block's bloom is the OR of its receipts' blooms). */
export function orBloom(a: Uint8Array, b: Uint8Array): Uint8Array {
  checkBloom(a);
  checkBloom(b);
  const out = new Uint8Array(BLOOM_BYTES);
  for (let i = 0; i < BLOOM_BYTES; i++) out[i] = a[i]! | b[i]!;
  return out;
}
