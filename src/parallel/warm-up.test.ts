/** The warm-up workload: every synthetic transaction succeeds, and parallel equals sequential on it. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { SharedState } from '../state/shared-state.js';
import { compareResults } from '../testing/compare-results.js';
import { closeSharedPools, executeBlock } from './execute-block.js';
import { warmUpWorkload } from './warm-up.js';

after(() => closeSharedPools());

test('the warm-up block: all transactions succeed (token transfers log), and the parallel result is exact', async () => {
  const { genesis, block } = warmUpWorkload();
  const state = SharedState.fromMemoryState(genesis);
  const expected = executeBlockSequential(block, state);
  assert.equal(expected.receipts.filter((r) => r.status !== 1).length, 0);
  assert.equal(expected.receipts.filter((r) => r.logs.length === 1).length, (block.transactions.length * 3) / 4);
  const actual = await executeBlock(block, state, { workers: 2, forceParallel: true });
  assert.deepEqual(compareResults(expected, actual), []);
});
