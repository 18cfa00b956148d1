/**
 * Property tests for src/evm/u256.ts: every operation against a plain bigint model of the EVM semantics
 * (execution-specs, Cancun), on words biased to edge values, with the result written to a fresh slot and
 * over each operand (aliasing). Also checks that no other stack slot is touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as u from './u256.js';
import { InvalidInputError } from '../primitives/errors.js';

const M = 1n << 256n;
const MASK = M - 1n;
const signed = (x: bigint): bigint => BigInt.asIntN(256, x);
const wrap = (x: bigint): bigint => BigInt.asUintN(256, x);
const RUNS = 1500;

// ---------------------------------------------------------------------------------------------------------
// Generators

const pow2 = (k: number): bigint => 1n << BigInt(k);
const EDGES: bigint[] = [0n, 1n, 2n, 3n, 7n, 10n, 31n, 32n, 255n, 256n, 0xffn, 0x7fn, 0x80n];
for (const k of [16, 21, 31, 32, 33, 48, 52, 53, 54, 63, 64, 65, 96, 127, 128, 129, 159, 160, 192, 224, 254, 255]) {
  EDGES.push(pow2(k) - 1n, pow2(k), pow2(k) + 1n);
}
EDGES.push(MASK, MASK - 1n, pow2(255) - 1n, wrap(-2n), wrap(-10n), 10n ** 18n, 10n ** 36n, 10n ** 77n);

const edge = fc.constantFrom(...EDGES);
const powerOfTwoish = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: -1, max: 1 }))
  .map(([k, d]) => wrap(pow2(k) + BigInt(d)));
const limbChoice = fc.oneof(fc.constant(0), fc.constant(0xffffffff), fc.constant(0x80000000), fc.integer({ min: 0, max: 0xffffffff }));
const randomLimbs = fc.array(limbChoice, { minLength: 8, maxLength: 8 })
  .map((limbs) => limbs.reduceRight((acc, l) => (acc << 32n) | BigInt(l), 0n));
const ofBitLength = fc.integer({ min: 0, max: 256 }).chain((bits) => fc.bigInt(0n, pow2(bits) - 1n));
const smallNegative = fc.bigInt(1n, pow2(64)).map((x) => M - x);

/** A 256-bit word, biased to edge values, small values, powers of two and sparse limbs. */
const word: fc.Arbitrary<bigint> = fc.oneof(
  { arbitrary: edge, weight: 3 },
  { arbitrary: fc.bigInt(0n, pow2(32)), weight: 2 },
  { arbitrary: fc.bigInt(0n, pow2(53) + 2n), weight: 1 },
  { arbitrary: powerOfTwoish, weight: 2 },
  { arbitrary: randomLimbs, weight: 2 },
  { arbitrary: ofBitLength, weight: 3 },
  { arbitrary: fc.bigInt(0n, MASK), weight: 1 },
  { arbitrary: smallNegative, weight: 1 },
);
/** Shift amounts and byte indexes: mostly in range, sometimes past it. */
const index = fc.oneof(fc.integer({ min: 0, max: 300 }).map(BigInt), word);

// ---------------------------------------------------------------------------------------------------------
// Harness: operands in slots 0..2 of a 5-word stack, result in slot 4 or over an operand.

const SLOTS = 5;
const FRESH = 4;

function load(values: bigint[]): Uint32Array {
  const s = new Uint32Array(SLOTS * 8);
  values.forEach((v, i) => u.fromBigInt(s, i * 8, v));
  // Garbage in the unused slots and the result slot, to catch missing writes.
  for (let i = values.length * 8; i < s.length; i++) s[i] = (i * 0x9e3779b9) >>> 0;
  return s;
}

/** Runs `op` with the result in a fresh slot and over each operand; checks the result and the other slots. */
function checkOp(values: bigint[], op: (s: Uint32Array, offsets: number[], r: number) => void, expected: bigint): void {
  const targets = [FRESH, ...values.map((_, i) => i)];
  for (const target of targets) {
    const s = load(values);
    const before = s.slice();
    op(s, values.map((_, i) => i * 8), target * 8);
    assert.equal(u.toBigInt(s, target * 8), expected, `result in slot ${target} for operands ${values.map((v) => '0x' + v.toString(16)).join(', ')}`);
    for (let slot = 0; slot < SLOTS; slot++) {
      if (slot === target) continue;
      assert.deepEqual(s.subarray(slot * 8, slot * 8 + 8), before.subarray(slot * 8, slot * 8 + 8), `slot ${slot} clobbered`);
    }
  }
}

