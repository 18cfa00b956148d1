/**
 * keccak256: the one implementation used everywhere (mapping slots, KECCAK256, trie, tx hashes, blooms).
 *
 * The permutation is hash-wasm's WebAssembly Keccak (embedded by tools/gen-keccak-wasm.mjs), called
 * directly: the input is copied into the module's buffer and one `Hash_Calculate` call hashes it and
 * leaves the digest at the start of the buffer. Measured on this machine, 64-byte input
 * (node dist/bench/keccak.bench.js): @noble/hashes 5.3 µs, js-sha3 3.2 µs, hash-wasm's own wrapper
 * 0.78 µs, this 0.62 µs. A Keccak-f[1600] hand-written in WebAssembly for this project (24 unrolled rounds
 * over 25 i64 locals) measured 0.74 µs with the same kind of wrapper, so the permutation stays
 * hash-wasm's. Hot callers that want limbs or a few bits of the digest write into `keccakBuffer` and read
 * the digest from it (`keccakInPlace`), without allocating. Each thread gets its own instance.
 */
import { KECCAK_WASM_BASE64 } from './keccak-wasm.generated.js';

interface KeccakExports {
  memory: WebAssembly.Memory;
  Hash_GetBuffer(): number;
  Hash_Init(bits: number): void;
  Hash_Update(length: number): void;
  Hash_Final(padding: number): void;
  Hash_Calculate(length: number, bits: number, padding: number): void;
}

const wasm = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(KECCAK_WASM_BASE64, 'base64')), {})
  .exports as unknown as KeccakExports;
/** Bytes the module's buffer holds per call (hash-wasm's own chunk size). */
const CHUNK = 16 * 1024;
const BITS = 256;
/** Keccak's padding byte (SHA-3 would be 0x06). */
const KECCAK_PADDING = 0x01;

/**
 * The module's input/output buffer. Write up to `KECCAK_CHUNK` bytes of input at offset 0, call
 * `keccakInPlace(length)`, and the digest is in bytes 0..32. Any keccak call overwrites it.
 */
export const keccakBuffer = new Uint8Array(wasm.memory.buffer, wasm.Hash_GetBuffer(), CHUNK);
export const KECCAK_CHUNK = CHUNK;

/** Hashes the first `length` (≤ KECCAK_CHUNK) bytes of keccakBuffer; the digest replaces bytes 0..32. */
export function keccakInPlace(length: number): void {
  wasm.Hash_Calculate(length, BITS, KECCAK_PADDING);
}

/** keccak256 of `data` as a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  if (data.length <= CHUNK) {
    keccakBuffer.set(data);
    wasm.Hash_Calculate(data.length, BITS, KECCAK_PADDING);
    return keccakBuffer.slice(0, 32);
  }
  return keccak256Concat([data]);
}

/** keccak256 of the concatenation of `parts`, without building the concatenation. */
export function keccak256Concat(parts: readonly Uint8Array[]): Uint8Array {
  wasm.Hash_Init(BITS);
  for (const part of parts) {
    for (let at = 0; at < part.length; at += CHUNK) {
      const chunk = part.subarray(at, Math.min(part.length, at + CHUNK));
      keccakBuffer.set(chunk);
      wasm.Hash_Update(chunk.length);
    }
  }
  wasm.Hash_Final(KECCAK_PADDING);
  return keccakBuffer.slice(0, 32);
}

/** keccak256 of the empty input. */
export const KECCAK_EMPTY = keccak256(new Uint8Array(0));
