/**
 * The shared-memory transaction codec round-trips every field of random transactions of all four types, and
 * reads a record's type and gas limit without decoding it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressFromNumber } from '../primitives/address.js';
import { unsignedTransactionArbitrary } from '../tx/arbitrary.js';
import { withSender } from '../tx/executable.js';
import { encodedSize, encodeTransactions, encodeTransactionsInto, layOutTransactions, TransactionDecoder, type TransactionLayout } from './tx-codec.js';

test('encodeTransactions / TransactionDecoder round trip (values up to 2^256, access lists, blobs, creations)', () => {
  fc.assert(
    fc.property(fc.array(unsignedTransactionArbitrary(), { minLength: 1, maxLength: 8 }), (txs) => {
      const executable = txs.map((tx, i) => withSender(tx, addressFromNumber(i + 1)));
      const decoder = new TransactionDecoder(encodeTransactions(executable));
      executable.forEach((tx, i) => {
        const decoded = decoder.get(i);
        assert.deepEqual({ ...decoded, data: [...decoded.data], v: 0n, r: 0n, s: 0n }, { ...tx, data: [...tx.data], v: 0n, r: 0n, s: 0n });
        assertSummary(decoder, i, tx);
      });
    }),
    { numRuns: 300 },
  );
});

/** typeOf and gasLimitNumber read the record without decoding it. */
function assertSummary(decoder: TransactionDecoder, i: number, tx: { type: number; gasLimit: bigint }): void {
  assert.equal(decoder.typeOf(i), tx.type);
  assert.equal(decoder.gasLimitNumber(i), tx.gasLimit < 2n ** 53n ? Number(tx.gasLimit) : -1);
}

test('TransactionDecoder reuses equal field values without mixing up fields or wide values (any decode order)', () => {
  // Values sharing 32-bit halves, at the 64-bit boundary and beyond it.
  const pool = [0n, 1n, 0xffffffffn, 1n << 32n, (1n << 32n) + 1n, (1n << 53n) - 1n, 1n << 53n, (1n << 64n) - 1n, 1n << 64n, ((1n << 64n) - 1n) << 64n, (1n << 256n) - 1n];
  const pick = fc.constantFrom(...pool);
  const arbitrary = fc.tuple(unsignedTransactionArbitrary(), fc.array(pick, { minLength: 6, maxLength: 6 })).map(([tx, v]) => ({
    ...tx, nonce: v[0]! % (1n << 64n), gasPrice: v[1]!, maxPriorityFeePerGas: v[2]!, maxFeePerGas: v[3]!, gasLimit: v[4]! % (1n << 64n), value: v[5]!,
  }));
  fc.assert(
    fc.property(fc.array(arbitrary, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (txs, order) => {
      const executable = txs.map((tx, i) => withSender(tx, addressFromNumber(i + 1)));
      const decoder = new TransactionDecoder(encodeTransactions(executable));
      for (const n of order) {
        const i = n % executable.length;
        const tx = executable[i]!;
        const decoded = decoder.get(i);
        assert.deepEqual({ ...decoded, data: [...decoded.data], v: 0n, r: 0n, s: 0n }, { ...tx, data: [...tx.data], v: 0n, r: 0n, s: 0n });
        assertSummary(decoder, i, tx);
      }
    }),
    { numRuns: 300 },
  );
});

test('encodeTransactionsInto overwrites every byte the decoder reads (reused buffers and layout hold the previous block)', () => {
  const layout: TransactionLayout = { offsets: new Int32Array(0), count: 0, bytes: 0 };
  fc.assert(
    fc.property(fc.array(unsignedTransactionArbitrary(), { minLength: 1, maxLength: 8 }), (txs) => {
      const executable = txs.map((tx, i) => withSender(tx, addressFromNumber(i + 1)));
      layOutTransactions(executable, layout);
      assert.equal(layout.bytes, encodedSize(executable));
      const bytes = new SharedArrayBuffer(layout.bytes + 64);
      const offsets = new SharedArrayBuffer(executable.length * 4);
      new Uint8Array(bytes).fill(0xff);
      encodeTransactionsInto(executable, bytes, offsets, layout);
      const decoder = new TransactionDecoder({ bytes, offsets, count: executable.length });
      executable.forEach((tx, i) => {
        const decoded = decoder.get(i);
        assert.deepEqual({ ...decoded, data: [...decoded.data], v: 0n, r: 0n, s: 0n }, { ...tx, data: [...tx.data], v: 0n, r: 0n, s: 0n });
      });
    }),
    { numRuns: 300 },
  );
});

test('encodeTransactionsInto refuses buffers too small for the block', () => {
  const tx = withSender({ type: 0, chainId: 1n, nonce: 0n, gasPrice: 1n, maxPriorityFeePerGas: 1n, maxFeePerGas: 1n, gasLimit: 21000n, to: null, value: 0n, data: new Uint8Array(100), accessList: [], maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n, r: 0n, s: 0n }, addressFromNumber(1));
  assert.throws(() => encodeTransactionsInto([tx], new SharedArrayBuffer(64), new SharedArrayBuffer(4)), /transaction buffer too small: 424 bytes needed/);
  assert.throws(() => encodeTransactionsInto([tx, tx], new SharedArrayBuffer(1024), new SharedArrayBuffer(4)), /2 offsets needed/);
  assert.throws(() => encodeTransactionsInto([tx, tx], new SharedArrayBuffer(1024), new SharedArrayBuffer(8), layOutTransactions([tx])), /layout is for 1 transactions, not 2/);
});
