/** recoverSender / signTransaction: signature rules (EIP-2, EIP-155, yParity) and a mainnet anchor. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressFromHex, addressToHex } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex, hexToBytes } from '../primitives/hex.js';
import { transactionHash } from './encode.js';
import { SECP256K1_BACKEND } from './secp256k1.js';
import { privateKeyToAddress, recoverSender, SECP256K1_N, signTransaction } from './sender.js';
import type { Transaction } from './transaction.js';

/** Mainnet block 19426587, tx 0xdbaf5db5…, from 0x15b8b5c4…: an EIP-1559 ETH transfer. */
const MAINNET_TX: Transaction = {
  type: 2, chainId: 1n, nonce: 1n, gasPrice: 0x120a02cab7n, maxPriorityFeePerGas: 0x120a02cab7n, maxFeePerGas: 0x120a02cab7n,
  gasLimit: 21000n, to: addressFromHex('0xdbca16bfe89301f4b8295deebcad713e97d9a38b'), value: 0x139b5a5f101b2en,
  data: new Uint8Array(0), accessList: [], maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n,
  r: 0x1873902aa1fdc88a38efff5c798a70590a29da90dfccbe8d261430eeb8a75a7dn,
  s: 0xfece5a17811fea18d2204be4be90a127ffe2c1357a18af04665aa998d8b5892n,
};

const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
const KEY_ADDRESS = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';

function invalidSignature(tx: Transaction, message: RegExp): void {
  assert.throws(() => recoverSender(tx), (err: unknown) => err instanceof InvalidInputError && /^invalid signature: /.test(err.message) && message.test(err.message));
}

test('the native libsecp256k1 binding is loaded', () => {
  assert.equal(SECP256K1_BACKEND, 'native');
});

test('a mainnet transaction: hash and sender', () => {
  assert.equal(bytesToHex(transactionHash(MAINNET_TX)), '0xdbaf5db53d8843dd52520090289c3946e341aac9b0c4c5ad9393564dde3ea4a8');
  assert.equal(addressToHex(recoverSender(MAINNET_TX)), '0x15b8b5c46b6e757e1bdbc1fa0a8aa16122df9574');
});

test('privateKeyToAddress and signTransaction', () => {
  assert.equal(addressToHex(privateKeyToAddress(KEY)), KEY_ADDRESS);
  const legacy: Transaction = { ...MAINNET_TX, type: 0, chainId: undefined, maxPriorityFeePerGas: MAINNET_TX.maxFeePerGas };
  const unprotected = signTransaction(legacy, KEY);
  assert.ok(unprotected.v === 27n || unprotected.v === 28n);
  assert.equal(addressToHex(recoverSender(unprotected)), KEY_ADDRESS);
  const protectedTx = signTransaction({ ...legacy, chainId: 5n }, KEY);
  assert.ok(protectedTx.v === 45n || protectedTx.v === 46n);
  assert.equal(addressToHex(recoverSender(protectedTx)), KEY_ADDRESS);
  const typed = signTransaction(MAINNET_TX, KEY);
  assert.ok(typed.v === 0n || typed.v === 1n);
  assert.ok(typed.s <= SECP256K1_N / 2n, 'low s');
  assert.equal(addressToHex(recoverSender(typed)), KEY_ADDRESS);
  assert.deepEqual(signTransaction(MAINNET_TX, KEY), typed, 'deterministic (RFC 6979)');
  for (const bad of [new Uint8Array(32), new Uint8Array(31).fill(1), hexToBytes('0x' + SECP256K1_N.toString(16))]) {
    assert.throws(() => signTransaction(MAINNET_TX, bad), /invalid private key/);
    assert.throws(() => privateKeyToAddress(bad), /invalid private key/);
  }
});

test('r and s ranges (EIP-2 low s)', () => {
  invalidSignature({ ...MAINNET_TX, r: 0n }, /r must be/);
  invalidSignature({ ...MAINNET_TX, r: SECP256K1_N }, /r must be/);
  invalidSignature({ ...MAINNET_TX, s: 0n }, /s must be/);
  invalidSignature({ ...MAINNET_TX, s: SECP256K1_N - MAINNET_TX.s }, /s must be/);
  invalidSignature({ ...MAINNET_TX, s: SECP256K1_N / 2n + 1n }, /s must be/);
});

test('v rules: typed yParity, legacy 27/28, EIP-155', () => {
  invalidSignature({ ...MAINNET_TX, v: 2n }, /yParity must be 0 or 1/);
  invalidSignature({ ...MAINNET_TX, v: 27n }, /yParity must be 0 or 1/);
  const legacy = signTransaction({ ...MAINNET_TX, type: 0, chainId: undefined }, KEY);
  for (const v of [0n, 1n, 26n, 29n, 35n]) invalidSignature({ ...legacy, v }, /legacy v must be 27, 28/);
  const eip155 = signTransaction({ ...MAINNET_TX, type: 0, chainId: 1n }, KEY);
  for (const v of [27n, 35n, 39n]) invalidSignature({ ...eip155, v }, /does not match chain id 1/);
});

test('a flipped yParity recovers another address; an r that is no x-coordinate recovers none', () => {
  const flipped = { ...MAINNET_TX, v: 1n };
  assert.notEqual(addressToHex(recoverSender(flipped)), '0x15b8b5c46b6e757e1bdbc1fa0a8aa16122df9574');
  // x = 5 is not on secp256k1 (5^3 + 7 = 132 is a quadratic non-residue mod p).
  invalidSignature({ ...MAINNET_TX, r: 5n }, /no public key recovers/);
});
