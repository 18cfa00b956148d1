/**
 * Precompile 0x07 ECMUL on alt_bn128 (EIP-196, EIP-1108 gas; execution-specs
 * cancun/vm/precompiled_contracts/alt_bn128.py): 6000 gas; input a G1 point and a 256-bit scalar
 * (zero-padded to 96 bytes, extra bytes ignored); output scalar × point. G1 has prime order r, so the
 * scalar is reduced mod r. An invalid point fails (all gas consumed).
 */
import { bn254 } from '@noble/curves/bn254.js';
import { sliceZeroPadded } from '../../primitives/bytes.js';
import { bytesToBigInt } from '../../primitives/hex.js';
import { G1, readG1, writeG1 } from './bn254-points.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const GAS = 6000;
const INPUT_LENGTH = 96;
const GROUP_ORDER = bn254.fields.Fr.ORDER;

export function bn254Mul(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit) return precompileFailure();
  const data = input.length >= INPUT_LENGTH ? input : sliceZeroPadded(input, 0, INPUT_LENGTH);
  const point = readG1(data, 0);
  if (point === undefined) return precompileFailure();
  const scalar = bytesToBigInt(data.subarray(64, 96)) % GROUP_ORDER;
  const product = scalar === 0n || point.is0() ? G1.ZERO : point.multiplyUnsafe(scalar);
  return { ok: true, gasUsed: GAS, output: writeG1(product) };
}
