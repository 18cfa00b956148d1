/**
 * Test support: fast-check arbitraries of inputs for the Cancun precompiles 0x01..0x0a that are often
 * well-formed (valid signatures, curve points, modexp headers, BLAKE2 rounds, a valid KZG opening) and
 * otherwise slightly broken (truncated, tampered, out of range), so generated calls reach both the
 * success and the failure paths of each precompile.
 */
import { bn254 } from '@noble/curves/bn254.js';
import fc from 'fast-check';
import { bigIntToBytes, hexToBytes } from '../primitives/hex.js';
import { concatBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { ecdsaSign } from '../tx/secp256k1.js';

const word = (v: bigint | number): Uint8Array => bigIntToBytes(BigInt(v) & ((1n << 256n) - 1n), 32);

/** Valid ecrecover inputs: hash || v || r || s. */
const ECRECOVER_VALID: Uint8Array[] = [1, 2, 3].map((i) => {
  const hash = keccak256(Uint8Array.of(i));
  const key = new Uint8Array(32);
  key[31] = 0x40 + i;
  const { signature, recid } = ecdsaSign(hash, key);
  return concatBytes(hash, word(27 + recid), signature.subarray(0, 32), signature.subarray(32));
});

const FIELD = bn254.fields.Fp.ORDER;
const g1 = (p: InstanceType<typeof bn254.G1.Point>): Uint8Array => {
  if (p.is0()) return new Uint8Array(64);
  const { x, y } = p.toAffine();
  return concatBytes(word(x), word(y));
};
const g2 = (p: InstanceType<typeof bn254.G2.Point>): Uint8Array => {
  if (p.is0()) return new Uint8Array(128);
  const { x, y } = p.toAffine();
  return concatBytes(word(x.c1), word(x.c0), word(y.c1), word(y.c0));
};
const G1_POINTS: Uint8Array[] = [
  g1(bn254.G1.Point.BASE),
  g1(bn254.G1.Point.BASE.negate()),
  g1(bn254.G1.Point.BASE.multiply(5n)),
  new Uint8Array(64),
  concatBytes(word(1), word(3)), // not on the curve
  concatBytes(word(FIELD), word(2)), // coordinate out of range
];
const G2_POINTS: Uint8Array[] = [g2(bn254.G2.Point.BASE), g2(bn254.G2.Point.BASE.multiply(5n)), new Uint8Array(128), concatBytes(word(1), word(2), word(3), word(4))];

/** A valid point evaluation input (go-ethereum's test vector). */
const KZG_VALID = hexToBytes(
  '0x01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a',
);

const bytes = (max: number): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });

/** Flip one byte or cut the input short. */
function tampered(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(valid, fc.nat(255), fc.integer({ min: 1, max: 255 }), fc.boolean()).map(([v, at, x, cut]) => {
    if (v.length === 0) return v;
    if (cut) return v.subarray(0, at % v.length);
    const t = v.slice();
    t[at % t.length]! ^= x;
    return t;
  });
}

const ecrecover = fc.oneof(
  { arbitrary: fc.constantFrom(...ECRECOVER_VALID), weight: 3 },
  { arbitrary: tampered(fc.constantFrom(...ECRECOVER_VALID)), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...ECRECOVER_VALID), fc.constantFrom(0n, 26n, 29n, 1n << 255n)).map(([v, bad]) => concatBytes(v.subarray(0, 32), word(bad), v.subarray(64))), weight: 1 },
  { arbitrary: bytes(140), weight: 1 },
);

const modexpLength = fc.oneof({ arbitrary: fc.nat(40), weight: 8 }, { arbitrary: fc.constantFrom(64, 100, 1n << 32n, 1n << 255n), weight: 1 });
const modexp = fc
  .record({ b: modexpLength, e: modexpLength, m: modexpLength, payload: bytes(120) })
  .map((r) => concatBytes(word(r.b), word(r.e), word(r.m), r.payload));

const g1Point = fc.constantFrom(...G1_POINTS);
const g2Point = fc.constantFrom(...G2_POINTS);
const scalar = fc.oneof(fc.constantFrom(0n, 1n, 2n, bn254.fields.Fr.ORDER - 1n, (1n << 256n) - 1n), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }));
const bnAdd = fc.oneof({ arbitrary: fc.tuple(g1Point, g1Point).map(([a, b]) => concatBytes(a, b)), weight: 4 }, { arbitrary: tampered(fc.tuple(g1Point, g1Point).map(([a, b]) => concatBytes(a, b))), weight: 1 });
const bnMul = fc.oneof({ arbitrary: fc.tuple(g1Point, scalar).map(([p, s]) => concatBytes(p, word(s))), weight: 4 }, { arbitrary: bytes(100), weight: 1 });
const pairing = fc.oneof(
  { arbitrary: fc.array(fc.tuple(g1Point, g2Point), { maxLength: 2 }).map((pairs) => concatBytes(...pairs.flatMap(([a, b]) => [a, b]))), weight: 4 },
  // e(P, Q) * e(-P, Q) == 1: a pairing check that succeeds with output 1.
  { arbitrary: fc.constant(concatBytes(G1_POINTS[0]!, G2_POINTS[0]!, G1_POINTS[1]!, G2_POINTS[0]!)), weight: 1 },
  { arbitrary: bytes(200), weight: 1 },
);
const blake2f = fc
  .record({
    rounds: fc.oneof({ arbitrary: fc.nat(24), weight: 6 }, { arbitrary: fc.constantFrom(0xffffffff, 100_000), weight: 1 }),
    body: fc.uint8Array({ minLength: 208, maxLength: 208 }),
    final: fc.constantFrom(0, 1, 1, 2),
    lengthDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.constantFrom(-1, 1), weight: 1 }),
  })
  .map((r) => {
    const out = concatBytes(bigIntToBytes(BigInt(r.rounds), 4), r.body, Uint8Array.of(r.final));
    return r.lengthDelta < 0 ? out.subarray(0, 212) : r.lengthDelta > 0 ? concatBytes(out, Uint8Array.of(0)) : out;
  });
const pointEvaluation = fc.oneof({ arbitrary: fc.constant(KZG_VALID), weight: 3 }, { arbitrary: tampered(fc.constant(KZG_VALID)), weight: 2 }, { arbitrary: bytes(200), weight: 1 });

/** Inputs for precompile `n` (1..10). */
export function precompileInputArbitrary(n: number): fc.Arbitrary<Uint8Array> {
  switch (n) {
    case 1:
      return ecrecover;
    case 5:
      return modexp;
    case 6:
      return bnAdd;
    case 7:
      return bnMul;
    case 8:
      return pairing;
    case 9:
      return blake2f;
    case 10:
      return pointEvaluation;
    default:
      return bytes(100);
  }
}

/** A precompile number with an input for it. */
export const precompileWithInputArbitrary: fc.Arbitrary<{ address: number; input: Uint8Array }> = fc
  .integer({ min: 1, max: 10 })
  .chain((address) => precompileInputArbitrary(address).map((input) => ({ address, input })));