type Binary = (s: Uint32Array, a: number, b: number, r: number) => void;
type Unary = (s: Uint32Array, a: number, r: number) => void;
type Ternary = (s: Uint32Array, a: number, b: number, c: number, r: number) => void;

function binaryProperty(name: string, fn: Binary, model: (a: bigint, b: bigint) => bigint, left = word, right = word): void {
  test(`${name} matches the bigint model`, () => {
    fc.assert(fc.property(left, right, (a, b) => {
      checkOp([a, b], (s, [oa, ob], r) => fn(s, oa!, ob!, r), model(a, b));
      checkOp([a, a], (s, [oa, ob], r) => fn(s, oa!, ob!, r), model(a, a));
    }), { numRuns: RUNS });
    // Same slot for both operands (DUP1 then op).
    fc.assert(fc.property(left, (a) => {
      const s = load([a]);
      fn(s, 0, 0, 0);
      assert.equal(u.toBigInt(s, 0), model(a, a));
    }), { numRuns: 200 });
  });
}

function unaryProperty(name: string, fn: Unary, model: (a: bigint) => bigint): void {
  test(`${name} matches the bigint model`, () => {
    fc.assert(fc.property(word, (a) => {
      checkOp([a], (s, [oa], r) => fn(s, oa!, r), model(a));
    }), { numRuns: RUNS });
  });
}

function ternaryProperty(name: string, fn: Ternary, model: (a: bigint, b: bigint, c: bigint) => bigint): void {
  test(`${name} matches the bigint model`, () => {
    fc.assert(fc.property(word, word, word, (a, b, c) => {
      checkOp([a, b, c], (s, [oa, ob, oc], r) => fn(s, oa!, ob!, oc!, r), model(a, b, c));
    }), { numRuns: RUNS });
  });
}

// ---------------------------------------------------------------------------------------------------------
// Models (execution-specs semantics)

const bool = (x: boolean): bigint => (x ? 1n : 0n);

function expModel(base: bigint, e: bigint): bigint {
  let result = 1n;
  let b = base;
  while (e > 0n) {
    if (e & 1n) result = wrap(result * b);
    b = wrap(b * b);
    e >>= 1n;
  }
  return result;
}

binaryProperty('add', u.add, (a, b) => wrap(a + b));
binaryProperty('sub', u.sub, (a, b) => wrap(a - b));
binaryProperty('mul', u.mul, (a, b) => wrap(a * b));
binaryProperty('div', u.div, (a, b) => (b === 0n ? 0n : a / b));
binaryProperty('mod', u.mod, (a, b) => (b === 0n ? 0n : a % b));
binaryProperty('sdiv', u.sdiv, (a, b) => (b === 0n ? 0n : wrap(signed(a) / signed(b))));
binaryProperty('smod', u.smod, (a, b) => (b === 0n ? 0n : wrap(signed(a) % signed(b))));
binaryProperty('exp', u.exp, expModel);
binaryProperty('signextend', u.signextend, (k, x) => (k >= 31n ? x : wrap(BigInt.asIntN(Number(k) * 8 + 8, x))), index);
binaryProperty('lt', u.lt, (a, b) => bool(a < b));
binaryProperty('gt', u.gt, (a, b) => bool(a > b));
binaryProperty('slt', u.slt, (a, b) => bool(signed(a) < signed(b)));
binaryProperty('sgt', u.sgt, (a, b) => bool(signed(a) > signed(b)));
binaryProperty('eq', u.eq, (a, b) => bool(a === b));
binaryProperty('and', u.and, (a, b) => a & b);
binaryProperty('or', u.or, (a, b) => a | b);
binaryProperty('xor', u.xor, (a, b) => a ^ b);
binaryProperty('byte', u.byte, (i, x) => (i >= 32n ? 0n : (x >> (8n * (31n - i))) & 0xffn), index);
binaryProperty('shl', u.shl, (n, x) => (n >= 256n ? 0n : wrap(x << n)), index);
binaryProperty('shr', u.shr, (n, x) => (n >= 256n ? 0n : x >> n), index);
binaryProperty('sar', u.sar, (n, x) => wrap(signed(x) >> (n >= 256n ? 256n : n)), index);
unaryProperty('iszero', u.iszero, (a) => bool(a === 0n));
unaryProperty('not', u.not, (a) => a ^ MASK);
ternaryProperty('addmod', u.addmod, (a, b, c) => (c === 0n ? 0n : (a + b) % c));
ternaryProperty('mulmod', u.mulmod, (a, b, c) => (c === 0n ? 0n : (a * b) % c));

