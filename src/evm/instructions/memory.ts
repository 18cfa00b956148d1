/** MLOAD, MSTORE, MSTORE8, MSIZE, MCOPY (EIP-5656). Memory words are big-endian; stack limbs little-endian. */
import * as u256 from '../u256.js';
import type { Frame } from '../frame.js';
import { charge, expandMemory, wordCost } from '../memory.js';
import { GAS_COPY_WORD } from '../gas-constants.js';

export function mload(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const off = u256.toNumberOrMax(st, a);
  if (!expandMemory(f, off, 32)) return;
  const dv = f.memView;
  for (let k = 0; k < 8; k++) st[a + k] = dv.getUint32(off + 28 - 4 * k);
}

export function mstore(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const off = u256.toNumberOrMax(st, a);
  if (!expandMemory(f, off, 32)) return;
  const dv = f.memView;
  const v = a - 8;
  for (let k = 0; k < 8; k++) dv.setUint32(off + 28 - 4 * k, st[v + k]!);
  f.sp -= 2;
}

export function mstore8(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const off = u256.toNumberOrMax(st, a);
  if (!expandMemory(f, off, 1)) return;
  f.mem[off] = st[a - 8]! & 0xff;
  f.sp -= 2;
}

export function msize(f: Frame): void {
  u256.fromNumber(f.stack, f.sp << 3, f.memSize);
  f.sp++;
}

export function mcopy(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const dest = u256.toNumberOrMax(st, a);
  const src = u256.toNumberOrMax(st, a - 8);
  const size = u256.toNumberOrMax(st, a - 16);
  f.sp -= 3;
  if (size === 0) return;
  if (!charge(f, wordCost(size, GAS_COPY_WORD))) return;
  if (!expandMemory(f, Math.max(dest, src), size)) return;
  f.mem.copyWithin(dest, src, src + size);
}
