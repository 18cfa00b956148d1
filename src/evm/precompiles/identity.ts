/**
 * Precompile 0x04 IDENTITY (execution-specs cancun/vm/precompiled_contracts/identity.py):
 * gas 15 + 3 per 32-byte word of input, output a copy of the input.
 */
import { precompileFailure, precompileSuccess, type PrecompileResult } from './precompile.js';

const BASE_GAS = 15;
const WORD_GAS = 3;

export function identity(input: Uint8Array, gasLimit: number): PrecompileResult {
  const gasUsed = BASE_GAS + WORD_GAS * Math.ceil(input.length / 32);
  if (gasUsed > gasLimit) return precompileFailure();
  return precompileSuccess(gasUsed, gasLimit, input.slice());
}