// Exponents with big odd bases and full-size exponents are the slow path: a few explicit cases.
test('exp with large odd bases and 256-bit exponents', () => {
  fc.assert(fc.property(fc.bigInt(0n, MASK).map((x) => x | 1n), fc.bigInt(0n, MASK), (a, b) => {
    checkOp([a, b], (s, [oa, ob], r) => u.exp(s, oa!, ob!, r), expModel(a, b));
  }), { numRuns: 100 });
});

// Division on limb patterns that stress the quotient estimate of algorithm D (estimate too large: add
// back; too small: subtract again; clamped to 2^32 - 1): words made of extreme 16-bit digits or 32-bit limbs.
test('div, mod and mulmod on extreme digit and limb patterns', () => {
  const pattern = (unit: bigint, values: bigint[]): fc.Arbitrary<bigint> =>
    fc.array(fc.constantFrom(...values), { minLength: 1, maxLength: Number(256n / unit) })
      .map((units) => units.reduce<bigint>((acc, d) => (acc << unit) | d, 0n));
  const digits = pattern(16n, [0n, 1n, 0x7fffn, 0x8000n, 0xfffen, 0xffffn]);
  const limbs = pattern(32n, [0n, 1n, 0x7fffffffn, 0x80000000n, 0xfffffffen, 0xffffffffn]);
  const extreme = fc.oneof(digits, limbs);
  fc.assert(fc.property(extreme, extreme, extreme, (a, b, c) => {
    checkOp([a, b], (s, [oa, ob], r) => u.div(s, oa!, ob!, r), b === 0n ? 0n : a / b);
    checkOp([a, b], (s, [oa, ob], r) => u.mod(s, oa!, ob!, r), b === 0n ? 0n : a % b);
    checkOp([a, b, c], (s, [oa, ob, oc], r) => u.mulmod(s, oa!, ob!, oc!, r), c === 0n ? 0n : (a * b) % c);
  }), { numRuns: 3000 });
});

// x = m*y + small r: the quotient estimate from rounded doubles can come out one too small here (it is
// what SafeMath's `c / a == b` overflow check divides); the first vectors were found by search to do so.
test('div and mod of near-exact multiples', () => {
  const vectors: Array<[bigint, bigint]> = [
    [0x7fe67ff0b51ebd70653d2427n, 0x84ee686999e256d3n],
    [0x15e7da995cbb9779d6cd5b83n, 0xbdaf8987d90c3c35n],
    [0x95670623d1acba7d8d144f97n, 0xe4f5b23fb09afd24n],
  ];
  for (const [a, b] of vectors) {
    checkOp([a, b], (s, [oa, ob], r) => u.div(s, oa!, ob!, r), a / b);
    checkOp([a, b], (s, [oa, ob], r) => u.mod(s, oa!, ob!, r), a % b);
    checkOp([a << 100n, b << 100n], (s, [oa, ob], r) => u.div(s, oa!, ob!, r), a / b);
  }
  const split = fc.integer({ min: 1, max: 255 }).chain((bits) =>
    fc.tuple(fc.bigInt(1n, pow2(bits) - 1n), fc.bigInt(0n, pow2(256 - bits) - 1n), fc.bigInt(0n, 3n)));
  fc.assert(fc.property(split, ([y, m, r]) => {
    const x = wrap(y * m + r);
    checkOp([x, y], (s, [oa, ob], out) => u.div(s, oa!, ob!, out), x / y);
    checkOp([x, y], (s, [oa, ob], out) => u.mod(s, oa!, ob!, out), x % y);
  }), { numRuns: RUNS });
});

