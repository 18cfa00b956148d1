/**
 * Fuzzing the transaction decoder: random bytes and mutated valid encodings must only ever produce a
 * Transaction or an InvalidInputError (never TypeError/RangeError), and whatever we accept in full
 * (decode, validate, recover) @ethereumjs/tx must accept with the same hash and sender.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createTxFromRLP } from '@ethereumjs/tx';
import fc from 'fast-check';
import { addressToHex } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex } from '../primitives/hex.js';
import { privateKeyArbitrary, unsignedTransactionArbitrary } from './arbitrary.js';
import { decodeTransaction } from './decode.js';
import { encodeTransaction, transactionHash } from './encode.js';
import { recoverSender, signTransaction } from './sender.js';
import type { Transaction } from './transaction.js';
import { validateTransaction } from './validate.js';

const noKzg = new Proxy({}, { get: () => () => { throw new Error('KZG not available in this test'); } }) as never;
const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun, customCrypto: { kzg: noKzg } });

function expectInvalidInput(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (err) {
    if (!(err instanceof InvalidInputError)) assert.fail(`expected InvalidInputError, got ${String(err)}`);
    return false;
  }
}

/** Random bytes, biased to start like a transaction so the decoder gets past the first byte. */
const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.tuple(fc.constantFrom(0x01, 0x02, 0x03, 0xc0, 0xd0, 0xf8, 0xf9), fc.uint8Array({ maxLength: 200 }))
    .map(([first, rest]) => Uint8Array.from([first, ...rest])),
);

const signedEncoding = fc
  .tuple(unsignedTransactionArbitrary(), privateKeyArbitrary)
  .map(([tx, key]) => encodeTransaction(signTransaction(tx, key)));

/** A valid encoding with 1 to 3 byte edits (overwrite, insert, delete). */
const mutatedEncoding = fc
  .tuple(signedEncoding, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 3 }))
  .map(([encoded, edits]) => {
    const bytes = Array.from(encoded);
    for (const [at, byte, op] of edits) {
      const i = at % bytes.length;
      if (op === 0) bytes[i] = byte;
      else if (op === 1) bytes.splice(i, 0, byte);
      else if (bytes.length > 1) bytes.splice(i, 1);
    }
    return Uint8Array.from(bytes);
  });

test('decodeTransaction on random bytes: a Transaction or InvalidInputError, nothing else', () => {
  fc.assert(
    fc.property(randomBytes, (bytes) => {
      expectInvalidInput(() => decodeTransaction(bytes));
    }),
    { numRuns: 10 * Number(process.env.FUZZ_RUNS ?? 2000) },
  );
});

test('mutated valid encodings: only InvalidInputError, and full acceptance agrees with @ethereumjs/tx', () => {
  let fullyAccepted = 0;
  fc.assert(
    fc.property(mutatedEncoding, (bytes) => {
      let tx: Transaction | undefined;
      if (!expectInvalidInput(() => { tx = decodeTransaction(bytes); })) return;
      assert.deepEqual(encodeTransaction(tx!), bytes, 'a decoded transaction must re-encode to its input');
      if (!expectInvalidInput(() => validateTransaction(tx!, { chainId: 1n }))) return;
      let sender = '';
      if (!expectInvalidInput(() => { sender = addressToHex(recoverSender(tx!)); })) return;
      fullyAccepted++;
      const theirs = createTxFromRLP(bytes, { common });
      assert.equal(bytesToHex(theirs.hash()), bytesToHex(transactionHash(tx!)));
      assert.equal(theirs.getSenderAddress().toString(), sender);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 1500) },
  );
  if (process.env.FUZZ_RUNS) console.log(`fully accepted: ${fullyAccepted}`);
  assert.ok(fullyAccepted > 0, 'no mutation survived: the generator is too destructive to test agreement');
});
