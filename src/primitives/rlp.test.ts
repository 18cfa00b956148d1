/**
 * RLP conformance: ethereum/tests RLPTests (rlptest.json, invalidRLPTest.json, RandomRLPTests), plus
 * property checks (round trips, canonical re-encoding) and a differential check against @ethereumjs/rlp.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RLP } from '@ethereumjs/rlp';
import fc from 'fast-check';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { InvalidInputError } from './errors.js';
import { bytesToHex, hexToBytes } from './hex.js';
import { RLP_MAX_DEPTH, rlpDecode, rlpDecodePrefix, rlpEncode, rlpScalar, type RlpInput, type RlpValue } from './rlp.js';

type JsonIn = string | number | JsonIn[];

const root = fixturesDir();
const skip = root ? false : FIXTURES_MISSING;

function readJson(...parts: string[]): Record<string, { in: JsonIn; out: string }> {
  return JSON.parse(readFileSync(join(root!, 'ethereum-tests', 'RLPTests', ...parts), 'utf8'));
}

/** The test format: strings are raw bytes (all ASCII), numbers and "#digits" are scalars, arrays lists. */
function toRlpInput(value: JsonIn): RlpInput {
  if (Array.isArray(value)) return value.map(toRlpInput);
  if (typeof value === 'number') return rlpScalar(value);
  if (value.startsWith('#')) return rlpScalar(BigInt(value.slice(1)));
  return new TextEncoder().encode(value);
}

function toHexTree(value: RlpValue | RlpInput): unknown {
  return value instanceof Uint8Array ? bytesToHex(value) : (value as readonly RlpInput[]).map(toHexTree);
}

test('RLPTests/rlptest.json: encodes every input and decodes every output back', { skip }, () => {
  const cases = Object.entries(readJson('rlptest.json'));
  assert.ok(cases.length >= 25);
  for (const [name, c] of cases) {
    const input = toRlpInput(c.in);
    assert.equal(bytesToHex(rlpEncode(input)), c.out.toLowerCase(), name);
    assert.deepEqual(toHexTree(rlpDecode(hexToBytes(c.out))), toHexTree(input), name);
  }
});

test('RLPTests/invalidRLPTest.json: every case is rejected with InvalidInputError', { skip }, () => {
  const cases = Object.entries(readJson('invalidRLPTest.json'));
  assert.ok(cases.length >= 25);
  for (const [name, c] of cases) {
    assert.equal(c.in, 'INVALID', name);
    assert.throws(() => rlpDecode(hexToBytes(c.out)), InvalidInputError, name);
  }
});

test('RLPTests/RandomRLPTests: every valid case decodes and re-encodes to the same bytes', { skip }, () => {
  const dir = join(root!, 'ethereum-tests', 'RLPTests', 'RandomRLPTests');
  let count = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    for (const [name, c] of Object.entries(readJson('RandomRLPTests', file))) {
      assert.equal(c.in, 'VALID', name);
      const bytes = hexToBytes(c.out);
      assert.deepEqual(rlpEncode(rlpDecode(bytes)), bytes, name);
      count++;
    }
  }
  assert.ok(count > 0);
});

const rlpTree: fc.Arbitrary<RlpInput> = fc.letrec<{ node: RlpInput }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.uint8Array({ maxLength: 80 }),
    fc.array(tie('node'), { maxLength: 6 }),
  ),
})).node;

test('rlp: decode(encode(x)) = x, and agrees with @ethereumjs/rlp', () => {
  fc.assert(
    fc.property(rlpTree, (tree) => {
      const encoded = rlpEncode(tree);
      assert.deepEqual(toHexTree(rlpDecode(encoded)), toHexTree(tree));
      assert.deepEqual(encoded, RLP.encode(tree as never));
      const prefix = rlpDecodePrefix(encoded);
      assert.equal(prefix.end, encoded.length);
    }),
    { numRuns: 2000 },
  );
});

