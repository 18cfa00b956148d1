/** validateTransaction (each static Cancun rule with its message) and intrinsicGas. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressFromHex } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { wordFromHex } from '../primitives/word.js';
import { intrinsicGas } from './intrinsic-gas.js';
import type { Transaction } from './transaction.js';
import { MAX_BLOBS_PER_TX, MAX_INITCODE_SIZE, validateTransaction } from './validate.js';

const TO = addressFromHex('0x095e7baea6a6c7c4c2dfeb977efac326af552d87');
const BLOB = wordFromHex('0x01' + '22'.repeat(31));

const BASE: Transaction = {
  type: 2, chainId: 1n, nonce: 0n, gasPrice: 10n, maxPriorityFeePerGas: 1n, maxFeePerGas: 10n, gasLimit: 100000n, to: TO,
  value: 0n, data: new Uint8Array(0), accessList: [], maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n, r: 1n, s: 1n,
};
const BLOB_TX: Transaction = { ...BASE, type: 3, maxFeePerBlobGas: 1n, blobVersionedHashes: [BLOB] };
const LEGACY: Transaction = { ...BASE, type: 0, chainId: undefined, maxPriorityFeePerGas: 10n };

function invalid(tx: Transaction, message: RegExp, chainId = 1n): void {
  assert.throws(() => validateTransaction(tx, { chainId }), (err: unknown) => {
    assert.ok(err instanceof InvalidInputError, String(err));
    assert.match(err.message, /^invalid transaction: /);
    assert.match(err.message, message);
    return true;
  });
}

test('valid transactions pass', () => {
  for (const tx of [BASE, BLOB_TX, LEGACY, { ...LEGACY, chainId: 1n }, { ...BASE, type: 1 as const, maxPriorityFeePerGas: 10n }]) {
    validateTransaction(tx, { chainId: 1n });
  }
  validateTransaction({ ...BASE, chainId: 5n }, { chainId: 5n });
  validateTransaction({ ...BLOB_TX, blobVersionedHashes: Array(MAX_BLOBS_PER_TX).fill(BLOB) }, { chainId: 1n });
  validateTransaction({ ...BASE, nonce: (1n << 64n) - 2n, gasLimit: (1n << 64n) - 1n }, { chainId: 1n });
  validateTransaction({ ...BASE, to: null, data: new Uint8Array(MAX_INITCODE_SIZE), gasLimit: 10n ** 6n }, { chainId: 1n });
});

test('chain id: typed and EIP-155 legacy must match; pre-EIP-155 legacy has none', () => {
  invalid({ ...BASE, chainId: 5n }, /chain id 5 does not match the chain's 1/);
  invalid({ ...LEGACY, chainId: 0n }, /chain id 0 does not match/);
  invalid(BASE, /chain id 1 does not match the chain's 7/, 7n);
  validateTransaction(LEGACY, { chainId: 7n });
});

test('ranges: nonce (EIP-2681), gas limit, 256-bit values, fee product', () => {
  invalid({ ...BASE, nonce: (1n << 64n) - 1n }, /nonce .* below 2\^64 - 1/);
  invalid({ ...BASE, gasLimit: 1n << 64n }, /gasLimit .* below 2\^64/);
  invalid({ ...BASE, value: 1n << 256n }, /value .* outside/);
  invalid({ ...BASE, value: -1n }, /value .* outside/);
  invalid({ ...BASE, maxFeePerGas: 1n << 256n, gasPrice: 1n << 256n }, /outside/);
  invalid({ ...BLOB_TX, maxFeePerBlobGas: 1n << 256n }, /maxFeePerBlobGas .* outside/);
  invalid({ ...BASE, maxFeePerGas: 1n << 250n, gasPrice: 1n << 250n }, /gasLimit \* maxFeePerGas overflows/);
});

test('fees: maxPriorityFeePerGas must not exceed maxFeePerGas', () => {
  invalid({ ...BASE, maxPriorityFeePerGas: 11n }, /maxPriorityFeePerGas 11 exceeds maxFeePerGas 10/);
});

test('intrinsic gas and initcode size (EIP-3860)', () => {
  invalid({ ...BASE, gasLimit: 20999n }, /gasLimit 20999 is below the intrinsic gas 21000/);
  invalid({ ...BASE, to: null, gasLimit: 53000n + 1n, data: Uint8Array.of(1) }, /below the intrinsic gas 53018/);
  invalid({ ...BASE, to: null, data: new Uint8Array(MAX_INITCODE_SIZE + 1), gasLimit: 10n ** 6n }, /initcode is 49153 bytes/);
  validateTransaction({ ...BASE, data: new Uint8Array(MAX_INITCODE_SIZE + 1), gasLimit: 10n ** 6n }, { chainId: 1n });
});

test('blob transactions (EIP-4844)', () => {
  invalid({ ...BLOB_TX, to: null }, /cannot create contracts/);
  invalid({ ...BLOB_TX, blobVersionedHashes: [] }, /without blobs/);
  invalid({ ...BLOB_TX, blobVersionedHashes: Array(MAX_BLOBS_PER_TX + 1).fill(BLOB) }, /7 blobs, more than 6/);
  invalid({ ...BLOB_TX, blobVersionedHashes: [BLOB, wordFromHex('0x02' + '00'.repeat(31))] }, /blobVersionedHashes\[1\] has version 0x02/);
  invalid({ ...BASE, blobVersionedHashes: [BLOB] }, /type 2 transaction cannot carry blobs/);
});

test('intrinsicGas (Cancun)', () => {
  assert.equal(intrinsicGas(BASE), 21000n);
  assert.equal(intrinsicGas({ ...BASE, data: Uint8Array.of(0, 1, 0, 2) }), 21000n + 4n + 16n + 4n + 16n);
  assert.equal(intrinsicGas({ ...BASE, to: null }), 53000n);
  assert.equal(intrinsicGas({ ...BASE, to: null, data: new Uint8Array(33) }), 53000n + 33n * 4n + 2n * 2n);
  assert.equal(
    intrinsicGas({ ...BASE, accessList: [{ address: TO, storageKeys: [BLOB, BLOB] }, { address: TO, storageKeys: [] }] }),
    21000n + 2n * 2400n + 2n * 1900n,
  );
  assert.equal(intrinsicGas(BLOB_TX), 21000n, 'blob gas is not intrinsic gas');
});
