/** STOP, JUMP, JUMPI, PC, GAS, JUMPDEST, RETURN, REVERT, INVALID and undefined opcodes. */
import * as u256 from '../u256.js';
import { FrameKind, type Frame } from '../frame.js';
import { expandMemory, totalGas } from '../memory.js';
import { Status } from '../status.js';

export function stop(f: Frame): void {
  f.status = Status.STOP;
}

function jumpTo(f: Frame, s: number): void {
  const st = f.stack;
  const dest = st[s]!;
  if ((st[s + 1]! | st[s + 2]! | st[s + 3]! | st[s + 4]! | st[s + 5]! | st[s + 6]! | st[s + 7]!) !== 0 || dest >= f.codeLength || f.jumpdests[dest] !== 1) {
    f.status = Status.INVALID_JUMP;
    return;
  }
  f.pc = dest;
}

export function jump(f: Frame): void {
  f.sp--;
  jumpTo(f, f.sp << 3);
}

export function jumpi(f: Frame): void {
  const a = (f.sp - 1) << 3;
  f.sp -= 2;
  if (!u256.isZero(f.stack, a - 8)) jumpTo(f, a);
}

export function pc(f: Frame): void {
  u256.fromNumber(f.stack, f.sp << 3, f.pc - 1);
  f.sp++;
}

export function gas(f: Frame): void {
  if (f.gasReserve === 0n) u256.fromNumber(f.stack, f.sp << 3, f.gas);
  else u256.fromBigInt(f.stack, f.sp << 3, totalGas(f));
  f.sp++;
}

export function jumpdest(_f: Frame): void {}

/** Empty output (shared: a zero-length array cannot be written to). */
const NO_OUTPUT = new Uint8Array(0);

function haltWithOutput(f: Frame, status: Status): void {
  const a = (f.sp - 1) << 3;
  const off = u256.toNumberOrMax(f.stack, a);
  const size = u256.toNumberOrMax(f.stack, a - 8);
  f.sp -= 2;
  if (!expandMemory(f, off, size)) return;
  const discard = f.parent === null && f.kind === FrameKind.CALL && !f.evm.keepReturnData;
  f.output = size === 0 || discard ? NO_OUTPUT : f.mem.slice(off, off + size);
  f.status = status;
}

export function ret(f: Frame): void {
  haltWithOutput(f, Status.RETURN);
}

export function revert(f: Frame): void {
  haltWithOutput(f, Status.REVERT);
}

export function invalid(f: Frame): void {
  f.status = Status.INVALID_OPCODE;
}
