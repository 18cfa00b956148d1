/** The warm-up workload: every synthetic transaction succeeds, and parallel equals sequential on it. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { SharedState } from '../state/shared-state.js';
import { compareResults } from '../testing/compare-results.js';
import { closeSharedPools, executeBlock } from './execute-block.js';
import { warmUpWorkload } from './warm-up.js';

after(() => closeSharedPools());

test('the warm-up block: all transactions succeed (token transfers log once, the exerciser five times), and the parallel result is exact', async () => {
  const { genesis, block } = warmUpWorkload();
  const state = SharedState.fromMemoryState(genesis);
  const expected = executeBlockSequential(block, state);
  assert.equal(expected.receipts.filter((r) => r.status !== 1).length, 0);
  const n = block.transactions.length;
  const tokenTransfers = block.transactions.filter((t, i) => i % 4 >= 2 && t.data.length > 0).length;
  assert.ok(tokenTransfers > n / 3);
  assert.equal(expected.receipts.filter((r) => r.logs.length === 1).length, tokenTransfers);
  assert.equal(expected.receipts.filter((r) => r.logs.length === 5).length, n / 4); // the exerciser: LOG0..LOG4
  const actual = await executeBlock(block, state, { workers: 2, forceParallel: true });
  assert.deepEqual(compareResults(expected, actual), []);
});
