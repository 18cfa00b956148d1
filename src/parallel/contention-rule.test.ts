/**
 * The contention rule's cost test (block-job.ts, restartPays): starting over sequentially pays only when
 * the rest of the block, at the useful share of the workers' time so far, would take longer in parallel
 * than a whole sequential run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { restartPays, SEQUENTIAL_COST_FACTOR } from './block-job.js';

test('restartPays: serial runs early in the block restart; useful runs and late runs finish in parallel', () => {
  // Two workers taking turns on a chain, each useful a fifth of the time, a tenth of the way in.
  assert.equal(restartPays(0.9, 0.2, 2), true);
  // Half of the workers' time useful: finishing in parallel is already as fast as sequential.
  assert.equal(restartPays(0.9, 0.5, 2), false);
  // The same serial run past the middle: what is left costs less than starting over.
  assert.equal(restartPays(0.3, 0.2, 2), false);
  // More workers tolerate a lower useful share.
  assert.equal(restartPays(0.9, 0.2, 8), false);
  // The boundary: remaining = workers x useful share x SEQUENTIAL_COST_FACTOR does not restart.
  assert.equal(restartPays(2 * 0.25 * SEQUENTIAL_COST_FACTOR, 0.25, 2), false);
  assert.equal(restartPays(0, 0, 2), false);
});
