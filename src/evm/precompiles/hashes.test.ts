import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { assertSameAsReference, SeededRandom } from './ethereumjs-reference.js';
import { identity } from './identity.js';
import { ripemd160 } from './ripemd160.js';
import { sha256 } from './sha256.js';

const random = new SeededRandom(0x5ca1ab1e);
const lengths = [0, 1, 31, 32, 33, 63, 64, 65, 100, 255, 256, 257, 1000, 4096];

test('sha256 known answers and gas', () => {
  const empty = sha256(new Uint8Array(0), 60);
  assert.deepEqual({ ok: empty.ok, gasUsed: empty.gasUsed }, { ok: true, gasUsed: 60 });
  assert.equal(bytesToHex(empty.output), '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const abc = sha256(new TextEncoder().encode('abc'), 72);
  assert.equal(abc.gasUsed, 72);
  assert.equal(bytesToHex(abc.output), '0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(sha256(new TextEncoder().encode('abc'), 71).ok, false);
  // The long-input path (node:crypto) agrees with the short one (hash-wasm) on a known digest.
  const million = sha256(new Uint8Array(1_000_000).fill(0x61), 1e9);
  assert.equal(bytesToHex(million.output), '0xcdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
});

test('ripemd160 known answers: left-padded to 32 bytes', () => {
  const r = ripemd160(new TextEncoder().encode('abc'), 720);
  assert.equal(r.gasUsed, 720);
  assert.equal(bytesToHex(r.output), '0x0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc');
  assert.equal(ripemd160(new Uint8Array(0), 599).ok, false);
});

test('identity copies the input', () => {
  const input = hexToBytes('0x0102030405');
  const r = identity(input, 18);
  assert.deepEqual(r, { ok: true, gasUsed: 18, output: input });
  assert.notEqual(r.output, input);
  assert.equal(identity(input, 17).ok, false);
});

test('sha256 / ripemd160 / identity match @ethereumjs/evm on random inputs and gas limits', async () => {
  const cases: [number, typeof sha256][] = [[2, sha256], [3, ripemd160], [4, identity]];
  for (const [n, fn] of cases) {
    for (const length of lengths) {
      const data = random.bytes(length);
      const words = Math.ceil(length / 32);
      const exact = n === 2 ? 60 + 12 * words : n === 3 ? 600 + 120 * words : 15 + 3 * words;
      for (const gas of [exact, exact - 1, exact + 1000, 0]) await assertSameAsReference(n, fn, data, gas);
    }
  }
});
