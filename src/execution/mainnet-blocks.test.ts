/**
 * Real mainnet Cancun blocks from ../shared/fixtures/mainnet: executing each reproduces the header's
 * gasUsed, receiptsRoot, logsBloom and blobGasUsed, and every recovered sender equals `from`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { after } from 'node:test';
import { runBlockDir } from '../cli/run-block-command.js';
import { closeSharedPools } from '../parallel/execute-block.js';

after(() => closeSharedPools());

const fixtures = fixturesDir();
const mainnet = fixtures === undefined ? [] : readdirSync(join(fixtures, 'mainnet')).map((d) => join(fixtures, 'mainnet', d)).filter((d) => statSync(d).isDirectory());

test('mainnet blocks match their headers (sequential)', { skip: fixtures ? false : FIXTURES_MISSING }, async () => {
  assert.ok(mainnet.length >= 5);
  for (const dir of mainnet) {
    const report = await runBlockDir(dir, { stateRoot: false, workers: 0, warmUp: false });
    assert.deepEqual(report.mismatches, [], `block ${report.number}`);
  }
});

test('mainnet blocks match their headers in parallel (2 workers), with the parallel machinery running', { skip: fixtures ? false : FIXTURES_MISSING }, async () => {
  for (const dir of mainnet) {
    // Forced past the small-block and contention rules, so that every block runs through Block-STM.
    const report = await runBlockDir(dir, { stateRoot: false, workers: 2, warmUp: false, executor: { forceParallel: true, fallbackRatio: Infinity } });
    assert.deepEqual(report.mismatches, [], `block ${report.number}`);
    if (report.txs > 0) assert.equal(report.stats?.mode, 'parallel', report.stats?.fallbackReason ?? '');
  }
});

test('mainnet blocks match their headers with the executor choosing (2 workers, default rules)', { skip: fixtures ? false : FIXTURES_MISSING }, async () => {
  for (const dir of mainnet) {
    const report = await runBlockDir(dir, { stateRoot: false, workers: 2, warmUp: false });
    assert.deepEqual(report.mismatches, [], `block ${report.number}`);
  }
});
