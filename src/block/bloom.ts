/**
 * The 2048-bit logs bloom (Yellow Paper 4.4.3): for the address and each topic of every log, take
 * keccak256 of its bytes and set three bits, each given by the low 11 bits of a big-endian 16-bit pair
 * of the hash (bytes 0-1, 2-3, 4-5); bit b lives in byte 255 - (b >> 3), mask 1 << (b & 7).
 *
 * Computed inside parallel workers without allocating: addresses and
 * topics are unpacked straight into the keccak module's buffer (each worker thread has its own), and the
 * bits of recurring items are memoized.
 */
import { addressToBytes, type Address } from '../primitives/address.js';
import { ByteSlab } from '../primitives/byte-slab.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccakBuffer, keccakInPlace } from '../primitives/keccak.js';
import { wordToBytes, type Word } from '../primitives/word.js';
import type { Log } from '../evm/log.js';

export const BLOOM_BYTES = 256;


function checkBloom(bloom: Uint8Array): void {
  if (!(bloom instanceof Uint8Array) || bloom.length !== BLOOM_BYTES) {
    throw new InvalidInputError(`logs bloom must be ${BLOOM_BYTES} bytes`);
  }
}

/**
 * The three bit positions of an item, packed as b0 | b1 << 11 | b2 << 22 (33 bits, held exactly in a
 * double). Memoized per address/topic in a direct-mapped cache indexed by the item's last two UTF-16
 * units (addresses and topics are packed strings): a block's logs repeat the same contracts and event
 * signatures, a miss costs a keccak (~0.7 µs), a hit a string compare. A Map cache cost ~0.9 µs per
 * ERC-20 Transfer log in misses alone (10k distinct holders: hashing and inserting fresh strings).
 */
const CACHE_SIZE = 4096;
const cacheKeys: string[] = new Array<string>(CACHE_SIZE).fill('');
const cacheBits = new Float64Array(CACHE_SIZE);

function bitsOf(hash: Uint8Array): number {
  const b0 = ((hash[0]! << 8) | hash[1]!) & 2047;
  const b1 = ((hash[2]! << 8) | hash[3]!) & 2047;
  const b2 = ((hash[4]! << 8) | hash[5]!) & 2047;
  return b0 + b1 * 2048 + b2 * 4194304;
}

function cacheIndex(key: string): number {
  const n = key.length;
  return (key.charCodeAt(n - 1) ^ (key.charCodeAt(n - 2) << 3)) & (CACHE_SIZE - 1);
}

function addressBits(address: Address): number {
  const i = cacheIndex(address);
  if (cacheKeys[i] === address) return cacheBits[i]!;
  addressToBytes(address, keccakBuffer);
  keccakInPlace(20);
  const bits = bitsOf(keccakBuffer);
  cacheKeys[i] = address;
  cacheBits[i] = bits;
  return bits;
}

function topicBits(topic: Word): number {
  const i = cacheIndex(topic);
  if (cacheKeys[i] === topic) return cacheBits[i]!;
  wordToBytes(topic, keccakBuffer);
  keccakInPlace(32);
  const bits = bitsOf(keccakBuffer);
  cacheKeys[i] = topic;
  cacheBits[i] = bits;
  return bits;
}

function setBit(bloom: Uint8Array, bit: number): void {
  bloom[BLOOM_BYTES - 1 - (bit >> 3)] |= 1 << (bit & 7);
}

/** Sets one item's packed bloom bits (from bitsOf / logsBloomBits) in `bloom`. */
export function setBloomBits(bloom: Uint8Array, bits: number): void {
  setBit(bloom, bits % 2048);
  setBit(bloom, Math.floor(bits / 2048) % 2048);
  setBit(bloom, Math.floor(bits / 4194304));
}

/**
 * The bloom bits (packed as above) of every log's address and topics, in order, into `out` (grown when
 * too small); returns how many. Parallel workers publish these few numbers instead of a 256-byte bloom.
 */
export function logsBloomBits(logs: readonly Log[], out: { bits: Float64Array }): number {
  let n = 0;
  for (let l = 0; l < logs.length; l++) n += 1 + logs[l]!.topics.length;
  if (out.bits.length < n) out.bits = new Float64Array(Math.max(n, 2 * out.bits.length));
  const bits = out.bits;
  let i = 0;
  for (let l = 0; l < logs.length; l++) {
    const log = logs[l]!;
    bits[i++] = addressBits(log.address);
    const topics = log.topics;
    for (let t = 0; t < topics.length; t++) bits[i++] = topicBits(topics[t]!);
  }
  return n;
}

/** ORs the bloom bits of every log's address and topics into `bloom` (in place) and returns it. */
export function addToBloom(bloom: Uint8Array, logs: readonly Log[]): Uint8Array {
  checkBloom(bloom);
  for (const log of logs) {
    setBloomBits(bloom, addressBits(log.address));
    for (const topic of log.topics) setBloomBits(bloom, topicBits(topic));
  }
  return bloom;
}

/**
 * The bloom of `logs` (as logsBloom), with the same bits also set in `blockBloom`: the block's bloom is
 * the OR of its receipts', and setting a log's few bits twice is cheaper than OR-ing 256 bytes per receipt.
 */
export function logsBloomAlsoInto(logs: readonly Log[], blockBloom: Uint8Array): Uint8Array {
  if (logs.length === 0) return EMPTY_BLOOM;
  checkBloom(blockBloom);
  const bloom = allocateBloom();
  for (const log of logs) {
    let bits = addressBits(log.address);
    setBloomBits(bloom, bits);
    setBloomBits(blockBloom, bits);
    for (const topic of log.topics) {
      bits = topicBits(topic);
      setBloomBits(bloom, bits);
      setBloomBits(blockBloom, bits);
    }
  }
  return bloom;
}

const EMPTY_BLOOM = new Uint8Array(BLOOM_BYTES);

/** Receipt blooms are carved out of 64 KiB slabs (256 blooms each). */
const bloomSlab = new ByteSlab(256 * BLOOM_BYTES);

/** A fresh zero bloom, a view into a slab (never shares bytes with another bloom). */
export function allocateBloom(): Uint8Array {
  return bloomSlab.take(BLOOM_BYTES);
}

/**
 * The bloom of `logs` (a receipt's logsBloom). Transactions without logs all share one zero bloom (saves a
 * 256-byte allocation per plain transfer): treat returned blooms as read-only.
 */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  if (logs.length === 0) return EMPTY_BLOOM;
  return addToBloom(allocateBloom(), logs);
}

/** a | b as a new bloom (a block's bloom is the OR of its receipts' blooms). */
export function orBloom(a: Uint8Array, b: Uint8Array): Uint8Array {
  checkBloom(a);
  checkBloom(b);
  const out = new Uint8Array(BLOOM_BYTES);
  for (let i = 0; i < BLOOM_BYTES; i++) out[i] = a[i]! | b[i]!;
  return out;
}
