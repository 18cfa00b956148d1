/**
 * ReceiptDrafts on its own: it drafts in transaction order up to the first transaction without an output,
 * records the output offset each draft came from, skips invalid outputs, and stops for good (without
 * throwing into the pool's wait) if drafting fails. Keeping or dropping drafts at the end is covered by
 * the parallel == sequential tests (parallel-equivalence.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReceiptDrafts } from './receipt-drafts.js';
import type { OutputReader } from './tx-output.js';
import type { TransactionDecoder } from './tx-codec.js';

function fakeReader(overrides: Partial<Record<keyof OutputReader, unknown>> = {}): OutputReader {
  return {
    invalidReason: (at: number) => (at === 13 ? 'nonce too low' : null),
    receipt: (_at: number, type: number, cumulativeGasUsed: bigint) => ({ type, status: 1, cumulativeGasUsed, logsBloom: new Uint8Array(256), logs: [] }),
    contractAddress: () => null,
    ...overrides,
  } as unknown as OutputReader;
}
const encoded = { typeOf: () => 2 } as unknown as TransactionDecoder;

test('drafts in order up to the first missing output, remembering each offset; invalid outputs get no draft', () => {
  const outputs = new Int32Array([5, 9, 0, 13]);
  const drafts = new ReceiptDrafts(outputs, fakeReader(), encoded, 0, 4);
  assert.equal(drafts.step(10), true);
  assert.deepEqual([...drafts.drafted], [5, 9, 0, 0]);
  assert.equal(drafts.step(10), false); // task 2 has no output yet
  outputs[2] = 11;
  assert.equal(drafts.step(1), true); // a limit of 1: task 2 only
  assert.deepEqual([...drafts.drafted], [5, 9, 11, 0]);
  assert.equal(drafts.step(10), true); // task 3: an invalid output, passed over without a draft
  assert.deepEqual([...drafts.drafted], [5, 9, 11, 0]);
  assert.equal(drafts.count, 3);
  assert.equal(drafts.receipts[1]!.type, 2);
  assert.equal(drafts.receipts[1]!.status, 1);
});

test('the beacon-root system call (task 0) is not a receipt: drafting starts at the first transaction', () => {
  const drafts = new ReceiptDrafts(new Int32Array([3, 4]), fakeReader(), encoded, 1, 2);
  drafts.step(10);
  assert.deepEqual([...drafts.drafted], [0, 4]);
});

test('a failure while drafting stops drafting for good and does not throw', () => {
  const drafts = new ReceiptDrafts(new Int32Array([5, 9]), fakeReader({ receipt: () => { throw new Error('corrupt record'); } }), encoded, 0, 2);
  assert.equal(drafts.step(10), false);
  assert.equal(drafts.failed, true);
  assert.equal(drafts.step(10), false);
});
