/** keccak256Pair / keccakPairInPlace equal keccak256 on both messages, at every length a pair takes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvalidInputError } from './errors.js';
import { keccak256 } from './keccak.js';
import { KECCAK_PAIR_MAX_INPUT, keccak256Pair, keccakPairInPlace } from './keccak-pair.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

test('keccak256Pair: every pair of lengths 0..135 (sampled) and the boundaries equal keccak256', () => {
  const lengths = [0, 1, 7, 8, 9, 20, 31, 32, 33, 64, 127, 128, 134, KECCAK_PAIR_MAX_INPUT];
  for (const la of lengths) {
    for (const lb of lengths) {
      const a = new Uint8Array(la).map((_, i) => (i * 31 + la) & 0xff);
      const b = new Uint8Array(lb).map((_, i) => (i * 17 + 3 * lb + 1) & 0xff);
      const [da, db] = keccak256Pair(a, b);
      assert.equal(hex(da), hex(keccak256(a)), `a: ${la} bytes (with ${lb})`);
      assert.equal(hex(db), hex(keccak256(b)), `b: ${lb} bytes (with ${la})`);
    }
  }
});

test('keccak256Pair: random messages, equal ones included', () => {
  const message = fc.uint8Array({ maxLength: KECCAK_PAIR_MAX_INPUT });
  fc.assert(
    fc.property(message, message, fc.boolean(), (a, b, same) => {
      const second = same ? a : b;
      const [da, db] = keccak256Pair(a, second);
      assert.equal(hex(da), hex(keccak256(a)));
      assert.equal(hex(db), hex(keccak256(second)));
    }),
    { numRuns: 500 },
  );
});

test('messages longer than one rate block are refused', () => {
  assert.throws(() => keccak256Pair(new Uint8Array(136), new Uint8Array(0)), InvalidInputError);
  assert.throws(() => keccakPairInPlace(0, 136), InvalidInputError);
});
