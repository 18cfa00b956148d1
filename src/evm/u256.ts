/**
 * 256-bit EVM arithmetic on the interpreter's stack layout: one `Uint32Array`, each word 8 consecutive u32
 * limbs, little-endian limb order (limb 0 = least significant), at an offset that is a multiple of 8.
 * Implements the semantics of the Cancun arithmetic / comparison / bitwise opcodes (execution-specs
 * `vm/instructions/{arithmetic,comparison,bitwise}.py`).
 *
 * Conventions: operands follow EVM order (`a` = top of stack, `b` = next, `c` = third); the result offset
 * `r` may equal any operand offset (every function reads what it needs before it writes over it). Nothing
 * on the hot path allocates: slow paths use the module-level scratch arrays below (each Node worker has its
 * own module instance, and no function here is re-entered while another one is using the same scratch).
 *
 * Exactness: JS numbers are doubles, exact for integers below 2^53. A sum of two limbs plus a carry is
 * < 2^33; a 32x16-bit product is < 2^48, and eight of them plus a carry stay < 2^52. Uint32Array stores
 * reduce an exact integer mod 2^32 by themselves (ToUint32), which the code relies on.
 *
 * Why no bigint inside: bigint arithmetic itself is quick (a 256-bit multiply ~40-90 ns), but getting the
 * operands out of the limbs and the result back costs ~130 ns per round trip even via BigUint64Array
 * (`node dist/bench/u256.bench.js`), more than any limb path below. So every operation works on limbs,
 * with double-precision fast paths for the small values ERC-20 code mostly handles.
 */
import { InvalidInputError } from '../primitives/errors.js';

const TWO_32 = 4294967296;
const TWO_M32 = 1 / TWO_32;
const TWO_M16 = 1 / 65536;
const MAX_SAFE_PLUS_ONE = Number.MAX_SAFE_INTEGER + 1;

/** Scratch words for the slow paths (signed division, addmod, exp): 4 words. */
const W = new Uint32Array(32);
/** Long-division scratch, little-endian 32-bit limbs, sized for MULMOD's 512-bit dividend (+1 limb). */
const DU = new Uint32Array(17);
const DV = new Uint32Array(8);
const DQ = new Uint32Array(16);

// ---------------------------------------------------------------------------------------------------------
// Helpers the interpreter needs

export function isZero(s: Uint32Array, a: number): boolean {
  return (s[a] | s[a + 1] | s[a + 2] | s[a + 3] | s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7]) === 0;
}

export function setZero(s: Uint32Array, r: number): void {
  s[r] = 0; s[r + 1] = 0; s[r + 2] = 0; s[r + 3] = 0; s[r + 4] = 0; s[r + 5] = 0; s[r + 6] = 0; s[r + 7] = 0;
}

/** Writes the small value `v` (0 <= v < 2^32) as a whole word. */
function setSmall(s: Uint32Array, r: number, v: number): void {
  s[r] = v; s[r + 1] = 0; s[r + 2] = 0; s[r + 3] = 0; s[r + 4] = 0; s[r + 5] = 0; s[r + 6] = 0; s[r + 7] = 0;
}

export function copy(s: Uint32Array, from: number, to: number): void {
  s[to] = s[from]; s[to + 1] = s[from + 1]; s[to + 2] = s[from + 2]; s[to + 3] = s[from + 3];
  s[to + 4] = s[from + 4]; s[to + 5] = s[from + 5]; s[to + 6] = s[from + 6]; s[to + 7] = s[from + 7];
}

function copyBetween(src: Uint32Array, from: number, dst: Uint32Array, to: number): void {
  dst[to] = src[from]; dst[to + 1] = src[from + 1]; dst[to + 2] = src[from + 2]; dst[to + 3] = src[from + 3];
  dst[to + 4] = src[from + 4]; dst[to + 5] = src[from + 5]; dst[to + 6] = src[from + 6]; dst[to + 7] = src[from + 7];
}

/** Number of significant limbs (0 for zero). */
function limbLength(s: Uint32Array, a: number): number {
  let n = 8;
  while (n > 0 && s[a + n - 1] === 0) n--;
  return n;
}

/** Minimal number of bytes of the value (0 for zero); EXP charges 50 gas per byte of the exponent. */
export function byteLength(s: Uint32Array, a: number): number {
  const n = limbLength(s, a);
  return n === 0 ? 0 : 4 * n - (Math.clz32(s[a + n - 1]) >>> 3);
}

/** 0 <= n <= 2^53 (larger or fractional values are a caller bug and give an unspecified word). */
export function fromNumber(s: Uint32Array, r: number, n: number): void {
  const lo = n >>> 0;
  setSmall(s, r, lo);
  s[r + 1] = (n - lo) * TWO_M32;
}

/** The value if it is <= Number.MAX_SAFE_INTEGER, else MAX_SAFE_INTEGER + 1 (a "too big" sentinel). */
export function toNumberOrMax(s: Uint32Array, a: number): number {
  if ((s[a + 2] | s[a + 3] | s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7]) !== 0 || s[a + 1] >= 0x200000) return MAX_SAFE_PLUS_ONE;
  return s[a + 1] * TWO_32 + s[a];
}

