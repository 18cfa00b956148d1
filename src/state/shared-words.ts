/**
 * Conversions between the packed-string Word / Address (16 / 10 big-endian 16-bit units, see
 * primitives/word.ts) and u32 words in a Uint32Array (word i = units 2i and 2i+1, most significant
 * first), the key and value form of the shared state tables.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

/** Writes the address as 5 u32 words at `out[offset]`. */
export function addressToWords(a: Address, out: Uint32Array, offset: number): void {
  out[offset] = (a.charCodeAt(0) << 16) | a.charCodeAt(1);
  out[offset + 1] = (a.charCodeAt(2) << 16) | a.charCodeAt(3);
  out[offset + 2] = (a.charCodeAt(4) << 16) | a.charCodeAt(5);
  out[offset + 3] = (a.charCodeAt(6) << 16) | a.charCodeAt(7);
  out[offset + 4] = (a.charCodeAt(8) << 16) | a.charCodeAt(9);
}

/** Writes the word as 8 u32 words at `out[offset]`. */
export function wordToWords(w: Word, out: Uint32Array, offset: number): void {
  out[offset] = (w.charCodeAt(0) << 16) | w.charCodeAt(1);
  out[offset + 1] = (w.charCodeAt(2) << 16) | w.charCodeAt(3);
  out[offset + 2] = (w.charCodeAt(4) << 16) | w.charCodeAt(5);
  out[offset + 3] = (w.charCodeAt(6) << 16) | w.charCodeAt(7);
  out[offset + 4] = (w.charCodeAt(8) << 16) | w.charCodeAt(9);
  out[offset + 5] = (w.charCodeAt(10) << 16) | w.charCodeAt(11);
  out[offset + 6] = (w.charCodeAt(12) << 16) | w.charCodeAt(13);
  out[offset + 7] = (w.charCodeAt(14) << 16) | w.charCodeAt(15);
}

export function addressFromWords(src: Uint32Array, offset: number): Address {
  const w0 = src[offset]!, w1 = src[offset + 1]!, w2 = src[offset + 2]!, w3 = src[offset + 3]!, w4 = src[offset + 4]!;
  return String.fromCharCode(w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff, w4 >>> 16, w4 & 0xffff) as Address;
}

export function wordFromWords(src: Uint32Array, offset: number): Word {
  const w0 = src[offset]!, w1 = src[offset + 1]!, w2 = src[offset + 2]!, w3 = src[offset + 3]!;
  const w4 = src[offset + 4]!, w5 = src[offset + 5]!, w6 = src[offset + 6]!, w7 = src[offset + 7]!;
  return String.fromCharCode(
    w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff,
    w4 >>> 16, w4 & 0xffff, w5 >>> 16, w5 & 0xffff, w6 >>> 16, w6 & 0xffff, w7 >>> 16, w7 & 0xffff,
  ) as Word;
}

/** The 8 words at `src[offset]` are all zero. */
export function wordsAreZero(src: Uint32Array, offset: number): boolean {
  return (src[offset]! | src[offset + 1]! | src[offset + 2]! | src[offset + 3]! | src[offset + 4]! | src[offset + 5]! | src[offset + 6]! | src[offset + 7]!) === 0;
}
