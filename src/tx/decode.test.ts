/** decodeTransaction / encodeTransaction: shapes of each type and one clear error per malformation. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressFromHex } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { rlpDecode, rlpEncode, rlpScalar, type RlpInput } from '../primitives/rlp.js';
import { wordFromHex } from '../primitives/word.js';
import { decodeLegacyItems, decodeTransaction, legacyChainId } from './decode.js';
import { encodeTransaction } from './encode.js';
import type { Transaction } from './transaction.js';

const TO = addressFromHex('0x095e7baea6a6c7c4c2dfeb977efac326af552d87');
const KEY = wordFromHex('0x01');
const BLOB = wordFromHex('0x01' + '22'.repeat(31));

function tx(overrides: Partial<Transaction>): Transaction {
  return {
    type: 2, chainId: 1n, nonce: 7n, gasPrice: 100n, maxPriorityFeePerGas: 3n, maxFeePerGas: 100n, gasLimit: 50000n, to: TO,
    value: 10n ** 18n, data: Uint8Array.of(1, 2, 0, 3), accessList: [{ address: TO, storageKeys: [KEY] }], maxFeePerBlobGas: 0n,
    blobVersionedHashes: [], v: 1n, r: 12345n, s: 67890n, ...overrides,
  };
}

const SAMPLES: Transaction[] = [
  tx({ type: 0, chainId: undefined, gasPrice: 100n, maxPriorityFeePerGas: 100n, accessList: [], v: 27n }),
  tx({ type: 0, chainId: 1n, gasPrice: 100n, maxPriorityFeePerGas: 100n, accessList: [], v: 38n, to: null }),
  tx({ type: 1, gasPrice: 100n, maxPriorityFeePerGas: 100n }),
  tx({ type: 2, to: null, accessList: [] }),
  tx({ type: 3, maxFeePerBlobGas: 5n, blobVersionedHashes: [BLOB, BLOB] }),
];

/** Encodes the typed payload with one item replaced, for malformation tests. */
function withItem(sample: Transaction, index: number, item: RlpInput): Uint8Array {
  const encoded = encodeTransaction(sample);
  const body = sample.type === 0 ? encoded : encoded.subarray(1);
  const items = rlpDecode(body) as RlpInput[];
  items[index] = item;
  const out = rlpEncode(items);
  return sample.type === 0 ? out : Uint8Array.from([sample.type, ...out]);
}

function rejects(bytes: Uint8Array, message: RegExp): void {
  assert.throws(() => decodeTransaction(bytes), (err: unknown) => {
    assert.ok(err instanceof InvalidInputError, String(err));
    assert.match(err.message, message);
    assert.ok(!err.message.includes('\n'), 'one line');
    return true;
  });
}

test('every type round-trips and keeps the monomorphic field order', () => {
  const keys = Object.keys(SAMPLES[0]!);
  for (const sample of SAMPLES) {
    const decoded = decodeTransaction(encodeTransaction(sample));
    assert.deepEqual(decoded, sample);
    assert.deepEqual(Object.keys(decoded), keys);
  }
});

test('decoded data does not alias the input buffer', () => {
  const bytes = encodeTransaction(SAMPLES[3]!);
  const decoded = decodeTransaction(bytes);
  bytes.fill(0);
  assert.deepEqual(decoded.data, Uint8Array.of(1, 2, 0, 3));
});

test('legacy chain id from v', () => {
  assert.equal(legacyChainId(27n), undefined);
  assert.equal(legacyChainId(28n), undefined);
  assert.equal(legacyChainId(37n), 1n);
  assert.equal(legacyChainId(38n), 1n);
  assert.equal(legacyChainId(2n * 1337n + 36n), 1337n);
});

