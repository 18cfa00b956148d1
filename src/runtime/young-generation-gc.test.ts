/** collectYoungGeneration: available on the supported Node versions, repeatable, and leaves the global scope alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectYoungGeneration } from './young-generation-gc.js';

test('collectYoungGeneration collects on demand, repeatedly, without exposing gc globally', () => {
  const survivors = Array.from({ length: 1000 }, (_, i) => ({ i }));
  assert.equal(collectYoungGeneration(), true);
  assert.equal(collectYoungGeneration(), true);
  assert.equal(survivors[999]!.i, 999);
  assert.equal((globalThis as { gc?: unknown }).gc, undefined);
});
