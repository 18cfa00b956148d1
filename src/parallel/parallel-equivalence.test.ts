/**
 * Parallel == sequential, byte for byte (state diff, receipts, logs, gas, failures): random blocks over
 * the benchmark workloads with random sizes and contention knobs, at 1, 2, 4 and 8 workers — more
 * workers than cores must still be exact — plus schedule fuzzing (random delays in workers) and a worker
 * that throws or exits mid-block. The contention fallback is off unless a case turns it on, so that the
 * parallel machinery itself is what runs.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { SharedState } from '../state/shared-state.js';
import { compareResults } from '../testing/compare-results.js';
import { workloadByName } from '../bench/workloads/index.js';
import type { Workload } from '../bench/workloads/workload.js';
import { closeSharedPools, executeBlock, type ExecuteBlockOptions, type ParallelBlockResult } from './execute-block.js';
import { SERIAL_PREFIX_MIN, SERIAL_PREFIX_PARALLELISM } from './block-job.js';

after(() => closeSharedPools());

interface Case {
  workload: string;
  txs: number;
  accounts: number;
  pools: number;
  seed: number;
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  workload: fc.constantFrom('raw', 'erc20', 'payroll', 'amm', 'nft', 'dao', 'mixed'),
  txs: fc.integer({ min: 2, max: 48 }),
  accounts: fc.integer({ min: 1, max: 48 }),
  pools: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

function build(c: Case): Workload {
  const definition = workloadByName(c.workload);
  const accounts = c.workload === 'erc20' || c.workload === 'mixed' || c.workload === 'raw' ? Math.max(2, c.accounts) : c.workload === 'dao' ? Math.max(c.accounts, Math.ceil(c.txs / 3)) : c.accounts;
  return definition.build({ txs: c.txs, accounts, pools: c.pools, seed: c.seed });
}

async function check(w: Workload, options: ExecuteBlockOptions): Promise<void> {
  const state = SharedState.fromMemoryState(w.genesis);
  const expected = executeBlockSequential(w.block, state);
  const actual = await executeBlock(w.block, state, { forceParallel: true, fallbackRatio: Infinity, ...options });
  assert.deepEqual(compareResults(expected, actual), [], `${w.description}, workers ${options.workers}`);
  assert.equal(actual.stats.mode, 'parallel', actual.stats.fallbackReason ?? '');
}

/** Runs the block of `w` `runs` times in parallel with `options`; every result must equal the sequential one. */
async function exactRuns(w: Workload, runs: number, options: ExecuteBlockOptions): Promise<ParallelBlockResult[]> {
  const state = SharedState.fromMemoryState(w.genesis);
  const expected = executeBlockSequential(w.block, state);
  const results: ParallelBlockResult[] = [];
  for (let run = 0; run < runs; run++) {
    const actual = await executeBlock(w.block, state, options);
    assert.deepEqual(compareResults(expected, actual), []);
    results.push(actual);
  }
  return results;
}

test('random workload blocks: parallel == sequential at 1, 2, 4, 8 workers', async () => {
  await fc.assert(
    fc.asyncProperty(caseArbitrary, async (c) => {
      const w = build(c);
      for (const workers of [1, 2, 4, 8]) await check(w, { workers });
    }),
    { numRuns: 24, seed: 20261121 },
  );
});

test('schedule fuzzing: random delays in workers do not change the result', async () => {
  await fc.assert(
    fc.asyncProperty(caseArbitrary, fc.constantFrom(2, 4, 8), async (c, workers) => {
      await check(build(c), { workers, delayProbability: 0.3 });
    }),
    { numRuns: 12, seed: 7 },
  );
});

