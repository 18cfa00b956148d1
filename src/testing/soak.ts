/**
 * `npm run test:soak` — the long run of the parallel == sequential property: random blocks over the
 * benchmark workloads (random size, accounts, pools, seed), each executed sequentially and in parallel with
 * a random worker count (1-8) and, one time in four, random delays injected in the workers; any difference
 * stops the run with the case. Usage: node dist/src/testing/soak.js [--blocks N] [--seed S]
 */
import { parseArgs } from 'node:util';
import { workloadByName } from '../bench/workloads/index.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { closeSharedPools, executeBlock } from '../parallel/execute-block.js';
import { SharedState } from '../state/shared-state.js';
import { compareResults } from './compare-results.js';

const { values } = parseArgs({ options: { blocks: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' } } });
const blocks = Number(values.blocks);
let state = Number(values.seed) >>> 0;
/** mulberry32: deterministic (a failing run can be replayed with its --seed) and well mixed in every bit. */
const random = (n: number): number => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n | 0;
};

const NAMES = ['raw', 'erc20', 'payroll', 'amm', 'nft', 'dao', 'mixed'];
const started = performance.now();
let parallelRuns = 0;
let fallbacks = 0;
let transactions = 0;
let reexecutions = 0;
const perWorkload = new Map<string, number>();
for (let b = 1; b <= blocks; b++) {
  const name = NAMES[random(NAMES.length)]!;
  const txs = 2 + random(63);
  let accounts = 1 + random(64);
  if (name === 'erc20' || name === 'mixed' || name === 'raw') accounts = Math.max(2, accounts);
  if (name === 'dao') accounts = Math.max(accounts, Math.ceil(txs / 3));
  const options = { txs, accounts, pools: 1 + random(4), seed: 1 + random(1_000_000) };
  const workers = 1 + random(8);
  const delayProbability = random(4) === 0 ? 0.2 : 0;
  const workload = workloadByName(name).build(options);
  const state = SharedState.fromMemoryState(workload.genesis);
  const expected = executeBlockSequential(workload.block, state);
  const actual = await executeBlock(workload.block, state, { workers, forceParallel: true, delayProbability, fallbackRatio: random(4) === 0 ? 0.4 : Infinity });
  const diff = compareResults(expected, actual);
  if (diff.length > 0) {
    console.error(`MISMATCH in block ${b}: ${name} ${JSON.stringify(options)} workers ${workers} delays ${delayProbability}`);
    for (const d of diff.slice(0, 10)) console.error(`  ${d}`);
    await closeSharedPools();
    process.exit(1);
  }
  transactions += txs;
  perWorkload.set(name, (perWorkload.get(name) ?? 0) + 1);
  reexecutions += actual.stats.reexecutions;
  if (actual.stats.mode === 'parallel') parallelRuns++;
  else fallbacks++;
  if (b % 250 === 0 || b === blocks) {
    const s = (performance.now() - started) / 1000;
    console.log(`${b}/${blocks} blocks equal (${parallelRuns} parallel, ${fallbacks} fell back to sequential; ${transactions} txs, ${reexecutions} re-executions) in ${s.toFixed(0)} s — ${[...perWorkload].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
}
console.log(`soak: ${blocks} random blocks, 0 mismatches`);
await closeSharedPools();
