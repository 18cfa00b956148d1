/**
 * transactionFromRpc on real mainnet Cancun blocks (all four types): the hash and sender we compute
 * must equal the node's `hash` and `from`; plus the reader's error paths, and the writer's round trip.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { addressToHex } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex } from '../primitives/hex.js';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { decodeTransaction } from './decode.js';
import { encodeTransaction, transactionHash } from './encode.js';
import { intrinsicGas } from './intrinsic-gas.js';
import { transactionFromRpc, transactionToRpc } from './rpc.js';
import { unsignedTransactionArbitrary } from './arbitrary.js';
import { recoverSender } from './sender.js';
import { validateTransaction } from './validate.js';

const root = fixturesDir();

test('mainnet blocks: hash and sender of every transaction match the node', { skip: root ? false : FIXTURES_MISSING }, () => {
  const dir = join(root!, 'mainnet');
  const seenTypes = new Set<number>();
  let count = 0;
  for (const block of readdirSync(dir).filter((d) => /^\d+$/.test(d))) {
    const json = JSON.parse(readFileSync(join(dir, block, 'block.json'), 'utf8')) as { transactions: unknown[] };
    for (const raw of json.transactions) {
      const { tx, from, hash } = transactionFromRpc(raw);
      const id = `block ${block} tx ${bytesToHex(hash!)}`;
      assert.equal(bytesToHex(transactionHash(tx)), bytesToHex(hash!), id);
      assert.equal(addressToHex(recoverSender(tx)), addressToHex(from!), id);
      validateTransaction(tx, { chainId: 1n });
      assert.ok(intrinsicGas(tx) <= tx.gasLimit, id);
      assert.deepEqual(decodeTransaction(encodeTransaction(tx)), tx, id);
      seenTypes.add(tx.type);
      count++;
    }
  }
  assert.ok(count >= 400, `only ${count} transactions`);
  assert.deepEqual([...seenTypes].sort(), [0, 1, 2, 3]);
});

const LEGACY = {
  type: '0x0', nonce: '0x0', gasPrice: '0x430e23400', gas: '0x15f90', to: '0xdac17f958d2ee523a2206206994597c13d831ec7',
  value: '0x0', input: '0xa9059cbb', v: '0x25', r: '0x1', s: '0x2', chainId: '0x1',
};
const DYNAMIC = {
  type: '0x2', chainId: '0x1', nonce: '0x1', gasPrice: '0x5', maxFeePerGas: '0x10', maxPriorityFeePerGas: '0x2',
  gas: '0x5208', to: null, value: '0x0', input: '0x', accessList: [], v: '0x1', yParity: '0x1', r: '0x1', s: '0x2',
};

test('transactionFromRpc: field mapping', () => {
  const legacy = transactionFromRpc(LEGACY).tx;
  assert.equal(legacy.chainId, 1n);
  assert.equal(legacy.maxFeePerGas, 0x430e23400n);
  assert.equal(legacy.maxPriorityFeePerGas, 0x430e23400n);
  assert.deepEqual(legacy.data, Uint8Array.of(0xa9, 0x05, 0x9c, 0xbb));
  const unprotected = transactionFromRpc({ ...LEGACY, v: '0x1c', chainId: undefined }).tx;
  assert.equal(unprotected.chainId, undefined);
  assert.equal(transactionFromRpc({ ...LEGACY, type: undefined }).tx.type, 0);

  const dynamic = transactionFromRpc(DYNAMIC);
  assert.equal(dynamic.tx.to, null);
  assert.equal(dynamic.tx.gasPrice, 0x10n, 'gasPrice of a type 2 tx is maxFeePerGas, not the effective price');
  assert.equal(dynamic.tx.v, 1n);
  assert.equal(dynamic.from, undefined);
  assert.equal(dynamic.hash, undefined);
  assert.equal(transactionFromRpc({ ...DYNAMIC, yParity: undefined }).tx.v, 1n);
});

test('transactionFromRpc: malformed objects are InvalidInputError', () => {
  const bad: unknown[] = [
    null, 'tx', [], { ...LEGACY, v: '0x25', chainId: '0x2' }, { ...LEGACY, nonce: undefined }, { ...LEGACY, nonce: 5 },
    { ...LEGACY, value: '0x1' + '0'.repeat(64) }, { ...LEGACY, to: '0x1234' }, { ...LEGACY, input: undefined },
    { ...LEGACY, type: '0x4' }, { ...DYNAMIC, yParity: '0x0' }, { ...DYNAMIC, accessList: undefined },
    { ...DYNAMIC, accessList: [{ address: '0x' + '11'.repeat(20), storageKeys: ['0x01'] }] },
    { ...DYNAMIC, chainId: undefined }, { ...DYNAMIC, type: '0x3', to: '0x' + '11'.repeat(20), maxFeePerBlobGas: '0x1' },
    { ...DYNAMIC, type: '0x3', blobVersionedHashes: ['0x01' + '00'.repeat(31)], maxFeePerBlobGas: '0x1' },
    { ...DYNAMIC, type: '0x3', to: '0x' + '11'.repeat(20), blobVersionedHashes: ['0x01' + '00'.repeat(31)] },
    { ...DYNAMIC, hash: '0x1234' }, { ...DYNAMIC, from: 'me' },
  ];
  for (const input of bad) assert.throws(() => transactionFromRpc(input), InvalidInputError, JSON.stringify(input));
});

test('transactionToRpc: transactionFromRpc reads back the same transaction, for every type', () => {
  fc.assert(
    fc.property(unsignedTransactionArbitrary(), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (unsigned, r, s) => {
      const legacyV = unsigned.chainId === undefined ? 27n : 35n + 2n * unsigned.chainId;
      const tx = { ...unsigned, v: unsigned.type === 0 ? legacyV : 1n, r, s };
      const json = JSON.parse(JSON.stringify(transactionToRpc(tx))) as unknown;
      const back = transactionFromRpc(json).tx;
      // gasPrice of typed transactions is their maxFeePerGas on both sides.
      assert.deepEqual(encodeTransaction(back), encodeTransaction(tx));
      assert.equal(back.type, tx.type);
    }),
    { numRuns: 300 },
  );
});
