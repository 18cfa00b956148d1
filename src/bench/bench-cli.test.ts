/** `parevm bench` end to end: the --json line, --reference, parallel mode and bad options. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './solc.js';

const main = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
const bench = (...args: string[]) => spawnSync(process.execPath, [main, 'bench', '--no-warm-up', ...args], { encoding: 'utf8' });

test('--json prints one JSON object as the last line, with the reference ratio', () => {
  const r = bench('--workload', 'erc20', '--txs', '60', '--runs', '1', '--json', '--reference');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const report = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
  assert.equal(report['workload'], 'erc20');
  assert.equal(report['txs'], 60);
  assert.equal(report['workers'], 0);
  assert.equal(report['reexecutions'], 0);
  for (const key of ['tps', 'mgasPerSec', 'seconds', 'usPerTx', 'idealSpeedup']) assert.equal(typeof report[key], 'number', key);
  const reference = report['reference'] as { usPerCall: number; ratio: number };
  assert.ok(reference.usPerCall > 0 && reference.ratio > 0);
});

test('--workers runs the parallel executor, reports the speedup and the executor stats, --json ends with the object', () => {
  const r = bench('--workload', 'erc20', '--txs', '64', '--workers', '2', '--force-parallel', '--runs', '1', '--json');
  assert.equal(r.status, 0, r.stderr);
  const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.equal(last.workload, 'erc20');
  assert.equal(last.workers, 2);
  assert.equal(last.txs, 64);
  assert.ok(last.tps > 0 && last.mgasPerSec > 0 && last.seconds > 0);
  assert.equal(typeof last.reexecutions, 'number');
  assert.equal(typeof last.speedup, 'number');
  assert.equal(last.executor.mode, 'parallel');
});

test('without --force-parallel, a small block follows the small-block rule (sequential, with the reason)', () => {
  const r = bench('--workload', 'erc20', '--txs', '64', '--workers', '2', '--runs', '1', '--json');
  assert.equal(r.status, 0, r.stderr);
  const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.equal(last.executor.mode, 'sequential');
  assert.match(last.executor.fallbackReason, /small block/);
});

test('bad options give one clear error', () => {
  assert.match(bench('--workload', 'nope').stderr, /unknown workload "nope"/);
  assert.match(bench('--txs', '10').stderr, /--txs needs --workload/);
  assert.match(bench('--workload', 'amm', '--reference').stderr, /--reference compares ERC-20 transfers/);
  assert.match(bench('--workload', 'raw', '--force-parallel').stderr, /need --workers N/);
});
