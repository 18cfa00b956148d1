/**
 * Precompile 0x07 ECMUL on alt_bn128 (EIP-196, EIP-1108 gas; execution-specs
 * cancun/vm/precompiled_contracts/alt_bn128.py): 6000 gas; input a G1 point and a 256-bit scalar
 * (zero-padded to 96 bytes, extra bytes ignored); output scalar × point. G1 has prime order r, so the
 * scalar is reduced mod r. An invalid point fails (all gas consumed). The curve arithmetic is mcl's
 * (bn254-mcl.ts: ~165 µs per call against 1,443 µs with @noble/curves).
 */
import { sliceZeroPadded } from '../../primitives/bytes.js';
import { mclMulG1, readMclG1 } from './bn254-mcl.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const GAS = 6000;
const INPUT_LENGTH = 96;

export function bn254Mul(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit) return precompileFailure();
  const data = input.length >= INPUT_LENGTH ? input : sliceZeroPadded(input, 0, INPUT_LENGTH);
  const point = readMclG1(data, 0);
  if (point === undefined) return precompileFailure();
  if (point === null) return { ok: true, gasUsed: GAS, output: new Uint8Array(64) }; // k × infinity
  return { ok: true, gasUsed: GAS, output: mclMulG1(point, data.subarray(64, 96)) };
}
