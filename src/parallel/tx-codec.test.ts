/** The shared-memory transaction codec round-trips every field of random transactions of all four types. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressFromNumber } from '../primitives/address.js';
import { unsignedTransactionArbitrary } from '../tx/arbitrary.js';
import { withSender } from '../tx/executable.js';
import { encodeTransactions, TransactionDecoder } from './tx-codec.js';

test('encodeTransactions / TransactionDecoder round trip (values up to 2^256, access lists, blobs, creations)', () => {
  fc.assert(
    fc.property(fc.array(unsignedTransactionArbitrary(), { minLength: 1, maxLength: 8 }), (txs) => {
      const executable = txs.map((tx, i) => withSender(tx, addressFromNumber(i + 1)));
      const decoder = new TransactionDecoder(encodeTransactions(executable));
      executable.forEach((tx, i) => {
        const decoded = decoder.get(i);
        assert.deepEqual({ ...decoded, data: [...decoded.data], v: 0n, r: 0n, s: 0n }, { ...tx, data: [...tx.data], v: 0n, r: 0n, s: 0n });
      });
    }),
    { numRuns: 300 },
  );
});
