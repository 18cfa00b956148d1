/**
 * Test support: fast-check arbitraries of EVM programs (see evm-program.ts) over the whole Cancun opcode
 * set, biased toward the places where implementations differ: arithmetic edge values, signed ops, shifts,
 * BYTE/SIGNEXTEND, memory offsets near word boundaries and large-but-affordable expansions, MCOPY
 * overlaps, copies with out-of-range offsets (RETURNDATACOPY halts), SSTORE sequences over slots with
 * known original values (every EIP-2200/3529 branch), transient storage, logs, valid and invalid jumps,
 * the four CALL kinds between the case's contracts, EOAs, missing accounts and precompiles (with value,
 * with too little balance, with small and huge gas), CREATE/CREATE2 with nested initcode (collisions,
 * reverts, 0xEF code, oversize code), SELFDESTRUCT, REVERT/INVALID/junk endings, and block/blob opcodes.
 *
 * Level 0 programs are pre-state contracts; level 1 is initcode; level 2 is code deployed by initcode.
 */
import fc, { type WeightedArbitrary } from 'fast-check';
import { ADDRESS_POOL, CONTRACTS, addressToBigInt } from './evm-actors.js';
import type { Arg, CallOpcode, CreatedUse, Instr, Program, Terminator } from './evm-program.js';
import { precompileInputArbitrary } from './precompile-inputs.js';

const MAX = (1n << 256n) - 1n;
const pow = (n: number): bigint => 1n << BigInt(n);

/** Values where arithmetic implementations tend to break. */
export const EDGE_VALUES: readonly bigint[] = [
  0n, 1n, 2n, 3n, 7n, 8n, 31n, 32n, 33n, 63n, 64n, 127n, 128n, 255n, 256n, 257n, 0x7fn, 0x80n, 0xffffn,
  pow(31), pow(31) - 1n, pow(32) - 1n, pow(32), pow(32) + 1n, pow(63), pow(64) - 1n, pow(64), pow(64) + 1n,
  pow(128) - 1n, pow(128), pow(160) - 1n, pow(192), pow(255) - 1n, pow(255), pow(255) + 1n, MAX, MAX - 1n,
  MAX - 31n, MAX - 255n, pow(256) - pow(128), 0x8000000000000000000000000000000000000000000000000000000000000080n,
];

/** The block numbers a case may have (see evm-case-generator.ts) and BLOCKHASH arguments around them. */
export const BLOCK_NUMBERS: readonly bigint[] = [1n, 256n, 257n, 20_000_000n];
const BLOCKHASH_ARGS: readonly bigint[] = [...new Set(BLOCK_NUMBERS.flatMap((n) => [0n, 1n, n - 1n, n - 2n, n - 256n, n - 257n, n, n + 1n]).filter((n) => n >= 0n)), MAX, pow(64)];

const dup: fc.Arbitrary<Arg> = fc.nat(15).map((n) => ({ dup: n }));
const constants = (values: readonly bigint[]): fc.Arbitrary<Arg> => fc.constantFrom(...values);
const ZERO_INPUT_VALUES = [0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3d, 0x47, 0x58, 0x59, 0x5a, 0x43, 0x42, 0x4a];

/** A value with one interesting byte (0x01, 0x7f, 0x80, 0xff) at a random position: sign bits for SIGNEXTEND/BYTE/SAR. */
const bytePattern: fc.Arbitrary<bigint> = fc
  .tuple(fc.constantFrom(0x01n, 0x7fn, 0x80n, 0xffn), fc.integer({ min: 0, max: 31 }), fc.boolean())
  .map(([b, k, ones]) => (ones ? (MAX << BigInt(8 * k + 8)) & MAX : 0n) | (b << BigInt(8 * k)));