// Conversions go through a BigUint64Array view of 4 limb pairs: 127 ns to and 69 ns from bigint for a
// full word, against 254 ns and 389 ns limb by limb (best of 5, 300k each).
const CONVERT_BUFFER = new ArrayBuffer(32);
const CONVERT_32 = new Uint32Array(CONVERT_BUFFER);
const CONVERT_64 = new BigUint64Array(CONVERT_BUFFER);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function toBigInt(s: Uint32Array, a: number): bigint {
  if ((s[a + 2] | s[a + 3] | s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7]) === 0 && s[a + 1] < 0x200000) {
    return BigInt(s[a + 1] * TWO_32 + s[a]);
  }
  if (!LITTLE_ENDIAN) {
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 32n) | BigInt(s[a + i]);
    return v;
  }
  const l = CONVERT_32;
  l[0] = s[a]; l[1] = s[a + 1]; l[2] = s[a + 2]; l[3] = s[a + 3]; l[4] = s[a + 4]; l[5] = s[a + 5]; l[6] = s[a + 6]; l[7] = s[a + 7];
  const q = CONVERT_64;
  return (q[3] << 192n) | (q[2] << 128n) | (q[1] << 64n) | q[0];
}

/** Stores `v mod 2^256` (a negative `v` becomes its two's complement). */
export function fromBigInt(s: Uint32Array, r: number, v: bigint): void {
  if (v >= 0n && v <= 0x1fffffffffffffn) return fromNumber(s, r, Number(v));
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < 8; i++) s[r + i] = Number(BigInt.asUintN(32, v >> BigInt(32 * i)));
    return;
  }
  const q = CONVERT_64; // stores reduce mod 2^64; >> on a negative bigint is floor division, as needed
  q[0] = v; q[1] = v >> 64n; q[2] = v >> 128n; q[3] = v >> 192n;
  const l = CONVERT_32;
  s[r] = l[0]; s[r + 1] = l[1]; s[r + 2] = l[2]; s[r + 3] = l[3]; s[r + 4] = l[4]; s[r + 5] = l[5]; s[r + 6] = l[6]; s[r + 7] = l[7];
}

/**
 * Reads `length` (<= 32) big-endian bytes at `bytes[offset ..]` as a left-padded word. Bytes past the end
 * of `bytes` read as zero, so PUSHn at the end of code needs no padding copy.
 */
export function fromBytes(s: Uint32Array, r: number, bytes: Uint8Array, offset: number, length: number): void {
  if (!(length >= 0 && length <= 32)) throw new InvalidInputError('word longer than 32 bytes', { details: `${length} bytes` });
  const end = offset + length;
  for (let i = 0; i < 8; i++) {
    const limbEnd = end - 4 * i;
    const limbStart = limbEnd - 4;
    if (limbEnd <= offset) {
      s[r + i] = 0;
    } else if (limbStart >= offset) {
      s[r + i] = (bytes[limbStart] << 24) | (bytes[limbStart + 1] << 16) | (bytes[limbStart + 2] << 8) | bytes[limbStart + 3];
    } else {
      let v = 0;
      for (let k = offset; k < limbEnd; k++) v = (v << 8) | bytes[k];
      s[r + i] = v;
    }
  }
}

/** Writes the word as 32 big-endian bytes at `out[offset ..]`. */
export function toBytes(s: Uint32Array, a: number, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) {
    const limb = s[a + 7 - i];
    const o = offset + 4 * i;
    out[o] = limb >>> 24; out[o + 1] = limb >>> 16; out[o + 2] = limb >>> 8; out[o + 3] = limb;
  }
}

// ---------------------------------------------------------------------------------------------------------
// ADD, SUB, bitwise, comparisons
//
// Carry as `+(t >= 2^32)`: measured 10-14 ns per ADD against 15-18 ns for `(t / 2^32) | 0`, 46 ns for
// `t > 0xffffffff ? 1 : 0` and 45 ns for an int32 compare-based carry (5M adds each, 2 runs); a carry
// look-ahead variant (sums first, carries as bit operations) and a small-operand fast path were slower
// (15.8 and 22 ns vs 12.7 ns, where AND takes 12.6 ns: ADD costs about what its loads and stores do).

export function add(s: Uint32Array, a: number, b: number, r: number): void {
  let t = s[a] + s[b]; s[r] = t; let c = +(t >= TWO_32);
  t = s[a + 1] + s[b + 1] + c; s[r + 1] = t; c = +(t >= TWO_32);
  t = s[a + 2] + s[b + 2] + c; s[r + 2] = t; c = +(t >= TWO_32);
  t = s[a + 3] + s[b + 3] + c; s[r + 3] = t; c = +(t >= TWO_32);
  t = s[a + 4] + s[b + 4] + c; s[r + 4] = t; c = +(t >= TWO_32);
  t = s[a + 5] + s[b + 5] + c; s[r + 5] = t; c = +(t >= TWO_32);
  t = s[a + 6] + s[b + 6] + c; s[r + 6] = t; c = +(t >= TWO_32);
  s[r + 7] = s[a + 7] + s[b + 7] + c;
}

