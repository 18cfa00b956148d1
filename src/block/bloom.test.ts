/**
 * logsBloom / addToBloom / orBloom / logsBloomBits / logsBloomAlsoInto: a hand-derived known value for the
 * ERC-20 Transfer topic, and differential tests against @ethereumjs/vm's Bloom (an independent
 * implementation on noble's keccak), on fixed and random logs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Bloom } from '@ethereumjs/vm';
import { addressFromHex, addressToBytes } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromHex, wordToBytes } from '../primitives/word.js';
import type { Log } from '../evm/log.js';
import { addToBloom, BLOOM_BYTES, logsBloom, logsBloomAlsoInto, logsBloomBits, orBloom, setBloomBits } from './bloom.js';

const TRANSFER_TOPIC = wordFromHex('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef');

test('the Transfer topic sets the three bits derived from its keccak by hand', () => {
  // keccak(topic) = 0xada389e1fc24…: pairs 0xada3, 0x89e1, 0xfc24 -> low 11 bits 1443, 481, 1060.
  assert.ok(bytesToHex(keccak256(wordToBytes(TRANSFER_TOPIC))).startsWith('0xada389e1fc24'));
  const expected = new Uint8Array(BLOOM_BYTES);
  expected[255 - (1443 >> 3)] |= 1 << (1443 & 7); // byte 75, 0x08
  expected[255 - (481 >> 3)] |= 1 << (481 & 7); // byte 195, 0x02
  expected[255 - (1060 >> 3)] |= 1 << (1060 & 7); // byte 123, 0x10
  const address = addressFromHex('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48');
  const addressOnly = logsBloom([{ address, topics: [], data: new Uint8Array(0) }]);
  const withTopic = logsBloom([{ address, topics: [TRANSFER_TOPIC], data: new Uint8Array(0) }]);
  assert.deepEqual(withTopic, orBloom(addressOnly, expected));
});

function referenceBloom(logs: Log[]): Uint8Array {
  const bloom = new Bloom();
  for (const log of logs) {
    bloom.add(addressToBytes(log.address));
    for (const topic of log.topics) bloom.add(wordToBytes(topic));
  }
  return bloom.bitvector;
}

test('logsBloom matches @ethereumjs/vm Bloom on ERC-20 style logs', () => {
  const logs: Log[] = Array.from({ length: 40 }, (_, i) => ({
    address: addressFromHex((0x1000 + i * 977).toString(16).padStart(40, '0')),
    topics: [TRANSFER_TOPIC, wordFromBigInt(BigInt(i) * 0x1234567n), wordFromBigInt(BigInt(i) << 100n)].slice(0, i % 4),
    data: Uint8Array.of(i),
  }));
  for (let n = 0; n <= logs.length; n += 5) {
    assert.equal(bytesToHex(logsBloom(logs.slice(0, n))), bytesToHex(referenceBloom(logs.slice(0, n))), `${n} logs`);
  }
});

test('addToBloom accumulates in place; orBloom is the union; empty logs give the zero bloom', () => {
  const a: Log = { address: addressFromHex('0x' + '11'.repeat(20)), topics: [TRANSFER_TOPIC], data: new Uint8Array(0) };
  const b: Log = { address: addressFromHex('0x' + '22'.repeat(20)), topics: [], data: new Uint8Array(0) };
  assert.deepEqual(logsBloom([]), new Uint8Array(BLOOM_BYTES));
  const bloom = logsBloom([a]);
  assert.equal(addToBloom(bloom, [b]), bloom);
  assert.deepEqual(bloom, logsBloom([a, b]));
  assert.deepEqual(orBloom(logsBloom([a]), logsBloom([b])), logsBloom([a, b]));
});

test('a bloom of the wrong size is rejected with InvalidInputError', () => {
  assert.throws(() => addToBloom(new Uint8Array(255), []), InvalidInputError);
  assert.throws(() => orBloom(new Uint8Array(256), new Uint8Array(32)), InvalidInputError);
});

test('logsBloom, logsBloomBits and logsBloomAlsoInto match the reference on random logs (items repeated, hashed in pairs or alone)', () => {
  // Few distinct values, so that items repeat within a log, across logs and across cases (memoized bits).
  const address = fc.integer({ min: 0, max: 40 }).map((i) => addressFromHex((0xabc000 + i * 7919).toString(16).padStart(40, '0')));
  const topic = fc.oneof(fc.constant(TRANSFER_TOPIC), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }).map(wordFromBigInt), fc.integer({ min: 0, max: 30 }).map((i) => wordFromBigInt(BigInt(i))));
  const log = fc.record({ address, topics: fc.array(topic, { maxLength: 4 }), data: fc.constant(new Uint8Array(0)) });
  fc.assert(
    fc.property(fc.array(log, { maxLength: 7 }), (logs) => {
      const want = bytesToHex(referenceBloom(logs));
      assert.equal(bytesToHex(logsBloom(logs)), want);
      const block = new Uint8Array(BLOOM_BYTES);
      assert.equal(bytesToHex(logsBloomAlsoInto(logs, block)), want);
      if (logs.length > 0) assert.equal(bytesToHex(block), want);
      const out = { bits: new Float64Array(1) };
      const n = logsBloomBits(logs, out);
      assert.equal(n, logs.reduce((k, l) => k + 1 + l.topics.length, 0));
      const fromBits = new Uint8Array(BLOOM_BYTES);
      for (let i = 0; i < n; i++) setBloomBits(fromBits, out.bits[i]!);
      assert.equal(bytesToHex(fromBits), want);
    }),
    { numRuns: 400 },
  );
});
