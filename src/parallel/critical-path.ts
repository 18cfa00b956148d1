/**
 * The critical path of a parallel block run: the longest chain of read-after-write dependencies between
 * its transactions, read from their read sets in multi-version memory. Its gas bounds the speedup any
 * number of threads could reach (the statistics' idealSpeedup); measured execution times give a second
 * bound (idealSpeedupByTime).
 */
import { ReadKind, type MvMemory } from './mv-memory.js';

export interface CriticalPath {
  /** Gas of every task, summed in a double (exact below 2^53, far beyond any real block). */
  totalGas: number;
  criticalPathGas: number;
  /** Transactions on the longest dependency chain (by gas). */
  chainLength: number;
  /** With measured times: every task's execution time summed, and the longest chain by time (µs). */
  totalMicros: number;
  criticalPathMicros: number;
}

/**
 * The longest read-after-write chain of tasks [0, taskCount) by gas (`gasPerTask`; null counts one per
 * task) and, when `microsPerTask` is given, the longest by measured execution time (gas undervalues some
 * work: a 4-pair BN254 pairing costs 181k gas and took 80 ms with @noble/curves, ~20 ms with mcl), from
 * their latest read sets, in one pass. Gas is summed in doubles (with bigints this took ~4 ms of a
 * 10k-transaction block's result). The loop has one arena access per read, no conversions after it, and
 * no access that only some blocks reach (a transaction reading from two writers, say): the warm-up's
 * blocks left such a branch without feedback, and the first real block deoptimized inside the loop and
 * ran it unoptimized (2.3-4 ms instead of ~0.7).
 */
export function criticalPath(mv: MvMemory, taskCount: number, gasPerTask: Float64Array | null, microsPerTask: Float64Array | null = null): CriticalPath {
  reserveCriticalPath(taskCount);
  // Reused from call to call (a worker's serial-prefix check calls this every few executions): every
  // entry the loop reads, a writer's below t, was written earlier in the same call.
  const { depth, chain, timeDepth } = scratch;
  let total = 0;
  let best = 0;
  let bestChain = 0;
  let totalTime = 0;
  let bestTime = 0;
  const arena = mv.arena;
  for (let t = 0; t < taskCount; t++) {
    // The deepest earlier writers this transaction read from, by gas and by time (-1: none).
    let dep = -1;
    let depDepth = -1;
    let depTime = 0;
    const at = mv.readSetOf(t);
    if (at !== 0) {
      const end = at + 1 + arena[at]!;
      let p = at + 1;
      while (p < end) {
        // A read record (MvStateView): [loc, kind, ...]; VALUE reads are 12 words with the writer last,
        // the others 4 with the writer third (-1 for BASE reads).
        const isValue = arena[p + 1] === ReadKind.VALUE;
        const writer = arena[isValue ? p + 11 : p + 2]!;
        p += isValue ? 12 : 4;
        if (writer >= 0 && writer < t) {
          const writerDepth = depth[writer]!;
          if (writerDepth > depDepth) {
            dep = writer;
            depDepth = writerDepth;
          }
          depTime = Math.max(depTime, timeDepth[writer]!);
        }
      }
    }
    const gas = gasPerTask === null ? 1 : gasPerTask[t]!;
    total += gas;
    const d = gas + (dep >= 0 ? depDepth : 0);
    const c = 1 + (dep >= 0 ? chain[dep]! : 0);
    depth[t] = d;
    chain[t] = c;
    if (d > best) {
      best = d;
      bestChain = c;
    }
    const time = microsPerTask === null ? 0 : microsPerTask[t]!;
    totalTime += time;
    const dt = time + depTime;
    timeDepth[t] = dt;
    if (dt > bestTime) bestTime = dt;
  }
  return { totalGas: total, criticalPathGas: best, chainLength: bestChain, totalMicros: totalTime, criticalPathMicros: bestTime };
}

/** Per-task working arrays of criticalPath, per thread. */
const scratch = { depth: new Float64Array(0), chain: new Int32Array(0), timeDepth: new Float64Array(0) };

/** Sizes this thread's working arrays for blocks of up to `tasks` tasks (also before a timed block). */
export function reserveCriticalPath(tasks: number): void {
  if (scratch.depth.length >= tasks) return;
  const size = Math.max(tasks, 2 * scratch.depth.length);
  scratch.depth = new Float64Array(size);
  scratch.chain = new Int32Array(size);
  scratch.timeDepth = new Float64Array(size);
}
