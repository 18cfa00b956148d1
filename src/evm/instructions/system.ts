/**
 * CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2, SELFDESTRUCT — gas and checks per
 * execution-specs cancun/vm/instructions/system.py. A handler that starts a child frame leaves its own
 * frame SUSPENDED; the frame loop runs the child and `deliver` resumes this frame with the outcome.
 */
import * as u256 from '../u256.js';
import { addressFromLimbs, type Address } from '../../primitives/address.js';
import type { Frame } from '../frame.js';
import {
  addGas, charge, chargeBig, expansionCost, gasNumberPart, gasReservePart, growMemory, setTotalGas, totalGas, wordCost,
} from '../memory.js';
import {
  CALL_DEPTH_LIMIT, GAS_CALL_STIPEND, GAS_CALL_VALUE, GAS_COLD_ACCOUNT_ACCESS, GAS_COLD_ACCOUNT_EXTRA,
  GAS_INIT_CODE_WORD, GAS_KECCAK256_WORD, GAS_NEW_ACCOUNT, GAS_SELF_DESTRUCT_NEW_ACCOUNT, MAX_INITCODE_SIZE,
} from '../gas-constants.js';
import { beginCall, beginCreate } from '../message-call.js';
import { create2Address, createAddress } from '../contract-address.js';
import { getPrecompile } from '../precompiles/index.js';
import { Status } from '../status.js';
import { blocked } from './environment.js';

const EMPTY = new Uint8Array(0);
const MAX_NONCE = 2n ** 64n - 1n;

const enum CallKind {
  CALL,
  CALLCODE,
  DELEGATECALL,
  STATICCALL,
}

/** All but one 64th (EIP-150). */
function allButOne64th(gas: number): number {
  return gas - Math.floor(gas / 64);
}

/** Memory cost of covering two ranges (input and output of a call). */
function twoRangeCost(f: Frame, off1: number, size1: number, off2: number, size2: number): number {
  let end = 0;
  let off = 0;
  if (size1 !== 0) { end = off1 + size1; off = off1; }
  if (size2 !== 0 && off2 + size2 > end) { end = off2 + size2; off = off2; }
  if (end === 0) return 0;
  return expansionCost(f, off, end - off);
}

function genericCall(f: Frame, kind: CallKind): void {
  const st = f.stack;
  const a = (f.sp - 1) << 3;
  const hasValue = kind === CallKind.CALL || kind === CallKind.CALLCODE;
  const requestedGas = u256.toNumberOrMax(st, a);
  const requestedGasExact = f.gasReserve === 0n ? 0n : u256.toBigInt(st, a);
  const target = addressFromLimbs(st, a - 8);
  const v = hasValue ? a - 16 : -1;
  const value = v >= 0 && !u256.isZero(st, v) ? u256.toBigInt(st, v) : 0n;
  const args = hasValue ? a - 24 : a - 16;
  const inOff = u256.toNumberOrMax(st, args);
  const inSize = u256.toNumberOrMax(st, args - 8);
  const outOff = u256.toNumberOrMax(st, args - 16);
  const outSize = u256.toNumberOrMax(st, args - 24);
  f.sp -= hasValue ? 7 : 6;

  const evm = f.evm;
  const journal = evm.journal;
  const memoryCost = twoRangeCost(f, inOff, inSize, outOff, outSize);
  const targetAccount = journal.account(target);
  let extra = 0;
  if (journal.warmAccount(targetAccount) && getPrecompile(target) === undefined) extra += GAS_COLD_ACCOUNT_EXTRA;
  if (value !== 0n) {
    extra += GAS_CALL_VALUE;
    if (kind === CallKind.CALL) {
      const empty = journal.isEmpty(targetAccount);
      if (blocked(f)) return;
      if (empty) extra += GAS_NEW_ACCOUNT;
    }
  }
  // calculate_message_call_gas
  let childGas: number;
  let childReserve = 0n;
  if (f.gasReserve === 0n) {
    if (f.gas < extra + memoryCost) {
      childGas = requestedGas;
    } else {
      childGas = Math.min(requestedGas, allButOne64th(f.gas - memoryCost - extra));
    }
    if (!charge(f, childGas + extra + memoryCost)) return;
  } else {
    // The frame holds more than 2^52 gas: the same rule in exact bigint arithmetic.
    if (!Number.isFinite(memoryCost)) {
      f.status = Status.OUT_OF_GAS;
      return;
    }
    const overhead = BigInt(extra + memoryCost);
    const available = totalGas(f);
    let child = requestedGasExact;
    if (available >= overhead) {
      const cap = available - overhead - (available - overhead) / 64n;
      if (cap < child) child = cap;
    }
    if (!chargeBig(f, child + overhead)) return;
    childGas = gasNumberPart(child);
    childReserve = gasReservePart(child);
  }
  if (kind === CallKind.CALL && value !== 0n && f.isStatic) {
    f.status = Status.STATIC_STATE_CHANGE;
    return;
  }
  if (inSize !== 0) growMemory(f, inOff, inSize);
  if (outSize !== 0) growMemory(f, outOff, outSize);
  if (value !== 0n) childGas += GAS_CALL_STIPEND;

  f.returnData = EMPTY;
  if (hasValue && value !== 0n) {
    const balance = journal.balance(f.account);
    if (blocked(f)) return;
    if (balance < value) {
      pushFailure(f, childGas, childReserve);
      return;
    }
  }
  if (f.depth + 1 > CALL_DEPTH_LIMIT) {
    pushFailure(f, childGas, childReserve);
    return;
  }

  const input = inSize === 0 ? EMPTY : f.mem.slice(inOff, inOff + inSize);
  f.retOffset = outOff;
  f.retSize = outSize;
  let caller: Address, to: Address, callValue: bigint, transfer: boolean, isStatic = f.isStatic;
  switch (kind) {
    case CallKind.CALL:
      caller = f.address; to = target; callValue = value; transfer = true;
      break;
    case CallKind.CALLCODE:
      caller = f.address; to = f.address; callValue = value; transfer = true;
      break;
    case CallKind.DELEGATECALL:
      caller = f.caller; to = f.address; callValue = f.value; transfer = false;
      break;
    default:
      caller = f.address; to = target; callValue = 0n; transfer = true; isStatic = true;
      break;
  }
  const child = beginCall(evm, f, f.depth + 1, caller, to, target, callValue, transfer, input, childGas, childReserve, isStatic);
  if (child !== null) {
    f.child = child;
    f.status = Status.SUSPENDED;
  }
}

