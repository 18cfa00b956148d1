/** Comparisons and bit operations LT .. SAR (0x10-0x1d). a = top of stack, b = next. */
import * as u256 from '../u256.js';
import type { Frame } from '../frame.js';

export function lt(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.lt(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function gt(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.gt(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function slt(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.slt(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function sgt(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.sgt(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function eq(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.eq(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function iszero(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.iszero(f.stack, a, a);
}

export function and(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.and(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function or(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.or(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function xor(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.xor(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function not(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.not(f.stack, a, a);
}

export function byte(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.byte(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function shl(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.shl(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function shr(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.shr(f.stack, a, a - 8, a - 8);
  f.sp--;
}

export function sar(f: Frame): void {
  const a = (f.sp - 1) << 3;
  u256.sar(f.stack, a, a - 8, a - 8);
  f.sp--;
}
