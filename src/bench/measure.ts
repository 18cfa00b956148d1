/**
 * Times a block: warm-up runs, then measured repetitions of `runBlock`, each on a fresh copy of the
 * genesis made before its timer starts (so no run can profit from state another run cached), reporting
 * the median. No forced GC between runs: measured on erc20 10k, a full gc() before each run made the runs
 * slower (~410 ms vs ~255 ms, interleaved in one process), not steadier.
 */
import { ParevmError } from '../primitives/errors.js';
import type { Block, BlockResult } from '../execution/block.js';
import type { MemoryState } from '../state/memory-state.js';
import { copyState } from './state-copy.js';
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
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measureBlock(block: Block, genesis: MemoryState, mode: ExecutionMode, options: MeasureOptions): Promise<Measurement> {
  const total = options.warmup + options.repetitions;
  const runs: Array<{ seconds: number; reexecutions: number }> = [];
  let result: BlockResult | undefined;
  for (let i = 0; i < total; i++) {
    const state = copyState(genesis);
    const start = performance.now();
    const run = await runBlock(block, state, mode);
    const seconds = (performance.now() - start) / 1000;
    if (result !== undefined && run.result.gasUsed !== result.gasUsed) {
      throw new ParevmError('benchmark runs disagree', { details: `gasUsed ${result.gasUsed} then ${run.result.gasUsed}` });
    }
    result = run.result;
    if (i >= options.warmup) runs.push({ seconds, reexecutions: run.reexecutions });
    options.onProgress?.(i + 1, total, seconds);
  }
  if (result === undefined || runs.length === 0) throw new ParevmError('no measured repetitions');
  const samples = runs.map((r) => r.seconds);
  const mid = median(samples);
  const medianRun = runs.reduce((best, r) => (Math.abs(r.seconds - mid) < Math.abs(best.seconds - mid) ? r : best));
  return { seconds: mid, best: Math.min(...samples), samples, result, reexecutions: medianRun.reexecutions };
}
