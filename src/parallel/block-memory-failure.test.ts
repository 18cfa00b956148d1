/**
 * Shared memory that cannot be allocated does not fail the block: a block bigger than the memory the
 * process can map (here: SharedArrayBuffer made to refuse large sizes, as the system does when memory
 * runs out) finishes on the sequential path with the reason in its statistics, exactly as the sequential
 * executor would, and the executor runs later blocks in parallel again once memory is available.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { workloadByName } from '../bench/workloads/index.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { SharedState } from '../state/shared-state.js';
import { compareResults } from '../testing/compare-results.js';
import { closeSharedPools, executeBlock } from './execute-block.js';

after(() => closeSharedPools());

const RealSharedArrayBuffer = globalThis.SharedArrayBuffer;
const LIMIT = 1 << 20;

/** Makes `new SharedArrayBuffer(n)` throw for n > 1 MiB until the returned function is called. */
function refuseLargeSharedMemory(): () => void {
  class Refusing extends RealSharedArrayBuffer {
    constructor(length?: number) {
      if ((length ?? 0) > LIMIT) throw new RangeError('Array buffer allocation failed');
      super(length);
    }
  }
  (globalThis as { SharedArrayBuffer: SharedArrayBufferConstructor }).SharedArrayBuffer = Refusing;
  return () => {
    (globalThis as { SharedArrayBuffer: SharedArrayBufferConstructor }).SharedArrayBuffer = RealSharedArrayBuffer;
  };
}

test('block memory that cannot be allocated: the block finishes sequentially, exact, and later blocks run in parallel', async () => {
  const build = (txs: number, seed: number) => workloadByName('erc20').build({ txs, accounts: txs, pools: 1, seed });
  const small = build(40, 1);
  const big = build(2000, 2);
  const smallState = SharedState.fromMemoryState(small.genesis);
  const bigState = SharedState.fromMemoryState(big.genesis);
  const expected = executeBlockSequential(big.block, bigState);
  // The pool and memory for a small block exist; the big block needs more than 1 MiB per buffer.
  assert.equal((await executeBlock(small.block, smallState, { workers: 2, forceParallel: true })).stats.mode, 'parallel');

  const restore = refuseLargeSharedMemory();
  let refused;
  try {
    refused = await executeBlock(big.block, bigState, { workers: 2, forceParallel: true });
  } finally {
    restore();
  }
  assert.deepEqual(compareResults(expected, refused), []);
  assert.equal(refused.stats.mode, 'sequential');
  assert.match(refused.stats.fallbackReason ?? '', /shared memory for the block could not be allocated: Array buffer allocation failed/);

  const next = await executeBlock(big.block, bigState, { workers: 2, forceParallel: true });
  assert.deepEqual(compareResults(expected, next), []);
  assert.equal(next.stats.mode, 'parallel');
});
