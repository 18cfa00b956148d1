/**
 * keccak256: the one implementation used everywhere (mapping slots, KECCAK256, trie, tx hashes, blooms).
 *
 * Messages of up to 135 bytes (one rate block: mapping slots, bloom items, addresses, most RLP leaves)
 * go through parevm's generated Keccak-f[1600] (keccak-f.ts), longer ones through hash-wasm's
 * WebAssembly Keccak (embedded by tools/gen-keccak-wasm.mjs), both called directly. Measured on this
 * machine, 64-byte message (node dist/bench/keccak.bench.js): @noble/hashes 5.3 µs, js-sha3 3.2 µs,
 * hash-wasm's own wrapper 0.78 µs, hash-wasm's module called directly 0.62 µs, the generated one 0.49 µs.
 * Hot callers that want limbs or a few bits of the digest write into `keccakBuffer` and read the digest
 * from it (`keccakInPlace`), without allocating. Each thread gets its own instances.
 */
import { KECCAK_WASM_BASE64 } from './keccak-wasm.generated.js';
import { hashShort, KECCAK_PADDING, KECCAK_SHORT_MAX_INPUT, keccakFInput } from './keccak-f.js';

export { KECCAK_SHORT_MAX_INPUT };

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

/** hash-wasm's input/output buffer (messages longer than KECCAK_SHORT_MAX_INPUT are copied here). */
const longBuffer = new Uint8Array(wasm.memory.buffer, wasm.Hash_GetBuffer(), CHUNK);

/**
 * The message buffer. Write up to `KECCAK_CHUNK` bytes of input at offset 0, call
 * `keccakInPlace(length)`, and the digest is in bytes 0..32. Any keccak call overwrites it.
 */
export const keccakBuffer = keccakFInput.subarray(0, CHUNK);
export const KECCAK_CHUNK = CHUNK;

/** Hashes the first `length` (≤ KECCAK_CHUNK) bytes of keccakBuffer; the digest replaces bytes 0..32. */
export function keccakInPlace(length: number): void {
  if (length <= KECCAK_SHORT_MAX_INPUT) {
    hashShort(length);
    return;
  }
  longBuffer.set(keccakBuffer.subarray(0, length));
  wasm.Hash_Calculate(length, BITS, KECCAK_PADDING);
  keccakBuffer.set(longBuffer.subarray(0, 32));
}

/** keccak256 of `data` as a new 32-byte array. */
export function keccak256(data: Uint8Array): Uint8Array {
  if (data.length <= KECCAK_SHORT_MAX_INPUT) {
    keccakBuffer.set(data);
    hashShort(data.length);
    return keccakBuffer.slice(0, 32);
  }
  if (data.length <= CHUNK) {
    longBuffer.set(data);
    wasm.Hash_Calculate(data.length, BITS, KECCAK_PADDING);
    return longBuffer.slice(0, 32);
  }
  return keccak256Concat([data]);
}

/** keccak256 of the concatenation of `parts`, without building the concatenation. */
export function keccak256Concat(parts: readonly Uint8Array[]): Uint8Array {
  wasm.Hash_Init(BITS);
  for (const part of parts) {
    for (let at = 0; at < part.length; at += CHUNK) {
      const chunk = part.subarray(at, Math.min(part.length, at + CHUNK));
      longBuffer.set(chunk);
      wasm.Hash_Update(chunk.length);
    }
  }
  wasm.Hash_Final(KECCAK_PADDING);
  return longBuffer.slice(0, 32);
}

/** keccak256 of the empty input. */
export const KECCAK_EMPTY = keccak256(new Uint8Array(0));
