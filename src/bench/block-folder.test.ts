/** `--out`: a written block folder loads as a fixture and `run-block --state-root` reproduces it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesEqual } from '../primitives/bytes.js';
import { bytesToHex } from '../primitives/hex.js';
import { loadBlockFixture } from '../block/block-fixture.js';
import { transactionsRoot } from '../block/receipt.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { runBlockDir } from '../cli/run-block-command.js';
import { encodeTransaction } from '../tx/encode.js';
import { writeBlockFolder } from './block-folder.js';
import { workloadByName } from './workloads/index.js';
import { after } from 'node:test';
import { closeSharedPools } from '../parallel/execute-block.js';

after(() => closeSharedPools());

test('a written block folder round-trips through run-block --state-root (sequential and parallel)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parevm-bench-'));
  try {
    const workload = workloadByName('mixed').build({ txs: 40, seed: 5 });
    const result = executeBlockSequential(workload.block, workload.genesis);
    const written = writeBlockFolder(dir, workload.genesis, workload.block, result);

    const report = await runBlockDir(dir, { stateRoot: true, workers: 0 });
    assert.deepEqual(report.mismatches, []);
    const parallel = await runBlockDir(dir, { stateRoot: true, workers: 2 });
    assert.deepEqual(parallel.mismatches, []);
    assert.equal(report.match, true);
    assert.equal(report.txs, 40);
    assert.equal(BigInt(report.gasUsed), result.gasUsed);

    const fixture = loadBlockFixture(dir);
    assert.ok(bytesEqual(fixture.header.stateRoot, written.stateRoot));
    assert.ok(bytesEqual(fixture.header.transactionsRoot, transactionsRoot(fixture.transactions.map(encodeTransaction))));
    assert.equal(fixture.parentBeaconBlockRoot, workload.block.parentBeaconBlockRoot);
    const json = JSON.parse(readFileSync(join(dir, 'block.json'), 'utf8')) as { hash: string; transactions: Array<{ blockHash: string; from: string }> };
    assert.equal(json.hash, bytesToHex(written.hash));
    assert.equal(json.transactions[0]!.blockHash, json.hash);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the parevm run-block command prints one JSON object per block and exits 0, sequential and with workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parevm-cli-'));
  try {
    const workload = workloadByName('erc20').build({ txs: 200, seed: 9 });
    writeBlockFolder(dir, workload.genesis, workload.block, executeBlockSequential(workload.block, workload.genesis));
    const main = fileURLToPath(new URL('../cli/main.js', import.meta.url));
    for (const mode of [['--sequential'], ['--workers', '2']]) {
      const r = spawnSync(process.execPath, [main, 'run-block', '--json', '--state-root', ...mode, dir], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { txs: number; match: boolean; ms: number; stats?: { mode: string } };
      assert.equal(report.txs, 200);
      assert.equal(report.match, true);
      assert.ok(report.ms > 0);
      if (mode[0] === '--workers') assert.equal(report.stats?.mode, 'parallel');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('run-block --force-parallel keeps a serial block on the parallel path, exact to the state root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parevm-force-'));
  try {
    // One payer's nonce chain: the small-block rule, then the contention rules would run it sequentially.
    const workload = workloadByName('payroll').build({ txs: 200, seed: 9 });
    writeBlockFolder(dir, workload.genesis, workload.block, executeBlockSequential(workload.block, workload.genesis));
    const main = fileURLToPath(new URL('../cli/main.js', import.meta.url));
    const r = spawnSync(process.execPath, [main, 'run-block', '--json', '--state-root', '--no-warm-up', '--workers', '2', '--force-parallel', dir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout.trim().split('\n').pop()!) as { match: boolean; stats?: { mode: string; fallbackReason: string | null; reexecutions: number } };
    assert.equal(report.match, true);
    assert.equal(report.stats?.mode, 'parallel', report.stats?.fallbackReason ?? '');
    const wrong = spawnSync(process.execPath, [main, 'run-block', '--sequential', '--force-parallel', dir], { encoding: 'utf8' });
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr, /--force-parallel needs the parallel executor/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
