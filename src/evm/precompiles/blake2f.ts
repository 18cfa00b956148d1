/**
 * Precompile 0x09 BLAKE2F (EIP-152; execution-specs cancun/vm/precompiled_contracts/blake2f.py): the
 * BLAKE2b compression function F with a caller-chosen number of rounds.
 *
 * Input is exactly 213 bytes: rounds (u32 big-endian) || h (8 × u64 LE) || m (16 × u64 LE) ||
 * t (2 × u64 LE) || f (1 byte, 0 or 1). Gas = rounds. Wrong length or flag => failure.
 *
 * F keeps the 16 64-bit state words in 32 int32 locals (vNl, vNh) and spells out the 8 G calls of a
 * round (written out mechanically: only the v indices and the SIGMA slot differ between them). Measured on this
 * machine, best of 6 × 500k rounds: 0.063 µs/round unrolled, 0.21 with G as a function over a
 * Uint32Array, 0.49 for @ethereumjs/evm's blakejs-derived F. Gas is 1 per round, so this bounds the
 * worst case at ~2 s per 30M gas.
 */
import { precompileFailure, precompileSuccess, type PrecompileResult } from './precompile.js';

const INPUT_LENGTH = 213;

/** BLAKE2b IV as uint32 halves (lo, hi). */
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

/** The 10 message permutations, pre-doubled to index uint32 halves. */
const SIGMA = new Uint8Array([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
  11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
  7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
  9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
  2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
  12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
  13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
  6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
  10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
].map((x) => 2 * x));

const TWO_32 = 4294967296;

/**
 * The BLAKE2b compression function F (RFC 7693 §3.2) with `rounds` rounds. `h` (16 uint32 halves) is
 * updated in place; `m` is 32 halves, `counter` 4 halves (t0 lo, t0 hi, t1 lo, t1 hi).
 */
