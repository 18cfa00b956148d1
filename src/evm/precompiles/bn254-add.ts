/**
 * Precompile 0x06 ECADD on alt_bn128 (EIP-196, EIP-1108 gas; execution-specs
 * cancun/vm/precompiled_contracts/alt_bn128.py): 150 gas; input two G1 points (zero-padded to 128
 * bytes, extra bytes ignored); output their sum. An invalid point fails (all gas consumed).
 */
import { sliceZeroPadded } from '../../primitives/bytes.js';
import { readG1, writeG1 } from './bn254-points.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const GAS = 150;
const INPUT_LENGTH = 128;

export function bn254Add(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit) return precompileFailure();
  const data = input.length >= INPUT_LENGTH ? input : sliceZeroPadded(input, 0, INPUT_LENGTH);
  const a = readG1(data, 0);
  const b = readG1(data, 64);
  if (a === undefined || b === undefined) return precompileFailure();
  return { ok: true, gasUsed: GAS, output: writeG1(a.add(b)) };
}
