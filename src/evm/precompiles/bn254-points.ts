/**
 * Reading and writing alt_bn128 (BN254) points in the EIP-196/197 encoding, validated as
 * execution-specs cancun/vm/precompiled_contracts/alt_bn128.py does: every coordinate < p, the point
 * on its curve, G2 points in the order-r subgroup; all-zero coordinates mean the point at infinity.
 * The encoding checks (coordinates < p, all zeros = infinity) are shared with bn254-mcl.ts (ECMUL and
 * ECPAIRING); the curve check here is @noble/curves' (ECADD). Readers return undefined for invalid
 * points (the caller fails).
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
const FIELD_MODULUS = bn254.fields.Fp.ORDER;

function coordinate(input: Uint8Array, offset: number): bigint {
  return bytesToBigInt(input.subarray(offset, offset + 32));
}

/**
 * The coordinates [x, y] of the G1 encoding at input[offset .. offset+64): null for the point at
 * infinity (all zeros), undefined if a coordinate is ≥ p. Whether the point is on the curve is the
 * caller's check.
 */
export function g1Coordinates(input: Uint8Array, offset: number): readonly [bigint, bigint] | null | undefined {
  const x = coordinate(input, offset), y = coordinate(input, offset + 32);
  if (x >= FIELD_MODULUS || y >= FIELD_MODULUS) return undefined;
  return x === 0n && y === 0n ? null : [x, y];
}

/**
 * The coordinates [xReal, xImag, yReal, yImag] of the G2 encoding at input[offset .. offset+128) (which
 * puts each imaginary part first): null for infinity, undefined if one is ≥ p, as g1Coordinates.
 */
export function g2Coordinates(input: Uint8Array, offset: number): readonly [bigint, bigint, bigint, bigint] | null | undefined {
  const xImag = coordinate(input, offset), xReal = coordinate(input, offset + 32);
  const yImag = coordinate(input, offset + 64), yReal = coordinate(input, offset + 96);
  if (xImag >= FIELD_MODULUS || xReal >= FIELD_MODULUS || yImag >= FIELD_MODULUS || yReal >= FIELD_MODULUS) return undefined;
  return xImag === 0n && xReal === 0n && yImag === 0n && yReal === 0n ? null : [xReal, xImag, yReal, yImag];
}

/** The G1 point at input[offset .. offset+64), or undefined if invalid. */
export function readG1(input: Uint8Array, offset: number): G1Point | undefined {
  const xy = g1Coordinates(input, offset);
  if (xy === undefined) return undefined;
  if (xy === null) return G1.ZERO;
  try {
    const point = G1.fromAffine({ x: xy[0], y: xy[1] });
    point.assertValidity(); // on the curve (G1 has cofactor 1)
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