test('receipts drafted during the run are kept only when their output is final: the result stays exact', async () => {
  // Drafting on at 2 and 4 workers (by default it runs only with a core to spare), with random delays.
  await fc.assert(
    fc.asyncProperty(caseArbitrary, fc.constantFrom(2, 4), async (c, workers) => {
      await check(build(c), { workers, delayProbability: 0.3, draftReceipts: true });
    }),
    { numRuns: 12, seed: 11 },
  );
  // A contended block whose transactions are re-executed after being drafted: some drafts go stale, and
  // the receipts built in their place (and the block's bloom, rebuilt) still match.
  const w = build({ workload: 'dao', txs: 2000, accounts: 2000, pools: 1, seed: 17 });
  const runs = await exactRuns(w, 3, { workers: 2, forceParallel: true, fallbackRatio: Infinity, draftReceipts: true });
  const drafts = runs.map((r) => r.stats.receiptDrafts!);
  assert.ok(drafts.every((d) => d.drafted > 0 && d.kept <= d.drafted), JSON.stringify(drafts));
  assert.ok(drafts.some((d) => d.kept < d.drafted), `no draft went stale: ${JSON.stringify(drafts)}`);
});

test('deltas off (every credit reads the balance): still exact', async () => {
  const w = build({ workload: 'mixed', txs: 40, accounts: 10, pools: 2, seed: 3 });
  await check(w, { workers: 2, deltaCredits: false });
});

test('a worker that throws or exits mid-block: the block finishes sequentially, exact, and the pool recovers', async () => {
  const w = build({ workload: 'erc20', txs: 40, accounts: 40, pools: 1, seed: 5 });
  const state = SharedState.fromMemoryState(w.genesis);
  const expected = executeBlockSequential(w.block, state);
  for (const crashMode of ['throw', 'exit'] as const) {
    const crashed = await executeBlock(w.block, state, { workers: 2, forceParallel: true, crashAtTask: 7, crashMode });
    assert.deepEqual(compareResults(expected, crashed), []);
    assert.equal(crashed.stats.mode, 'sequential');
    assert.match(crashed.stats.fallbackReason ?? '', /worker failure/);
    const next = await executeBlock(w.block, state, { workers: 2, forceParallel: true, fallbackRatio: Infinity });
    assert.deepEqual(compareResults(expected, next), []);
    assert.equal(next.stats.mode, 'parallel');
  }
});

test('a worker that hangs is terminated after the timeout and the halt grace period; the block still finishes exactly', async () => {
  const w = build({ workload: 'erc20', txs: 40, accounts: 40, pools: 1, seed: 5 });
  const state = SharedState.fromMemoryState(w.genesis);
  const expected = executeBlockSequential(w.block, state);
  const hung = await executeBlock(w.block, state, { workers: 2, forceParallel: true, crashAtTask: 7, crashMode: 'hang', timeoutMs: 300 });
  assert.deepEqual(compareResults(expected, hung), []);
  assert.equal(hung.stats.mode, 'sequential');
  assert.match(hung.stats.fallbackReason ?? '', /did not finish within 300 ms/);
  const next = await executeBlock(w.block, state, { workers: 2, forceParallel: true, fallbackRatio: Infinity });
  assert.deepEqual(compareResults(expected, next), []);
  assert.equal(next.stats.mode, 'parallel');
});

test('the contention rule sends a fully serial block (1 AMM pool) to the sequential path', async () => {
  const w = build({ workload: 'amm', txs: 48, accounts: 48, pools: 1, seed: 11 });
  const state = SharedState.fromMemoryState(w.genesis);
  const expected = executeBlockSequential(w.block, state);
  const actual = await executeBlock(w.block, state, { workers: 2, forceParallel: true, fallbackWindow: 8 });
  assert.deepEqual(compareResults(expected, actual), []);
});

test('the early contention check gives a fully serial block up before the first window closes', async () => {
  const w = build({ workload: 'amm', txs: 2000, accounts: 2000, pools: 1, seed: 12 });
  // A window of 800 executions (400 per worker): only the early check (from a worker's 16th execution,
  // more than half wasted) can stop the run before ~800 executions. Both rules stop checking once half of
  // the block has started, which a 1-pool block of a few hundred swaps reaches within its first window.
  // A run where one worker starts late wastes little and may legitimately go on: the check is on the
  // best of three runs.
  const results = await exactRuns(w, 3, { workers: 2, forceParallel: true, fallbackWindow: 800 });
  for (const actual of results) {
    assert.equal(actual.stats.mode, 'sequential');
    assert.match(actual.stats.fallbackReason ?? '', /^(contention|serial)/);
  }
  const executions = results.map((r) => r.stats.executions);
  assert.ok(Math.min(...executions) < 400, `stopped after ${executions.join(', ')} executions`);
});

