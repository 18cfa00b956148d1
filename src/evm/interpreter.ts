/**
 * The interpreter loop and the frame loop.
 *
 * `runLoop` executes one frame until it halts or suspends for a child call. No Promise, no exception: halts
 * are status codes. `runFrames` drives a whole message without recursion: a suspended frame's child runs
 * next; a finished child is delivered to its parent, which resumes.
 *
 * Gas and stack checks per basic block (code-analysis.ts): on entering a block, if the gas left covers the
 * block's static gas and the stack height is within the block's bounds, the static gas is charged at once
 * and the block's opcodes run without per-opcode checks; otherwise the block runs opcode by opcode with
 * full checks (`runBlockChecked`), which gives the exact failure. Entry happens at the start of a frame or
 * on its resumption, at every JUMPDEST executed (jumps land on one), after a JUMPI not taken, and after
 * the opcodes that end a block. Per-opcode checks cost ~2.3 ns of the ~9 ns of a simple opcode
 * (bench/opcode-loop.bench.ts, checks removed as an experiment).
 *
 * Dispatch: the ~60 most frequent simple opcodes (PUSH/DUP/SWAP/POP, jumps, comparisons, bit operations,
 * ADD/SUB, in-bounds MLOAD/MSTORE, CALLDATALOAD, CALLER, CALLVALUE) are inlined in a switch that works on
 * pc/sp/gas held in locals; every other opcode — and the slow paths of the inlined ones — goes through
 * the fork's 256-entry handler table (instruction-table.ts), which is the definition of every opcode.
 * Measured on a loop of simple opcodes (PUSH/DUP/SWAP/POP/ADD/MUL/SUB/JUMPI): ~7-8.7 ns per opcode inlined
 * with block metering (~9 ns with per-opcode checks), ~14 ns through the table (dist/bench/opcode-loop.bench.js).
 * A whole ERC-20 transfer call (236 opcodes, where storage, keccak and logs dominate): 8.7-9.8 µs inlined,
 * 10.8-11.3 µs table-only (node dist/bench/evm-call.bench.js).
 * `inlineHotOpcodes = false` on the Evm turns the switch and block metering off (table dispatch with
 * per-opcode checks, the reference); the differential tests run both ways.
 */
import * as u256 from './u256.js';
import { addressToLimbs } from '../primitives/address.js';
import type { Frame } from './frame.js';
import type { ForkSpec } from './fork-spec.js';
import type { Handler } from './instruction-table.js';
import { chargeSlow } from './memory.js';
import { finishFrame } from './message-call.js';
import { Status } from './status.js';

/**
 * One opcode through the handler table with full stack and gas checks. A failed check sets f.status (stack
 * error, out of gas) and the opcode does not run.
 */
function stepChecked(f: Frame, fork: ForkSpec, table: readonly Handler[]): void {
  const op = f.code[f.pc]!;
  const sp = f.sp;
  if (sp < fork.stackMin[op]!) {
    f.status = Status.STACK_UNDERFLOW;
    return;
  }
  if (sp > fork.stackMax[op]!) {
    f.status = Status.STACK_OVERFLOW;
    return;
  }
  const cost = fork.staticGas[op]!;
  if (f.gas >= cost) f.gas -= cost;
  else if (!chargeSlow(f, cost)) return;
  f.pc++;
  table[op]!(f);
}

/** Table-only dispatch: the reference loop. */
function runLoopTable(f: Frame): void {
  const { fork, table } = f.evm;
  while (f.status === Status.RUNNING) stepChecked(f, fork, table);
}

/**
 * Runs the block at f.pc opcode by opcode with full stack and gas checks, until the next block start or a
 * halt: the path for blocks whose precheck fails (the gas left is short of the block's static gas, or a
 * stack error is coming), so that the failure is exactly where per-opcode checking puts it.
 */
function runBlockChecked(f: Frame): void {
  const { fork, table } = f.evm;
  const blockStart = f.blockStart;
  do stepChecked(f, fork, table);
  while (f.status === Status.RUNNING && blockStart[f.pc] !== 1);
}

