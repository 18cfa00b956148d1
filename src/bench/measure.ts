/**
 * Times a block: warm-up runs, then measured repetitions of `runBlock`, reporting the median. Every run
 * reads the same pre-block SharedState, built from the genesis once before any timer starts; execution
 * never writes to it, so no run sees another run's effects — nor its garbage: before every run (of every
 * mode) the young generation is collected, outside the timing (collectYoungGeneration), as a node can
 * between blocks. Without it a run began with its predecessor's receipts and logs still young, and a
 * 33-36 ms scavenge copying them landed inside 2 of 6 AMM-1-pool parallel attempts (perf_hooks 'gc'
 * entries) — that noise, not the executors, decided the reported ratio. A run still pays for the
 * collections its own allocation triggers. A full gc() before each run was worse (measured on erc20 10k:
 * ~410 ms vs ~255 ms per run): it shrinks the young generation, which the run then regrows.
 *
 * Several modes (parallel and its sequential baseline) are measured interleaved, one run of each per
 * round, so that a ratio between them compares runs made under the same machine load: on this shared
 * 2-core machine, all parallel runs and then all sequential ones gave AMM-1-pool ratios from 0.94 to 1.19
 * in three consecutive invocations, as the background load drifted between the two halves.
 */
import { ParevmError } from '../primitives/errors.js';
import { collectYoungGeneration } from '../runtime/young-generation-gc.js';
import type { Block, BlockResult } from '../execution/block.js';
import type { MemoryState } from '../state/memory-state.js';
import { SharedState } from '../state/shared-state.js';
import type { ExecutionStats } from '../parallel/execute-block.js';
import { runBlock, type ExecutionMode } from './run-block.js';

export interface MeasureOptions {
  warmup: number;
  repetitions: number;
  /** Called after each run (warm-up runs included). */
  onProgress?: (done: number, total: number, seconds: number) => void;
}

export interface Measurement {
  /** Median wall time of the measured repetitions. */
  seconds: number;
  /** Fastest measured repetition. */
  best: number;
  samples: number[];
  result: BlockResult;
  /** Re-executions of the median run. */
  reexecutions: number;
  /** CPU time of the median run (all threads of the process: main and workers) over its wall time. */
  cpuCores: number;
  /** Parallel: the executor's statistics of the median run. */
  stats?: ExecutionStats;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The SharedState each genesis is measured on (built once per genesis). */
const sharedStates = new WeakMap<MemoryState, SharedState>();

export function sharedStateOf(genesis: MemoryState): SharedState {
  let state = sharedStates.get(genesis);
  if (state === undefined) {
    state = SharedState.fromMemoryState(genesis);
    sharedStates.set(genesis, state);
  }
  return state;
}

/**
 * Measures `modes` on the block in rounds: each round runs every mode once, in order; `warmup` rounds
 * first, then `repetitions` measured ones. One Measurement per mode; pairedRatio compares two of them
 * round by round.
 */
export async function measureBlockModes(block: Block, genesis: MemoryState, modes: readonly ExecutionMode[], options: MeasureOptions): Promise<Measurement[]> {
  const total = options.warmup + options.repetitions;
  const runs = modes.map(() => [] as Array<{ seconds: number; cpuCores: number; reexecutions: number; stats?: ExecutionStats }>);
  const results: Array<BlockResult | undefined> = modes.map(() => undefined);
  const state = sharedStateOf(genesis);
  for (let i = 0; i < total; i++) {
    for (let m = 0; m < modes.length; m++) {
      collectYoungGeneration();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const run = await runBlock(block, state, modes[m]!);
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuStart);
      const cpuCores = (cpu.user + cpu.system) / 1e6 / seconds;
      const previous = results[m] ?? results[0];
      if (previous !== undefined && run.result.gasUsed !== previous.gasUsed) {
        throw new ParevmError('benchmark runs disagree', { details: `gasUsed ${previous.gasUsed} then ${run.result.gasUsed}` });
      }
      results[m] = run.result;
      if (i >= options.warmup) runs[m]!.push(run.stats === undefined ? { seconds, cpuCores, reexecutions: run.reexecutions } : { seconds, cpuCores, reexecutions: run.reexecutions, stats: run.stats });
      if (m === 0) options.onProgress?.(i + 1, total, seconds);
    }
  }
  return modes.map((_, m) => {
    const result = results[m];
    const measured = runs[m]!;
    if (result === undefined || measured.length === 0) throw new ParevmError('no measured repetitions');
    const samples = measured.map((r) => r.seconds);
    const mid = median(samples);
    const medianRun = measured.reduce((best, r) => (Math.abs(r.seconds - mid) < Math.abs(best.seconds - mid) ? r : best));
    const out: Measurement = { seconds: mid, best: Math.min(...samples), samples, result, reexecutions: medianRun.reexecutions, cpuCores: medianRun.cpuCores };
    if (medianRun.stats !== undefined) out.stats = medianRun.stats;
    return out;
  });
}

/** The median over rounds of a.samples[i] / b.samples[i] (for measurements from one measureBlockModes call). */
export function pairedRatio(a: Measurement, b: Measurement): number {
  const n = Math.min(a.samples.length, b.samples.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(a.samples[i]! / b.samples[i]!);
  return median(ratios);
}
