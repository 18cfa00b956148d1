/**
 * stateRoot / storageRoot: real roots from GeneralStateTests cases whose transaction is rejected (their
 * post-state `hash` is the root of the pre-state, minus the coinbase if it is empty: the runner touches it
 * and EIP-158 deletes it), and a differential test against @ethereumjs/mpt + @ethereumjs/util accounts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMPT } from '@ethereumjs/mpt';
import { createAccount } from '@ethereumjs/util';
import { addressFromHex, addressToBytes, type Address } from '../primitives/address.js';
import { bytesToHex, hexToBigInt, hexToBytes } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode, rlpScalar } from '../primitives/rlp.js';
import { wordFromBigInt, wordFromHex, wordToBytes, wordToHex, ZERO_WORD, type Word } from '../primitives/word.js';
import { FIXTURES_MISSING, fixturesDir } from '../testing/fixtures.js';
import { stateRoot, storageRoot, type StateAccount } from './state-root.js';
import { EMPTY_TRIE_ROOT } from './trie-root.js';

const fixtures = fixturesDir();

interface PreAccount {
  balance: string;
  nonce: string;
  code: string;
  storage: Record<string, string>;
}

function toStateAccount(address: string, pre: PreAccount): StateAccount {
  return {
    address: addressFromHex(address),
    nonce: hexToBigInt(pre.nonce),
    balance: hexToBigInt(pre.balance),
    codeHash: wordFromHex(bytesToHex(keccak256(hexToBytes(pre.code)))),
    storage: Object.entries(pre.storage).map(([slot, value]): [Word, Word] => [wordFromHex(slot), wordFromHex(value)]),
  };
}

/** State test files with rejected transactions (some with storage and empty accounts in the pre-state). */
const REJECTED_TX_FILES = [
  'stEIP1559/lowGasLimit.json',
  'stSpecialTest/eoaEmptyParis.json',
  'stExample/invalidTr.json',
  'stEIP3607/transactionCollidingWithNonEmptyAccount_init_Paris.json',
  'Cancun/stEIP4844-blobtransactions/wrongBlobhashVersion.json',
];

test('stateRoot of the pre-state equals the post hash of rejected state-test transactions', { skip: fixtures ? false : FIXTURES_MISSING }, () => {
  let checked = 0;
  for (const file of REJECTED_TX_FILES) {
    const tests = JSON.parse(readFileSync(join(fixtures!, 'state-tests', file), 'utf8'));
    for (const [name, t] of Object.entries<any>(tests)) {
      const coinbase = String(t.env.currentCoinbase).toLowerCase();
      const accounts = Object.entries<PreAccount>(t.pre)
        .filter(([address, a]) => address.toLowerCase() !== coinbase || hexToBigInt(a.nonce) !== 0n || hexToBigInt(a.balance) !== 0n || hexToBytes(a.code).length > 0)
        .map(([address, a]) => toStateAccount(address, a));
      const root = bytesToHex(stateRoot(accounts));
      for (const post of t.post.Cancun as { hash: string; expectException?: string }[]) {
        if (post.expectException === undefined) continue;
        assert.equal(root, post.hash, `${file} ${name}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 10, `only ${checked} cases checked`);
});

test('storageRoot: empty storage, zero values absent, repeated slot: last wins', () => {
  assert.deepEqual(storageRoot([]), EMPTY_TRIE_ROOT);
  assert.deepEqual(storageRoot([[wordFromBigInt(1n), ZERO_WORD]]), EMPTY_TRIE_ROOT);
  const one = storageRoot([[wordFromBigInt(1n), wordFromBigInt(5n)]]);
  assert.deepEqual(storageRoot([[wordFromBigInt(2n), ZERO_WORD], [wordFromBigInt(1n), wordFromBigInt(5n)]]), one);
  assert.deepEqual(storageRoot([[wordFromBigInt(1n), wordFromBigInt(9n)], [wordFromBigInt(1n), wordFromBigInt(5n)]]), one);
  assert.deepEqual(storageRoot([[wordFromBigInt(2n), wordFromBigInt(9n)], [wordFromBigInt(1n), wordFromBigInt(5n)], [wordFromBigInt(2n), ZERO_WORD]]), one);
});

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function randomBigInt(next: () => number, maxBytes: number): bigint {
  let v = 0n;
  const bytes = next() % (maxBytes + 1);
  for (let i = 0; i < bytes; i++) v = (v << 8n) | BigInt(next() & 0xff);
  return v;
}

async function referenceStateRoot(accounts: StateAccount[]): Promise<string> {
  const stateTrie = await createMPT({ useKeyHashing: true });
  for (const a of accounts) {
    const storageTrie = await createMPT({ useKeyHashing: true });
    for (const [slot, value] of new Map(a.storage)) {
      const v = BigInt(wordToHex(value));
      if (v !== 0n) await storageTrie.put(wordToBytes(slot), rlpEncode(rlpScalar(v)));
    }
    const account = createAccount({ nonce: a.nonce, balance: a.balance, storageRoot: storageTrie.root(), codeHash: wordToBytes(a.codeHash) });
    await stateTrie.put(addressToBytes(a.address), account.serialize());
  }
  return bytesToHex(stateTrie.root());
}

test('stateRoot matches @ethereumjs/mpt + util accounts on random states', async () => {
  for (let seed = 1; seed <= 6; seed++) {
    const next = prng(seed);
    const accounts: StateAccount[] = Array.from({ length: 1 + (next() % 60) }, (_, i) => ({
      address: addressFromHex((i * 7919 + seed).toString(16).padStart(40, '0')) as Address,
      nonce: randomBigInt(next, 8),
      balance: randomBigInt(next, 32),
      codeHash: wordFromBigInt(randomBigInt(next, 32)),
      storage: Array.from({ length: next() % 12 }, (): [Word, Word] => [wordFromBigInt(randomBigInt(next, 32)), wordFromBigInt(randomBigInt(next, 32))]),
    }));
    assert.equal(bytesToHex(stateRoot(accounts)), await referenceStateRoot(accounts), `seed ${seed}`);
  }
});
