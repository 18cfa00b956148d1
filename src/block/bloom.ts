/**
 * The 2048-bit logs bloom (Yellow Paper 4.4.3): for the address and each topic of every log, take
 * keccak256 of its bytes and set three bits, each given by the low 11 bits of a big-endian 16-bit pair
 * of the hash (bytes 0-1, 2-3, 4-5); bit b lives in byte 255 - (b >> 3), mask 1 << (b & 7).
 *
 * Computed inside parallel workers without allocating: addresses and topics are unpacked straight into
 * the keccak modules' buffers (each worker thread has its own), the bits of recurring items are memoized,
 * and items not yet seen are hashed two per permutation (keccak-pair.ts).
 */
import { addressToBytes, type Address } from '../primitives/address.js';
import { ByteSlab } from '../primitives/byte-slab.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccakBuffer, keccakInPlace } from '../primitives/keccak.js';
import { beginKeccakPair, keccakPairBuffer, keccakPairInPlace, pairByteIndex } from '../primitives/keccak-pair.js';
import { wordToBytes, type Word } from '../primitives/word.js';
import type { Log } from '../evm/log.js';

export const BLOOM_BYTES = 256;
/** UTF-16 units of a packed address (a word has 16). */
const ADDRESS_UNITS = 10;


function checkBloom(bloom: Uint8Array): void {
  if (!(bloom instanceof Uint8Array) || bloom.length !== BLOOM_BYTES) {
    throw new InvalidInputError(`logs bloom must be ${BLOOM_BYTES} bytes`);
  }
}

/**
 * The three bit positions of an item, packed as b0 | b1 << 11 | b2 << 22 (33 bits, held exactly in a
 * double). Memoized per address/topic in a direct-mapped cache indexed by the item's last two UTF-16
 * units (addresses and topics are packed strings): a block's logs repeat the same contracts and event
 * signatures, a miss costs a keccak, a hit a string compare. A Map cache cost ~0.9 µs per ERC-20
 * Transfer log in misses alone (10k distinct holders: hashing and inserting fresh strings). Misses are
 * hashed two at a time (keccak-pair.ts): a transfer's two address topics in one permutation. Entries
 * carry a fingerprint of two more of the item's units (tagOf), compared before the strings, so that a miss does not
 * load the cached string, an old heap object (as in mv-memory.ts's location caches).
 */
const CACHE_SIZE = 4096;
const cacheKeys: string[] = new Array<string>(CACHE_SIZE).fill('');
const cacheTags = new Int32Array(CACHE_SIZE);
const cacheBits = new Float64Array(CACHE_SIZE);

/**
 * A fingerprint from the units just before the two the index uses. Not the first units: an address topic
 * (a Transfer's from and to) is a word whose first 12 bytes are zero, so its first two units gave every
 * such topic the tag 0 and each lookup compared strings after all (3.2% of a worker's time on ERC-20
 * transfers, line-level profile).
 */
function tagOf(item: string): number {
  const n = item.length;
  return (item.charCodeAt(n - 3) << 16) | item.charCodeAt(n - 4);
}

/** The packed bits of the digest whose first 6 bytes are at `hash[at ..]`. */
function bitsOf(hash: Uint8Array, at: number): number {
  const b0 = ((hash[at]! << 8) | hash[at + 1]!) & 2047;
  const b1 = ((hash[at + 2]! << 8) | hash[at + 3]!) & 2047;
  const b2 = ((hash[at + 4]! << 8) | hash[at + 5]!) & 2047;
  return b0 + b1 * 2048 + b2 * 4194304;
}

function cacheIndex(key: string): number {
  const n = key.length;
  return (key.charCodeAt(n - 1) ^ (key.charCodeAt(n - 2) << 3)) & (CACHE_SIZE - 1);
}

function remember(item: string, bits: number): void {
  const i = cacheIndex(item);
  cacheKeys[i] = item;
  cacheTags[i] = tagOf(item);
  cacheBits[i] = bits;
}

/** Writes a packed-string item (address or word: 2 bytes per unit) as message `which` of the pair. */
function putPairItem(which: number, item: string): void {
  const s = keccakPairBuffer;
  for (let i = 0; i < item.length; i++) {
    const u = item.charCodeAt(i);
    s[pairByteIndex(which, 2 * i)] = u >>> 8;
    s[pairByteIndex(which, 2 * i + 1)] = u & 0xff;
  }
}

/** The bits of one item (a packed address or word), hashed alone (an odd miss out). */
function singleItemBits(item: string): number {
  if (item.length === ADDRESS_UNITS) addressToBytes(item as Address, keccakBuffer);
  else wordToBytes(item as Word, keccakBuffer);
  keccakInPlace(2 * item.length);
  return bitsOf(keccakBuffer, 0);
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
  /** A missed item waiting for a second miss to share its permutation (index into bits), or -1. */
  let waiting = -1;
  let waitingItem = '';
  for (let l = 0; l < logs.length; l++) {
    const log = logs[l]!;
    const topics = log.topics;
    for (let t = -1; t < topics.length; t++, i++) {
      const item: string = t < 0 ? log.address : topics[t]!;
      const c = cacheIndex(item);
      if (cacheTags[c] === tagOf(item) && cacheKeys[c] === item) {
        bits[i] = cacheBits[c]!;
      } else if (waiting < 0) {
        waiting = i;
        waitingItem = item;
      } else {
        beginKeccakPair();
        putPairItem(0, waitingItem);
        putPairItem(1, item);
        keccakPairInPlace(2 * waitingItem.length, 2 * item.length);
        // A pair digest's first 8 bytes are contiguous in the pair buffer.
        bits[waiting] = bitsOf(keccakPairBuffer, pairByteIndex(0, 0));
        bits[i] = bitsOf(keccakPairBuffer, pairByteIndex(1, 0));
        remember(waitingItem, bits[waiting]!);
        remember(item, bits[i]!);
        waiting = -1;
      }
    }
  }
  if (waiting >= 0) {
    bits[waiting] = singleItemBits(waitingItem);
    remember(waitingItem, bits[waiting]!);
  }
  return n;
}

const scratch = { bits: new Float64Array(16) };

/** ORs the bloom bits of every log's address and topics into `bloom` (in place) and returns it. */
export function addToBloom(bloom: Uint8Array, logs: readonly Log[]): Uint8Array {
  checkBloom(bloom);
  const n = logsBloomBits(logs, scratch);
  for (let i = 0; i < n; i++) setBloomBits(bloom, scratch.bits[i]!);
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
  const n = logsBloomBits(logs, scratch);
  for (let i = 0; i < n; i++) {
    const bits = scratch.bits[i]!;
    setBloomBits(bloom, bits);
    setBloomBits(blockBloom, bits);
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
  return orBloomInto(new Uint8Array(a), b);
}

/** ORs `bloom` into `out` (in place) and returns `out`. */
export function orBloomInto(out: Uint8Array, bloom: Uint8Array): Uint8Array {
  checkBloom(out);
  checkBloom(bloom);
  for (let i = 0; i < BLOOM_BYTES; i++) out[i] |= bloom[i]!;
  return out;
}
