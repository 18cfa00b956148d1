/**
 * Micro-benchmark of src/evm/u256.ts (limb arithmetic on the interpreter stack) against the same
 * operations on bigint. Run: `npx tsc -p tsconfig.json && node dist/bench/u256.bench.js`.
 *
 * Each case cycles through 256 operand sets (so branch predictors see realistic variety) and reports the
 * best of 200 rounds of ~1 ms, in ns per operation: the minimum filters out other processes on a shared
 * machine. Numbers include the loop and offset arithmetic (the `noop` row); bigint rows include
 * allocating the result.
 */
import * as u from '../src/evm/u256.js';

const SETS = 256;
const ROUNDS = 200;
const MASK = (1n << 256n) - 1n;

/** Deterministic xorshift so runs are comparable. */
let seed = 0x2545f491;
function random32(): number {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return seed >>> 0;
}
function randomBits(bits: number): bigint {
  let v = 0n;
  for (let i = 0; i < bits; i += 32) v = (v << 32n) | BigInt(random32());
  return v & ((1n << BigInt(bits)) - 1n);
}

type Gen = () => bigint;
const bits = (n: number): Gen => () => randomBits(n) | (1n << BigInt(n - 1)); // exactly n bits
const constant = (v: bigint): Gen => () => v;

/** Operand stack: SETS words for each of a, b, c, then SETS result words. */
function makeStack(gens: Gen[]): { s: Uint32Array; values: bigint[][] } {
  const s = new Uint32Array(SETS * 8 * 4);
  const values = gens.map((gen, k) => {
    const vs: bigint[] = [];
    for (let i = 0; i < SETS; i++) {
      const v = gen();
      vs.push(v);
      u.fromBigInt(s, (k * SETS + i) * 8, v);
    }
    return vs;
  });
  return { s, values };
}

type LimbOp = (s: Uint32Array, a: number, b: number, c: number, r: number) => void;
type BigOp = (a: bigint, b: bigint, c: bigint) => bigint;

/** Best ns/op over ROUNDS rounds of about 1 ms each (short rounds are often not preempted). */
function best(round: (iterations: number) => number): number {
  let iterations = 64;
  while (round(iterations) < 1e6 && iterations < 1 << 24) iterations *= 2; // also warms up
  let min = Infinity;
  for (let i = 0; i < ROUNDS; i++) min = Math.min(min, round(iterations) / iterations);
  return min;
}

/**
 * Closures made at one source location share their type feedback in V8, so one timing loop for all cases
 * would call `op` megamorphically and never inline it. Each case gets its own compiled copy instead.
 */
const LIMB_LOOP = `return (iterations) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const k = i & (SETS - 1);
    op(s, k * 8, (SETS + k) * 8, (2 * SETS + k) * 8, (3 * SETS + k) * 8);
  }
  return Number(process.hrtime.bigint() - start);
};`;
function limbTimer(op: LimbOp, s: Uint32Array): (iterations: number) => number {
  return new Function('op', 's', 'SETS', 'process', LIMB_LOOP)(op, s, SETS, process) as (iterations: number) => number;
}

const BIG_LOOP = `return (iterations) => {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const k = i & (SETS - 1);
    sink[k] = op(as[k], bs[k], cs[k]);
  }
  return Number(process.hrtime.bigint() - start);
};`;
const sink: bigint[] = new Array(SETS).fill(0n);
function bigIntTimer(op: BigOp, values: bigint[][]): (iterations: number) => number {
  const as = values[0]!, bs = values[1] ?? as, cs = values[2] ?? as;
  return new Function('op', 'as', 'bs', 'cs', 'sink', 'SETS', 'process', BIG_LOOP)(op, as, bs, cs, sink, SETS, process) as (iterations: number) => number;
}

function expBig(base: bigint, e: bigint): bigint {
  let result = 1n;
  while (e > 0n) {
    if (e & 1n) result = BigInt.asUintN(256, result * base);
    base = BigInt.asUintN(256, base * base);
    e >>= 1n;
  }
  return result;
}

interface Case { name: string; gens: Gen[]; limbs: LimbOp; big: BigOp | undefined; }

