/**
 * Block-level gas metering (code-analysis.ts, interpreter.ts) against the reference interpreter (table
 * dispatch, per-opcode checks): hand-written programs that put out-of-gas, stack errors, dynamic charges
 * and gas observers inside basic blocks, each run at every gas limit from 0 up to a little more than it
 * needs. Both must agree on success, gas left and output at every limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryState } from '../state/memory-state.js';
import { BlockState } from '../state/block-state.js';
import { Evm } from './evm.js';
import { runFrames } from './interpreter.js';
import { beginCall } from './message-call.js';
import { Status } from './status.js';
import { addressFromHex } from '../primitives/address.js';
import { bytesToHex, hexToBytes } from '../primitives/hex.js';
import { analyzeCode } from './code-analysis.js';
import { CANCUN } from './fork-spec.js';

const contract = addressFromHex('0x1000000000000000000000000000000000000001');
const other = addressFromHex('0x1000000000000000000000000000000000000002');
const caller = addressFromHex('0x2000000000000000000000000000000000000002');

interface Outcome {
  success: boolean;
  gasLeft: number;
  output: string;
}

function run(code: string, gas: number, inline: boolean): Outcome {
  const state = new MemoryState();
  state.setAccount(contract, 1n, 0n, hexToBytes(code.replace(/ /g, '')), new Map());
  state.setAccount(other, 1n, 0n, hexToBytes('0x60016000526020601ff3'), new Map());
  state.setAccount(caller, 0n, 10n ** 18n, new Uint8Array(0));
  const blockState = new BlockState(state);
  const evm = new Evm(blockState);
  evm.inlineHotOpcodes = inline;
  evm.journal.reset(blockState);
  const frame = beginCall(evm, null, 0, caller, contract, contract, 0n, false, new Uint8Array([1, 2, 3]), gas, 0n, false);
  if (frame !== null) runFrames(frame);
  const r = evm.result;
  const success = r.status === Status.STOP || r.status === Status.RETURN;
  return { success, gasLeft: r.gasLeft, output: bytesToHex(r.output) };
}

// name, code, gas limits swept from 0 to this bound
const PROGRAMS: ReadonlyArray<readonly [string, string, number]> = [
  // PUSH1 1 PUSH2 0x0400 MSTORE (memory expansion mid-block) PUSH1 1 PUSH1 2 ADD POP STOP
  ['memory expansion mid-block', '0x6001610400526001600201500 0', 200],
  // PUSH1 1 PUSH1 2 PUSH1 3 ADD ADD ADD (underflow at the third ADD) STOP
  ['stack underflow mid-block', '0x600160026003010101 00', 40],
  // 1025 x PUSH0: overflow at the last
  ['stack overflow mid-block', '0x' + '5f'.repeat(1025), 2100],
  // truncated PUSH2 at the end of the code
  ['truncated push at the end', '0x60016101', 20],
  // PUSH1 1 POP GAS PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: the gas left is observed and returned
  ['GAS observed after a block', '0x600150 5a 600052 60206000f3', 60],
  // loop: PUSH1 3 JUMPDEST PUSH1 1 SWAP1 SUB DUP1 PUSH1 2 JUMPI STOP — JUMPDEST entries and JUMPI fall-through
  ['jump loop', '0x60035b600190038060025700', 120],
  // PUSH1 64 PUSH1 0 KECCAK256 (dynamic: words + memory) PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
  ['keccak dynamic charge', '0x6040600020600052602060 00f3', 120],
  // CALLDATACOPY 64 bytes to 0x20, then MLOAD and RETURN
  ['calldatacopy dynamic charge', '0x60406000602037602051600052602060 00f3', 120],
  // RETURNDATACOPY out of bounds (an exceptional halt that is not out of gas) after a memory expansion
  ['returndatacopy out of bounds', '0x600161040052 6020600060003e 00', 200],
  // SSTORE with the EIP-2200 sentry (gas left <= 2300 fails) after cheap opcodes
  ['SSTORE sentry', '0x6001600201 600055 00', 22_200],
  // CALL other with all gas (63/64) after a block, then return what it returned
  ['CALL after a block', '0x6001600201 50 60206000600060006000 73' + '1000000000000000000000000000000000000002' + ' 5a f1 50 60206000f3', 3000],
  // an undefined opcode after a few cheap ones
  ['undefined opcode mid-code', '0x6001600201 0c 00', 30],
  // JUMP to a non-JUMPDEST
  ['invalid jump', '0x6001600201 600956 00 00', 40],
];

test('code analysis: block starts, static gas and stack bounds', () => {
  // PUSH1 1 PUSH1 2 ADD | JUMPDEST POP STOP
  const a = analyzeCode(hexToBytes('0x60016002015b5000'), CANCUN);
  assert.equal(a.blockStart[0], 1);
  assert.equal(a.blockGas[0], 9);
  assert.equal(a.blockMinStack[0], 0);
  assert.equal(a.blockMaxStack[0], 1022);
  assert.equal(a.blockStart[5], 1);
  assert.equal(a.blockGas[5], 3); // JUMPDEST 1 + POP 2 (+ STOP 0 ends it)
  assert.equal(a.blockMinStack[5], 1);
  assert.equal(a.blockStart[8], 1); // the end of the code
  assert.equal(a.blockGas[8], 0);
});

for (const [name, code, maxGas] of PROGRAMS) {
  test(`block metering equals per-opcode metering at every gas limit: ${name}`, () => {
    let successes = 0;
    for (let gas = 0; gas <= maxGas; gas++) {
      const fast = run(code, gas, true);
      const reference = run(code, gas, false);
      assert.deepEqual(fast, reference, `gas limit ${gas}`);
      if (fast.success) successes++;
    }
    // Every program but the always-failing ones must also succeed at its upper bound, so the sweep covers
    // the boundary between failing and succeeding.
    if (!/underflow|overflow|out of bounds|undefined|invalid/.test(name)) assert.ok(successes > 0, 'never succeeded: raise the bound');
  });
}
