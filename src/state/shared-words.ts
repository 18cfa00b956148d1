/**
 * Conversions between the packed-string Word / Address (16 / 10 big-endian 16-bit units, see
 * primitives/word.ts) and 32-bit words in an Int32Array (word i = units 2i and 2i+1, most significant
 * first), the key and value form of the shared state tables.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

/** Writes the address as 5 32-bit words at `out[offset]`. */
export function addressToWords(a: Address, out: Int32Array, offset: number): void {
  out[offset] = (a.charCodeAt(0) << 16) | a.charCodeAt(1);
  out[offset + 1] = (a.charCodeAt(2) << 16) | a.charCodeAt(3);
  out[offset + 2] = (a.charCodeAt(4) << 16) | a.charCodeAt(5);
  out[offset + 3] = (a.charCodeAt(6) << 16) | a.charCodeAt(7);
  out[offset + 4] = (a.charCodeAt(8) << 16) | a.charCodeAt(9);
}

/** Writes the word as 8 32-bit words at `out[offset]`. */
export function wordToWords(w: Word, out: Int32Array, offset: number): void {
  out[offset] = (w.charCodeAt(0) << 16) | w.charCodeAt(1);
  out[offset + 1] = (w.charCodeAt(2) << 16) | w.charCodeAt(3);
  out[offset + 2] = (w.charCodeAt(4) << 16) | w.charCodeAt(5);
  out[offset + 3] = (w.charCodeAt(6) << 16) | w.charCodeAt(7);
  out[offset + 4] = (w.charCodeAt(8) << 16) | w.charCodeAt(9);
  out[offset + 5] = (w.charCodeAt(10) << 16) | w.charCodeAt(11);
  out[offset + 6] = (w.charCodeAt(12) << 16) | w.charCodeAt(13);
  out[offset + 7] = (w.charCodeAt(14) << 16) | w.charCodeAt(15);
}

export function addressFromWords(src: Int32Array, offset: number): Address {
  const w0 = src[offset]!, w1 = src[offset + 1]!, w2 = src[offset + 2]!, w3 = src[offset + 3]!, w4 = src[offset + 4]!;
  return String.fromCharCode(w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff, w4 >>> 16, w4 & 0xffff) as Address;
}

export function wordFromWords(src: Int32Array, offset: number): Word {
  const w0 = src[offset]!, w1 = src[offset + 1]!, w2 = src[offset + 2]!, w3 = src[offset + 3]!;
  const w4 = src[offset + 4]!, w5 = src[offset + 5]!, w6 = src[offset + 6]!, w7 = src[offset + 7]!;
  return String.fromCharCode(
    w0 >>> 16, w0 & 0xffff, w1 >>> 16, w1 & 0xffff, w2 >>> 16, w2 & 0xffff, w3 >>> 16, w3 & 0xffff,
    w4 >>> 16, w4 & 0xffff, w5 >>> 16, w5 & 0xffff, w6 >>> 16, w6 & 0xffff, w7 >>> 16, w7 & 0xffff,
  ) as Word;
}

/** Writes `n` words at `src[offset]` as 4n big-endian bytes into `out` (returned). */
export function wordsToBytes(src: Int32Array, offset: number, n: number, out: Uint8Array): Uint8Array {
  for (let i = 0; i < n; i++) {
    const w = src[offset + i]!;
    out[4 * i] = w >>> 24;
    out[4 * i + 1] = (w >>> 16) & 0xff;
    out[4 * i + 2] = (w >>> 8) & 0xff;
    out[4 * i + 3] = w & 0xff;
  }
  return out;
}