/** Random bytes, and valid encodings with one byte changed, inserted or removed (mostly near-valid). */
const rlpLikeBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(rlpTree, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })).map(([tree, at, byte, op]) => {
    const bytes = Array.from(rlpEncode(tree));
    const i = at % (bytes.length + 1);
    if (op === 0) bytes[Math.min(i, bytes.length - 1)] = byte;
    else if (op === 1) bytes.splice(i, 0, byte);
    else bytes.splice(i, 1);
    return Uint8Array.from(bytes);
  }),
);

test('rlp: random and mutated bytes either decode canonically (re-encode identically) or throw InvalidInputError', () => {
  fc.assert(
    fc.property(rlpLikeBytes, (bytes) => {
      let decoded: RlpValue;
      try {
        decoded = rlpDecode(bytes);
      } catch (err) {
        assert.ok(err instanceof InvalidInputError, `non-InvalidInputError: ${String(err)}`);
        // ethereumjs must reject it too (it is equally strict about canonical form), except for the
        // empty input, which its decode maps to an empty string.
        if (bytes.length > 0) assert.throws(() => RLP.decode(bytes));
        return;
      }
      assert.deepEqual(rlpEncode(decoded), bytes);
      assert.deepEqual(toHexTree(decoded), toHexTree(RLP.decode(bytes) as RlpValue));
    }),
    { numRuns: 20000 },
  );
});

test('rlp: long lengths and scalars at their boundaries', () => {
  for (const length of [0, 1, 55, 56, 255, 256, 65535, 65536]) {
    const bytes = new Uint8Array(length).fill(0xaa);
    assert.deepEqual(rlpDecode(rlpEncode(bytes)), bytes, `string of ${length}`);
    const list = Array.from({ length: Math.min(length, 3000) }, () => Uint8Array.of(1));
    assert.equal((rlpDecode(rlpEncode(list)) as RlpValue[]).length, list.length, `list of ${list.length}`);
  }
  assert.deepEqual(rlpScalar(0), new Uint8Array(0));
  assert.deepEqual(rlpScalar(0x80n), Uint8Array.of(0x80));
  assert.deepEqual(rlpEncode(rlpScalar((1n << 256n) - 1n)), hexToBytes('0xa0' + 'ff'.repeat(32)));
  assert.throws(() => rlpScalar(-1n), InvalidInputError);
  assert.throws(() => rlpDecodePrefix(new Uint8Array(0)), InvalidInputError);
  assert.deepEqual(rlpDecodePrefix(hexToBytes('0x8200ffc0')).end, 3);
});

/** `depth` lists nested in each other (the innermost empty), built without recursion. */
function nestedLists(depth: number): Uint8Array {
  const header = (payload: number): number[] => {
    if (payload < 56) return [0xc0 + payload];
    const lengthBytes = rlpScalar(payload);
    return [0xf7 + lengthBytes.length, ...lengthBytes];
  };
  const sizes = [1]; // sizes[i]: encoded size of i + 1 nested lists
  for (let i = 1; i < depth; i++) sizes.push(sizes[i - 1]! + header(sizes[i - 1]!).length);
  const out: number[] = [];
  for (let i = depth - 1; i >= 1; i--) out.push(...header(sizes[i - 1]!));
  out.push(0xc0);
  return Uint8Array.from(out);
}

test('rlp: deep nesting is an InvalidInputError, never a stack overflow', () => {
  const ok = nestedLists(RLP_MAX_DEPTH);
  let value = rlpDecode(ok);
  let depth = 1;
  while (Array.isArray(value) && value.length === 1) {
    value = value[0]!;
    depth++;
  }
  assert.equal(depth, RLP_MAX_DEPTH);
  assert.throws(() => rlpDecode(nestedLists(RLP_MAX_DEPTH + 1)), /nested deeper than 1024/);
  assert.throws(() => rlpDecode(nestedLists(100_000)), InvalidInputError);
});