export function runLoop(f: Frame): void {
  if (!f.evm.inlineHotOpcodes) {
    runLoopTable(f);
    return;
  }
  const evm = f.evm;
  const table = evm.table;
  const endsBlock = evm.fork.endsBlock;
  const code = f.code;
  const st = f.stack;
  const jumpdests = f.jumpdests;
  const codeLength = f.codeLength;
  const blockGas = f.blockGas;
  const blockMinStack = f.blockMinStack;
  const blockMaxStack = f.blockMaxStack;
  let pc = f.pc;
  let sp = f.sp;
  let gas = f.gas;
  block: for (;;) {
    // Entry into the block at pc: its static gas (a leading JUMPDEST's included, which is then skipped).
    const cost = blockGas[pc]!;
    if (gas >= cost && sp >= blockMinStack[pc]! && sp <= blockMaxStack[pc]!) {
      gas -= cost;
      if (code[pc] === 0x5b) pc++;
    } else {
      f.pc = pc;
      f.sp = sp;
      f.gas = gas;
      runBlockChecked(f);
      if (f.status !== Status.RUNNING) return;
      pc = f.pc;
      sp = f.sp;
      gas = f.gas;
      continue block;
    }
    for (;;) {
    const op = code[pc]!;
    pc++;
    const top = (sp - 1) << 3;
    switch (op) {
      case 0x00: // STOP
        f.status = Status.STOP;
        f.pc = pc;
        f.sp = sp;
        f.gas = gas;
        return;
      case 0x01: // ADD
        u256.add(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x03: // SUB
        u256.sub(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x10: // LT
        u256.lt(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x11: // GT
        u256.gt(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x12: // SLT
        u256.slt(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x13: // SGT
        u256.sgt(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x14: // EQ
        u256.eq(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x15: // ISZERO
        u256.iszero(st, top, top);
        continue;
      case 0x16: // AND
        u256.and(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x17: // OR
        u256.or(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x18: // XOR
        u256.xor(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x19: // NOT
        u256.not(st, top, top);
        continue;
      case 0x1b: // SHL
        u256.shl(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x1c: // SHR
        u256.shr(st, top, top - 8, top - 8);
        sp--;
        continue;
      case 0x33: // CALLER
        addressToLimbs(f.caller, st, sp << 3);
        sp++;
        continue;
      case 0x34: // CALLVALUE
        if (f.value !== 0n) break;
        st.fill(0, sp << 3, (sp << 3) + 8);
        sp++;
        continue;
      case 0x35: { // CALLDATALOAD, in bounds
        const input = f.input;
        if (st[top + 1]! !== 0 || (st[top + 2]! | st[top + 3]! | st[top + 4]! | st[top + 5]! | st[top + 6]! | st[top + 7]!) !== 0) break;
        const off = st[top]!;
        if (off + 32 > input.length) break;
        for (let k = 0; k < 8; k++) {
          const b = off + 28 - 4 * k;
          st[top + k] = (input[b]! << 24) | (input[b + 1]! << 16) | (input[b + 2]! << 8) | input[b + 3]!;
        }
        continue;
      }
      case 0x36: // CALLDATASIZE
        u256.fromNumber(st, sp << 3, f.input.length);
        sp++;
        continue;
      case 0x50: // POP
        sp--;
        continue;
      case 0x51: { // MLOAD, within current memory
        if ((st[top + 1]! | st[top + 2]! | st[top + 3]! | st[top + 4]! | st[top + 5]! | st[top + 6]! | st[top + 7]!) !== 0) break;
        const off = st[top]!;
        if (off + 32 > f.memSize) break;
        const dv = f.memView;
        for (let k = 0; k < 8; k++) st[top + k] = dv.getUint32(off + 28 - 4 * k);
        continue;
      }
      case 0x52: { // MSTORE, within current memory
        if ((st[top + 1]! | st[top + 2]! | st[top + 3]! | st[top + 4]! | st[top + 5]! | st[top + 6]! | st[top + 7]!) !== 0) break;
        const off = st[top]!;
        if (off + 32 > f.memSize) break;
        const dv = f.memView;
        const v = top - 8;
        for (let k = 0; k < 8; k++) dv.setUint32(off + 28 - 4 * k, st[v + k]!);
        sp -= 2;
        continue;
      }
      case 0x56: { // JUMP
        const dest = st[top]!;
        if ((st[top + 1]! | st[top + 2]! | st[top + 3]! | st[top + 4]! | st[top + 5]! | st[top + 6]! | st[top + 7]!) !== 0 || dest >= codeLength || jumpdests[dest] !== 1) {
          f.status = Status.INVALID_JUMP;
          break;
        }
        pc = dest;
        sp--;
        continue block;
      }
      case 0x57: { // JUMPI
        const c = top - 8;
        sp -= 2;
        if ((st[c]! | st[c + 1]! | st[c + 2]! | st[c + 3]! | st[c + 4]! | st[c + 5]! | st[c + 6]! | st[c + 7]!) === 0) continue block;
        const dest = st[top]!;
        if ((st[top + 1]! | st[top + 2]! | st[top + 3]! | st[top + 4]! | st[top + 5]! | st[top + 6]! | st[top + 7]!) !== 0 || dest >= codeLength || jumpdests[dest] !== 1) {
          f.status = Status.INVALID_JUMP;
          break;
        }
        pc = dest;
        continue block;
      }
      case 0x5b: // JUMPDEST reached by falling through: the block it starts is entered at the top
        pc--;
        continue block;
      case 0x5f: // PUSH0
        st.fill(0, sp << 3, (sp << 3) + 8);
        sp++;
        continue;
      case 0x60: { // PUSH1
        const s = sp << 3;
        st[s] = code[pc]!;
        st[s + 1] = 0; st[s + 2] = 0; st[s + 3] = 0; st[s + 4] = 0; st[s + 5] = 0; st[s + 6] = 0; st[s + 7] = 0;
        sp++;
        pc++;
        continue;
      }
      case 0x61: { // PUSH2
        const s = sp << 3;
        st[s] = (code[pc]! << 8) | code[pc + 1]!;
        st[s + 1] = 0; st[s + 2] = 0; st[s + 3] = 0; st[s + 4] = 0; st[s + 5] = 0; st[s + 6] = 0; st[s + 7] = 0;
        sp++;
        pc += 2;
        continue;
      }
      case 0x63: { // PUSH4
        const s = sp << 3;
        st[s] = ((code[pc]! << 24) | (code[pc + 1]! << 16) | (code[pc + 2]! << 8) | code[pc + 3]!) >>> 0;
        st[s + 1] = 0; st[s + 2] = 0; st[s + 3] = 0; st[s + 4] = 0; st[s + 5] = 0; st[s + 6] = 0; st[s + 7] = 0;
        sp++;
        pc += 4;
        continue;
      }
      case 0x80: case 0x81: case 0x82: case 0x83: case 0x84: case 0x85: case 0x86: case 0x87:
      case 0x88: case 0x89: case 0x8a: case 0x8b: case 0x8c: case 0x8d: case 0x8e: case 0x8f: { // DUP1-16
        const s = sp << 3;
        const from = (sp - (op - 0x7f)) << 3;
        st[s] = st[from]!; st[s + 1] = st[from + 1]!; st[s + 2] = st[from + 2]!; st[s + 3] = st[from + 3]!;
        st[s + 4] = st[from + 4]!; st[s + 5] = st[from + 5]!; st[s + 6] = st[from + 6]!; st[s + 7] = st[from + 7]!;
        sp++;
        continue;
      }
      case 0x90: case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97:
      case 0x98: case 0x99: case 0x9a: case 0x9b: case 0x9c: case 0x9d: case 0x9e: case 0x9f: { // SWAP1-16
        const b = top - ((op - 0x8f) << 3);
        let t = st[top]!; st[top] = st[b]!; st[b] = t;
        t = st[top + 1]!; st[top + 1] = st[b + 1]!; st[b + 1] = t;
        t = st[top + 2]!; st[top + 2] = st[b + 2]!; st[b + 2] = t;
        t = st[top + 3]!; st[top + 3] = st[b + 3]!; st[b + 3] = t;
        t = st[top + 4]!; st[top + 4] = st[b + 4]!; st[b + 4] = t;
        t = st[top + 5]!; st[top + 5] = st[b + 5]!; st[b + 5] = t;
        t = st[top + 6]!; st[top + 6] = st[b + 6]!; st[b + 6] = t;
        t = st[top + 7]!; st[top + 7] = st[b + 7]!; st[b + 7] = t;
        continue;
      }
    }
    if (f.status !== Status.RUNNING) break block; // an inlined opcode halted (invalid jump)
    // Everything else, and the slow paths of the inlined opcodes: the handler table.
    f.pc = pc;
    f.sp = sp;
    f.gas = gas;
    table[op]!(f);
    if (f.status !== Status.RUNNING) return;
    pc = f.pc;
    sp = f.sp;
    gas = f.gas;
    if (endsBlock[op] === 1) continue block;
    }
  }
  f.pc = pc;
  f.sp = sp;
  f.gas = gas;
}

/** Runs `root` and every frame it spawns until `root` has finished and delivered its outcome. */
export function runFrames(root: Frame): void {
  let f: Frame | null = root;
  while (f !== null) {
    runLoop(f);
    if (f.status === Status.SUSPENDED) {
      f = f.child!;
      continue;
    }
    const parent: Frame | null = f.parent;
    finishFrame(f);
    f = parent;
  }
}
