/**
 * Real mainnet Cancun blocks from ../shared/fixtures/mainnet: executing each reproduces the header's
 * gasUsed, receiptsRoot, logsBloom and blobGasUsed, and every recovered sender equals `from`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { runBlockDir } from '../cli/run-block-command.js';

const fixtures = fixturesDir();
const mainnet = fixtures === undefined ? [] : readdirSync(join(fixtures, 'mainnet')).map((d) => join(fixtures, 'mainnet', d)).filter((d) => statSync(d).isDirectory());

test('mainnet blocks match their headers (sequential)', { skip: fixtures ? false : FIXTURES_MISSING }, () => {
  assert.ok(mainnet.length >= 5);
  for (const dir of mainnet) {
    const report = runBlockDir(dir, false);
    assert.deepEqual(report.mismatches, [], `block ${report.number}`);
  }
});
