/**
 * One ERC-20 transfer message call in our EVM (no transaction envelope), with the interpreter's inlined
 * hot-opcode switch and with table-only dispatch (src/evm/interpreter.ts):
 * node dist/bench/evm-call.bench.js
 */
import { workloadByName } from '../src/bench/workloads/index.js';
import { measureOurCalls } from '../src/bench/reference.js';

const calls = 10_000;
const warmup = 2_000;
const workload = workloadByName('erc20').build({ txs: calls + warmup, accounts: calls + warmup, pools: 1, seed: 3 });
for (let round = 0; round < 3; round++) {
  for (const inline of [true, false]) {
    const m = measureOurCalls(workload.block, workload.genesis, calls, warmup, inline);
    console.log(`${inline ? 'inlined hot opcodes' : 'table-only dispatch'}  ${m.usPerCall.toFixed(2)} µs per call`);
  }
}