test('sdiv and smod edge cases from the spec', () => {
  const min = pow2(255);
  const minusOne = MASK;
  checkOp([min, minusOne], (s, [a, b], r) => u.sdiv(s, a!, b!, r), min);
  checkOp([min, minusOne], (s, [a, b], r) => u.smod(s, a!, b!, r), 0n);
  checkOp([wrap(-7n), 2n], (s, [a, b], r) => u.sdiv(s, a!, b!, r), wrap(-3n));
  checkOp([wrap(-7n), 2n], (s, [a, b], r) => u.smod(s, a!, b!, r), wrap(-1n));
  checkOp([7n, wrap(-2n)], (s, [a, b], r) => u.smod(s, a!, b!, r), 1n);
  checkOp([wrap(-7n), 0n], (s, [a, b], r) => u.sdiv(s, a!, b!, r), 0n);
  checkOp([MASK, MASK, MASK], (s, [a, b, c], r) => u.addmod(s, a!, b!, c!, r), 0n);
  checkOp([MASK, 1n, 2n], (s, [a, b, c], r) => u.addmod(s, a!, b!, c!, r), 0n);
  checkOp([MASK, MASK, 12n], (s, [a, b, c], r) => u.mulmod(s, a!, b!, c!, r), (MASK * MASK) % 12n);
});

// ---------------------------------------------------------------------------------------------------------
// Helpers

test('toBigInt / fromBigInt round-trip, reduce mod 2^256 and take negatives as two\'s complement', () => {
  fc.assert(fc.property(word, (a) => {
    const s = new Uint32Array(8);
    u.fromBigInt(s, 0, a);
    assert.equal(u.toBigInt(s, 0), a);
  }), { numRuns: RUNS });
  fc.assert(fc.property(fc.bigInt(-(M * 4n), M * 4n), (v) => {
    const s = new Uint32Array(16).fill(0xdeadbeef);
    u.fromBigInt(s, 8, v);
    assert.equal(u.toBigInt(s, 8), wrap(v));
    assert.equal(s[7], 0xdeadbeef);
  }), { numRuns: RUNS });
});

test('isZero, byteLength, copy, setZero', () => {
  fc.assert(fc.property(word, (a) => {
    const s = load([a]);
    assert.equal(u.isZero(s, 0), a === 0n);
    assert.equal(u.byteLength(s, 0), a === 0n ? 0 : Math.ceil(a.toString(2).length / 8));
    u.copy(s, 0, 16);
    assert.equal(u.toBigInt(s, 16), a);
    u.setZero(s, 0);
    assert.equal(u.toBigInt(s, 0), 0n);
    assert.equal(u.toBigInt(s, 16), a);
  }), { numRuns: RUNS });
});

test('fromNumber and toNumberOrMax', () => {
  const safe = fc.oneof(fc.integer({ min: 0, max: 0xffffffff }), fc.maxSafeNat(), fc.constantFrom(0, 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53));
  fc.assert(fc.property(safe, (n) => {
    const s = new Uint32Array(8).fill(0xffffffff);
    u.fromNumber(s, 0, n);
    assert.equal(u.toBigInt(s, 0), BigInt(n));
    assert.equal(u.toNumberOrMax(s, 0), n); // 2^53 is also the sentinel value
  }), { numRuns: RUNS });
  fc.assert(fc.property(word, (a) => {
    const s = load([a]);
    const expected = a <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(a) : Number.MAX_SAFE_INTEGER + 1;
    assert.equal(u.toNumberOrMax(s, 0), expected);
  }), { numRuns: RUNS });
});

test('fromBytes / toBytes: big-endian, left-padded, bytes past the end read as zero', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 48 }), fc.nat(48), fc.nat(32), (bytes, offset, length) => {
    const s = new Uint32Array(16).fill(0x12345678);
    u.fromBytes(s, 8, bytes, offset, length);
    let expected = 0n;
    for (let i = offset; i < offset + length; i++) expected = (expected << 8n) | BigInt(bytes[i] ?? 0);
    assert.equal(u.toBigInt(s, 8), expected);
    assert.equal(s[7], 0x12345678);
    const out = new Uint8Array(40).fill(0xaa);
    u.toBytes(s, 8, out, 5);
    assert.equal(out[4], 0xaa);
    assert.equal(out[37], 0xaa);
    assert.equal(BigInt('0x' + Buffer.from(out.subarray(5, 37)).toString('hex')), expected);
  }), { numRuns: RUNS });
  assert.throws(() => u.fromBytes(new Uint32Array(8), 0, new Uint8Array(40), 0, 33), InvalidInputError);
});
