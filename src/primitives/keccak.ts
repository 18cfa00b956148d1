/**
 * keccak256: the one implementation used everywhere (mapping slots, KECCAK256, trie, tx hashes, blooms).
 *
 * hash-wasm's WASM Keccak, measured on this machine (bench/keccak.bench.ts, 64-byte input): @noble/hashes
 * 5.3 µs, js-sha3 3.2 µs, hash-wasm 0.76 µs. A Keccak-f[1600] hand-written in WebAssembly for this project
 * (24 unrolled rounds over 25 i64 locals, no wrapper copies) measured 0.74 µs: the permutation dominates,
 * so the maintained library stays. The hasher is instantiated once per thread (top-level await), so every
 * worker_thread gets its own WASM instance.
 */
import hashWasm from 'hash-wasm';

const hasher = await hashWasm.createKeccak(256);

/** keccak256 of `data` as a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
}

/** keccak256 of the concatenation of `parts`, without building the concatenation. */
export function keccak256Concat(parts: readonly Uint8Array[]): Uint8Array {
  hasher.init();
  for (const p of parts) hasher.update(p);
  return hasher.digest('binary');
}

/** keccak256 of the empty input. */
export const KECCAK_EMPTY = keccak256(new Uint8Array(0));
