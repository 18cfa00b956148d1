/**
 * `parevm run-block [--json] [--state-root] [--workers N | --sequential] DIR...` — executes block folders
 * (block.json + pre_state.json, block_hashes.json in DIR or its parent) and compares gasUsed, receiptsRoot,
 * logsBloom, blobGasUsed and every recovered sender with the header and `from`; with --state-root also the
 * post-state root (only meaningful when the pre-state is the whole state). Per block: number, txs, gas,
 * times and each field's match, and for parallel runs the executor's statistics. With --json one object per
 * block {"number","txs","gasUsed","ms","recoverMs","rootMs","match","mismatches",...}, where `ms` is
 * execution alone (after loading and sender recovery, up to and including the receipts and state diff).
 * Default: parallel on one worker per core. Exit code 0 only if every block matches.
 */
import { availableParallelism } from 'node:os';
import { addressToHex } from '../primitives/address.js';
import { bytesEqual } from '../primitives/bytes.js';
import { bytesToHex } from '../primitives/hex.js';
import { InvalidInputError } from '../primitives/errors.js';
import { loadBlockFixture } from '../block/block-fixture.js';
import { receiptsRoot } from '../block/receipt.js';
import type { BlockResult } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { closeSharedPools, executeBlock, sharedPool, type ExecutionStats } from '../parallel/execute-block.js';
import { SharedState } from '../state/shared-state.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import { recoverSender } from '../tx/sender.js';
import { withSender } from '../tx/executable.js';
import { intOption, parseCommandArgs } from './args.js';

export interface RunBlockReport {
  number: number;
  txs: number;
  gasUsed: number;
  ms: number;
  recoverMs: number;
  rootMs: number;
  match: boolean;
  mismatches: string[];
  /** 0 = sequential. */
  workers: number;
  stats?: ExecutionStats;
}