function pushFailure(f: Frame, refundGas: number, refundReserve: bigint): void {
  addGas(f, refundGas, refundReserve);
  u256.setZero(f.stack, f.sp << 3);
  f.sp++;
}

export function call(f: Frame): void {
  genericCall(f, CallKind.CALL);
}

export function callcode(f: Frame): void {
  genericCall(f, CallKind.CALLCODE);
}

export function delegatecall(f: Frame): void {
  genericCall(f, CallKind.DELEGATECALL);
}

export function staticcall(f: Frame): void {
  genericCall(f, CallKind.STATICCALL);
}

function genericCreate(f: Frame, isCreate2: boolean): void {
  const st = f.stack;
  const a = (f.sp - 1) << 3;
  const value = u256.isZero(st, a) ? 0n : u256.toBigInt(st, a);
  const off = u256.toNumberOrMax(st, a - 8);
  const size = u256.toNumberOrMax(st, a - 16);
  const salt = new Uint8Array(32);
  if (isCreate2) u256.toBytes(st, a - 24, salt, 0);
  f.sp -= isCreate2 ? 4 : 3;

  // GAS: memory + initcode words (EIP-3860) [+ hashing for CREATE2]
  let cost = size === 0 ? 0 : expansionCost(f, off, size);
  cost += wordCost(size, GAS_INIT_CODE_WORD);
  if (isCreate2) cost += wordCost(size, GAS_KECCAK256_WORD);
  if (!charge(f, cost)) return;
  if (size !== 0) growMemory(f, off, size);
  if (size > MAX_INITCODE_SIZE) {
    f.status = Status.OUT_OF_GAS;
    return;
  }
  const initcode = size === 0 ? EMPTY : f.mem.slice(off, off + size);

  const evm = f.evm;
  const journal = evm.journal;
  let childGas: number;
  let childReserve = 0n;
  if (f.gasReserve === 0n) {
    childGas = allButOne64th(f.gas);
    f.gas -= childGas;
  } else {
    const available = totalGas(f);
    const child = available - available / 64n;
    setTotalGas(f, available - child);
    childGas = gasNumberPart(child);
    childReserve = gasReservePart(child);
  }
  if (f.isStatic) {
    f.status = Status.STATIC_STATE_CHANGE;
    return;
  }
  f.returnData = EMPTY;

  const sender = f.account;
  const senderNonce = journal.nonce(sender);
  const senderBalance = value === 0n ? 0n : journal.balance(sender);
  if (blocked(f)) return;
  if (senderBalance < value || senderNonce === MAX_NONCE || f.depth + 1 > CALL_DEPTH_LIMIT) {
    pushFailure(f, childGas, childReserve);
    return;
  }
  const address = isCreate2 ? create2Address(f.address, salt, initcode) : createAddress(f.address, senderNonce);
  const account = journal.account(address);
  journal.warmAccount(account);
  const collision = journal.hasCodeOrNonceOrStorage(account);
  if (blocked(f)) return;
  journal.setNonce(sender, senderNonce + 1n);
  if (collision) {
    pushFailure(f, 0, 0n);
    return;
  }
  const child = beginCreate(evm, f, f.depth + 1, f.address, address, value, initcode, childGas, childReserve);
  if (child !== null) {
    f.child = child;
    f.status = Status.SUSPENDED;
  }
}

export function create(f: Frame): void {
  genericCreate(f, false);
}

export function create2(f: Frame): void {
  genericCreate(f, true);
}

export function selfdestruct(f: Frame): void {
  if (f.isStatic) {
    f.status = Status.STATIC_STATE_CHANGE;
    return;
  }
  const evm = f.evm;
  const journal = evm.journal;
  const beneficiaryAddress = addressFromLimbs(f.stack, (f.sp - 1) << 3);
  f.sp--;
  const beneficiary = journal.account(beneficiaryAddress);
  let cost = 0;
  if (journal.warmAccount(beneficiary) && getPrecompile(beneficiaryAddress) === undefined) cost += GAS_COLD_ACCOUNT_ACCESS;
  const originator = f.account;
  const balance = journal.balance(originator);
  if (balance !== 0n && journal.isEmpty(beneficiary)) cost += GAS_SELF_DESTRUCT_NEW_ACCOUNT;
  if (blocked(f)) return;
  if (!charge(f, cost)) return;

  if (originator.createdInTx || originator !== beneficiary) {
    journal.credit(beneficiary, balance);
    journal.setBalance(originator, 0n);
  }
  if (originator.createdInTx) journal.markSelfDestructed(originator);
  journal.touch(beneficiary);
  f.status = Status.SELFDESTRUCT;
}
