/**
 * Receipt encoding and block roots: encodeReceipt / receiptsRoot against @ethereumjs/vm's encodeReceipt
 * and @ethereumjs/mpt, logsHash against known values, and transactionsRoot against the headers of the
 * mainnet fixture blocks (transactions serialized by @ethereumjs/tx, used here only as an oracle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createMPT } from '@ethereumjs/mpt';
import { createTxFromRPC } from '@ethereumjs/tx';
import { encodeReceipt as referenceEncodeReceipt } from '@ethereumjs/vm';
import { addressFromHex, addressToBytes } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode, rlpScalar } from '../primitives/rlp.js';
import { wordFromBigInt, wordFromHex, wordToBytes } from '../primitives/word.js';
import { FIXTURES_MISSING, fixturesDir } from '../testing/fixtures.js';
import { EMPTY_TRIE_ROOT } from '../trie/trie-root.js';
import type { Log } from '../evm/log.js';
import { logsBloom } from './bloom.js';
import { encodeReceipt, logsHash, receiptsRoot, transactionsRoot, type Receipt } from './receipt.js';

const fixtures = fixturesDir();
const TRANSFER_TOPIC = wordFromHex('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef');

function sampleReceipts(count: number): Receipt[] {
  let gas = 0n;
  return Array.from({ length: count }, (_, i): Receipt => {
    const logs: Log[] = Array.from({ length: i % 4 }, (_, j) => ({
      address: addressFromHex((0xabc000 + i * 31 + j).toString(16).padStart(40, '0')),
      topics: [TRANSFER_TOPIC, wordFromBigInt(BigInt(i)), wordFromBigInt(BigInt(j) << 160n)].slice(0, (i + j) % 4),
      data: new Uint8Array((i * 7 + j) % 70).fill(i & 0xff),
    }));
    gas += 21000n + BigInt(i) * 1000n;
    return { type: (i % 4) as Receipt['type'], status: (i % 5 === 0 ? 0 : 1), cumulativeGasUsed: gas, logsBloom: logsBloom(logs), logs };
  });
}

function referenceEncoding(r: Receipt): Uint8Array {
  const logs = r.logs.map((l) => [addressToBytes(l.address), l.topics.map((t) => wordToBytes(t)), l.data] as [Uint8Array, Uint8Array[], Uint8Array]);
  return referenceEncodeReceipt({ status: r.status, cumulativeBlockGasUsed: r.cumulativeGasUsed, bitvector: r.logsBloom, logs }, r.type);
}

test('encodeReceipt matches @ethereumjs/vm for every type, status and log shape', () => {
  for (const [i, r] of sampleReceipts(40).entries()) {
    assert.equal(bytesToHex(encodeReceipt(r)), bytesToHex(referenceEncoding(r)), `receipt ${i}`);
  }
});

test('receiptsRoot matches @ethereumjs/mpt over the reference encodings', async () => {
  for (const count of [0, 1, 2, 17, 130]) {
    const receipts = sampleReceipts(count);
    const trie = await createMPT();
    for (const [i, r] of receipts.entries()) await trie.put(rlpEncode(rlpScalar(i)), referenceEncoding(r));
    assert.equal(bytesToHex(receiptsRoot(receipts)), bytesToHex(trie.root()), `${count} receipts`);
  }
});

test('logsHash: empty list is keccak(rlp([])); one log hashes rlp([[address, topics, data]])', () => {
  assert.equal(bytesToHex(logsHash([])), '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347');
  const log: Log = { address: addressFromHex('0x' + '0f'.repeat(20)), topics: [TRANSFER_TOPIC], data: Uint8Array.of(1, 2) };
  const expected = keccak256(rlpEncode([[addressToBytes(log.address), [wordToBytes(TRANSFER_TOPIC)], log.data]]));
  assert.deepEqual(logsHash([log]), expected);
});

test('bad receipts are rejected with InvalidInputError', () => {
  const ok = sampleReceipts(2)[1]!;
  assert.throws(() => encodeReceipt({ ...ok, type: 4 as Receipt['type'] }), InvalidInputError);
  assert.throws(() => encodeReceipt({ ...ok, status: 2 as Receipt['status'] }), InvalidInputError);
  assert.throws(() => encodeReceipt({ ...ok, logsBloom: new Uint8Array(8) }), InvalidInputError);
  assert.throws(() => encodeReceipt({ ...ok, cumulativeGasUsed: -1n }), InvalidInputError);
});

const MAINNET_BLOCKS = ['19426587', '19910734', '19929064', '19932703', '19933597'];

test('transactionsRoot equals the header of every mainnet fixture block', { skip: fixtures ? false : FIXTURES_MISSING }, async () => {
  // The blob transactions are decoded without their sidecars, so KZG is never called: a stub satisfies the check.
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun, customCrypto: { kzg: {} as never } });
  for (const number of MAINNET_BLOCKS) {
    const block = JSON.parse(readFileSync(join(fixtures!, 'mainnet', number, 'block.json'), 'utf8'));
    const encoded: Uint8Array[] = [];
    for (const tx of block.transactions) encoded.push((await createTxFromRPC(tx, { common })).serialize());
    assert.equal(bytesToHex(transactionsRoot(encoded)), block.transactionsRoot, `block ${number}`);
  }
  assert.equal(bytesToHex(EMPTY_TRIE_ROOT), JSON.parse(readFileSync(join(fixtures!, 'mainnet', '19910734', 'block.json'), 'utf8')).transactionsRoot);
});
