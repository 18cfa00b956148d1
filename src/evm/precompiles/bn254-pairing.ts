/**
 * Precompile 0x08 ECPAIRING on alt_bn128 (EIP-197, EIP-1108 gas; execution-specs
 * cancun/vm/precompiled_contracts/alt_bn128.py): gas 45000 + 34000 × k for k = len / 192 pairs
 * (G1 point || G2 point each). Returns the 32-byte word 1 when the product of the pairings is 1
 * (pairs with a point at infinity contribute 1; no pairs gives 1), else 0. A length that is not a
 * multiple of 192 or any invalid point fails (all gas consumed) — a point at infinity does not spare the
 * other point of its pair from validation. The curve arithmetic is mcl's (bn254-mcl.ts).
 */
import { mclG1, mclG2, mclPairingIsOne, type MclG1, type MclG2 } from './bn254-mcl.js';
import { coordinate, FIELD_MODULUS } from './bn254-points.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const BASE_GAS = 45000;
const PAIR_GAS = 34000;
const PAIR_LENGTH = 192;

/** Marks a valid point at infinity (as opposed to undefined, an invalid point). */
const INFINITY = null;

function readPairG1(input: Uint8Array, offset: number): MclG1 | typeof INFINITY | undefined {
  const x = coordinate(input, offset), y = coordinate(input, offset + 32);
  if (x >= FIELD_MODULUS || y >= FIELD_MODULUS) return undefined;
  if (x === 0n && y === 0n) return INFINITY;
  return mclG1(x, y);
}

/** G2 encoding: x_imag(32) || x_real(32) || y_imag(32) || y_real(32). */
function readPairG2(input: Uint8Array, offset: number): MclG2 | typeof INFINITY | undefined {
  const xImag = coordinate(input, offset), xReal = coordinate(input, offset + 32);
  const yImag = coordinate(input, offset + 64), yReal = coordinate(input, offset + 96);
  if (xImag >= FIELD_MODULUS || xReal >= FIELD_MODULUS || yImag >= FIELD_MODULUS || yReal >= FIELD_MODULUS) return undefined;
  if (xImag === 0n && xReal === 0n && yImag === 0n && yReal === 0n) return INFINITY;
  return mclG2(xReal, xImag, yReal, yImag);
}

export function bn254Pairing(input: Uint8Array, gasLimit: number): PrecompileResult {
  const pairCount = Math.floor(input.length / PAIR_LENGTH);
  const gasUsed = BASE_GAS + PAIR_GAS * pairCount;
  if (gasUsed > gasLimit || input.length % PAIR_LENGTH !== 0) return precompileFailure();
  const g1: MclG1[] = [];
  const g2: MclG2[] = [];
  for (let offset = 0; offset < input.length; offset += PAIR_LENGTH) {
    const p = readPairG1(input, offset);
    const q = readPairG2(input, offset + 64);
    if (p === undefined || q === undefined) return precompileFailure();
    if (p !== INFINITY && q !== INFINITY) {
      g1.push(p);
      g2.push(q);
    }
  }
  const output = new Uint8Array(32);
  if (mclPairingIsOne(g1, g2)) output[31] = 1;
  return { ok: true, gasUsed, output };
}
