/**
 * keccak256 of two short messages (up to 135 bytes each: one rate block) in one permutation, for callers
 * that hold several independent hashes at once — the logs bloom hashes a transfer's two address topics.
 * The permutation is a generated WebAssembly SIMD Keccak-f[1600] over two interleaved states
 * (keccak-f.ts): a pair costs about one single hash (0.66 µs against 1.20 µs for two one after the other,
 * node dist/bench/keccak.bench.js). Single hashes stay in keccak.ts. Each thread gets its own instance.
 *
 * Use: beginKeccakPair(); write message s's byte k at keccakPairBuffer[pairByteIndex(s, k)];
 * keccakPairInPlace(lengthA, lengthB); digest s's byte k is then at the same index (k < 32).
 */
import { InvalidInputError } from './errors.js';
import { KECCAK_PADDING, KECCAK_RATE, KECCAK_SHORT_MAX_INPUT, keccakFPairState, permute2 } from './keccak-f.js';

/** Longest message a pair hashes (one rate block, padding included). */
export const KECCAK_PAIR_MAX_INPUT = KECCAK_SHORT_MAX_INPUT;

/** The two interleaved states (see pairByteIndex). */
export const keccakPairBuffer = keccakFPairState;

/** Where byte `k` of message (or digest) `which` (0 or 1) lives in keccakPairBuffer. */
export function pairByteIndex(which: number, k: number): number {
  return ((k >> 3) << 4) | (which << 3) | (k & 7);
}

/** Clears both states: call before writing a new pair of messages. */
export function beginKeccakPair(): void {
  keccakPairBuffer.fill(0);
}

/** Pads the two messages written since beginKeccakPair and hashes both; the digests replace them. */
export function keccakPairInPlace(lengthA: number, lengthB: number): void {
  if (!(lengthA >= 0 && lengthA <= KECCAK_PAIR_MAX_INPUT && lengthB >= 0 && lengthB <= KECCAK_PAIR_MAX_INPUT)) {
    throw new InvalidInputError(`keccak pair messages must be at most ${KECCAK_PAIR_MAX_INPUT} bytes`, { details: `${lengthA} and ${lengthB} bytes` });
  }
  const s = keccakPairBuffer;
  s[pairByteIndex(0, lengthA)] ^= KECCAK_PADDING;
  s[pairByteIndex(0, KECCAK_RATE - 1)] ^= 0x80;
  s[pairByteIndex(1, lengthB)] ^= KECCAK_PADDING;
  s[pairByteIndex(1, KECCAK_RATE - 1)] ^= 0x80;
  permute2();
}

/** keccak256 of `a` and of `b` (each at most KECCAK_PAIR_MAX_INPUT bytes), as new arrays. */
export function keccak256Pair(a: Uint8Array, b: Uint8Array): [Uint8Array, Uint8Array] {
  beginKeccakPair();
  const s = keccakPairBuffer;
  for (let k = 0; k < a.length && k < KECCAK_RATE; k++) s[pairByteIndex(0, k)] = a[k]!;
  for (let k = 0; k < b.length && k < KECCAK_RATE; k++) s[pairByteIndex(1, k)] = b[k]!;
  keccakPairInPlace(a.length, b.length);
  const da = new Uint8Array(32), db = new Uint8Array(32);
  for (let k = 0; k < 32; k++) {
    da[k] = s[pairByteIndex(0, k)]!;
    db[k] = s[pairByteIndex(1, k)]!;
  }
  return [da, db];
}
