/**
 * The expensive alt_bn128 (BN254) operations — scalar multiplication (ECMUL) and the pairing check
 * (ECPAIRING) — on herumi's mcl, WebAssembly build `mcl-wasm` (curve BN_SNARK1, which is alt_bn128).
 *
 * Why not @noble/curves, which the rest of bn254 uses: on this machine (`node
 * dist/src/evm/precompiles/precompiles.bench.js`) noble takes 1,443 µs per ECMUL and 20.2 ms for a
 * 2-pair pairing — 3.1 ms of each G2 point is its subgroup check — against ~165 µs and ~5 ms here. A
 * mainnet block with one 4-pair zk-proof verification (19932703, tx 142) spent 80 of its 88 ms there.
 *
 * Points enter mcl as strings, which mcl validates as execution-specs alt_bn128.py does: on the curve
 * (G1) or the twist (G2), and G2 points in the order-r subgroup (`verifyOrderG2`). Coordinates ≥ p are
 * rejected before (bn254-points.ts), and all-zero encodings (the point at infinity) never reach mcl. The wasm module is
 * instantiated asynchronously: this module awaits it when first imported (~60 ms, once per thread), in
 * its own mcl instance (mcl-instance.ts).
 */
import { bigIntToBytes } from '../../primitives/hex.js';
import { g1Coordinates, g2Coordinates } from './bn254-points.js';
import { freshMcl, type Mcl } from './mcl-instance.js';

const mcl = await freshMcl((m) => m.BN_SNARK1);
mcl.verifyOrderG2(true);

export type MclG1 = InstanceType<Mcl['G1']>;
export type MclG2 = InstanceType<Mcl['G2']>;

/** The G1 point at input[offset .. offset+64): null for infinity, undefined if invalid (off the curve). */
export function readMclG1(input: Uint8Array, offset: number): MclG1 | null | undefined {
  const xy = g1Coordinates(input, offset);
  if (xy === undefined || xy === null) return xy;
  const point = new mcl.G1();
  try {
    point.setStr(`1 ${xy[0].toString(16)} ${xy[1].toString(16)}`, 16);
  } catch {
    return undefined;
  }
  return point;
}

/**
 * The G2 point at input[offset .. offset+128): null for infinity, undefined if invalid (off the twist or
 * outside the order-r subgroup).
 */
export function readMclG2(input: Uint8Array, offset: number): MclG2 | null | undefined {
  const c = g2Coordinates(input, offset);
  if (c === undefined || c === null) return c;
  const point = new mcl.G2();
  try {
    point.setStr(`1 ${c[0].toString(16)} ${c[1].toString(16)} ${c[2].toString(16)} ${c[3].toString(16)}`, 16);
  } catch {
    return undefined;
  }
  return point;
}

/** scalar × point as x(32) || y(32), 64 zero bytes for infinity; `scalarBytes` big-endian, reduced mod r. */
export function mclMulG1(point: MclG1, scalarBytes: Uint8Array): Uint8Array {
  const scalar = new mcl.Fr();
  scalar.setBigEndianMod(scalarBytes);
  const product = mcl.mul(point, scalar);
  const out = new Uint8Array(64);
  if (product.isZero()) return out;
  product.normalize();
  // getStr(16) of a normalized non-zero point is "1 <x> <y>" in hex without leading zeros.
  const [, x, y] = product.getStr(16).split(' ');
  out.set(bigIntToBytes(BigInt('0x' + x), 32), 0);
  out.set(bigIntToBytes(BigInt('0x' + y), 32), 32);
  return out;
}

/** Whether the product of e(g1[i], g2[i]) is 1 (true for no pairs). */
export function mclPairingIsOne(g1: readonly MclG1[], g2: readonly MclG2[]): boolean {
  if (g1.length === 0) return true;
  let product = mcl.millerLoop(g1[0]!, g2[0]!);
  for (let i = 1; i < g1.length; i++) product = mcl.mul(product, mcl.millerLoop(g1[i]!, g2[i]!));
  return mcl.finalExp(product).isOne();
}