const small = bits(32), word = bits(256), half = bits(128);
const cases: Case[] = [
  { name: 'noop (harness)', gens: [small, small], limbs: () => {}, big: (a) => a },
  { name: 'add 256', gens: [word, word], limbs: (s, a, b, _c, r) => u.add(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a + b) },
  { name: 'add small', gens: [small, small], limbs: (s, a, b, _c, r) => u.add(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a + b) },
  { name: 'sub small', gens: [small, small], limbs: (s, a, b, _c, r) => u.sub(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a - b) },
  { name: 'and 160-bit mask', gens: [constant((1n << 160n) - 1n), word], limbs: (s, a, b, _c, r) => u.and(s, a, b, r), big: (a, b) => a & b },
  { name: 'lt 256', gens: [word, word], limbs: (s, a, b, _c, r) => u.lt(s, a, b, r), big: (a, b) => (a < b ? 1n : 0n) },
  { name: 'eq small', gens: [small, small], limbs: (s, a, b, _c, r) => u.eq(s, a, b, r), big: (a, b) => (a === b ? 1n : 0n) },
  { name: 'mul 32x32', gens: [small, small], limbs: (s, a, b, _c, r) => u.mul(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a * b) },
  { name: 'mul 64x60 (x * 1e18)', gens: [bits(64), constant(10n ** 18n)], limbs: (s, a, b, _c, r) => u.mul(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a * b) },
  { name: 'mul 128x128', gens: [half, half], limbs: (s, a, b, _c, r) => u.mul(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a * b) },
  { name: 'mul 256x256', gens: [word, word], limbs: (s, a, b, _c, r) => u.mul(s, a, b, r), big: (a, b) => BigInt.asUintN(256, a * b) },
  { name: 'div 52/32 bits', gens: [bits(52), small], limbs: (s, a, b, _c, r) => u.div(s, a, b, r), big: (a, b) => a / b },
  { name: 'div 256/20 bits', gens: [word, bits(20)], limbs: (s, a, b, _c, r) => u.div(s, a, b, r), big: (a, b) => a / b },
  { name: 'div 256/32 bits', gens: [word, small], limbs: (s, a, b, _c, r) => u.div(s, a, b, r), big: (a, b) => a / b },
  { name: 'div 256 / 2^224', gens: [word, constant(1n << 224n)], limbs: (s, a, b, _c, r) => u.div(s, a, b, r), big: (a, b) => a / b },
  { name: 'div 128 / 1e18', gens: [half, constant(10n ** 18n)], limbs: (s, a, b, _c, r) => u.div(s, a, b, r), big: (a, b) => a / b },
  { name: 'div 256/128 bits', gens: [word, half], limbs: (s, a, b, _c, r) => u.div(s, a, b, r), big: (a, b) => a / b },
  { name: 'mod 256/256 bits', gens: [word, bits(200)], limbs: (s, a, b, _c, r) => u.mod(s, a, b, r), big: (a, b) => a % b },
  { name: 'addmod 256', gens: [word, word, word], limbs: (s, a, b, c, r) => u.addmod(s, a, b, c, r), big: (a, b, c) => (a + b) % c },
  { name: 'mulmod 256', gens: [word, word, word], limbs: (s, a, b, c, r) => u.mulmod(s, a, b, c, r), big: (a, b, c) => (a * b) % c },
  { name: 'exp 10^18', gens: [constant(10n), constant(18n)], limbs: (s, a, b, _c, r) => u.exp(s, a, b, r), big: expBig },
  { name: 'exp 2^k', gens: [constant(2n), bits(7)], limbs: (s, a, b, _c, r) => u.exp(s, a, b, r), big: expBig },
  { name: 'exp 256-bit odd ^ 256-bit', gens: [() => randomBits(256) | 1n, word], limbs: (s, a, b, _c, r) => u.exp(s, a, b, r), big: expBig },
  { name: 'shl by 0..255', gens: [() => BigInt(random32() & 255), word], limbs: (s, a, b, _c, r) => u.shl(s, a, b, r), big: (n, x) => BigInt.asUintN(256, x << n) },
  { name: 'shr by 224', gens: [constant(224n), word], limbs: (s, a, b, _c, r) => u.shr(s, a, b, r), big: (n, x) => x >> n },
  // What a bigint fallback would really cost on the limb stack: convert the operands in and the result out.
  { name: 'mulmod via bigint + conversions', gens: [word, word, word], big: undefined,
    limbs: (s, a, b, c, r) => u.fromBigInt(s, r, (u.toBigInt(s, a) * u.toBigInt(s, b)) % u.toBigInt(s, c)) },
  { name: 'limbs -> bigint -> limbs (256)', gens: [word], big: undefined,
    limbs: (s, a, _b, _c, r) => u.fromBigInt(s, r, u.toBigInt(s, a)) },
];

function main(): void {
  const pad = Math.max(...cases.map((c) => c.name.length));
  console.log(`${'operation'.padEnd(pad)}  limbs ns/op  bigint ns/op`);
  for (const c of cases) {
    const { s, values } = makeStack(c.gens);
    // Verify before timing: a fast wrong answer is worth nothing.
    if (c.big) {
      c.limbs(s, 0, SETS * 8, 2 * SETS * 8, 3 * SETS * 8);
      const expected = c.big(values[0]![0]!, (values[1] ?? values[0]!)[0]!, (values[2] ?? values[0]!)[0]!) & MASK;
      if (c.name !== 'noop (harness)' && u.toBigInt(s, 3 * SETS * 8) !== expected) throw new Error(`${c.name}: wrong result`);
    }
    const limbNs = best(limbTimer(c.limbs, s));
    const bigNs = c.big ? best(bigIntTimer(c.big, values)).toFixed(1) : '-';
    console.log(`${c.name.padEnd(pad)}  ${limbNs.toFixed(1).padStart(11)}  ${bigNs.padStart(12)}`);
  }
}

main();
