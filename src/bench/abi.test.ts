/** The calldata encoder against known encodings, and mapping slots. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressFromHex } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';
import { encodeArguments, functionSelector, mappingSlot } from './abi.js';

test('selectors', () => {
  assert.equal(bytesToHex(functionSelector('transfer(address,uint256)')), '0xa9059cbb');
  assert.equal(bytesToHex(functionSelector('approve(address,uint256)')), '0x095ea7b3');
});

test('static and dynamic arguments use the head/tail layout', () => {
  const a = addressFromHex('0x00000000000000000000000000000000000000aa');
  const encoded = bytesToHex(encodeArguments(['address', 'string', 'uint8'], [a, 'Hi', 18]));
  const word = (hex: string) => hex.padStart(64, '0');
  assert.equal(encoded, '0x' + word('aa') + word('60') + word('12') + word('2') + '4869'.padEnd(64, '0'));
  assert.throws(() => encodeArguments(['uint8'], [256]), /out of range/);
  assert.throws(() => encodeArguments(['uint256'], []), /expected 1 arguments/);
});

test('mapping slots are keccak256(key . slot)', () => {
  // keccak256(abi.encode(uint256(0), uint256(0)))
  assert.equal(mappingSlot(0n, 0n).toString(16), 'ad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5');
});
