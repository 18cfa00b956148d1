import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressFromHex, addressFromNumber, addressToHex } from '../../primitives/address.js';
import { blake2f } from './blake2f.js';
import { ecrecover } from './ecrecover.js';
import { getPrecompile, PRECOMPILE_ADDRESSES } from './index.js';
import { pointEvaluation } from './point-evaluation.js';

test('getPrecompile finds exactly 0x01..0x0a', () => {
  assert.equal(getPrecompile(addressFromNumber(1)), ecrecover);
  assert.equal(getPrecompile(addressFromNumber(9)), blake2f);
  assert.equal(getPrecompile(addressFromHex('0x000000000000000000000000000000000000000a')), pointEvaluation);
  for (let n = 1; n <= 10; n++) assert.equal(typeof getPrecompile(addressFromNumber(n)), 'function');
  for (const hex of [
    '0x0000000000000000000000000000000000000000',
    '0x000000000000000000000000000000000000000b',
    '0x0000000000000000000000000000000000000100',
    '0x0000000000000000000000000000000000000101', // last code unit 0x0101 > 10
    '0x0000000000000000000000000000000000010001', // 0x01 in an earlier code unit
    '0x1000000000000000000000000000000000000001',
    '0xffffffffffffffffffffffffffffffffffffffff',
  ]) assert.equal(getPrecompile(addressFromHex(hex)), undefined, hex);
});

test('PRECOMPILE_ADDRESSES lists 0x01..0x0a in order', () => {
  assert.deepEqual(PRECOMPILE_ADDRESSES.map(addressToHex), Array.from({ length: 10 }, (_, i) => '0x' + (i + 1).toString(16).padStart(40, '0')));
  assert.equal(Object.isFrozen(PRECOMPILE_ADDRESSES), true);
});
