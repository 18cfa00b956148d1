/**
 * `parevm run-block [--json] [--state-root] [--workers N [--force-parallel] | --sequential] [--runs N] [--no-warm-up] DIR...` —
 * executes block folders
 * (block.json + pre_state.json, block_hashes.json in DIR or its parent) and compares gasUsed, receiptsRoot,
 * logsBloom, blobGasUsed and every recovered sender with the header and `from`; with --state-root also the
 * post-state root (only meaningful when the pre-state is the whole state). Per block: number, txs, gas,
 * times and each field's match, and for parallel runs the executor's statistics. With --json one object per
 * block {"number","txs","gasUsed","ms","recoverMs","rootMs","match","mismatches",...}, where `ms` is
 * execution alone (after loading and sender recovery, up to and including the receipts and state diff).
 * Before the first block the executor is warmed up as a node warms it at start (src/parallel/warm-up.ts:
 * a synthetic block, so that the first real one does not run in V8's unoptimized tiers; `warmUpMs`);
 * --no-warm-up skips that. The shared block memory is reserved for the block's size before timing, as a
 * node reserves it for its largest block. `--runs N` executes each block N times (each run checked): `ms` stays the
 * first run, `medianMs` is the median of runs 2..N, and the statistics are the last run's (warm code: their
 * measured execution times are the ones to read).
 * --force-parallel keeps the block on the parallel path past the small-block and contention rules (worker
 * faults still fall back), to check the parallel result itself.
 * Default: parallel on one worker per core. Exit code 0 only if every block matches.
 */
import { availableParallelism } from 'node:os';
import { addressToHex } from '../primitives/address.js';
import { bytesEqual } from '../primitives/bytes.js';
import { bytesToHex } from '../primitives/hex.js';
import { InvalidInputError } from '../primitives/errors.js';
import { loadBlockFixture, type BlockFixture } from '../block/block-fixture.js';
import { receiptsRoot } from '../block/receipt.js';
import type { BlockResult } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { median } from '../bench/measure.js';
import { closeSharedPools, executeBlock, reserveBlockMemory, sharedPool, type ExecuteBlockOptions, type ExecutionStats } from '../parallel/execute-block.js';
import { encodedSize } from '../parallel/tx-codec.js';
import { warmUp } from '../parallel/warm-up.js';
import { collectYoungGeneration } from '../runtime/young-generation-gc.js';
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
  /** With --runs N > 1: N, and the median `ms` of runs 2..N (warm code, warm caches). */
  runs?: number;
  medianMs?: number;
  /** Milliseconds spent warming the executor up before this block (the first block of the command only). */
  warmUpMs?: number;
}

export interface RunBlockOptions {
  stateRoot: boolean;
  /** 0 = the sequential executor. */
  workers: number;
  /** Executions of the block (default 1); every one is checked, `ms` is the first. */
  runs?: number;
  /** Warm the executor up (src/parallel/warm-up.ts) before the first block (default true). */
  warmUp?: boolean;
  /** Extra executor options (tests: force the parallel path past the small-block and contention rules). */
  executor?: Omit<ExecuteBlockOptions, 'workers' | 'pool'>;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
/** Worker counts whose executor this process has warmed up. */
const warmedUp = new Set<number>();

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
  // Starting and warming up the execution threads is start-up, as in a node: not part of `ms`.
  let warmUpMs: number | undefined;
  if (options.warmUp !== false && !warmedUp.has(options.workers)) {
    warmUpMs = await warmUp(options.workers);
    warmedUp.add(options.workers);
  } else if (options.workers > 0) {
    await sharedPool(options.workers).ready();
  }
  if (options.workers > 0) reserveBlockMemory(transactions.length, options.workers, encodedSize(transactions));
  // The last start-up step, as a node ends its start-up: collect what loading and warming up left in the
  // young generation, so that the first block does not pay for it (src/runtime/young-generation-gc.ts).
  collectYoungGeneration();
  const block = { env: fixture.env, transactions, withdrawals: fixture.withdrawals, parentBeaconBlockRoot: fixture.parentBeaconBlockRoot };
  const runs = options.runs ?? 1;
  const times: number[] = [];
  let result: BlockResult | undefined;
  let stats: ExecutionStats | undefined;
  for (let run = 0; run < runs; run++) {
    const execStart = performance.now();
    let runResult: BlockResult;
    if (options.workers === 0) {
      runResult = executeBlockSequential(block, state);
    } else {
      const parallel = await executeBlock(block, state, { ...options.executor, workers: options.workers });
      runResult = parallel;
      stats = parallel.stats; // the last run's: with --runs, warm code (its measured times are the ones to read)
    }
    times.push(performance.now() - execStart);
    for (const m of headerMismatches(runResult, fixture.header)) mismatches.push(runs > 1 ? `run ${run + 1}: ${m}` : m);
    result ??= runResult;
  }
  const ms = times[0]!;
  const h = fixture.header;

  let rootMs = 0;
  if (options.stateRoot) {
    const rootStart = performance.now();
    state.apply(result!.diff);
    const root = state.stateRoot();
    rootMs = performance.now() - rootStart;
    if (!bytesEqual(root, h.stateRoot)) mismatches.push(`stateRoot: expected ${bytesToHex(h.stateRoot)}, got ${bytesToHex(root)}`);
  }
  const report: RunBlockReport = {
    number: Number(h.number), txs: transactions.length, gasUsed: Number(result!.gasUsed), ms: round(ms), recoverMs: round(recoverMs),
    rootMs: round(rootMs), match: mismatches.length === 0, mismatches, workers: options.workers,
  };
  if (stats !== undefined) report.stats = stats;
  if (warmUpMs !== undefined) report.warmUpMs = round(warmUpMs);
  if (runs > 1) {
    report.runs = runs;
    report.medianMs = round(median(times.slice(1)));
  }
  return report;
}

