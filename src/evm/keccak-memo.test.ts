/**
 * The KECCAK256 memo (keccak-memo.ts) always returns keccak256 of the exact input: repeated inputs (hits),
 * inputs that differ in one byte or in size but share a memo entry (misses), at any offset of memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { keccak256 } from '../primitives/keccak.js';
import { KECCAK_MEMO_MAX_INPUT, keccakShortInto } from './keccak-memo.js';
import * as u256 from './u256.js';

function expected(bytes: Uint8Array): Uint32Array {
  const out = new Uint32Array(8);
  u256.fromBytes(out, 0, keccak256(bytes), 0, 32);
  return out;
}

function viaMemo(mem: Uint8Array, off: number, size: number): Uint32Array {
  const stack = new Uint32Array(24).fill(0xdeadbeef);
  keccakShortInto(mem, off, size, stack, 8);
  assert.deepEqual(stack.subarray(0, 8), new Uint32Array(8).fill(0xdeadbeef), 'wrote below its word');
  assert.deepEqual(stack.subarray(16), new Uint32Array(8).fill(0xdeadbeef), 'wrote above its word');
  return stack.slice(8, 16);
}

test('keccak memo: mapping slots hashed twice, then a neighbour differing in one byte', () => {
  const mem = new Uint8Array(128);
  mem.set([0xa4, 0x33, 0xf3, 0x23, 0x54, 0x1c, 0xf8, 0x2f, 0x97, 0x39, 0x50, 0x76, 0xb5, 0xf8, 0x3a, 0x7a, 0x06, 0xf1, 0x64, 0x6c], 12);
  const first = viaMemo(mem, 0, 64);
  assert.deepEqual(first, expected(mem.slice(0, 64)));
  assert.deepEqual(viaMemo(mem, 0, 64), first); // hit
  for (const at of [0, 12, 20, 31, 63]) {
    const other = mem.slice();
    other[at] ^= 1; // same memo entry unless the byte is one the index mixes in
    assert.deepEqual(viaMemo(other, 0, 64), expected(other.slice(0, 64)), `byte ${at} flipped`);
    assert.deepEqual(viaMemo(mem, 0, 64), first, `original again after byte ${at}`);
  }
  // Same bytes, shorter: a different input.
  assert.deepEqual(viaMemo(mem, 0, 63), expected(mem.slice(0, 63)));
  assert.deepEqual(viaMemo(mem, 1, 63), expected(mem.slice(1, 64)));
});

test('keccak memo: random inputs, sizes and repeats equal keccak256', () => {
  const input = fc.uint8Array({ minLength: 1, maxLength: KECCAK_MEMO_MAX_INPUT });
  fc.assert(
    fc.property(fc.array(fc.tuple(input, fc.nat(40), fc.nat(3)), { minLength: 1, maxLength: 30 }), (cases) => {
      for (const [bytes, pad, repeats] of cases) {
        const mem = new Uint8Array(pad + bytes.length + 8);
        mem.set(bytes, pad);
        const want = expected(bytes);
        for (let r = 0; r <= repeats; r++) assert.deepEqual(viaMemo(mem, pad, bytes.length), want);
      }
    }),
    { numRuns: 300 },
  );
});