const word: fc.Arbitrary<Arg> = fc.oneof(
  { arbitrary: constants(EDGE_VALUES), weight: 6 },
  { arbitrary: fc.bigInt({ min: 0n, max: MAX }), weight: 3 },
  { arbitrary: bytePattern, weight: 3 },
  { arbitrary: fc.bigInt({ min: 0n, max: 0xffffn }), weight: 2 },
  { arbitrary: fc.bigInt({ min: 1n, max: 300n }).map((v) => MAX + 1n - v), weight: 1 },
  { arbitrary: dup, weight: 5 },
  { arbitrary: fc.constantFrom(...ZERO_INPUT_VALUES).map((op) => ({ op })), weight: 1 },
);
const smallIndex = (max: number, extra: readonly bigint[]): fc.Arbitrary<Arg> =>
  fc.oneof({ arbitrary: fc.integer({ min: 0, max }).map(BigInt), weight: 3 }, { arbitrary: constants(extra), weight: 4 }, { arbitrary: dup, weight: 1 });
const shift = smallIndex(300, [0n, 1n, 7n, 8n, 31n, 32n, 64n, 128n, 192n, 254n, 255n, 256n, 257n, pow(64), MAX]);
const byteIndex = smallIndex(40, [0n, 1n, 15n, 16n, 29n, 30n, 31n, 32n, 33n, MAX]);

export const memoryOffset: fc.Arbitrary<bigint> = fc.oneof(
  { arbitrary: fc.constantFrom(0n, 1n, 2n, 31n, 32n, 33n, 63n, 64n, 65n, 95n, 96n, 127n, 128n, 160n, 256n), weight: 100 },
  { arbitrary: fc.bigInt({ min: 0n, max: 1100n }), weight: 40 },
  { arbitrary: fc.bigInt({ min: 1100n, max: 70_000n }), weight: 10 },
  { arbitrary: fc.constantFrom(300_000n, 1_000_000n), weight: 1 },
  { arbitrary: fc.constantFrom(pow(32) - 1n, pow(32), pow(64) - 1n, MAX), weight: 1 },
);
export const memoryLength: fc.Arbitrary<bigint> = fc.oneof(
  { arbitrary: fc.constantFrom(0n, 0n, 1n, 2n, 31n, 32n, 33n, 64n, 65n, 96n), weight: 100 },
  { arbitrary: fc.bigInt({ min: 0n, max: 400n }), weight: 40 },
  { arbitrary: fc.bigInt({ min: 400n, max: 40_000n }), weight: 5 },
  { arbitrary: fc.constantFrom(pow(32), pow(64) - 1n, MAX), weight: 1 },
);
const memOffsetArg: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: memoryOffset, weight: 15 }, { arbitrary: fc.constant({ op: 0x59 }), weight: 1 });
const memLengthArg: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: memoryLength, weight: 15 }, { arbitrary: fc.constant({ op: 0x3d }), weight: 1 });
const dataOffset: fc.Arbitrary<Arg> = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 80n }), weight: 8 },
  { arbitrary: fc.bigInt({ min: 0n, max: 3000n }), weight: 2 },
  { arbitrary: constants([pow(32), pow(64) - 1n, MAX]), weight: 1 },
);
/** RETURNDATACOPY past the end of the return data halts the frame, so mostly stay inside it. */
const returnDataOffset: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: fc.constantFrom(0n, 0n, 0n, 1n, 31n, 32n), weight: 8 }, { arbitrary: dataOffset, weight: 1 });
const returnDataLength: fc.Arbitrary<Arg> = fc.oneof(
  { arbitrary: fc.constant({ op: 0x3d }), weight: 4 },
  { arbitrary: fc.constant(0n), weight: 3 },
  { arbitrary: fc.bigInt({ min: 1n, max: 64n }), weight: 1 },
);
const smallLength: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: fc.bigInt({ min: 0n, max: 70n }), weight: 8 }, { arbitrary: memoryLength, weight: 2 });

