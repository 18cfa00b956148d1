/**
 * Precompile 0x03 RIPEMD160 (execution-specs cancun/vm/precompiled_contracts/ripemd160.py):
 * gas 600 + 120 per 32-byte word of input, output the 20-byte digest left-padded to 32 bytes.
 *
 * hash-wasm (one WASM instance per thread) measured 0.85 µs vs 3.3 µs for @noble/hashes on 64 bytes.
 */
import hashWasm from 'hash-wasm';
import { precompileFailure, precompileSuccess, type PrecompileResult } from './precompile.js';

const BASE_GAS = 600;
const WORD_GAS = 120;

const hasher = await hashWasm.createRIPEMD160();

export function ripemd160(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gasUsed = BASE_GAS + WORD_GAS * Math.ceil(input.length / 32);
  if (gasUsed > gasLimit) return precompileFailure();
  hasher.init();
  hasher.update(input);
  const output = new Uint8Array(32);
  output.set(hasher.digest('binary'), 12);
  return precompileSuccess(gasUsed, gasLimit, output);
}