test('envelope errors', () => {
  rejects(new Uint8Array(0), /empty input/);
  rejects(Uint8Array.of(0x00, 0xc0), /type 0x00 is not supported/);
  rejects(Uint8Array.of(0x04, 0xc0), /type 0x04 is not supported/);
  rejects(Uint8Array.of(0x7f), /type 0x7f is not supported/);
  rejects(Uint8Array.of(0x83, 1, 2, 3), /RLP string/);
  rejects(Uint8Array.of(0x02, 0x83, 1, 2, 3), /payload must be an RLP list/);
  rejects(Uint8Array.of(0x02, 0xc0), /EIP-1559 transaction must have 12 RLP items, got 0/);
  rejects(Uint8Array.of(0xc1, 0x80), /legacy transaction must have 9 RLP items, got 1/);
  const valid = encodeTransaction(SAMPLES[4]!);
  rejects(Uint8Array.from([...valid, 0]), /trailing bytes/);
  rejects(valid.subarray(0, valid.length - 1), /malformed RLP/);
});

test('field errors name the field', () => {
  const [legacy, , accessListTx, dynamic, blob] = SAMPLES as [Transaction, Transaction, Transaction, Transaction, Transaction];
  rejects(withItem(legacy, 0, Uint8Array.of(0, 7)), /nonce has leading zero bytes/);
  rejects(withItem(legacy, 0, [Uint8Array.of(7)]), /nonce must be a byte string/);
  rejects(withItem(legacy, 4, new Uint8Array(33).fill(1)), /value is 33 bytes/);
  rejects(withItem(legacy, 3, new Uint8Array(19)), /to must be 20 bytes, got 19/);
  rejects(withItem(legacy, 5, []), /data must be a byte string/);
  rejects(withItem(accessListTx, 7, Uint8Array.of(1)), /accessList must be a list/);
  rejects(withItem(accessListTx, 7, [[new Uint8Array(20)]]), /accessList\[0\] must have 2 items/);
  rejects(withItem(accessListTx, 7, [[new Uint8Array(21), []]]), /accessList\[0\].address must be 20 bytes/);
  rejects(withItem(accessListTx, 7, [[new Uint8Array(20), [new Uint8Array(31)]]]), /storageKeys\[0\] must be 32 bytes, got 31/);
  rejects(withItem(dynamic, 0, Uint8Array.of(0)), /chainId has leading zero bytes/);
  rejects(withItem(dynamic, 9, Uint8Array.of(0, 1)), /yParity has leading zero bytes/);
  rejects(withItem(blob, 5, new Uint8Array(0)), /to \(blob transactions cannot create contracts\) must be 20 bytes, got 0/);
  rejects(withItem(blob, 10, [new Uint8Array(31)]), /blobVersionedHashes\[0\] must be 32 bytes/);
  rejects(withItem(blob, 10, new Uint8Array(32)), /blobVersionedHashes must be a list/);
});

test('integer boundaries: 32 bytes decode, the largest value round-trips, zero is the empty string', () => {
  const max = (1n << 256n) - 1n;
  const decoded = decodeTransaction(withItem(SAMPLES[0]!, 4, rlpScalar(max)));
  assert.equal(decoded.value, max);
  assert.equal(decodeTransaction(withItem(SAMPLES[0]!, 0, new Uint8Array(0))).nonce, 0n);
  rejects(withItem(SAMPLES[0]!, 0, Uint8Array.of(0)), /nonce has leading zero bytes/);
  for (const n of [0x7fn, 0x80n, 0xffffn, (1n << 48n) - 1n, 1n << 48n, 1n << 53n, (1n << 64n) - 1n]) {
    assert.equal(decodeTransaction(withItem(SAMPLES[0]!, 2, rlpScalar(n))).gasLimit, n);
  }
});

test('decodeLegacyItems reads a legacy transaction already split by a block-body decoder', () => {
  const legacy = SAMPLES[0]!;
  assert.deepEqual(decodeLegacyItems(rlpDecode(encodeTransaction(legacy))), legacy);
  assert.throws(() => decodeLegacyItems(Uint8Array.of(1)), InvalidInputError);
});