const DIRTY = pow(160) * 0xabcdn;
export const address: fc.Arbitrary<Arg> = fc.oneof(
  { arbitrary: constants(ADDRESS_POOL), weight: 12 },
  { arbitrary: constants(ADDRESS_POOL).map((a) => (a as bigint) | DIRTY), weight: 1 },
  { arbitrary: fc.constantFrom({ op: 0x30 }, { op: 0x33 }, { op: 0x32 }, { op: 0x41 }), weight: 2 },
  { arbitrary: dup, weight: 1 },
);
/** Call targets: mostly the case's contracts (re-entry, DELEGATECALL/CALLCODE into another's code), else anything. */
const callTarget: fc.Arbitrary<Arg> = fc.oneof(
  { arbitrary: constants(CONTRACTS.map(addressToBigInt)), weight: 6 },
  { arbitrary: fc.constant({ op: 0x30 }), weight: 1 },
  { arbitrary: address, weight: 5 },
);
/** Slots 0..5 have pre-state values in some contracts; FOLD_SLOT is written by folds. */
export const slot: fc.Arbitrary<bigint> = fc.oneof({ arbitrary: fc.bigInt({ min: 0n, max: 5n }), weight: 10 }, { arbitrary: fc.constantFrom(0xf01dn, MAX, pow(64)), weight: 1 });
/** Few transient slots, so a TLOAD often reads what some frame (maybe reverted) stored. */
const transientSlot: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: fc.bigInt({ min: 0n, max: 2n }), weight: 8 }, { arbitrary: slot, weight: 1 });
const slotArg: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: slot, weight: 8 }, { arbitrary: dup, weight: 1 });
/** Stored values: the pre-state uses 1..3, so these hit "restore to original" often. */
export const storedValue: fc.Arbitrary<bigint> = fc.oneof({ arbitrary: fc.bigInt({ min: 0n, max: 3n }), weight: 8 }, { arbitrary: fc.constantFrom(MAX, pow(255)), weight: 1 });
const storedValueArg: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: storedValue, weight: 6 }, { arbitrary: word, weight: 2 });
export const wei: fc.Arbitrary<bigint> = fc.constantFrom(0n, 0n, 0n, 1n, 2n, 1000n, 10n ** 18n, 10n ** 24n, MAX);
const weiArg: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: wei, weight: 8 }, { arbitrary: fc.constant({ op: 0x47 }), weight: 1 }, { arbitrary: fc.constant({ op: 0x34 }), weight: 1 });
export const callGas: fc.Arbitrary<Arg> = fc.oneof(
  { arbitrary: fc.constantFrom(0n, 1n, 100n, 2299n, 2300n, 2600n, 5000n, 10_000n, 25_000n, 60_000n, 200_000n, 1_000_000n), weight: 8 },
  { arbitrary: fc.constantFrom(pow(32), pow(63), pow(64) - 1n, MAX), weight: 1 },
  { arbitrary: fc.constant({ op: 0x5a }), weight: 1 },
);
const blockNumber: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: constants(BLOCKHASH_ARGS), weight: 6 }, { arbitrary: fc.constant({ op: 0x43 }), weight: 1 }, { arbitrary: dup, weight: 1 });
const blobIndex: fc.Arbitrary<Arg> = fc.oneof({ arbitrary: fc.bigInt({ min: 0n, max: 6n }), weight: 6 }, { arbitrary: constants([pow(64), MAX]), weight: 1 });

type Role = fc.Arbitrary<Arg>;
const W = word, MO = memOffsetArg, ML = memLengthArg, AD = address;