export function blake2bCompress(rounds: number, h: Uint32Array, m: Uint32Array, counter: Uint32Array, final: boolean): void {
  let v0l = h[0]! | 0, v0h = h[1]! | 0, v1l = h[2]! | 0, v1h = h[3]! | 0, v2l = h[4]! | 0, v2h = h[5]! | 0, v3l = h[6]! | 0, v3h = h[7]! | 0;
  let v4l = h[8]! | 0, v4h = h[9]! | 0, v5l = h[10]! | 0, v5h = h[11]! | 0, v6l = h[12]! | 0, v6h = h[13]! | 0, v7l = h[14]! | 0, v7h = h[15]! | 0;
  let v8l = IV[0]! | 0, v8h = IV[1]! | 0, v9l = IV[2]! | 0, v9h = IV[3]! | 0, v10l = IV[4]! | 0, v10h = IV[5]! | 0, v11l = IV[6]! | 0, v11h = IV[7]! | 0;
  let v12l = IV[8]! | 0, v12h = IV[9]! | 0, v13l = IV[10]! | 0, v13h = IV[11]! | 0, v14l = IV[12]! | 0, v14h = IV[13]! | 0, v15l = IV[14]! | 0, v15h = IV[15]! | 0;
  v12l ^= counter[0]!;
  v12h ^= counter[1]!;
  v13l ^= counter[2]!;
  v13h ^= counter[3]!;
  if (final) {
    v14l = ~v14l;
    v14h = ~v14h;
  }
  let x = 0, t = 0, u = 0;
  for (let r = 0, s = 0; r < rounds; r++) {
    // G(v0, v4, v8, v12, m[sigma[0]], m[sigma[1]])
    x = SIGMA[s + 0]!; t = (v0l >>> 0) + (v4l >>> 0) + m[x]!; v0h = (v0h + v4h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v0l = t | 0;
    t = v12l ^ v0l; v12l = v12h ^ v0h; v12h = t;
    t = (v8l >>> 0) + (v12l >>> 0); v8h = (v8h + v12h + ((t / TWO_32) | 0)) | 0; v8l = t | 0;
    t = v4l ^ v8l; u = v4h ^ v8h; v4l = (t >>> 24) | (u << 8); v4h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 1]!; t = (v0l >>> 0) + (v4l >>> 0) + m[x]!; v0h = (v0h + v4h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v0l = t | 0;
    t = v12l ^ v0l; u = v12h ^ v0h; v12l = (t >>> 16) | (u << 16); v12h = (u >>> 16) | (t << 16);
    t = (v8l >>> 0) + (v12l >>> 0); v8h = (v8h + v12h + ((t / TWO_32) | 0)) | 0; v8l = t | 0;
    t = v4l ^ v8l; u = v4h ^ v8h; v4l = (t << 1) | (u >>> 31); v4h = (u << 1) | (t >>> 31);
    // G(v1, v5, v9, v13, m[sigma[2]], m[sigma[3]])
    x = SIGMA[s + 2]!; t = (v1l >>> 0) + (v5l >>> 0) + m[x]!; v1h = (v1h + v5h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v1l = t | 0;
    t = v13l ^ v1l; v13l = v13h ^ v1h; v13h = t;
    t = (v9l >>> 0) + (v13l >>> 0); v9h = (v9h + v13h + ((t / TWO_32) | 0)) | 0; v9l = t | 0;
    t = v5l ^ v9l; u = v5h ^ v9h; v5l = (t >>> 24) | (u << 8); v5h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 3]!; t = (v1l >>> 0) + (v5l >>> 0) + m[x]!; v1h = (v1h + v5h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v1l = t | 0;
    t = v13l ^ v1l; u = v13h ^ v1h; v13l = (t >>> 16) | (u << 16); v13h = (u >>> 16) | (t << 16);
    t = (v9l >>> 0) + (v13l >>> 0); v9h = (v9h + v13h + ((t / TWO_32) | 0)) | 0; v9l = t | 0;
    t = v5l ^ v9l; u = v5h ^ v9h; v5l = (t << 1) | (u >>> 31); v5h = (u << 1) | (t >>> 31);
    // G(v2, v6, v10, v14, m[sigma[4]], m[sigma[5]])
    x = SIGMA[s + 4]!; t = (v2l >>> 0) + (v6l >>> 0) + m[x]!; v2h = (v2h + v6h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v2l = t | 0;
    t = v14l ^ v2l; v14l = v14h ^ v2h; v14h = t;
    t = (v10l >>> 0) + (v14l >>> 0); v10h = (v10h + v14h + ((t / TWO_32) | 0)) | 0; v10l = t | 0;
    t = v6l ^ v10l; u = v6h ^ v10h; v6l = (t >>> 24) | (u << 8); v6h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 5]!; t = (v2l >>> 0) + (v6l >>> 0) + m[x]!; v2h = (v2h + v6h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v2l = t | 0;
    t = v14l ^ v2l; u = v14h ^ v2h; v14l = (t >>> 16) | (u << 16); v14h = (u >>> 16) | (t << 16);
    t = (v10l >>> 0) + (v14l >>> 0); v10h = (v10h + v14h + ((t / TWO_32) | 0)) | 0; v10l = t | 0;
    t = v6l ^ v10l; u = v6h ^ v10h; v6l = (t << 1) | (u >>> 31); v6h = (u << 1) | (t >>> 31);
    // G(v3, v7, v11, v15, m[sigma[6]], m[sigma[7]])
    x = SIGMA[s + 6]!; t = (v3l >>> 0) + (v7l >>> 0) + m[x]!; v3h = (v3h + v7h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v3l = t | 0;
    t = v15l ^ v3l; v15l = v15h ^ v3h; v15h = t;
    t = (v11l >>> 0) + (v15l >>> 0); v11h = (v11h + v15h + ((t / TWO_32) | 0)) | 0; v11l = t | 0;
    t = v7l ^ v11l; u = v7h ^ v11h; v7l = (t >>> 24) | (u << 8); v7h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 7]!; t = (v3l >>> 0) + (v7l >>> 0) + m[x]!; v3h = (v3h + v7h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v3l = t | 0;
    t = v15l ^ v3l; u = v15h ^ v3h; v15l = (t >>> 16) | (u << 16); v15h = (u >>> 16) | (t << 16);
    t = (v11l >>> 0) + (v15l >>> 0); v11h = (v11h + v15h + ((t / TWO_32) | 0)) | 0; v11l = t | 0;
    t = v7l ^ v11l; u = v7h ^ v11h; v7l = (t << 1) | (u >>> 31); v7h = (u << 1) | (t >>> 31);
    // G(v0, v5, v10, v15, m[sigma[8]], m[sigma[9]])
    x = SIGMA[s + 8]!; t = (v0l >>> 0) + (v5l >>> 0) + m[x]!; v0h = (v0h + v5h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v0l = t | 0;
    t = v15l ^ v0l; v15l = v15h ^ v0h; v15h = t;
    t = (v10l >>> 0) + (v15l >>> 0); v10h = (v10h + v15h + ((t / TWO_32) | 0)) | 0; v10l = t | 0;
    t = v5l ^ v10l; u = v5h ^ v10h; v5l = (t >>> 24) | (u << 8); v5h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 9]!; t = (v0l >>> 0) + (v5l >>> 0) + m[x]!; v0h = (v0h + v5h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v0l = t | 0;
    t = v15l ^ v0l; u = v15h ^ v0h; v15l = (t >>> 16) | (u << 16); v15h = (u >>> 16) | (t << 16);
    t = (v10l >>> 0) + (v15l >>> 0); v10h = (v10h + v15h + ((t / TWO_32) | 0)) | 0; v10l = t | 0;
    t = v5l ^ v10l; u = v5h ^ v10h; v5l = (t << 1) | (u >>> 31); v5h = (u << 1) | (t >>> 31);
    // G(v1, v6, v11, v12, m[sigma[10]], m[sigma[11]])
    x = SIGMA[s + 10]!; t = (v1l >>> 0) + (v6l >>> 0) + m[x]!; v1h = (v1h + v6h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v1l = t | 0;
    t = v12l ^ v1l; v12l = v12h ^ v1h; v12h = t;
    t = (v11l >>> 0) + (v12l >>> 0); v11h = (v11h + v12h + ((t / TWO_32) | 0)) | 0; v11l = t | 0;
    t = v6l ^ v11l; u = v6h ^ v11h; v6l = (t >>> 24) | (u << 8); v6h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 11]!; t = (v1l >>> 0) + (v6l >>> 0) + m[x]!; v1h = (v1h + v6h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v1l = t | 0;
    t = v12l ^ v1l; u = v12h ^ v1h; v12l = (t >>> 16) | (u << 16); v12h = (u >>> 16) | (t << 16);
    t = (v11l >>> 0) + (v12l >>> 0); v11h = (v11h + v12h + ((t / TWO_32) | 0)) | 0; v11l = t | 0;
    t = v6l ^ v11l; u = v6h ^ v11h; v6l = (t << 1) | (u >>> 31); v6h = (u << 1) | (t >>> 31);
    // G(v2, v7, v8, v13, m[sigma[12]], m[sigma[13]])
    x = SIGMA[s + 12]!; t = (v2l >>> 0) + (v7l >>> 0) + m[x]!; v2h = (v2h + v7h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v2l = t | 0;
    t = v13l ^ v2l; v13l = v13h ^ v2h; v13h = t;
    t = (v8l >>> 0) + (v13l >>> 0); v8h = (v8h + v13h + ((t / TWO_32) | 0)) | 0; v8l = t | 0;
    t = v7l ^ v8l; u = v7h ^ v8h; v7l = (t >>> 24) | (u << 8); v7h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 13]!; t = (v2l >>> 0) + (v7l >>> 0) + m[x]!; v2h = (v2h + v7h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v2l = t | 0;
    t = v13l ^ v2l; u = v13h ^ v2h; v13l = (t >>> 16) | (u << 16); v13h = (u >>> 16) | (t << 16);
    t = (v8l >>> 0) + (v13l >>> 0); v8h = (v8h + v13h + ((t / TWO_32) | 0)) | 0; v8l = t | 0;
    t = v7l ^ v8l; u = v7h ^ v8h; v7l = (t << 1) | (u >>> 31); v7h = (u << 1) | (t >>> 31);
    // G(v3, v4, v9, v14, m[sigma[14]], m[sigma[15]])
    x = SIGMA[s + 14]!; t = (v3l >>> 0) + (v4l >>> 0) + m[x]!; v3h = (v3h + v4h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v3l = t | 0;
    t = v14l ^ v3l; v14l = v14h ^ v3h; v14h = t;
    t = (v9l >>> 0) + (v14l >>> 0); v9h = (v9h + v14h + ((t / TWO_32) | 0)) | 0; v9l = t | 0;
    t = v4l ^ v9l; u = v4h ^ v9h; v4l = (t >>> 24) | (u << 8); v4h = (u >>> 24) | (t << 8);
    x = SIGMA[s + 15]!; t = (v3l >>> 0) + (v4l >>> 0) + m[x]!; v3h = (v3h + v4h + m[x + 1]! + ((t / TWO_32) | 0)) | 0; v3l = t | 0;
    t = v14l ^ v3l; u = v14h ^ v3h; v14l = (t >>> 16) | (u << 16); v14h = (u >>> 16) | (t << 16);
    t = (v9l >>> 0) + (v14l >>> 0); v9h = (v9h + v14h + ((t / TWO_32) | 0)) | 0; v9l = t | 0;
    t = v4l ^ v9l; u = v4h ^ v9h; v4l = (t << 1) | (u >>> 31); v4h = (u << 1) | (t >>> 31);
    s = s === 144 ? 0 : s + 16;
  }
  h[0] = h[0]! ^ v0l ^ v8l;
  h[1] = h[1]! ^ v0h ^ v8h;
  h[2] = h[2]! ^ v1l ^ v9l;
  h[3] = h[3]! ^ v1h ^ v9h;
  h[4] = h[4]! ^ v2l ^ v10l;
  h[5] = h[5]! ^ v2h ^ v10h;
  h[6] = h[6]! ^ v3l ^ v11l;
  h[7] = h[7]! ^ v3h ^ v11h;
  h[8] = h[8]! ^ v4l ^ v12l;
  h[9] = h[9]! ^ v4h ^ v12h;
  h[10] = h[10]! ^ v5l ^ v13l;
  h[11] = h[11]! ^ v5h ^ v13h;
  h[12] = h[12]! ^ v6l ^ v14l;
  h[13] = h[13]! ^ v6h ^ v14h;
  h[14] = h[14]! ^ v7l ^ v15l;
  h[15] = h[15]! ^ v7h ^ v15h;
}

/** Reads `count` little-endian uint32s starting at `offset`. */
function readU32LE(input: Uint8Array, offset: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0, o = offset; i < count; i++, o += 4) {
    out[i] = input[o]! | (input[o + 1]! << 8) | (input[o + 2]! << 16) | (input[o + 3]! << 24);
  }
  return out;
}

export function blake2f(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (input.length !== INPUT_LENGTH) return precompileFailure();
  const rounds = ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0;
  const flag = input[212]!;
  if (rounds > gasLimit || flag > 1) return precompileFailure();
  const h = readU32LE(input, 4, 16);
  blake2bCompress(rounds, h, readU32LE(input, 68, 32), readU32LE(input, 196, 4), flag === 1);
  const output = new Uint8Array(64);
  for (let i = 0; i < 16; i++) {
    const w = h[i]!;
    output[4 * i] = w;
    output[4 * i + 1] = w >>> 8;
    output[4 * i + 2] = w >>> 16;
    output[4 * i + 3] = w >>> 24;
  }
  return precompileSuccess(rounds, gasLimit, output);
}
