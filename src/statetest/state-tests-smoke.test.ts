/**
 * Ethereum's GeneralStateTests, the fast subset listed in ../shared/fixtures/state-tests-smoke.txt
 * (the whole set runs with `npm run test:conformance`). Skipped when the fixtures are absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { runStateTestFile } from './state-test.js';

const fixtures = fixturesDir();

test('GeneralStateTests smoke list (Cancun)', { skip: fixtures ? false : FIXTURES_MISSING }, () => {
  const list = readFileSync(join(fixtures!, 'state-tests-smoke.txt'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  let passed = 0;
  const failures: string[] = [];
  for (const file of list) {
    for (const c of runStateTestFile(JSON.parse(readFileSync(join(fixtures!, 'state-tests', file), 'utf8')))) {
      if (c.passed) passed++;
      else failures.push(`${file} ${c.name} [data=${c.indexes.data} gas=${c.indexes.gas} value=${c.indexes.value}]: ${c.failure}`);
    }
  }
  assert.deepEqual(failures, [], `${failures.length} failing cases`);
  assert.ok(passed > 1000, `only ${passed} cases ran`);
});