/** Generic opcodes: weight, opcode, argument roles (top of stack first). */
const GENERIC: ReadonlyArray<[number, number, Role[]]> = [
  // arithmetic, comparison, bitwise
  [3, 0x01, [W, W]], [3, 0x02, [W, W]], [3, 0x03, [W, W]], [3, 0x04, [W, W]], [4, 0x05, [W, W]], [3, 0x06, [W, W]],
  [4, 0x07, [W, W]], [3, 0x08, [W, W, W]], [3, 0x09, [W, W, W]], [3, 0x0a, [W, W]], [4, 0x0b, [byteIndex, W]],
  [2, 0x10, [W, W]], [2, 0x11, [W, W]], [3, 0x12, [W, W]], [3, 0x13, [W, W]], [2, 0x14, [W, W]], [1, 0x15, [W]],
  [1, 0x16, [W, W]], [1, 0x17, [W, W]], [1, 0x18, [W, W]], [1, 0x19, [W]], [4, 0x1a, [byteIndex, W]],
  [4, 0x1b, [shift, W]], [4, 0x1c, [shift, W]], [5, 0x1d, [shift, W]],
  [3, 0x20, [MO, ML]],
  // environment and block
  ...[0x30, 0x32, 0x33, 0x34, 0x36, 0x38, 0x3a, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x48, 0x58].map((op): [number, number, Role[]] => [0.5, op, []]),
  [2, 0x3d, []], [2, 0x47, []], [2, 0x4a, []], [2, 0x59, []], [2, 0x5a, []],
  [3, 0x31, [AD]], [3, 0x3b, [AD]], [3, 0x3f, [AD]],
  [2, 0x35, [dataOffset]], [2, 0x37, [MO, dataOffset, smallLength]], [2, 0x39, [MO, dataOffset, smallLength]],
  [2, 0x3e, [MO, returnDataOffset, returnDataLength]], [2, 0x3c, [AD, MO, dataOffset, smallLength]],
  [2, 0x40, [blockNumber]], [2, 0x49, [blobIndex]],
  // memory, storage, transient storage
  [3, 0x51, [MO]], [3, 0x52, [MO, W]], [3, 0x53, [MO, W]], [4, 0x5e, [MO, MO, ML]],
  [4, 0x54, [slotArg]], [4, 0x55, [slotArg, storedValueArg]], [2, 0x5c, [transientSlot]], [2, 0x5d, [transientSlot, storedValueArg]],
  // logs
  [1, 0xa0, [MO, ML]], [1, 0xa1, [MO, ML, W]], [1, 0xa2, [MO, ML, W, W]], [1, 0xa3, [MO, ML, W, W, W]], [1, 0xa4, [MO, ML, W, W, W, W]],
  // calls: gas, address, [value,] argsOffset, argsLength, retOffset, retLength
  [5, 0xf1, [callGas, callTarget, weiArg, MO, smallLength, MO, smallLength]], [2, 0xf2, [callGas, callTarget, weiArg, MO, smallLength, MO, smallLength]],
  [2, 0xf4, [callGas, callTarget, MO, smallLength, MO, smallLength]], [3, 0xfa, [callGas, callTarget, MO, smallLength, MO, smallLength]],
];

const genericOp: fc.Arbitrary<Instr> = fc.oneof(
  ...GENERIC.map(([weight, op, roles]) => ({ weight: Math.round(weight * 2), arbitrary: fc.tuple(...roles).map((args): Instr => ({ kind: 'op', op, args })) })),
);

const sink: fc.Arbitrary<Instr> = fc.record({
  kind: fc.constant('sink' as const),
  how: fc.constantFrom('pop' as const, 'pop' as const, 'sstore' as const, 'mstore' as const, 'tstore' as const, 'log' as const),
  at: fc.oneof(slot, fc.bigInt({ min: 0n, max: 200n })),
});
const stackOp: fc.Arbitrary<Instr> = fc.record({ kind: fc.constant('stack' as const), op: fc.constantFrom('dup' as const, 'swap' as const), n: fc.integer({ min: 1, max: 16 }) });
const sstores: fc.Arbitrary<Instr> = fc.record({ kind: fc.constant('sstores' as const), slot, values: fc.array(storedValue, { minLength: 1, maxLength: 4 }) });
const memFill: fc.Arbitrary<Instr> = fc.record({ kind: fc.constant('mem' as const), offset: fc.nat(200), data: fc.uint8Array({ minLength: 1, maxLength: 128 }) });
const callOpcode: fc.Arbitrary<CallOpcode> = fc.constantFrom<CallOpcode>(0xf1, 0xf1, 0xf2, 0xf4, 0xfa, 0xfa);
const precompileCall: fc.Arbitrary<Instr> = fc
  .integer({ min: 1, max: 10 })
  .chain((n) =>
    fc.record({
      kind: fc.constant('precompile' as const),
      op: callOpcode,
      address: fc.constant(n),
      gas: callGas,
      value: fc.constantFrom(0n, 0n, 1n),
      input: precompileInputArbitrary(n),
      inOffset: fc.constantFrom(0, 1, 32, 100),
      outOffset: fc.constantFrom(0, 0, 31, 64, 300),
      outSize: fc.constantFrom(0, 1, 32, 64, 65, 128),
    }),
  );