export function sub(s: Uint32Array, a: number, b: number, r: number): void {
  let t = s[a] - s[b]; s[r] = t; let c = +(t < 0);
  t = s[a + 1] - s[b + 1] - c; s[r + 1] = t; c = +(t < 0);
  t = s[a + 2] - s[b + 2] - c; s[r + 2] = t; c = +(t < 0);
  t = s[a + 3] - s[b + 3] - c; s[r + 3] = t; c = +(t < 0);
  t = s[a + 4] - s[b + 4] - c; s[r + 4] = t; c = +(t < 0);
  t = s[a + 5] - s[b + 5] - c; s[r + 5] = t; c = +(t < 0);
  t = s[a + 6] - s[b + 6] - c; s[r + 6] = t; c = +(t < 0);
  s[r + 7] = s[a + 7] - s[b + 7] - c;
}

/** dst := -src (two's complement), between arrays. */
function negateBetween(src: Uint32Array, a: number, dst: Uint32Array, r: number): void {
  let c = 0;
  for (let i = 0; i < 8; i++) {
    const t = -src[a + i] - c;
    dst[r + i] = t;
    c = +(t < 0);
  }
}

export function and(s: Uint32Array, a: number, b: number, r: number): void {
  s[r] = s[a] & s[b]; s[r + 1] = s[a + 1] & s[b + 1]; s[r + 2] = s[a + 2] & s[b + 2]; s[r + 3] = s[a + 3] & s[b + 3];
  s[r + 4] = s[a + 4] & s[b + 4]; s[r + 5] = s[a + 5] & s[b + 5]; s[r + 6] = s[a + 6] & s[b + 6]; s[r + 7] = s[a + 7] & s[b + 7];
}

export function or(s: Uint32Array, a: number, b: number, r: number): void {
  s[r] = s[a] | s[b]; s[r + 1] = s[a + 1] | s[b + 1]; s[r + 2] = s[a + 2] | s[b + 2]; s[r + 3] = s[a + 3] | s[b + 3];
  s[r + 4] = s[a + 4] | s[b + 4]; s[r + 5] = s[a + 5] | s[b + 5]; s[r + 6] = s[a + 6] | s[b + 6]; s[r + 7] = s[a + 7] | s[b + 7];
}

export function xor(s: Uint32Array, a: number, b: number, r: number): void {
  s[r] = s[a] ^ s[b]; s[r + 1] = s[a + 1] ^ s[b + 1]; s[r + 2] = s[a + 2] ^ s[b + 2]; s[r + 3] = s[a + 3] ^ s[b + 3];
  s[r + 4] = s[a + 4] ^ s[b + 4]; s[r + 5] = s[a + 5] ^ s[b + 5]; s[r + 6] = s[a + 6] ^ s[b + 6]; s[r + 7] = s[a + 7] ^ s[b + 7];
}

export function not(s: Uint32Array, a: number, r: number): void {
  s[r] = ~s[a]; s[r + 1] = ~s[a + 1]; s[r + 2] = ~s[a + 2]; s[r + 3] = ~s[a + 3];
  s[r + 4] = ~s[a + 4]; s[r + 5] = ~s[a + 5]; s[r + 6] = ~s[a + 6]; s[r + 7] = ~s[a + 7];
}

