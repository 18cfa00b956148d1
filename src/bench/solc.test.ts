/** Compiling the benchmark contracts: artifacts, the cache, and one clear error for bad Solidity. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../primitives/errors.js';
import { loadArtifacts } from './solc.js';

test('every benchmark contract compiles to code, and the second load is a cache hit', () => {
  const artifacts = loadArtifacts();
  for (const name of ['ERC20', 'UniswapV2Pair', 'SwapRouter', 'NFTDrop', 'Governor', 'Compute']) {
    assert.ok(artifacts[name]!.deployedBytecode.length > 100, name);
  }
  let compiled = false;
  loadArtifacts({ onCompile: () => (compiled = true) });
  assert.equal(compiled, false);
});

test('a compile error is one InvalidInputError with solc\'s message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parevm-solc-'));
  try {
    writeFileSync(join(dir, 'Bad.sol'), '// SPDX-License-Identifier: MIT\npragma solidity ^0.8.24;\ncontract Bad { function f() external { undefinedThing(); } }\n');
    assert.throws(() => loadArtifacts({ dir }), (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.match(error.message, /failed to compile the benchmark contracts/);
      assert.match(error.message, /Bad\.sol/);
      assert.match(error.message, /Undeclared identifier/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