const badJump: fc.Arbitrary<Instr> = fc.record({
  kind: fc.constant('badJump' as const),
  target: fc.constantFrom('self' as const, 'pushData' as const, 'pastEnd' as const, 'huge' as const, 'stack' as const),
  cond: fc.option(fc.oneof(fc.constantFrom(0n, 1n), word), { nil: null }),
});
/** Junk bytes: random, pushes that may swallow what follows, or undefined opcodes. */
const junk: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constantFrom(Uint8Array.of(0x7f), Uint8Array.of(0x60), Uint8Array.of(0x0c), Uint8Array.of(0xef), Uint8Array.of(0x21, 0x00), Uint8Array.of(0x5b, 0x5b)), weight: 2 },
  { arbitrary: fc.constant(new Uint8Array(1025).fill(0x5f)), weight: 1 }, // stack overflow
);
const jumpOver: fc.Arbitrary<Instr> = fc.record({ kind: fc.constant('jumpOver' as const), junk });

const createdUse: fc.Arbitrary<CreatedUse> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('call' as const), op: callOpcode, gas: callGas, value: fc.constantFrom(0n, 0n, 1n, 10n ** 18n) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('query' as const), op: fc.constantFrom(0x31, 0x3b, 0x3f) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'again' as const }), weight: 1 },
);

const LIMITS = [
  { body: 36, nested: 8 },
  { body: 12, nested: 5 },
  { body: 8, nested: 4 },
];

const cache = new Map<string, fc.Arbitrary<Program>>();

/**
 * Programs of a level. `initcode` programs usually end by deploying runtime code (a level+1 program,
 * 0xEF-prefixed or random bytes), or return a memory range of limit-testing size.
 */
export function programArbitrary(level: 0 | 1 | 2, initcode = false): fc.Arbitrary<Program> {
  const key = `${level}/${initcode}`;
  let arb = cache.get(key);
  if (arb === undefined) {
    const limits = LIMITS[level]!;
    const flat = flatInstr(level);
    const nestedBody = fc.array(flat, { maxLength: limits.nested, size: 'medium' });
    const parts: Array<WeightedArbitrary<Instr>> = [
      { arbitrary: flat, weight: 240 },
      { arbitrary: fc.record({ kind: fc.constant('branch' as const), cond: fc.oneof(fc.constantFrom(0n, 1n), word), body: nestedBody }), weight: 18 },
      { arbitrary: fc.record({ kind: fc.constant('loop' as const), count: fc.integer({ min: 1, max: 4 }), body: nestedBody }), weight: 12 },
      { arbitrary: jumpOver, weight: 6 },
      { arbitrary: badJump, weight: 1 },
    ];
    // size 'medium': fast-check's default ('small') keeps arrays near 10 elements whatever maxLength says.
    const body = fc.array(fc.oneof(...parts), { maxLength: limits.body, size: 'medium' });
    arb = fc.record({ body, fold: fc.constantFrom('sstore' as const, 'sstore' as const, 'mstore' as const, 'none' as const), end: terminator(level, initcode) });
    cache.set(key, arb);
  }
  return arb;
}

