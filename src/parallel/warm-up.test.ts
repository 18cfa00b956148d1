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
  assert.deepEqual([...new Set(block.transactions.map((t) => t.type))].sort(), [0, 1, 2, 3]);
  // The exerciser calls whose calldata carries a third word run the wide arithmetic and the precompiles.
  const gas = (i: number): bigint => expected.receipts[i]!.cumulativeGasUsed - (i === 0 ? 0n : expected.receipts[i - 1]!.cumulativeGasUsed);
  const exerciserGas = block.transactions.map((t, i) => (i % 4 === 1 ? { wide: t.data.length > 68, gas: gas(i) } : null)).filter((x) => x !== null);
  const wideGas = exerciserGas.filter((x) => x.wide).map((x) => x.gas);
  const lightGas = exerciserGas.filter((x) => !x.wide).map((x) => x.gas);
  assert.ok(wideGas.length > 0 && wideGas.every((g) => g > lightGas.reduce((a, b) => (a > b ? a : b)) + 20_000n));
  const actual = await executeBlock(block, state, { workers: 2, forceParallel: true });
  assert.deepEqual(compareResults(expected, actual), []);
});