export interface RunBlockOptions {
  stateRoot: boolean;
  /** 0 = the sequential executor. */
  workers: number;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export async function runBlockDir(dir: string, options: RunBlockOptions): Promise<RunBlockReport> {
  const fixture = loadBlockFixture(dir);
  const mismatches: string[] = [];

  const recoverStart = performance.now();
  const transactions: ExecutableTransaction[] = fixture.transactions.map((tx, i) => {
    const sender = recoverSender(tx);
    const from = fixture.froms[i];
    if (from !== undefined && from !== sender) mismatches.push(`tx ${i} sender: expected ${addressToHex(from)}, recovered ${addressToHex(sender)}`);
    return withSender(tx, sender);
  });
  const recoverMs = performance.now() - recoverStart;

  const state = SharedState.fromMemoryState(fixture.pre);
  // Starting the worker threads (module loading) is start-up, as in a node: not part of `ms`.
  if (options.workers > 0) await sharedPool(options.workers).ready();
  const block = { env: fixture.env, transactions, withdrawals: fixture.withdrawals, parentBeaconBlockRoot: fixture.parentBeaconBlockRoot };
  const execStart = performance.now();
  let result: BlockResult;
  let stats: ExecutionStats | undefined;
  if (options.workers === 0) {
    result = executeBlockSequential(block, state);
  } else {
    const parallel = await executeBlock(block, state, { workers: options.workers });
    result = parallel;
    stats = parallel.stats;
  }
  const ms = performance.now() - execStart;

  const h = fixture.header;
  if (result.gasUsed !== h.gasUsed) mismatches.push(`gasUsed: expected ${h.gasUsed}, got ${result.gasUsed}`);
  const receipts = receiptsRoot(result.receipts);
  if (!bytesEqual(receipts, h.receiptsRoot)) mismatches.push(`receiptsRoot: expected ${bytesToHex(h.receiptsRoot)}, got ${bytesToHex(receipts)}`);
  if (!bytesEqual(result.logsBloom, h.logsBloom)) mismatches.push('logsBloom differs from the header');
  if (result.blobGasUsed !== h.blobGasUsed) mismatches.push(`blobGasUsed: expected ${h.blobGasUsed}, got ${result.blobGasUsed}`);

  let rootMs = 0;
  if (options.stateRoot) {
    const rootStart = performance.now();
    state.apply(result.diff);
    const root = state.stateRoot();
    rootMs = performance.now() - rootStart;
    if (!bytesEqual(root, h.stateRoot)) mismatches.push(`stateRoot: expected ${bytesToHex(h.stateRoot)}, got ${bytesToHex(root)}`);
  }
  const report: RunBlockReport = {
    number: Number(h.number), txs: transactions.length, gasUsed: Number(result.gasUsed), ms: round(ms), recoverMs: round(recoverMs),
    rootMs: round(rootMs), match: mismatches.length === 0, mismatches, workers: options.workers,
  };
  if (stats !== undefined) report.stats = stats;
  return report;
}

function statsLine(s: ExecutionStats): string {
  if (s.mode === 'sequential') return `  executor: sequential (${s.fallbackReason})`;
  return `  executor: parallel, ${s.workers} workers — ${s.executions} executions (${s.reexecutions} re-executions), ${s.validations} validations, ` +
    `${s.aborts} aborts, ${s.dependencyWaits} dependency waits; critical path ${s.criticalPathGas} of ${s.totalGas} gas ` +
    `(${s.criticalPathLength} txs) -> ideal speedup ${s.idealSpeedup['2']}x / ${s.idealSpeedup['8']}x / ${s.idealSpeedup['32']}x at 2 / 8 / 32 threads` +
    (s.hottestLocations.length > 0 ? `\n  hottest: ${s.hottestLocations.slice(0, 3).map((h) => `${h.location} (${h.writers} writers)`).join(', ')}` : '');
}

export async function runBlockCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, 'state-root': { type: 'boolean' }, workers: { type: 'string' }, sequential: { type: 'boolean' },
  });
  if (positionals.length === 0) throw new InvalidInputError('usage: parevm run-block [--json] [--state-root] [--workers N | --sequential] DIR...');
  if (values['workers'] !== undefined && values['sequential'] === true) throw new InvalidInputError('use either --workers N or --sequential');
  const workers = values['sequential'] === true ? 0 : intOption(values['workers'], 'workers', availableParallelism());
  if (values['sequential'] !== true && workers < 1) throw new InvalidInputError('--workers must be at least 1');
  const options: RunBlockOptions = { stateRoot: values['state-root'] === true, workers };
  let allMatch = true;
  try {
    for (const dir of positionals) {
      let report: RunBlockReport;
      try {
        report = await runBlockDir(dir, options);
      } catch (error) {
        allMatch = false;
        const message = error instanceof Error ? error.message : String(error);
        if (values['json'] === true) console.log(JSON.stringify({ dir, match: false, error: message }));
        else console.log(`block ${dir}: error: ${message}`);
        continue;
      }
      allMatch &&= report.match;
      if (values['json'] === true) {
        console.log(JSON.stringify(report, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
      } else {
        const status = report.match ? 'match' : 'MISMATCH';
        const checked = `gasUsed, receiptsRoot, logsBloom, senders${options.stateRoot ? ', stateRoot' : ''}`;
        console.log(`block ${report.number}: ${report.txs} txs, ${report.gasUsed} gas, exec ${report.ms.toFixed(2)} ms (${workers === 0 ? 'sequential' : `${workers} workers`}), recover ${report.recoverMs.toFixed(2)} ms${options.stateRoot ? `, root ${report.rootMs.toFixed(2)} ms` : ''} — ${checked}: ${status}`);
        for (const m of report.mismatches) console.log(`  ${m}`);
        if (report.stats !== undefined) console.log(statsLine(report.stats));
      }
    }
  } finally {
    await closeSharedPools();
  }
  return allMatch ? 0 : 1;
}