/** Instructions without nested blocks (creates nest programs of the next level). */
function flatInstr(level: 0 | 1 | 2): fc.Arbitrary<Instr> {
  const parts: Array<WeightedArbitrary<Instr>> = [
    { arbitrary: genericOp, weight: 30 },
    { arbitrary: sink, weight: 5 },
    { arbitrary: stackOp, weight: 2 },
    { arbitrary: sstores, weight: 4 },
    { arbitrary: memFill, weight: 4 },
    { arbitrary: precompileCall, weight: 3 },
  ];
  if (level !== 2) parts.push({ arbitrary: create(level), weight: level === 0 ? 4 : 2 });
  return fc.oneof(...parts);
}

function create(level: 0 | 1): fc.Arbitrary<Instr> {
  return fc.record({
    kind: fc.constant('create' as const),
    op: fc.constantFrom(0xf0 as const, 0xf5 as const),
    value: fc.oneof({ arbitrary: fc.constantFrom(0n, 0n, 1n, 10n ** 30n), weight: 4 }, { arbitrary: fc.constant({ op: 0x47 }), weight: 1 }),
    salt: fc.constantFrom(0n, 0n, 1n, MAX),
    init: programArbitrary((level + 1) as 1 | 2, true),
    memOffset: fc.constantFrom(0, 0, 31, 200),
    sizeDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: -8, max: 40 }), weight: 1 }),
    // EIP-3860: exactly at and just over the initcode limit (the rest of the initcode is zero bytes).
    absoluteSize: fc.oneof({ arbitrary: fc.constant(null), weight: 30 }, { arbitrary: fc.constantFrom(49_152, 49_153), weight: 1 }),
    uses: fc.array(createdUse, { maxLength: 3 }),
  });
}

function terminator(level: 0 | 1 | 2, initcode: boolean): fc.Arbitrary<Terminator> {
  const range = { offset: fc.oneof({ arbitrary: fc.constantFrom(0n, 0n, 1n, 31n, 32n), weight: 8 }, { arbitrary: memoryOffset, weight: 1 }) };
  const sized = (kind: 'return' | 'revert', size: fc.Arbitrary<bigint>, efPrefix: fc.Arbitrary<boolean>): fc.Arbitrary<Terminator> =>
    fc.record({ kind: fc.constant(kind), ...range, size, efPrefix });
  const size = fc.oneof({ arbitrary: fc.constantFrom(0n, 1n, 32n, 33n, 64n), weight: 8 }, { arbitrary: memoryLength, weight: 1 });
  const codeSize = fc.oneof({ arbitrary: size, weight: 6 }, { arbitrary: fc.constantFrom(24_576n, 24_577n), weight: 1 });
  const common: Array<WeightedArbitrary<Terminator>> = [
    { arbitrary: fc.constant({ kind: 'stop' as const }), weight: 6 },
    { arbitrary: fc.constant({ kind: 'fallOff' as const }), weight: 2 },
    { arbitrary: fc.constant({ kind: 'invalid' as const }), weight: 1 },
    { arbitrary: sized('revert', size, fc.constant(false)), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('selfdestruct' as const), beneficiary: address }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('junk' as const), bytes: junk }), weight: 1 },
  ];
  if (!initcode) return fc.oneof(...common, { arbitrary: sized('return', size, fc.constant(false)), weight: 5 });
  const runtime: fc.Arbitrary<Program | Uint8Array> = fc.oneof(
    { arbitrary: level < 2 ? programArbitrary((level + 1) as 1 | 2) : fc.constant(new Uint8Array(0)), weight: 8 },
    { arbitrary: fc.constantFrom(new Uint8Array(0), Uint8Array.of(0xef), Uint8Array.of(0xef, 0x00), Uint8Array.of(0xee), Uint8Array.of(0x00, 0xef)), weight: 2 },
  );
  return fc.oneof(
    ...common,
    { arbitrary: fc.record({ kind: fc.constant('deploy' as const), runtime }), weight: 14 },
    { arbitrary: sized('return', codeSize, fc.boolean()), weight: 4 },
  );
}
