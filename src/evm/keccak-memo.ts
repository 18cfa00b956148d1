/**
 * KECCAK256 of short inputs (≤ 64 bytes: Solidity's mapping slots) with a memo of recent results, one per
 * thread. Solidity derives a mapping slot afresh at each access: an ERC-20 transfer's
 * `_balances[from] = fromBalance - value` hashes the same 64 bytes twice, so 2 of its 3 KECCAK256 are
 * equal. A hit costs a byte compare (~40 ns); a miss a keccak (~0.6 µs) plus ~40 ns to remember it.
 * Direct-mapped: the index mixes the input's size and the low bytes of its last two words (a mapping key
 * and its slot number). A pure function's memo: the full input is compared, so a hit is always exact.
 */
import { keccakBuffer, keccakInPlace } from '../primitives/keccak.js';
import * as u256 from './u256.js';

/** Longest input memoized: a mapping slot (key ‖ slot number). */
export const KECCAK_MEMO_MAX_INPUT = 64;
const ENTRIES = 256;
const inputs = new Uint8Array(ENTRIES * KECCAK_MEMO_MAX_INPUT);
const inputWords = new DataView(inputs.buffer);
/** The hash module's input buffer, for writing it four bytes at a time. */
const keccakWords = new DataView(keccakBuffer.buffer, keccakBuffer.byteOffset, KECCAK_MEMO_MAX_INPUT);
/** A DataView of the last memory hashed from (a frame's memory is reused from call to call). */
let lastMem: Uint8Array | null = null;
let lastMemWords: DataView<ArrayBufferLike> = inputWords;
/** Input size per entry; -1 marks an empty entry. */
const sizes = new Int32Array(ENTRIES).fill(-1);
/** Digest per entry as 8 little-endian u32 limbs, the stack's word layout. */
const digests = new Uint32Array(ENTRIES * 8);

function indexOf(mem: Uint8Array, off: number, size: number): number {
  const end = off + size;
  let h = size;
  if (size >= 2) h ^= mem[end - 1]! ^ (mem[end - 2]! << 3);
  if (size >= 34) h ^= (mem[end - 33]! << 1) ^ (mem[end - 34]! << 5);
  return h & (ENTRIES - 1);
}

/**
 * keccak256 of `mem[off .. off+size)` (size ≤ KECCAK_MEMO_MAX_INPUT) written as a word at `stack[r ..
 * r+8)` (little-endian u32 limbs).
 */
export function keccakShortInto(mem: Uint8Array, off: number, size: number, stack: Uint32Array, r: number): void {
  if ((size & 3) === 0) {
    keccakWordsInto(mem, off, size, stack, r);
    return;
  }
  const i = indexOf(mem, off, size);
  const at = i * KECCAK_MEMO_MAX_INPUT;
  if (sizes[i] === size) {
    let k = 0;
    while (k < size && inputs[at + k] === mem[off + k]) k++;
    if (k === size) {
      recall(i, stack, r);
      return;
    }
  }
  for (let k = 0; k < size; k++) {
    const b = mem[off + k]!;
    keccakBuffer[k] = b;
    inputs[at + k] = b;
  }
  hashAndRemember(i, size, stack, r);
}

/** Entry `i`'s digest onto the stack at `r`. */
function recall(i: number, stack: Uint32Array, r: number): void {
  const d = i * 8;
  for (let k = 0; k < 8; k++) stack[r + k] = digests[d + k]!;
}

/** Hashes the `size` bytes just copied into keccakBuffer (and into entry `i`'s input), onto the stack at `r`, and remembers the digest as entry `i`'s. */
function hashAndRemember(i: number, size: number, stack: Uint32Array, r: number): void {
  keccakInPlace(size);
  u256.fromBytes(stack, r, keccakBuffer, 0, 32);
  const d = i * 8;
  for (let k = 0; k < 8; k++) digests[d + k] = stack[r + k]!;
  sizes[i] = size;
}

/**
 * keccakShortInto for sizes that are multiples of 4 (a mapping slot is 64 bytes): compares and copies
 * four bytes at a time through DataViews. Byte by byte, the compare on a hit and the two copies on a miss
 * were ~2.4% of a worker's time on ERC-20 transfers (line-level profile).
 */
function keccakWordsInto(mem: Uint8Array, off: number, size: number, stack: Uint32Array, r: number): void {
  if (mem !== lastMem) {
    lastMem = mem;
    lastMemWords = new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  }
  const src = lastMemWords;
  const i = indexOf(mem, off, size);
  const at = i * KECCAK_MEMO_MAX_INPUT;
  if (sizes[i] === size) {
    let k = 0;
    while (k < size && inputWords.getUint32(at + k, true) === src.getUint32(off + k, true)) k += 4;
    if (k === size) {
      recall(i, stack, r);
      return;
    }
  }
  for (let k = 0; k < size; k += 4) {
    const w = src.getUint32(off + k, true);
    keccakWords.setUint32(k, w, true);
    inputWords.setUint32(at + k, w, true);
  }
  hashAndRemember(i, size, stack, r);
}