/** What a result disagrees on with its header: gasUsed, receiptsRoot, logsBloom, blobGasUsed. */
function headerMismatches(result: BlockResult, h: BlockFixture['header']): string[] {
  const out: string[] = [];
  if (result.gasUsed !== h.gasUsed) out.push(`gasUsed: expected ${h.gasUsed}, got ${result.gasUsed}`);
  const receipts = receiptsRoot(result.receipts);
  if (!bytesEqual(receipts, h.receiptsRoot)) out.push(`receiptsRoot: expected ${bytesToHex(h.receiptsRoot)}, got ${bytesToHex(receipts)}`);
  if (!bytesEqual(result.logsBloom, h.logsBloom)) out.push('logsBloom differs from the header');
  if (result.blobGasUsed !== h.blobGasUsed) out.push(`blobGasUsed: expected ${h.blobGasUsed}, got ${result.blobGasUsed}`);
  return out;
}

function statsLine(s: ExecutionStats): string {
  if (s.mode === 'sequential') return `  executor: sequential (${s.fallbackReason})`;
  return `  executor: parallel, ${s.workers} workers — ${s.executions} executions (${s.reexecutions} re-executions), ${s.validations} validations, ` +
    `${s.aborts} aborts, ${s.dependencyWaits} dependency waits; critical path ${s.criticalPathGas} of ${s.totalGas} gas ` +
    `(${s.criticalPathLength} txs) -> ideal speedup ${s.idealSpeedup['2']}x / ${s.idealSpeedup['8']}x / ${s.idealSpeedup['32']}x at 2 / 8 / 32 threads` +
    `\n  by measured time: critical path ${(s.criticalPathMicros / 1000).toFixed(2)} of ${(s.executionMicros / 1000).toFixed(2)} ms of execution ` +
    `-> ideal speedup ${s.idealSpeedupByTime['2']}x / ${s.idealSpeedupByTime['8']}x / ${s.idealSpeedupByTime['32']}x` +
    (s.hottestLocations.length > 0 ? `\n  hottest: ${s.hottestLocations.slice(0, 3).map((h) => `${h.location} (${h.writers} writers)`).join(', ')}` : '');
}

export const RUN_BLOCK_USAGE = `usage: parevm run-block [--json] [--state-root] [--workers N [--force-parallel] | --sequential] [--runs N] [--no-warm-up] DIR...

Executes block folders (block.json + pre_state.json; block_hashes.json in DIR or its parent) and compares
gasUsed, receiptsRoot, logsBloom, blobGasUsed and every recovered sender with the header and "from".
  --state-root     also compare the post-state root (for folders whose pre-state is the whole state)
  --workers N      the parallel executor on N threads (default: one per core); --sequential: the sequential one
  --force-parallel keep the block on the parallel path where the small-block, contention or serial-prefix
                   rules would run it sequentially (to check the parallel result itself; worker faults
                   still finish it sequentially)
  --runs N         execute each block N times, each checked; "ms" is the first run, "medianMs" runs 2..N,
                   the statistics the last run's
  --no-warm-up     skip warming the executor up before the first block (a node does it at start)
  --json           one object per block: {"number","txs","gasUsed","ms","recoverMs","rootMs","match",
                   "mismatches",...}; "ms" is execution alone, up to and including receipts and state diff
Exit code 0 only if every block matches.`;

export async function runBlockCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    json: { type: 'boolean' }, 'state-root': { type: 'boolean' }, workers: { type: 'string' }, sequential: { type: 'boolean' }, runs: { type: 'string' },
    'no-warm-up': { type: 'boolean' }, 'force-parallel': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  });
  if (values['help'] === true) {
    console.log(RUN_BLOCK_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new InvalidInputError('usage: parevm run-block [--json] [--state-root] [--workers N [--force-parallel] | --sequential] [--runs N] [--no-warm-up] DIR... (parevm run-block --help)');
  if (values['workers'] !== undefined && values['sequential'] === true) throw new InvalidInputError('use either --workers N or --sequential');
  const forceParallel = values['force-parallel'] === true;
  if (forceParallel && values['sequential'] === true) throw new InvalidInputError('--force-parallel needs the parallel executor (not --sequential)');
  const workers = values['sequential'] === true ? 0 : intOption(values['workers'], 'workers', availableParallelism());
  if (values['sequential'] !== true && workers < 1) throw new InvalidInputError('--workers must be at least 1');
  const runs = intOption(values['runs'], 'runs', 1);
  if (runs < 1) throw new InvalidInputError('--runs must be at least 1');
  const options: RunBlockOptions = { stateRoot: values['state-root'] === true, workers, runs, warmUp: values['no-warm-up'] !== true };
  if (forceParallel) options.executor = { forceParallel: true, fallbackRatio: Infinity, serialPrefixRule: false };
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
        console.log(`block ${report.number}: ${report.txs} txs, ${report.gasUsed} gas, exec ${report.ms.toFixed(2)} ms${report.medianMs !== undefined ? ` (median of runs 2-${report.runs}: ${report.medianMs.toFixed(2)} ms)` : ''} (${workers === 0 ? 'sequential' : `${workers} workers`}), recover ${report.recoverMs.toFixed(2)} ms${options.stateRoot ? `, root ${report.rootMs.toFixed(2)} ms` : ''} — ${checked}: ${status}`);
        for (const m of report.mismatches) console.log(`  ${m}`);
        if (report.stats !== undefined) console.log(statsLine(report.stats));
      }
    }
  } finally {
    await closeSharedPools();
  }
  return allMatch ? 0 : 1;
}