test('the serial-prefix rule gives up a block whose executed prefix is one dependency chain, and only such a block', async () => {
  // Waste rule off (ratio Infinity), so that only the serial-prefix rule can stop these runs. It judges
  // the latest read sets, which are right when the workers take turns on the chain (the case it exists
  // for: little waste) but may predate the writes when executions race ahead (much waste: the waste rule's
  // case). Payroll (one payer: a nonce chain) takes turns in most runs; the test wants one such stop.
  const serial = build({ workload: 'payroll', txs: 2000, accounts: 2000, pools: 1, seed: 13 });
  const state = SharedState.fromMemoryState(serial.genesis);
  const expected = executeBlockSequential(serial.block, state);
  const reasons: string[] = [];
  for (let run = 0; run < 12 && !reasons.some((r) => r.startsWith('serial')); run++) {
    const actual = await executeBlock(serial.block, state, { workers: 2, forceParallel: true, fallbackWindow: 800, fallbackRatio: Infinity });
    assert.deepEqual(compareResults(expected, actual), []);
    reasons.push(actual.stats.fallbackReason ?? 'ran in parallel');
    const [, prefix, chain] = /^serial: the first (\d+) transactions form a dependency chain of (\d+)/.exec(actual.stats.fallbackReason ?? '') ?? [];
    if (prefix !== undefined && chain !== undefined) {
      assert.ok(Number(prefix) >= SERIAL_PREFIX_MIN && Number(prefix) < SERIAL_PREFIX_PARALLELISM * Number(chain), actual.stats.fallbackReason ?? '');
      // The rule acts only in the early phase: the deciding worker is below its 400th execution (the window
      // of 800 split between 2 workers) and less than half of the block has been handed out, so the prefix
      // it judged is at most half the block. The number of executions is not bounded by the rule: the
      // other worker can run ahead of the deciding one under npm test's load, and with the waste rule off
      // racing re-executions pile up (clean-clone CI runs stopped after 810 and 3,105 executions, when this
      // test asserted < 800 and then < 2,000).
      assert.ok(Number(prefix) <= (serial.block.transactions.length + 1) / 2, actual.stats.fallbackReason ?? '');
    }
  }
  assert.ok(reasons.some((r) => r.startsWith('serial')), reasons.join('\n'));
  // With the rule off as well (run-block --force-parallel), as many runs of the same block all finish in
  // parallel, and exact.
  for (let run = 0; run < reasons.length; run++) {
    const actual = await executeBlock(serial.block, state, { workers: 2, forceParallel: true, fallbackWindow: 800, fallbackRatio: Infinity, serialPrefixRule: false });
    assert.deepEqual(compareResults(expected, actual), []);
    assert.equal(actual.stats.mode, 'parallel', actual.stats.fallbackReason ?? '');
  }

  const parallel = build({ workload: 'erc20', txs: 2000, accounts: 2000, pools: 1, seed: 14 });
  for (const independent of await exactRuns(parallel, 3, { workers: 2, forceParallel: true, fallbackWindow: 800, fallbackRatio: Infinity })) {
    assert.equal(independent.stats.mode, 'parallel', independent.stats.fallbackReason ?? '');
  }
});

test('validation keeps up with execution: swaps over 100 pools re-execute only their few real conflicts, run after run', async () => {
  // While the executed prefix could stall behind a finished transaction (a lost advance in
  // Scheduler.advanceExecutedPrefix), validation stopped there and execution ran thousands of transactions
  // ahead; the late validations then aborted 5-30% of the swaps in cascades along the pools, in about half
  // of the runs (this test then failed in 1 of 2 invocations with 5 runs). Adjacent swaps on the same pool
  // conflict ~1% of the time.
  const w = build({ workload: 'amm', txs: 4000, accounts: 4000, pools: 100, seed: 21 });
  const runs = await exactRuns(w, 8, { workers: 2, forceParallel: true, fallbackRatio: Infinity });
  const reexecutions = runs.map((r) => r.stats.reexecutions);
  assert.ok(Math.max(...reexecutions) < 0.05 * 4000, `re-executions per run: ${reexecutions.join(', ')}`);
});
