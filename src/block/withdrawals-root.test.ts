/** withdrawalsRoot against the header of mainnet block 19910734 (16 withdrawals, no transactions). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromHex } from '../primitives/address.js';
import { bytesToHex, hexToBigInt } from '../primitives/hex.js';
import { FIXTURES_MISSING, fixturesDir } from '../testing/fixtures.js';
import { EMPTY_TRIE_ROOT } from '../trie/trie-root.js';
import { withdrawalsRoot, type Withdrawal } from './withdrawals-root.js';

const fixtures = fixturesDir();

test('withdrawalsRoot of mainnet block 19910734 equals its header', { skip: fixtures ? false : FIXTURES_MISSING }, () => {
  const block = JSON.parse(readFileSync(join(fixtures!, 'mainnet', '19910734', 'block.json'), 'utf8'));
  const withdrawals = (block.withdrawals as Record<string, string>[]).map((w): Withdrawal => ({
    index: hexToBigInt(w['index']!),
    validatorIndex: hexToBigInt(w['validatorIndex']!),
    address: addressFromHex(w['address']!),
    amount: hexToBigInt(w['amount']!),
  }));
  assert.equal(withdrawals.length, 16);
  assert.equal(bytesToHex(withdrawalsRoot(withdrawals)), block.withdrawalsRoot);
  assert.equal(block.transactions.length, 0);
  assert.equal(bytesToHex(EMPTY_TRIE_ROOT), block.transactionsRoot);
});

test('no withdrawals: the empty trie root', () => {
  assert.deepEqual(withdrawalsRoot([]), EMPTY_TRIE_ROOT);
});
