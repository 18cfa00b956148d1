/**
 * This thread's instance of parevm's generated Keccak-f[1600] WebAssembly module
 * (tools/gen-keccak-f-wasm.mjs): keccak256 of one-block messages (used by keccak.ts) and the two-state
 * SIMD permutation (used by keccak-pair.ts), over one memory that never grows.
 */
import {
  KECCAK_F_INPUT_BYTES, KECCAK_F_INPUT_OFFSET, KECCAK_F_PAIR_BYTES, KECCAK_F_PAIR_OFFSET, KECCAK_F_RATE, KECCAK_F_WASM_BASE64,
} from './keccak-f-wasm.generated.js';

interface KeccakFExports {
  memory: WebAssembly.Memory;
  hashShort(length: number): void;
  permute2(): void;
}

const wasm = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(KECCAK_F_WASM_BASE64, 'base64')), {})
  .exports as unknown as KeccakFExports;

/** keccak256's rate: bytes absorbed per permutation (the generated module pads to it). */
export const KECCAK_RATE = KECCAK_F_RATE;
/** Keccak's padding byte (SHA-3 would be 0x06). */
export const KECCAK_PADDING = 0x01;
/** Longest message one permutation hashes (one rate block, padding included): what `hashShort` takes. */
export const KECCAK_SHORT_MAX_INPUT = KECCAK_RATE - 1;

/** The message buffer: hashShort(length) hashes bytes [0, length) and leaves the digest in bytes 0..32. */
export const keccakFInput = new Uint8Array(wasm.memory.buffer, KECCAK_F_INPUT_OFFSET, KECCAK_F_INPUT_BYTES);

/** The two interleaved states permute2 permutes (lane i of state s at byte 16i + 8s). */
export const keccakFPairState = new Uint8Array(wasm.memory.buffer, KECCAK_F_PAIR_OFFSET, KECCAK_F_PAIR_BYTES);

/** keccak256 of keccakFInput[0, length), length ≤ KECCAK_SHORT_MAX_INPUT (unchecked: callers check). */
export const hashShort: (length: number) => void = wasm.hashShort;

/** Keccak-f[1600] on both states of keccakFPairState. */
export const permute2: () => void = wasm.permute2;
