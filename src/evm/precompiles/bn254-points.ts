/**
 * Reading and writing alt_bn128 (BN254) points in the EIP-196/197 encoding, validated as
 * execution-specs cancun/vm/precompiled_contracts/alt_bn128.py does: every coordinate < p, the point
 * on its curve, G2 points in the order-r subgroup; all-zero coordinates mean the point at infinity.
 * Backed by @noble/curves' bn254 (ECADD; ECMUL and ECPAIRING use mcl, bn254-mcl.ts). Readers return
 * undefined for invalid points (the caller fails).
 *
 * G1: x(32) || y(32). G2: x_imag(32) || x_real(32) || y_imag(32) || y_real(32).
 */
import { bn254 } from '@noble/curves/bn254.js';
import { bigIntToBytes, bytesToBigInt } from '../../primitives/hex.js';

export const G1 = bn254.G1.Point;
export const G2 = bn254.G2.Point;
export type G1Point = InstanceType<typeof G1>;
export type G2Point = InstanceType<typeof G2>;

/** p, the base field's modulus: encoded coordinates must be below it. */
export const FIELD_MODULUS = bn254.fields.Fp.ORDER;
const Fp2 = bn254.fields.Fp2;

/** The big-endian 32-byte coordinate at input[offset .. offset+32). */
export function coordinate(input: Uint8Array, offset: number): bigint {
  return bytesToBigInt(input.subarray(offset, offset + 32));
}

/** The G1 point at input[offset .. offset+64), or undefined if invalid. */
export function readG1(input: Uint8Array, offset: number): G1Point | undefined {
  const x = coordinate(input, offset), y = coordinate(input, offset + 32);
  if (x >= FIELD_MODULUS || y >= FIELD_MODULUS) return undefined;
  if (x === 0n && y === 0n) return G1.ZERO;
  try {
    const point = G1.fromAffine({ x, y });
    point.assertValidity(); // on the curve (G1 has cofactor 1)
    return point;
  } catch {
    return undefined;
  }
}

/** The G2 point at input[offset .. offset+128), or undefined if invalid (incl. not in the subgroup). */
export function readG2(input: Uint8Array, offset: number): G2Point | undefined {
  const xImag = coordinate(input, offset), xReal = coordinate(input, offset + 32);
  const yImag = coordinate(input, offset + 64), yReal = coordinate(input, offset + 96);
  if (xImag >= FIELD_MODULUS || xReal >= FIELD_MODULUS || yImag >= FIELD_MODULUS || yReal >= FIELD_MODULUS) return undefined;
  if (xImag === 0n && xReal === 0n && yImag === 0n && yReal === 0n) return G2.ZERO;
  try {
    const point = G2.fromAffine({ x: Fp2.fromBigTuple([xReal, xImag]), y: Fp2.fromBigTuple([yReal, yImag]) });
    point.assertValidity(); // on the twist and in the order-r subgroup
    return point;
  } catch {
    return undefined;
  }
}

/** x(32) || y(32) of a G1 point; 64 zero bytes for the point at infinity. */
export function writeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  out.set(bigIntToBytes(x, 32), 0);
  out.set(bigIntToBytes(y, 32), 32);
  return out;
}
