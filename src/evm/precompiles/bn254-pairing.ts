/**
 * Precompile 0x08 ECPAIRING on alt_bn128 (EIP-197, EIP-1108 gas; execution-specs
 * cancun/vm/precompiled_contracts/alt_bn128.py): gas 45000 + 34000 × k for k = len / 192 pairs
 * (G1 point || G2 point each). Returns the 32-byte word 1 when the product of the pairings is 1
 * (pairs with a point at infinity contribute 1; no pairs gives 1), else 0. A length that is not a
 * multiple of 192 or any invalid point fails (all gas consumed) — a point at infinity does not spare the
 * other point of its pair from validation. The curve arithmetic is mcl's (bn254-mcl.ts).
 */
import { mclPairingIsOne, readMclG1, readMclG2, type MclG1, type MclG2 } from './bn254-mcl.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const BASE_GAS = 45000;
const PAIR_GAS = 34000;
const PAIR_LENGTH = 192;

export function bn254Pairing(input: Uint8Array, gasLimit: number): PrecompileResult {
  const pairCount = Math.floor(input.length / PAIR_LENGTH);
  const gasUsed = BASE_GAS + PAIR_GAS * pairCount;
  if (gasUsed > gasLimit || input.length % PAIR_LENGTH !== 0) return precompileFailure();
  const g1: MclG1[] = [];
  const g2: MclG2[] = [];
  for (let offset = 0; offset < input.length; offset += PAIR_LENGTH) {
    const p = readMclG1(input, offset);
    const q = readMclG2(input, offset + 64);
    if (p === undefined || q === undefined) return precompileFailure();
    if (p !== null && q !== null) { // a pair with a point at infinity contributes 1
      g1.push(p);
      g2.push(q);
    }
  }
  const output = new Uint8Array(32);
  if (mclPairingIsOne(g1, g2)) output[31] = 1;
  return { ok: true, gasUsed, output };
}
