/**
 * Every `txbytes` of the GeneralStateTests (Cancun, ~19k transactions of all four types) through
 * decodeTransaction, validateTransaction and recoverSender: the sender must be the address of the test's
 * `secretKey`; transactions whose expected exception is static (intrinsic gas, initcode size, blob rules,
 * fee relation, RLP) must be rejected, and those whose exception needs state or the block (balance,
 * nonce, base fee, block gas, sender code) must pass the static checks.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { InvalidInputError } from '../primitives/errors.js';
import { hexToBytes } from '../primitives/hex.js';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { decodeTransaction } from './decode.js';
import { privateKeyToAddress, recoverSender } from './sender.js';
import { validateTransaction } from './validate.js';

const STATIC_EXCEPTIONS = new Set([
  'INTRINSIC_GAS_TOO_LOW', 'INITCODE_SIZE_EXCEEDED', 'TYPE_3_TX_ZERO_BLOBS', 'TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH',
  'TYPE_3_TX_CONTRACT_CREATION', 'TYPE_3_TX_BLOB_COUNT_EXCEEDED', 'RLP_INVALID_VALUE', 'PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS',
  'GASLIMIT_PRICE_PRODUCT_OVERFLOW',
]);
/**
 * State exceptions whose transactions may break a static rule too: NONCE_IS_MAX (account nonce 2^64 - 1)
 * comes with a transaction nonce of 2^64 - 1, which EIP-2681 already rejects statically.
 */
const EITHER_EXCEPTIONS = new Set(['NONCE_IS_MAX']);

interface StateTest {
  transaction: { secretKey: string };
  post: Record<string, { txbytes: string; expectException?: string }[]>;
}

function* jsonFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* jsonFiles(path);
    else if (name.endsWith('.json')) yield path;
  }
}

const root = fixturesDir();

test('state tests: every txbytes decodes, validates statically and recovers the secretKey address', { skip: root ? false : FIXTURES_MISSING }, () => {
  const failures: string[] = [];
  let count = 0;
  for (const file of jsonFiles(join(root!, 'state-tests'))) {
    const tests = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StateTest>;
    for (const [name, t] of Object.entries(tests)) {
      const expectedSender = privateKeyToAddress(hexToBytes(t.transaction.secretKey, 32));
      for (const [i, post] of (t.post['Cancun'] ?? []).entries()) {
        count++;
        const exceptions = (post.expectException ?? '').split('|').filter(Boolean).map((e) => e.replace('TransactionException.', ''));
        const mustReject = exceptions.length > 0 && exceptions.every((e) => STATIC_EXCEPTIONS.has(e));
        const mustAccept = exceptions.every((e) => !STATIC_EXCEPTIONS.has(e) && !EITHER_EXCEPTIONS.has(e));
        const id = `${file.slice(root!.length)} ${name} #${i}`;
        try {
          const tx = decodeTransaction(hexToBytes(post.txbytes));
          validateTransaction(tx, { chainId: 1n });
          const sender = recoverSender(tx);
          if (mustReject) failures.push(`${id}: accepted, expected ${post.expectException}`);
          else if (sender !== expectedSender) failures.push(`${id}: wrong sender`);
        } catch (err) {
          if (!(err instanceof InvalidInputError)) failures.push(`${id}: ${String(err)}`);
          else if (mustAccept) failures.push(`${id}: rejected (${err.message}), expected ${post.expectException ?? 'valid'}`);
        }
      }
    }
  }
  assert.deepEqual(failures.slice(0, 20), []);
  assert.ok(count > 10000, `only ${count} transactions`);
});
