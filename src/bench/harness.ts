/**
 * One benchmark: build the workload (not timed), time its block (for a parallel run interleaved with the
 * sequential baseline, round by round: the speedup is the median of the rounds' ratios), analyse its data dependencies (ideal speedup), optionally
 * time the @ethereumjs reference on the same calls and write the block folder. Returns a BenchReport;
 * printing is the CLI's business (progress goes through `onProgress`).
 */
import { InvalidInputError } from '../primitives/errors.js';
import { analyzeDependencies } from './dependencies.js';
import { measureBlockModes, pairedRatio, type Measurement } from './measure.js';
import { measureOurCalls, measureReference, type ReferenceMeasurement } from './reference.js';
import type { ExecutionMode } from './run-block.js';
import type { ExecutionStats } from '../parallel/execute-block.js';
import { workloadByName, type Workload, type WorkloadOptions } from './workloads/index.js';
import { writeBlockFolder } from './block-folder.js';

export interface BenchConfig {
  workload: string;
  options: WorkloadOptions;
  mode: ExecutionMode;
  warmup: number;
  repetitions: number;
  /** Reference calls timed (after as many warm-up calls), or 0 for none. */
  referenceCalls: number;
  outDir?: string;
}

export interface BenchReport {
  workload: string;
  description: string;
  txs: number;
  gasUsed: bigint;
  workers: number;
  seconds: number;
  bestSeconds: number;
  samples: number[];
  tps: number;
  mgasPerSec: number;
  usPerTx: number;
  reexecutions: number;
  /** CPU time over wall time of the median run (all threads): how many cores it kept busy. */
  cpuCores: number;
  /** Parallel runs: the sequential median, and the speedup: the median over rounds of sequential / parallel (interleaved runs). */
  sequentialSeconds?: number;
  speedup?: number;
  /** By data dependencies, unlimited workers (and capped at the worker count for parallel runs). */
  idealSpeedup: number;
  dependentTxs: number;
  /** Transactions that reverted (a workload generator bug: every generated transaction should succeed). */
  failedTxs: number;
  buildSeconds: number;
  /**
   * @ethereumjs runCall on the same ERC-20 transfer calls. `ratio`: its best case against our full
   * transaction (the conservative figure); the call-level figures compare like with like.
   */
  reference?: ReferenceMeasurement & {
    ratio: number;
    oneEvm: ReferenceMeasurement;
    ours: ReferenceMeasurement;
    /** Best-case / one-EVM reference µs per call over our µs per message call. */
    callRatio: number;
    callRatioOneEvm: number;
  };
  out?: string;
  /** Parallel runs: the executor's own statistics for the median run. */
  executor?: ExecutionStats;
}

export type Progress = (message: string) => void;

/** Workloads whose transactions are ERC-20 transfers (what --reference compares). */
export const REFERENCE_WORKLOADS = ['erc20', 'payroll'];
export const REFERENCE_CALLS = 1000;

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, (performance.now() - start) / 1000];
}

export async function runBenchmark(config: BenchConfig, onProgress: Progress = () => {}): Promise<BenchReport> {
  const definition = workloadByName(config.workload);
  if (config.referenceCalls > 0 && !REFERENCE_WORKLOADS.includes(definition.name)) {
    throw new InvalidInputError(`--reference compares ERC-20 transfers: use it with --workload ${REFERENCE_WORKLOADS.join(' or ')}`);
  }
  onProgress(`building ${definition.name} (${config.options.txs} txs)`);
  const [workload, buildSeconds]: [Workload, number] = timed(() => definition.build(config.options));
  const txs = workload.block.transactions.length;

  const progress = (label: string) => (done: number, total: number, seconds: number) =>
    onProgress(`${label} run ${done}/${total} (${done <= config.warmup ? 'warm-up' : 'measured'}): ${seconds.toFixed(3)} s`);
  // A parallel run is measured against the sequential executor, the two interleaved round by round.
  const modes: ExecutionMode[] = config.mode.kind === 'parallel' ? [config.mode, { kind: 'sequential' }] : [config.mode];
  const [measured, seq] = (await measureBlockModes(workload.block, workload.genesis, modes, { warmup: config.warmup, repetitions: config.repetitions, onProgress: progress(modes.length > 1 ? `${config.mode.kind} + sequential` : config.mode.kind) })) as [Measurement, Measurement | undefined];
  const workers = config.mode.kind === 'parallel' ? config.mode.workers : 0;

  onProgress('analysing data dependencies');
  const deps = analyzeDependencies(workload.block, workload.genesis);
  const idealSpeedup = workers > 0 ? Math.min(workers, deps.idealSpeedup) : deps.idealSpeedup;

  const seconds = measured.seconds;
  const gas = measured.result.gasUsed;
  const report: BenchReport = {
    workload: definition.name,
    description: workload.description,
    txs,
    gasUsed: gas,
    workers,
    seconds,
    bestSeconds: measured.best,
    samples: measured.samples,
    tps: txs / seconds,
    mgasPerSec: Number(gas) / seconds / 1e6,
    usPerTx: (seconds * 1e6) / txs,
    reexecutions: measured.reexecutions,
    cpuCores: measured.cpuCores,
    idealSpeedup,
    dependentTxs: deps.dependentTxs,
    failedTxs: measured.result.receipts.filter((r) => r.status !== 1).length,
    buildSeconds,
  };
  if (seq !== undefined) {
    report.sequentialSeconds = seq.seconds;
    report.speedup = pairedRatio(seq, measured);
  }
  if (measured.stats !== undefined) report.executor = measured.stats;

  if (config.referenceCalls > 0) {
    const calls = Math.min(config.referenceCalls, txs >> 1);
    const warmup = Math.min(config.referenceCalls, txs - calls);
    if (calls < 1) throw new InvalidInputError('--reference needs at least 2 transactions');
    onProgress(`running ${warmup} + ${calls} calls in @ethereumjs/evm`);
    const ref = await measureReference(workload.block, workload.genesis, calls, warmup);
    onProgress(`running the same calls in one @ethereumjs EVM holding all their accounts`);
    const oneEvm = await measureReference(workload.block, workload.genesis, calls, warmup, warmup + calls);
    const ours = measureOurCalls(workload.block, workload.genesis, calls, warmup);
    report.reference = {
      ...ref, ratio: ref.usPerCall / report.usPerTx, oneEvm, ours,
      callRatio: ref.usPerCall / ours.usPerCall, callRatioOneEvm: oneEvm.usPerCall / ours.usPerCall,
    };
  }

  if (config.outDir !== undefined) {
    onProgress(`writing ${config.outDir}`);
    writeBlockFolder(config.outDir, workload.genesis, workload.block, measured.result);
    report.out = config.outDir;
  }
  return report;
}
