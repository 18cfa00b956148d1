import { bn254 } from '@noble/curves/bn254.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concatBytes } from '../../primitives/bytes.js';
import { bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { bn254Add } from './bn254-add.js';
import { bn254Mul } from './bn254-mul.js';
import { bn254Pairing } from './bn254-pairing.js';
import { readMclG2 } from './bn254-mcl.js';
import { G1, G2, writeG1, type G2Point } from './bn254-points.js';
import { assertSameAsReference, SeededRandom, word } from './ethereumjs-reference.js';

const P = bn254.fields.Fp.ORDER;
const R = bn254.fields.Fr.ORDER;
const Fp2 = bn254.fields.Fp2;
const random = new SeededRandom(0xb254);

function scalar(): bigint {
  return (random.bigint(32) % (R - 1n)) + 1n;
}
function writeG2(q: G2Point): Uint8Array {
  if (q.is0()) return new Uint8Array(128);
  const { x, y } = q.toAffine();
  return concatBytes(word(x.c1), word(x.c0), word(y.c1), word(y.c0));
}
/** A point on the twist y² = x³ + b' that is (with overwhelming probability) outside the order-r subgroup. */
function twistPointOutsideSubgroup(): G2Point {
  const b = G2.CURVE().b;
  for (;;) {
    const x = Fp2.fromBigTuple([random.bigint(32) % P, random.bigint(32) % P]);
    const y2 = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
    let y;
    try { y = Fp2.sqrt(y2); } catch { continue; }
    const q = G2.fromAffine({ x, y });
    if (!q.isTorsionFree()) return q;
  }
}
const notOnCurve = concatBytes(word(1), word(3));
const g1 = () => writeG1(G1.BASE.multiply(scalar()));

// go-ethereum core/vm/testdata/precompiles/bn256Pairing.json "jeff1" (true) and "jeff6" (false).
const JEFF1 = '1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
const JEFF6 = JEFF1.replace('2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411', '103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936');

test('bn254 known answers', () => {
  const two = bn254Add(concatBytes(word(1), word(2), word(1), word(2)), 150);
  assert.equal(bytesToHex(two.output), '0x030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4');
  assert.equal(bn254Add(new Uint8Array(0), 149).ok, false);
  assert.deepEqual(bn254Mul(concatBytes(word(1), word(2), word(2)), 6000).output, two.output);
  assert.deepEqual(bn254Pairing(hexToBytes(JEFF1), 113000), { ok: true, gasUsed: 113000, output: word(1) });
  assert.deepEqual(bn254Pairing(hexToBytes(JEFF6), 113000), { ok: true, gasUsed: 113000, output: word(0) });
  assert.equal(bn254Pairing(hexToBytes(JEFF1), 112999).ok, false);
  assert.deepEqual(bn254Pairing(new Uint8Array(0), 45000), { ok: true, gasUsed: 45000, output: word(1) });
});

test('bn254 G2 subgroup check rejects twist points outside the subgroup', () => {
  const q = twistPointOutsideSubgroup();
  assert.equal(readMclG2(writeG2(q), 0), undefined);
  const input = concatBytes(writeG1(G1.BASE), writeG2(q));
  assert.equal(bn254Pairing(input, 1e6).ok, false);
  assert.notEqual(readMclG2(writeG2(G2.BASE.multiply(scalar())), 0), undefined);
});

test('bn254 add matches @ethereumjs/evm', async () => {
  const a = G1.BASE.multiply(scalar());
  const cases: Uint8Array[] = [
    new Uint8Array(0), g1(), concatBytes(g1(), g1()), concatBytes(g1(), g1(), random.bytes(50)),
    concatBytes(writeG1(a), writeG1(a)), concatBytes(writeG1(a), writeG1(a.negate())),
    concatBytes(writeG1(a), new Uint8Array(64)), concatBytes(new Uint8Array(64), writeG1(a)),
    concatBytes(notOnCurve, g1()), concatBytes(g1(), notOnCurve),
    concatBytes(word(P), word(0), g1()), concatBytes(word(1), word(2), word(1), word(P + 2n)),
    concatBytes(word(0), word(1), g1()), // (0, 1) is not on the curve and not infinity
    g1().subarray(0, 40), random.bytes(128),
  ];
  for (const data of cases) {
    for (const gas of [150, 149, 1000]) await assertSameAsReference(6, bn254Add, data, gas);
  }
});

test('bn254 mul matches @ethereumjs/evm', async () => {
  const scalars = [0n, 1n, 2n, R - 1n, R, R + 1n, 2n * R, (1n << 256n) - 1n, scalar(), scalar()];
  for (const k of scalars) {
    for (const point of [g1(), new Uint8Array(64), writeG1(G1.BASE)]) {
      await assertSameAsReference(7, bn254Mul, concatBytes(point, word(k)), 6000);
    }
  }
  const cases: Uint8Array[] = [
    new Uint8Array(0), g1(), concatBytes(g1(), word(scalar())).subarray(0, 80), concatBytes(g1(), word(scalar()), random.bytes(7)),
    concatBytes(notOnCurve, word(5)), concatBytes(word(P), word(2), word(1)), random.bytes(96),
  ];
  for (const data of cases) {
    for (const gas of [6000, 5999]) await assertSameAsReference(7, bn254Mul, data, gas);
  }
});

test('bn254 pairing matches @ethereumjs/evm', async () => {
  const a = scalar(), b = scalar();
  const pa = G1.BASE.multiply(a), qb = G2.BASE.multiply(b);
  const ab = G1.BASE.multiply((a * b) % R);
  const balanced = concatBytes(writeG1(pa), writeG2(qb), writeG1(ab.negate()), writeG2(G2.BASE));
  const unbalanced = concatBytes(writeG1(pa), writeG2(qb), writeG1(ab), writeG2(G2.BASE));
  const q = writeG2(G2.BASE.multiply(scalar()));
  const cases: Uint8Array[] = [
    new Uint8Array(0), balanced, unbalanced,
    concatBytes(balanced, new Uint8Array(64), q), // infinity G1 contributes 1
    concatBytes(balanced, g1(), new Uint8Array(128)), // infinity G2 contributes 1
    concatBytes(new Uint8Array(192)),
    balanced.subarray(0, 191), concatBytes(balanced, new Uint8Array(1)),
    concatBytes(notOnCurve, q), concatBytes(g1(), word(P), q.subarray(32)),
    concatBytes(g1(), q.subarray(0, 96), word(P)),
    concatBytes(g1(), q.subarray(0, 127), new Uint8Array([q[127]! ^ 1])), // G2 not on the twist
    concatBytes(g1(), writeG2(twistPointOutsideSubgroup())),
    concatBytes(new Uint8Array(64), writeG2(twistPointOutsideSubgroup())), // invalid even next to infinity
    concatBytes(notOnCurve, new Uint8Array(128)), concatBytes(word(P), word(0), new Uint8Array(128)),
  ];
  for (const data of cases) {
    const k = Math.floor(data.length / 192);
    for (const gas of [45000 + 34000 * k, 45000 + 34000 * k - 1]) await assertSameAsReference(8, bn254Pairing, data, gas);
  }
});
