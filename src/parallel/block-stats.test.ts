/**
 * The executor's per-block statistics on blocks whose dependency structure is known: a fully serial
 * block (one AMM pool) has one chain through every transaction and its pool as the hottest location;
 * independent transactions (compute) have chains of one; the hottest locations come most-written first;
 * the critical path by measured execution time follows the same structure.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { SharedState } from '../state/shared-state.js';
import { workloadByName } from '../bench/workloads/index.js';
import { closeSharedPools, executeBlock } from './execute-block.js';

after(() => closeSharedPools());

async function statsOf(workload: string, params: { txs: number; accounts: number; pools: number; seed: number }) {
  const w = workloadByName(workload).build(params);
  const result = await executeBlock(w.block, SharedState.fromMemoryState(w.genesis), { workers: 2, forceParallel: true, fallbackRatio: Infinity });
  assert.equal(result.stats.mode, 'parallel');
  const tasks = w.block.transactions.length + (w.block.parentBeaconBlockRoot !== null ? 1 : 0);
  return { stats: result.stats, txs: w.block.transactions.length, tasks, gasUsed: result.gasUsed };
}

test('a fully serial block: one chain through every transaction, the pool written by all', async () => {
  const { stats, txs, gasUsed } = await statsOf('amm', { txs: 40, accounts: 40, pools: 1, seed: 7 });
  assert.ok(stats.criticalPathLength >= txs, `chain ${stats.criticalPathLength} of ${txs}`);
  assert.equal(stats.criticalPathGas, stats.totalGas);
  assert.equal(stats.totalGas, gasUsed);
  assert.deepEqual(stats.idealSpeedup, { '2': 1, '8': 1, '32': 1 });
  // By measured time too, the chain is nearly everything: only the EIP-4788 system call is off it. That
  // call is the first execution in a cold worker (this test does not warm up), and in a loaded full
  // `npm test` run it took ~11% of the block's measured time (51,125 µs of 57,539 on the chain).
  assert.ok(stats.executionMicros > 0 && stats.criticalPathMicros <= stats.executionMicros);
  assert.ok(stats.criticalPathMicros >= 0.8 * stats.executionMicros, `${stats.criticalPathMicros} of ${stats.executionMicros} µs`);
  assert.ok(stats.idealSpeedupByTime['8'] <= 1.25);
  assert.ok(stats.hottestLocations.length > 0 && stats.hottestLocations.length <= 5);
  assert.equal(stats.hottestLocations[0]!.writers, txs);
  for (let i = 1; i < stats.hottestLocations.length; i++) assert.ok(stats.hottestLocations[i - 1]!.writers >= stats.hottestLocations[i]!.writers);
});

test('independent transactions: chains of one, the critical path is the heaviest transaction', async () => {
  const { stats, txs } = await statsOf('compute', { txs: 16, accounts: 16, pools: 1, seed: 3 });
  assert.equal(stats.criticalPathLength, 1);
  assert.ok(stats.criticalPathGas * BigInt(txs) >= stats.totalGas);
  assert.ok(stats.criticalPathGas < stats.totalGas);
  assert.ok(stats.idealSpeedup['8'] > 1);
  // 16 similar calls: the longest chain by time is one call — up to ~4x the mean here, where the first calls
  // in each worker run before V8 has optimized the interpreter (this test does not warm up).
  assert.ok(stats.executionMicros > 0 && stats.criticalPathMicros < stats.executionMicros / 2, `${stats.criticalPathMicros} of ${stats.executionMicros} µs`);
  assert.ok(stats.idealSpeedupByTime['2'] === 2 && stats.idealSpeedupByTime['8'] > 2);
  for (const h of stats.hottestLocations) assert.ok(h.writers >= 2);
});
