/**
 * Times a block: warm-up runs, then measured repetitions of `runBlock` on the same genesis (execution
 * never modifies it, so every run starts from the same state), reporting the median. A full GC runs
 * before each repetition when it can be reached (v8 `--expose-gc` set at run time), so that garbage from
 * one run is not collected inside the next; measured on erc20 10k: spread between repetitions 25% -> 5%.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ParevmError } from '../primitives/errors.js';
import type { Block, BlockResult } from '../execution/block.js';
import type { StateReader } from '../state/state-reader.js';
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
  samples: number[];
  result: BlockResult;
  /** Re-executions of the median run. */
  reexecutions: number;
}

function gcFunction(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const gc = gcFunction();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function measureBlock(block: Block, genesis: StateReader, mode: ExecutionMode, options: MeasureOptions): Promise<Measurement> {
  const total = options.warmup + options.repetitions;
  const runs: Array<{ seconds: number; reexecutions: number }> = [];
  let result: BlockResult | undefined;
  for (let i = 0; i < total; i++) {
    gc?.();
    const start = performance.now();
    const run = await runBlock(block, genesis, mode);
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
  return { seconds: mid, samples, result, reexecutions: medianRun.reexecutions };
}
