/**
 * Precompile 0x09 BLAKE2F (EIP-152; execution-specs cancun/vm/precompiled_contracts/blake2f.py): the
 * BLAKE2b compression function F with a caller-chosen number of rounds.
 *
 * Input is exactly 213 bytes: rounds (u32 big-endian) || h (8 × u64 LE) || m (16 × u64 LE) ||
 * t (2 × u64 LE) || f (1 byte, 0 or 1). Gas = rounds. Wrong length or flag => failure.
 *
 * F runs in WebAssembly (tools/gen-blake2f-wasm.mjs) because it needs 64-bit adds and rotations. In one
 * run on this machine (1M rounds, bench/blake2f.bench.ts), the previous JavaScript F (32 int32 locals as
 * lo/hi pairs, rounds spelled out) took 0.131 µs/round and this one 0.027 µs/round: 4.9x. It matters for
 * the GeneralStateTest CALLBlake2f_MaxRounds (2^32 - 1 rounds), which took 671 s with the JavaScript F.
 */
import { BLAKE2F_H_OFFSET, BLAKE2F_M_OFFSET, BLAKE2F_T_OFFSET, BLAKE2F_WASM_BASE64 } from './blake2f-wasm.generated.js';
import { precompileFailure, precompileSuccess, type PrecompileResult } from './precompile.js';

const INPUT_LENGTH = 213;

const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(BLAKE2F_WASM_BASE64, 'base64')), {});
const init = instance.exports['init'] as (final: number) => void;
const runRounds = instance.exports['rounds'] as (rounds: number, sigmaRow: number) => void;
const finish = instance.exports['finish'] as () => void;
/**
 * Rounds per WASM call. V8 cannot replace a running WASM frame with optimized code, so a single call with
 * 2^32 rounds would run entirely in baseline code; chunks let the optimizing tier take over after a few.
 */
const CHUNK = 1 << 16;
const memory = new Uint8Array((instance.exports['memory'] as WebAssembly.Memory).buffer);

/**
 * F with `rounds` rounds over the state h (64 bytes), message m (128 bytes) and counter t (16 bytes), all
 * little-endian as in the precompile input; returns the new h (64 bytes).
 */
export function blake2bCompress(rounds: number, h: Uint8Array, m: Uint8Array, t: Uint8Array, final: boolean): Uint8Array {
  memory.set(h, BLAKE2F_H_OFFSET);
  memory.set(m, BLAKE2F_M_OFFSET);
  memory.set(t, BLAKE2F_T_OFFSET);
  init(final ? 1 : 0);
  let row = 0;
  for (let left = rounds >>> 0; left > 0; ) {
    const n = Math.min(left, CHUNK);
    runRounds(n, row);
    row = (row + n) % 10;
    left -= n;
  }
  finish();
  return memory.slice(BLAKE2F_H_OFFSET, BLAKE2F_H_OFFSET + 64);
}

export function blake2f(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (input.length !== INPUT_LENGTH) return precompileFailure();
  const rounds = ((input[0]! << 24) | (input[1]! << 16) | (input[2]! << 8) | input[3]!) >>> 0;
  const flag = input[212]!;
  if (rounds > gasLimit || flag > 1) return precompileFailure();
  const output = blake2bCompress(rounds, input.subarray(4, 68), input.subarray(68, 196), input.subarray(196, 212), flag === 1);
  return precompileSuccess(rounds, gasLimit, output);
}
