/** ADD .. SIGNEXTEND (0x01-0x0b). Operands: a = top of stack, b = next; the result replaces b. */
import * as u256 from '../u256.js';
import type { Frame } from '../frame.js';
import { charge } from '../memory.js';
import { GAS_EXP_BYTE } from '../gas-constants.js';

export function add(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.add(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function mul(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.mul(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function sub(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.sub(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function div(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.div(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function sdiv(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.sdiv(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function mod(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.mod(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function smod(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.smod(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function addmod(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.addmod(f.stack, a, a - 8, a - 16, a - 16);
  f.sp -= 2;
}

export function mulmod(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.mulmod(f.stack, a, a - 8, a - 16, a - 16);
  f.sp -= 2;
}

export function exp(f: Frame): void {
  const a = (f.sp - 1) << 3;
  if (!charge(f, GAS_EXP_BYTE * u256.byteLength(f.stack, a - 8))) return;
  u256.exp(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function signextend(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.signextend(f.stack, a, a - 8, a - 8);
  f.sp--;
}