/** Unsigned compare: -1, 0 or 1. */
function compare(s: Uint32Array, a: number, b: number): number {
  for (let i = 7; i >= 0; i--) {
    const x = s[a + i], y = s[b + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Signed (two's complement) compare: -1, 0 or 1. */
function compareSigned(s: Uint32Array, a: number, b: number): number {
  const x = s[a + 7] | 0, y = s[b + 7] | 0;
  if (x !== y) return x < y ? -1 : 1;
  for (let i = 6; i >= 0; i--) {
    const xi = s[a + i], yi = s[b + i];
    if (xi !== yi) return xi < yi ? -1 : 1;
  }
  return 0;
}

export function lt(s: Uint32Array, a: number, b: number, r: number): void {
  setSmall(s, r, +(compare(s, a, b) < 0));
}

export function gt(s: Uint32Array, a: number, b: number, r: number): void {
  setSmall(s, r, +(compare(s, a, b) > 0));
}

export function slt(s: Uint32Array, a: number, b: number, r: number): void {
  setSmall(s, r, +(compareSigned(s, a, b) < 0));
}

export function sgt(s: Uint32Array, a: number, b: number, r: number): void {
  setSmall(s, r, +(compareSigned(s, a, b) > 0));
}

// EQ exits at the first differing limb, starting from the low one (selector dispatch compares words that
// differ there): 6.7 ns vs 15 ns for an XOR/OR reduction when the words differ, 9.3 vs 14 ns when half do,
// 16.7 vs 11-14 ns when all are equal.
export function eq(s: Uint32Array, a: number, b: number, r: number): void {
  let equal = 1;
  for (let i = 0; i < 8; i++) {
    if (s[a + i] !== s[b + i]) {
      equal = 0;
      break;
    }
  }
  setSmall(s, r, equal);
}

export function iszero(s: Uint32Array, a: number, r: number): void {
  setSmall(s, r, +isZero(s, a));
}

// ---------------------------------------------------------------------------------------------------------
// BYTE, SIGNEXTEND, SHL, SHR, SAR

/** The shift amount / index at `a` as a number, or 256 if it is >= 256 (every caller saturates there). */
function smallIndex(s: Uint32Array, a: number): number {
  if ((s[a + 1] | s[a + 2] | s[a + 3] | s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7]) !== 0) return 256;
  const n = s[a];
  return n < 256 ? n : 256;
}

export function byte(s: Uint32Array, a: number, b: number, r: number): void {
  const i = smallIndex(s, a);
  if (i >= 32) return setZero(s, r);
  const pos = 31 - i; // byte position counted from the least significant end
  setSmall(s, r, (s[b + (pos >>> 2)] >>> ((pos & 3) * 8)) & 0xff);
}

export function signextend(s: Uint32Array, a: number, b: number, r: number): void {
  const k = smallIndex(s, a);
  if (k >= 31) return copy(s, b, r);
  const signBit = 8 * k + 7;
  const limb = signBit >>> 5, bit = signBit & 31; // bit is 7, 15, 23 or 31
  const x = s[b + limb];
  const negative = (x >>> bit) & 1;
  const keepMask = bit === 31 ? -1 : (1 << (bit + 1)) - 1;
  for (let i = 0; i < limb; i++) s[r + i] = s[b + i];
  s[r + limb] = negative ? x | ~keepMask : x & keepMask;
  const fill = negative ? 0xffffffff : 0;
  for (let i = limb + 1; i < 8; i++) s[r + i] = fill;
}

/** dst := src << n for 0 <= n < 256 (writes from the top down, so dst may be src). */
function shiftLeftInto(src: Uint32Array, a: number, n: number, dst: Uint32Array, r: number): void {
  const words = n >>> 5, bits = n & 31;
  if (bits === 0) {
    for (let i = 7; i >= words; i--) dst[r + i] = src[a + i - words];
  } else {
    for (let i = 7; i > words; i--) dst[r + i] = (src[a + i - words] << bits) | (src[a + i - words - 1] >>> (32 - bits));
    dst[r + words] = src[a] << bits;
  }
  for (let i = words - 1; i >= 0; i--) dst[r + i] = 0;
}

/**
 * dst := src >> n for 0 <= n < 256, shifting in `fill` (0, or -1 for SAR of a negative value); writes from
 * the bottom up, so dst may be src.
 */
function shiftRightInto(src: Uint32Array, a: number, n: number, fill: number, dst: Uint32Array, r: number): void {
  const words = n >>> 5, bits = n & 31;
  const top = 7 - words;
  if (bits === 0) {
    for (let i = 0; i <= top; i++) dst[r + i] = src[a + i + words];
  } else {
    for (let i = 0; i < top; i++) dst[r + i] = (src[a + i + words] >>> bits) | (src[a + i + words + 1] << (32 - bits));
    dst[r + top] = (src[a + 7] >>> bits) | (fill << (32 - bits));
  }
  for (let i = top + 1; i < 8; i++) dst[r + i] = fill;
}

export function shl(s: Uint32Array, a: number, b: number, r: number): void {
  const n = smallIndex(s, a);
  if (n >= 256) return setZero(s, r);
  shiftLeftInto(s, b, n, s, r);
}

export function shr(s: Uint32Array, a: number, b: number, r: number): void {
  const n = smallIndex(s, a);
  if (n >= 256) return setZero(s, r);
  shiftRightInto(s, b, n, 0, s, r);
}

export function sar(s: Uint32Array, a: number, b: number, r: number): void {
  const n = smallIndex(s, a);
  const fill = s[b + 7] >> 31;
  if (n >= 256) {
    s[r] = fill; s[r + 1] = fill; s[r + 2] = fill; s[r + 3] = fill; s[r + 4] = fill; s[r + 5] = fill; s[r + 6] = fill; s[r + 7] = fill;
    return;
  }
  shiftRightInto(s, b, n, fill, s, r);
}

// ---------------------------------------------------------------------------------------------------------
// MUL
//
// Partial products are limb (32 bits) x half-limb (16 bits) < 2^48, exact in doubles; each result limb
// gathers the "even" products (aligned at the limb) and the "odd" ones (aligned 16 bits up), then carries.
// Fully unrolled with everything in locals. Measured full 256x256: 67 ns unrolled vs 95 ns for the same
// scheme in loops over a Float64Array and 97 ns for 32x32 products split via Math.imul + Math.round.
// The carry is taken with Math.floor and the limb stored unreduced (the store wraps): 47 vs 57 ns (256
// bits), 35 vs 43 ns (128 bits) against `v >>> 0` and a subtraction. Operands below 2^32 (one product),
// 2^64 and 2^128 get their own shorter code.

export function mul(s: Uint32Array, a: number, b: number, r: number): void {
  const x0 = s[a], x1 = s[a + 1], x2 = s[a + 2], x3 = s[a + 3];
  const y0 = s[b], y1 = s[b + 1], y2 = s[b + 2], y3 = s[b + 3];
  const upperHalves = s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7] | s[b + 4] | s[b + 5] | s[b + 6] | s[b + 7];
  const upper3Quarters = upperHalves | x2 | x3 | y2 | y3;
  if ((upper3Quarters | x1 | y1) === 0) {
    // 32x32 -> 64: Math.imul gives the low limb exactly; the double product is within 2^12 of the true
    // one, so (product - low) / 2^32 + 0.5 truncates to the exact high limb.
    const lo = Math.imul(x0, y0) >>> 0;
    setSmall(s, r, lo);
    s[r + 1] = (x0 * y0 - lo) * TWO_M32 + 0.5;
    return;
  }
  const e0 = y0 & 0xffff, o0 = y0 >>> 16, e1 = y1 & 0xffff, o1 = y1 >>> 16;
  const e2 = y2 & 0xffff, o2 = y2 >>> 16, e3 = y3 & 0xffff, o3 = y3 >>> 16;
  let o = 0, oh = 0, v = 0, c = 0;
  if (upper3Quarters === 0) {
    // 64x64 -> 128.
    setZero(s, r);
    o = x0 * o0; oh = Math.floor(o * TWO_M16);
    v = x0 * e0 + (o - oh * 65536) * 65536;
    s[r] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x0 * o1 + x1 * o0; oh = Math.floor(o * TWO_M16);
    v = x0 * e1 + x1 * e0 + (o - oh * 65536) * 65536 + c;
    s[r + 1] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x1 * o1; oh = Math.floor(o * TWO_M16);
    v = x1 * e1 + (o - oh * 65536) * 65536 + c;
    s[r + 2] = v;
    s[r + 3] = Math.floor(v * TWO_M32) + oh;
    return;
  }
  if (upperHalves === 0) {
    // 128x128 -> 256, no truncation.
    o = x0 * o0; oh = Math.floor(o * TWO_M16);
    v = x0 * e0 + (o - oh * 65536) * 65536;
    s[r] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x0 * o1 + x1 * o0; oh = Math.floor(o * TWO_M16);
    v = x0 * e1 + x1 * e0 + (o - oh * 65536) * 65536 + c;
    s[r + 1] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x0 * o2 + x1 * o1 + x2 * o0; oh = Math.floor(o * TWO_M16);
    v = x0 * e2 + x1 * e1 + x2 * e0 + (o - oh * 65536) * 65536 + c;
    s[r + 2] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x0 * o3 + x1 * o2 + x2 * o1 + x3 * o0; oh = Math.floor(o * TWO_M16);
    v = x0 * e3 + x1 * e2 + x2 * e1 + x3 * e0 + (o - oh * 65536) * 65536 + c;
    s[r + 3] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x1 * o3 + x2 * o2 + x3 * o1; oh = Math.floor(o * TWO_M16);
    v = x1 * e3 + x2 * e2 + x3 * e1 + (o - oh * 65536) * 65536 + c;
    s[r + 4] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x2 * o3 + x3 * o2; oh = Math.floor(o * TWO_M16);
    v = x2 * e3 + x3 * e2 + (o - oh * 65536) * 65536 + c;
    s[r + 5] = v; c = Math.floor(v * TWO_M32) + oh;
    o = x3 * o3; oh = Math.floor(o * TWO_M16);
    v = x3 * e3 + (o - oh * 65536) * 65536 + c;
    s[r + 6] = v;
    s[r + 7] = Math.floor(v * TWO_M32) + oh;
    return;
  }
  // 256x256 -> low 256 bits.
  const x4 = s[a + 4], x5 = s[a + 5], x6 = s[a + 6], x7 = s[a + 7];
  const y4 = s[b + 4], y5 = s[b + 5], y6 = s[b + 6], y7 = s[b + 7];
  const e4 = y4 & 0xffff, o4 = y4 >>> 16, e5 = y5 & 0xffff, o5 = y5 >>> 16, e6 = y6 & 0xffff, o6 = y6 >>> 16;
  o = x0 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e0 + (o - oh * 65536) * 65536;
  s[r] = v; c = Math.floor(v * TWO_M32) + oh;
  o = x0 * o1 + x1 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e1 + x1 * e0 + (o - oh * 65536) * 65536 + c;
  s[r + 1] = v; c = Math.floor(v * TWO_M32) + oh;
  o = x0 * o2 + x1 * o1 + x2 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e2 + x1 * e1 + x2 * e0 + (o - oh * 65536) * 65536 + c;
  s[r + 2] = v; c = Math.floor(v * TWO_M32) + oh;
  o = x0 * o3 + x1 * o2 + x2 * o1 + x3 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e3 + x1 * e2 + x2 * e1 + x3 * e0 + (o - oh * 65536) * 65536 + c;
  s[r + 3] = v; c = Math.floor(v * TWO_M32) + oh;
  o = x0 * o4 + x1 * o3 + x2 * o2 + x3 * o1 + x4 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e4 + x1 * e3 + x2 * e2 + x3 * e1 + x4 * e0 + (o - oh * 65536) * 65536 + c;
  s[r + 4] = v; c = Math.floor(v * TWO_M32) + oh;
  o = x0 * o5 + x1 * o4 + x2 * o3 + x3 * o2 + x4 * o1 + x5 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e5 + x1 * e4 + x2 * e3 + x3 * e2 + x4 * e1 + x5 * e0 + (o - oh * 65536) * 65536 + c;
  s[r + 5] = v; c = Math.floor(v * TWO_M32) + oh;
  o = x0 * o6 + x1 * o5 + x2 * o4 + x3 * o3 + x4 * o2 + x5 * o1 + x6 * o0; oh = Math.floor(o * TWO_M16);
  v = x0 * e6 + x1 * e5 + x2 * e4 + x3 * e3 + x4 * e2 + x5 * e1 + x6 * e0 + (o - oh * 65536) * 65536 + c;
  s[r + 6] = v; c = Math.floor(v * TWO_M32) + oh;
  // Top limb: only its low 32 bits survive, so int32 products (Math.imul) wrapping mod 2^32 suffice.
  s[r + 7] = c + Math.imul(x0, y7) + Math.imul(x1, y6) + Math.imul(x2, y5) + Math.imul(x3, y4)
    + Math.imul(x4, y3) + Math.imul(x5, y2) + Math.imul(x6, y1) + Math.imul(x7, y0);
}

// ---------------------------------------------------------------------------------------------------------
// DIV, MOD, SDIV, SMOD
//
// Fast paths: both operands < 2^52 (one double division), divisor < 2^32 (short division, 32 or 16 bits
// per step), divisor a power of two (a shift: pre-0.5 solc, e.g. USDT, divides by 2^224 to get the
// selector and by 2^k to unpack storage). Otherwise Knuth's algorithm D on the 32-bit limbs with a
// floating-point quotient estimate. Measured (best of 60 rounds, 256/128 bits): 174 ns, against 269 ns
// for algorithm D on 16-bit digits (exact in int32, but twice the steps) and 294 ns for bigint division
// including the limb <-> bigint conversions.

/** q = floor(x / y) for x, y < 2^52: the double quotient is off by at most one, fixed here. */
function smallQuotient(x: number, y: number): number {
  const q = Math.floor(x / y);
  const rem = x - q * y; // exact: q*y <= x + y < 2^53
  return rem < 0 ? q - 1 : rem >= y ? q + 1 : q;
}

/** Writes a value < 2^53 given as a double. */
function setDouble(s: Uint32Array, r: number, v: number): void {
  const lo = v >>> 0;
  setSmall(s, r, lo);
  s[r + 1] = (v - lo) * TWO_M32;
}

/** True when the word is < 2^52. */
function fits52(s: Uint32Array, a: number): boolean {
  return (s[a + 2] | s[a + 3] | s[a + 4] | s[a + 5] | s[a + 6] | s[a + 7]) === 0 && s[a + 1] < 0x100000;
}

export function div(s: Uint32Array, a: number, b: number, r: number): void {
  if (fits52(s, a) && fits52(s, b)) {
    const y = s[b + 1] * TWO_32 + s[b];
    if (y === 0) return setZero(s, r);
    return setDouble(s, r, smallQuotient(s[a + 1] * TWO_32 + s[a], y));
  }
  divmod(s, a, b, r, -1);
}

export function mod(s: Uint32Array, a: number, b: number, r: number): void {
  if (fits52(s, a) && fits52(s, b)) {
    const y = s[b + 1] * TWO_32 + s[b];
    if (y === 0) return setZero(s, r);
    const x = s[a + 1] * TWO_32 + s[a];
    return setDouble(s, r, x - smallQuotient(x, y) * y);
  }
  divmod(s, a, b, -1, r);
}

export function sdiv(s: Uint32Array, a: number, b: number, r: number): void {
  const negA = s[a + 7] >>> 31, negB = s[b + 7] >>> 31;
  if ((negA | negB) === 0) return div(s, a, b, r);
  if (negA) negateBetween(s, a, W, 0); else copyBetween(s, a, W, 0);
  if (negB) negateBetween(s, b, W, 8); else copyBetween(s, b, W, 8);
  div(W, 0, 8, 16); // |a| / |b|; -2^255 / -1 gives 2^255 = -2^255 as required
  if (negA ^ negB) negateBetween(W, 16, s, r); else copyBetween(W, 16, s, r);
}

export function smod(s: Uint32Array, a: number, b: number, r: number): void {
  const negA = s[a + 7] >>> 31, negB = s[b + 7] >>> 31;
  if ((negA | negB) === 0) return mod(s, a, b, r);
  if (negA) negateBetween(s, a, W, 0); else copyBetween(s, a, W, 0);
  if (negB) negateBetween(s, b, W, 8); else copyBetween(s, b, W, 8);
  mod(W, 0, 8, 16);
  if (negA) negateBetween(W, 16, s, r); else copyBetween(W, 16, s, r);
}

/** Quotient to `q` and/or remainder to `rm` (offsets, -1 = not wanted); a divisor of 0 gives 0 and 0. */
function divmod(s: Uint32Array, a: number, b: number, q: number, rm: number): void {
  const nb = limbLength(s, b);
  if (nb === 0) {
    if (q >= 0) setZero(s, q);
    if (rm >= 0) setZero(s, rm);
    return;
  }
  const na = limbLength(s, a);
  if (na < nb) { // x < y
    if (rm >= 0) copy(s, a, rm);
    if (q >= 0) setZero(s, q);
    return;
  }
  if (nb === 1) return shortDivide(s, a, na, s[b], s, q, rm);
  const top = s[b + nb - 1];
  if ((top & (top - 1)) === 0 && isLowZero(s, b, nb - 1)) {
    const shift = 32 * (nb - 1) + 31 - Math.clz32(top);
    if (rm >= 0) keepLowBits(s, a, shift, rm);
    if (q >= 0) shiftRightInto(s, a, shift, 0, s, q);
    return;
  }
  for (let i = 0; i < na; i++) DU[i] = s[a + i];
  for (let i = 0; i < nb; i++) DV[i] = s[b + i];
  knuthDivide(DU, na, DV, nb, DQ);
  if (q >= 0) limbsToWord(DQ, na - nb + 1, s, q);
  if (rm >= 0) limbsToWord(DU, nb, s, rm);
}

/** True when limbs 0 .. n-1 of the word are all zero. */
function isLowZero(s: Uint32Array, a: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (s[a + i] !== 0) return false;
  return true;
}

/** r := a mod 2^bits, 0 <= bits < 256. */
function keepLowBits(s: Uint32Array, a: number, bits: number, r: number): void {
  const limb = bits >>> 5, rest = bits & 31;
  for (let i = 0; i < limb; i++) s[r + i] = s[a + i];
  s[r + limb] = rest === 0 ? 0 : s[a + limb] & ((1 << rest) - 1);
  for (let i = limb + 1; i < 8; i++) s[r + i] = 0;
}

/** Writes the first `n` (<= 8) limbs of `src` as a word, zero-extended. */
function limbsToWord(src: Uint32Array, n: number, s: Uint32Array, r: number): void {
  for (let i = 0; i < 8; i++) s[r + i] = i < n ? src[i] : 0;
}

/**
 * Divides the `na` limbs at src[a ..] by one limb y (1 <= y < 2^32), from the top limb down; quotient
 * (zero-extended to a word) to s[q ..], remainder to s[rm ..] (offsets, -1 = not wanted). For y < 2^21 a
 * whole limb per step (rem * 2^32 + limb < 2^53, and the double quotient cannot round up to the next
 * integer); otherwise two 16-bit steps per limb (< 2^48). Quotient limb i is written after dividend
 * limb i was read, so q may be a.
 */
function shortDivide(src: Uint32Array, a: number, na: number, y: number, s: Uint32Array, q: number, rm: number): void {
  let rem = 0;
  if (q >= 0) for (let i = 7; i >= na; i--) s[q + i] = 0;
  if (y < 0x200000) {
    for (let i = na - 1; i >= 0; i--) {
      const num = rem * TWO_32 + src[a + i];
      const d = Math.floor(num / y);
      rem = num - d * y;
      if (q >= 0) s[q + i] = d;
    }
  } else {
    for (let i = na - 1; i >= 0; i--) {
      const limb = src[a + i];
      let num = rem * 65536 + (limb >>> 16);
      const dHi = Math.floor(num / y);
      rem = num - dHi * y;
      num = rem * 65536 + (limb & 0xffff);
      const dLo = Math.floor(num / y);
      rem = num - dLo * y;
      if (q >= 0) s[q + i] = dHi * 65536 + dLo;
    }
  }
  if (rm >= 0) setSmall(s, rm, rem);
}

/**
 * Knuth, TAOCP vol. 2, 4.3.1, algorithm D on 32-bit limbs. u: `ulen` limbs (u needs room for one more),
 * v: `n` >= 2 limbs with v[n-1] != 0, ulen >= n. Leaves the quotient's ulen-n+1 limbs in q and the
 * remainder's n limbs in u[0 .. n). Both u and v are overwritten.
 *
 * Each quotient limb is estimated in floating point from the top 96 bits of the running remainder over
 * the top 64 bits of the (normalized) divisor. That estimate is within 2 of the true limb (Knuth's
 * 3-by-2 estimate is within 1; double rounding adds at most 1), and the two correction loops below fix
 * it either way, so correctness does not depend on the bound, only speed does.
 */
function knuthDivide(u: Uint32Array, ulen: number, v: Uint32Array, n: number, q: Uint32Array): void {
  const shift = Math.clz32(v[n - 1]); // normalize: top bit of v set
  if (shift > 0) {
    for (let i = n - 1; i > 0; i--) v[i] = (v[i] << shift) | (v[i - 1] >>> (32 - shift));
    v[0] = v[0] << shift;
    u[ulen] = u[ulen - 1] >>> (32 - shift);
    for (let i = ulen - 1; i > 0; i--) u[i] = (u[i] << shift) | (u[i - 1] >>> (32 - shift));
    u[0] = u[0] << shift;
  } else {
    u[ulen] = 0;
  }
  const vTop = v[n - 1] * TWO_32 + v[n - 2]; // >= 2^63, rounded to 53 bits
  for (let j = ulen - n; j >= 0; j--) {
    let qhat = Math.floor(((u[j + n] * TWO_32 + u[j + n - 1]) * TWO_32 + u[j + n - 2]) / vTop);
    if (qhat > 0xffffffff) qhat = 0xffffffff; // the true limb always fits
    let top = u[j + n]; // the window's top limb, kept signed while it may go negative
    if (qhat !== 0) {
      // u[j .. j+n] -= qhat * v. Products are split exactly: Math.imul gives the low limb, and the double
      // product is within 2^12 of the true one, so (product - low) / 2^32 + 0.5 truncates to the high limb.
      let carry = 0;
      for (let i = 0; i < n; i++) {
        const vi = v[i];
        const lo = Math.imul(qhat, vi) >>> 0;
        const hi = ((qhat * vi - lo) * TWO_M32 + 0.5) >>> 0;
        const t = u[i + j] - lo - carry; // in (-2^33, 2^32)
        u[i + j] = t;
        carry = hi - Math.floor(t * TWO_M32);
      }
      top -= carry;
      while (top < 0) { // estimate too large: add v back
        qhat--;
        let c = 0;
        for (let i = 0; i < n; i++) {
          const sum = u[i + j] + v[i] + c;
          u[i + j] = sum;
          c = +(sum >= TWO_32);
        }
        top += c;
      }
    }
    u[j + n] = top;
    while (top !== 0 || !limbsBelow(u, j, v, n)) { // estimate too small: subtract v again
      qhat++;
      let borrow = 0;
      for (let i = 0; i < n; i++) {
        const d = u[i + j] - v[i] - borrow;
        u[i + j] = d;
        borrow = +(d < 0);
      }
      top -= borrow;
      u[j + n] = top;
    }
    q[j] = qhat;
  }
  if (shift > 0) for (let i = 0; i < n; i++) u[i] = (u[i] >>> shift) | (u[i + 1] << (32 - shift));
}

/** u[j .. j+n) < v[0 .. n) as n-limb numbers. */
function limbsBelow(u: Uint32Array, j: number, v: Uint32Array, n: number): boolean {
  for (let i = n - 1; i >= 0; i--) {
    const x = u[i + j], y = v[i];
    if (x !== y) return x < y;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// ADDMOD, MULMOD

export function addmod(s: Uint32Array, a: number, b: number, c: number, r: number): void {
  if (fits52(s, a) && fits52(s, b) && fits52(s, c)) {
    const m = s[c + 1] * TWO_32 + s[c];
    if (m === 0) return setZero(s, r);
    const x = s[a + 1] * TWO_32 + s[a] + s[b + 1] * TWO_32 + s[b]; // < 2^53
    return setDouble(s, r, x % m); // JS % on doubles is exact (fmod), unlike a double quotient here
  }
  copyBetween(s, c, W, 16);
  if (isZero(W, 16)) return setZero(s, r);
  copyBetween(s, a, W, 0);
  copyBetween(s, b, W, 8);
  mod(W, 0, 16, 0);
  mod(W, 8, 16, 8);
  // x + y < 2c: one conditional subtraction of c, also when the sum carries out of 256 bits.
  let t = 0, carry = 0;
  for (let i = 0; i < 8; i++) {
    t = W[i] + W[8 + i] + carry;
    W[24 + i] = t;
    carry = +(t >= TWO_32);
  }
  if (carry === 1 || compare(W, 24, 16) >= 0) sub(W, 24, 16, 24);
  copyBetween(W, 24, s, r);
}

export function mulmod(s: Uint32Array, a: number, b: number, c: number, r: number): void {
  const nc = limbLength(s, c);
  if (nc === 0) return setZero(s, r);
  const na = limbLength(s, a), nb = limbLength(s, b);
  if (na === 0 || nb === 0) return setZero(s, r);
  // The full product into DU, column by column (same split as MUL: limb x half-limb products < 2^48).
  let carry = 0;
  for (let k = 0; k < na + nb - 1; k++) {
    let even = 0, odd = 0;
    for (let i = k < nb ? 0 : k - nb + 1; i <= k && i < na; i++) {
      const x = s[a + i], y = s[b + k - i];
      even += x * (y & 0xffff);
      odd += x * (y >>> 16);
    }
    const oddHigh = Math.floor(odd * TWO_M16);
    const v = even + (odd - oddHigh * 65536) * 65536 + carry;
    const w = v >>> 0;
    DU[k] = w;
    carry = (v - w) * TWO_M32 + oddHigh;
  }
  DU[na + nb - 1] = carry;
  const ulen = carry === 0 ? na + nb - 1 : na + nb;
  if (nc === 1) return shortDivide(DU, 0, ulen, s[c], s, -1, r);
  if (ulen < nc) return limbsToWord(DU, ulen, s, r);
  for (let i = 0; i < nc; i++) DV[i] = s[c + i];
  knuthDivide(DU, ulen, DV, nc, DQ);
  limbsToWord(DU, nc, s, r);
}

// ---------------------------------------------------------------------------------------------------------
// EXP

export function exp(s: Uint32Array, a: number, b: number, r: number): void {
  const ne = limbLength(s, b);
  if (ne === 0) return setSmall(s, r, 1); // x^0 = 1, including 0^0
  const nbase = limbLength(s, a);
  if (nbase === 0 || (nbase === 1 && s[a] === 1)) return copy(s, a, r); // 0^e = 0, 1^e = 1
  const e0 = s[b];
  // Trailing zero bits of the base: base = odd * 2^tz, so base^e is a multiple of 2^(tz*e).
  let tz = 0;
  while (s[a + (tz >>> 5)] === 0) tz += 32;
  const low = s[a + (tz >>> 5)];
  tz += 31 - Math.clz32(low & -low);
  if (tz > 0 && (ne > 1 || e0 >= 256)) return setZero(s, r);
  if (nbase === (tz >>> 5) + 1 && (low & (low - 1)) === 0) { // a power of two: a shift
    const bits = tz * e0; // e0 < 256 here
    if (bits >= 256) return setZero(s, r);
    setZero(s, r);
    s[r + (bits >>> 5)] = 1 << (bits & 31);
    return;
  }
  // Left-to-right square-and-multiply in scratch: W[0..8) base, W[8..16) exponent, W[16..24) accumulator.
  copyBetween(s, a, W, 0);
  copyBetween(s, b, W, 8);
  setSmall(W, 16, 1);
  for (let i = ne - 1; i >= 0; i--) {
    const limb = W[8 + i];
    for (let bit = i === ne - 1 ? 31 - Math.clz32(limb) : 31; bit >= 0; bit--) {
      mul(W, 16, 16, 16);
      if ((limb >>> bit) & 1) mul(W, 16, 0, 16);
    }
  }
  copyBetween(W, 16, s, r);
}
