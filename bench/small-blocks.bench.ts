/**
 * Break-even of parallel execution for small blocks (the constants of src/parallel/small-block-rule.ts):
 * for each workload and block size, the median wall time of the sequential executor and of the parallel
 * path forced on (2 workers), and what the small-block rule decides.
 * node --max-semi-space-size=64 dist/bench/small-blocks.bench.js [workload ...]   (default: raw erc20 amm)
 */
import { workloadByName } from '../src/bench/workloads/index.js';
import { SharedState } from '../src/state/shared-state.js';
import { executeBlock, closeSharedPools } from '../src/parallel/execute-block.js';
import { executeBlockSequential } from '../src/execution/execute-block-sequential.js';
import { Evm } from '../src/evm/evm.js';
import { BlockState } from '../src/state/block-state.js';
import { smallBlockVerdict } from '../src/parallel/small-block-rule.js';
import { canonicalTransactions } from '../src/tx/executable.js';

const WORKERS = 2;
const median = (a: number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['raw', 'erc20', 'amm'];
for (const name of names) {
  for (const txs of [16, 32, 64, 128, 256, 512]) {
    const w = workloadByName(name).build({ txs, accounts: txs, pools: 8, seed: 3 });
    const state = SharedState.fromMemoryState(w.genesis);
    const evm = new Evm(new BlockState(state));
    const reps = Math.max(20, Math.floor(20_000 / txs));
    const seq: number[] = [];
    const par: number[] = [];
    for (let r = 0; r < reps; r++) {
      let t = performance.now();
      executeBlockSequential(w.block, state, { evm });
      seq.push(performance.now() - t);
      t = performance.now();
      await executeBlock(w.block, state, { workers: WORKERS, forceParallel: true });
      par.push(performance.now() - t);
    }
    const verdict = smallBlockVerdict(canonicalTransactions(w.block.transactions), WORKERS);
    const ratio = median(seq) / median(par);
    console.log(`${name.padEnd(6)} ${String(txs).padStart(4)} txs: sequential ${(median(seq) * 1000).toFixed(0).padStart(6)} µs, parallel ${(median(par) * 1000).toFixed(0).padStart(6)} µs, speedup ${ratio.toFixed(2)}; rule: ${verdict.parallel ? 'parallel' : 'sequential'}`);
  }
}
await closeSharedPools();
