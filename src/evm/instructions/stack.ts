/**
 * POP, PUSH0-PUSH32, DUP1-16, SWAP1-16. Immediates are read straight from the (padded) code: PUSH1/PUSH2
 * dominate real code and get their own handlers; longer pushes assemble limbs from the bytes.
 */
import type { Frame } from '../frame.js';

export function pop(f: Frame): void {
  f.sp--;
}

function clearAbove(st: Uint32Array, s: number, from: number): void {
  for (let k = from; k < 8; k++) st[s + k] = 0;
}

export function push0(f: Frame): void {
  const s = f.sp << 3;
  clearAbove(f.stack, s, 0);
  f.sp++;
}

export function push1(f: Frame): void {
  const s = f.sp << 3;
  const st = f.stack;
  st[s] = f.code[f.pc]!;
  st[s + 1] = 0; st[s + 2] = 0; st[s + 3] = 0; st[s + 4] = 0; st[s + 5] = 0; st[s + 6] = 0; st[s + 7] = 0;
  f.sp++;
  f.pc++;
}

export function push2(f: Frame): void {
  const s = f.sp << 3;
  const st = f.stack;
  const code = f.code, pc = f.pc;
  st[s] = (code[pc]! << 8) | code[pc + 1]!;
  st[s + 1] = 0; st[s + 2] = 0; st[s + 3] = 0; st[s + 4] = 0; st[s + 5] = 0; st[s + 6] = 0; st[s + 7] = 0;
  f.sp++;
  f.pc = pc + 2;
}

/** PUSHn for n in 3..32. */
export function makePush(n: number): (f: Frame) => void {
  return (f: Frame): void => {
    const s = f.sp << 3;
    const st = f.stack;
    const code = f.code;
    const end = f.pc + n; // one past the last immediate byte
    st[s] = 0; st[s + 1] = 0; st[s + 2] = 0; st[s + 3] = 0; st[s + 4] = 0; st[s + 5] = 0; st[s + 6] = 0; st[s + 7] = 0;
    for (let i = 0; i < n; i++) {
      // byte i counted from the least significant end
      st[s + (i >> 2)] |= code[end - 1 - i]! << ((i & 3) << 3);
    }
    f.sp++;
    f.pc = end;
  };
}

export function makeDup(n: number): (f: Frame) => void {
  return (f: Frame): void => {
    const st = f.stack;
    const s = f.sp << 3;
    const from = (f.sp - n) << 3;
    st[s] = st[from]!; st[s + 1] = st[from + 1]!; st[s + 2] = st[from + 2]!; st[s + 3] = st[from + 3]!;
    st[s + 4] = st[from + 4]!; st[s + 5] = st[from + 5]!; st[s + 6] = st[from + 6]!; st[s + 7] = st[from + 7]!;
    f.sp++;
  };
}

export function makeSwap(n: number): (f: Frame) => void {
  return (f: Frame): void => {
    const st = f.stack;
    const a = (f.sp - 1) << 3;
    const b = (f.sp - 1 - n) << 3;
    for (let k = 0; k < 8; k++) {
      const t = st[a + k]!;
      st[a + k] = st[b + k]!;
      st[b + k] = t;
    }
  };
}
