/**
 * Interpreter dispatch cost on a tight loop of simple opcodes (DUP/PUSH/MUL/ADD/SWAP/POP/SUB/JUMPI/
 * JUMPDEST, 16 per iteration, 65,535 iterations): ns per opcode with the inlined hot-opcode switch and
 * with table-only dispatch (src/evm/interpreter.ts):
 * node dist/bench/opcode-loop.bench.js
 */
import { MemoryState } from '../src/state/memory-state.js';
import { BlockState } from '../src/state/block-state.js';
import { Evm } from '../src/evm/evm.js';
import { runFrames } from '../src/evm/interpreter.js';
import { beginCall } from '../src/evm/message-call.js';
import { addressFromHex } from '../src/primitives/address.js';
import { hexToBytes } from '../src/primitives/hex.js';

const ITERATIONS = 0xffff;
const OPS_PER_ITERATION = 16;
// PUSH2 N; loop: JUMPDEST DUP1 PUSH1 3 MUL PUSH1 7 ADD PUSH1 5 SWAP1 POP POP PUSH1 1 SWAP1 SUB DUP1 PUSH1 3 JUMPI; STOP
const code = hexToBytes('0x61ffff5b' + '80600302600701600590505060019003806003570' + '0');
const state = new MemoryState();
const contract = addressFromHex('0x1000000000000000000000000000000000000001');
const caller = addressFromHex('0x2000000000000000000000000000000000000002');
state.setAccount(contract, 1n, 0n, code);
state.setAccount(caller, 0n, 10n ** 18n, new Uint8Array(0));

for (let round = 0; round < 2; round++) {
  for (const inline of [true, false]) {
    const blockState = new BlockState(state);
    const evm = new Evm(blockState);
    evm.inlineHotOpcodes = inline;
    let best = Infinity;
    for (let r = 0; r < 20; r++) {
      evm.journal.reset(blockState);
      const start = performance.now();
      const frame = beginCall(evm, null, 0, caller, contract, contract, 0n, true, new Uint8Array(0), 100_000_000, 0n, false);
      if (frame !== null) runFrames(frame);
      best = Math.min(best, performance.now() - start);
    }
    console.log(`${inline ? 'inlined hot opcodes' : 'table-only dispatch'}  ${((best * 1e6) / (ITERATIONS * OPS_PER_ITERATION)).toFixed(2)} ns per opcode (status ${evm.result.status})`);
  }
}
