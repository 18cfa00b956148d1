/**
 * Precompile 0x08 ECPAIRING on alt_bn128 (EIP-197, EIP-1108 gas; execution-specs
 * cancun/vm/precompiled_contracts/alt_bn128.py): gas 45000 + 34000 × k for k = len / 192 pairs
 * (G1 point || G2 point each). Returns the 32-byte word 1 when the product of the pairings is 1
 * (pairs with a point at infinity contribute 1; no pairs gives 1), else 0. A length that is not a
 * multiple of 192 or any invalid point fails (all gas consumed).
 */
import { bn254 } from '@noble/curves/bn254.js';
import { readG1, readG2, type G1Point, type G2Point } from './bn254-points.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const BASE_GAS = 45000;
const PAIR_GAS = 34000;
const PAIR_LENGTH = 192;

export function bn254Pairing(input: Uint8Array, gasLimit: number): PrecompileResult {
  const pairCount = Math.floor(input.length / PAIR_LENGTH);
  const gasUsed = BASE_GAS + PAIR_GAS * pairCount;
  if (gasUsed > gasLimit || input.length % PAIR_LENGTH !== 0) return precompileFailure();
  const pairs: { g1: G1Point; g2: G2Point }[] = [];
  for (let offset = 0; offset < input.length; offset += PAIR_LENGTH) {
    const g1 = readG1(input, offset);
    const g2 = readG2(input, offset + 64);
    if (g1 === undefined || g2 === undefined) return precompileFailure();
    if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
  }
  const output = new Uint8Array(32);
  if (pairs.length === 0 || bn254.fields.Fp12.eql(bn254.pairingBatch(pairs), bn254.fields.Fp12.ONE)) output[31] = 1;
  return { ok: true, gasUsed, output };
}
