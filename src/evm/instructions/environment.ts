/**
 * Account and call-context opcodes (0x30-0x3f, 0x47): ADDRESS, BALANCE, ORIGIN, CALLER, CALLVALUE,
 * CALLDATA*, CODE*, GASPRICE, EXTCODE*, RETURNDATA*, SELFBALANCE. Account reads charge the EIP-2929 cold
 * surcharge and stop the frame at once if the read is blocked (parallel execution).
 */
import * as u256 from '../u256.js';
import { addressFromLimbs, addressToLimbs } from '../../primitives/address.js';
import { wordToLimbs } from '../../primitives/word.js';
import type { JournalAccount } from '../../state/journal.js';
import type { Frame } from '../frame.js';
import { charge, copyToMemory, expandMemory, wordCost } from '../memory.js';
import { GAS_COLD_ACCOUNT_EXTRA, GAS_COPY_WORD } from '../gas-constants.js';
import { getPrecompile } from '../precompiles/index.js';
import { Status } from '../status.js';

/** The account named by the stack word at `s`, with the cold surcharge paid; null if out of gas. */
export function accessAccount(f: Frame, s: number): JournalAccount | null {
  const address = addressFromLimbs(f.stack, s);
  const journal = f.evm.journal;
  const acc = journal.account(address);
  if (journal.warmAccount(acc) && getPrecompile(address) === undefined) {
    if (!charge(f, GAS_COLD_ACCOUNT_EXTRA)) return null;
  }
  return acc;
}

/** Halts the frame with BLOCKED if the last state read hit an unfinished transaction. */
export function blocked(f: Frame): boolean {
  if (f.evm.journal.isBlocked()) {
    f.status = Status.BLOCKED;
    return true;
  }
  return false;
}

export function address(f: Frame): void {
  addressToLimbs(f.address, f.stack, f.sp << 3);
  f.sp++;
}

export function balance(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const acc = accessAccount(f, a);
  if (acc === null) return;
  const value = f.evm.journal.balance(acc);
  if (blocked(f)) return;
  u256.fromBigInt(f.stack, a, value);
}

export function origin(f: Frame): void {
  addressToLimbs(f.evm.tx.origin, f.stack, f.sp << 3);
  f.sp++;
}

export function caller(f: Frame): void {
  addressToLimbs(f.caller, f.stack, f.sp << 3);
  f.sp++;
}

export function callvalue(f: Frame): void {
  const s = f.sp << 3;
  if (f.value === 0n) u256.setZero(f.stack, s);
  else u256.fromBigInt(f.stack, s, f.value);
  f.sp++;
}

export function calldataload(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const off = u256.toNumberOrMax(st, a);
  const input = f.input;
  if (off + 32 <= input.length) {
    u256.fromBytes(st, a, input, off, 32);
  } else {
    const word = new Uint8Array(32);
    if (off < input.length) word.set(input.subarray(off));
    u256.fromBytes(st, a, word, 0, 32);
  }
}

export function calldatasize(f: Frame): void {
  u256.fromNumber(f.stack, f.sp << 3, f.input.length);
  f.sp++;
}

/** Shared by CALLDATACOPY, CODECOPY, RETURNDATACOPY-less copies: dest, offset, size from the stack. */
function copyFrom(f: Frame, src: Uint8Array): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const dest = u256.toNumberOrMax(st, a);
  const off = u256.toNumberOrMax(st, a - 8);
  const size = u256.toNumberOrMax(st, a - 16);
  f.sp -= 3;
  if (size === 0) return;
  if (!charge(f, wordCost(size, GAS_COPY_WORD))) return;
  if (!expandMemory(f, dest, size)) return;
  copyToMemory(f, dest, src, off, size);
}

export function calldatacopy(f: Frame): void {
  copyFrom(f, f.input);
}

export function codesize(f: Frame): void {
  u256.fromNumber(f.stack, f.sp << 3, f.codeLength);
  f.sp++;
}

export function codecopy(f: Frame): void {
  copyFrom(f, f.code.subarray(0, f.codeLength));
}

export function gasprice(f: Frame): void {
  u256.fromBigInt(f.stack, f.sp << 3, f.evm.tx.gasPrice);
  f.sp++;
}

export function extcodesize(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const acc = accessAccount(f, a);
  if (acc === null) return;
  const code = f.evm.journal.code(acc);
  if (blocked(f)) return;
  u256.fromNumber(f.stack, a, code.length);
}

export function extcodecopy(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const dest = u256.toNumberOrMax(st, a - 8);
  const off = u256.toNumberOrMax(st, a - 16);
  const size = u256.toNumberOrMax(st, a - 24);
  const acc = accessAccount(f, a);
  if (acc === null) return;
  f.sp -= 4;
  if (size !== 0) {
    if (!charge(f, wordCost(size, GAS_COPY_WORD))) return;
    if (!expandMemory(f, dest, size)) return;
  }
  const code = f.evm.journal.code(acc);
  if (blocked(f)) return;
  copyToMemory(f, dest, code, off, size);
}

export function returndatasize(f: Frame): void {
  u256.fromNumber(f.stack, f.sp << 3, f.returnData.length);
  f.sp++;
}

export function returndatacopy(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const dest = u256.toNumberOrMax(st, a);
  const off = u256.toNumberOrMax(st, a - 8);
  const size = u256.toNumberOrMax(st, a - 16);
  f.sp -= 3;
  if (!charge(f, wordCost(size, GAS_COPY_WORD))) return;
  if (off + size > f.returnData.length) {
    f.status = Status.RETURNDATA_OUT_OF_BOUNDS;
    return;
  }
  if (!expandMemory(f, dest, size)) return;
  copyToMemory(f, dest, f.returnData, off, size);
}

export function extcodehash(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const acc = accessAccount(f, a);
  if (acc === null) return;
  const journal = f.evm.journal;
  const empty = journal.isEmpty(acc);
  if (blocked(f)) return;
  if (empty) u256.setZero(f.stack, a);
  else wordToLimbs(acc.codeHash, f.stack, a);
}

export function selfbalance(f: Frame): void {
  const value = f.evm.journal.balance(f.account);
  if (blocked(f)) return;
  u256.fromBigInt(f.stack, f.sp << 3, value);
  f.sp++;
}
