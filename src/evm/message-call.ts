/**
 * Starting and finishing messages (execution-specs `process_message` / `process_create_message`).
 *
 * `beginCall` / `beginCreate` take a journal checkpoint, touch the target, move the value, and then either
 * finish at once (precompile, account without code, empty initcode) or return a child frame for the frame
 * loop to run — calls never recurse on the JS stack. `finishFrame` applies the end of a frame (code
 * deposit for creates, rollback on failure) and `deliver` hands the outcome to the parent frame, or to
 * the Evm's `result` for the transaction's own frame.
 */
import { addressFromNumber, addressToLimbs, type Address } from '../primitives/address.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBytes } from '../primitives/word.js';
import * as u256 from './u256.js';
import { analyzeCode } from './code-analysis.js';
import type { Evm } from './evm.js';
import { Frame, FrameKind } from './frame.js';
import { GAS_CODE_DEPOSIT, MAX_CODE_SIZE } from './gas-constants.js';
import { addGas, charge, copyToMemory } from './memory.js';
import { getPrecompile } from './precompiles/index.js';
import { isExceptionalHalt, isSuccess, Status } from './status.js';

const EMPTY = new Uint8Array(0);
const RIPEMD160_ADDRESS = addressFromNumber(3);

/** Hands a finished message's outcome to `parent` (null: the transaction's own message). */
export function deliver(
  evm: Evm, parent: Frame | null, kind: FrameKind, status: Status, gasLeft: number, gasLeftReserve: bigint, output: Uint8Array, created: Address | null,
): void {
  if (parent === null) {
    const r = evm.result;
    r.status = status;
    r.gasLeft = gasLeft;
    r.gasLeftReserve = gasLeftReserve;
    r.output = output;
    r.createdAddress = isSuccess(status) ? created : null;
    return;
  }
  if (status === Status.BLOCKED) {
    parent.status = Status.BLOCKED;
    return;
  }
  parent.status = Status.RUNNING;
  addGas(parent, gasLeft, gasLeftReserve);
  const s = parent.sp << 3;
  parent.sp++;
  const ok = isSuccess(status);
  if (kind === FrameKind.CREATE) {
    if (ok) addressToLimbs(created!, parent.stack, s);
    else u256.setZero(parent.stack, s);
    parent.returnData = ok ? EMPTY : output;
    return;
  }
  u256.fromNumber(parent.stack, s, ok ? 1 : 0);
  parent.returnData = output;
  const size = Math.min(parent.retSize, output.length);
  if (size > 0) copyToMemory(parent, parent.retOffset, output, 0, size);
}

/**
 * Starts a message call. Returns the child frame to run, or null when the message already finished
 * (its outcome was delivered).
 */
export function beginCall(
  evm: Evm, parent: Frame | null, depth: number, caller: Address, target: Address, codeAddress: Address,
  value: bigint, transferValue: boolean, input: Uint8Array, gas: number, gasReserve: bigint, isStatic: boolean,
): Frame | null {
  const journal = evm.journal;
  const cpEntries = journal.entryCount;
  const cpLogs = journal.logs.length;
  const cpRefund = journal.refund;
  const targetAccount = journal.account(target);
  journal.touch(targetAccount);
  if (transferValue && value !== 0n) {
    const from = journal.account(caller);
    journal.setBalance(from, journal.balance(from) - value);
    journal.credit(targetAccount, value);
  }

  const precompile = getPrecompile(codeAddress);
  if (precompile !== undefined) {
    const r = precompile(input, gasReserve === 0n ? gas : Number.MAX_SAFE_INTEGER);
    if (r.ok) {
      if (gasReserve === 0n) deliver(evm, parent, FrameKind.CALL, Status.RETURN, gas - r.gasUsed, 0n, r.output, null);
      else deliver(evm, parent, FrameKind.CALL, Status.RETURN, gas, gasReserve - BigInt(r.gasUsed), r.output, null);
    } else {
      journal.revertTo(cpEntries, cpLogs, cpRefund);
      // Block 2675119: a failed call to RIPEMD-160 still touches it (incorporate_child_on_error).
      if (target === RIPEMD160_ADDRESS) journal.touchPermanently(targetAccount);
      deliver(evm, parent, FrameKind.CALL, Status.PRECOMPILE_FAILURE, 0, 0n, EMPTY, null);
    }
    return null;
  }

  const code = evm.codeOf(journal.account(codeAddress));
  if (journal.isBlocked()) {
    deliver(evm, parent, FrameKind.CALL, Status.BLOCKED, 0, 0n, EMPTY, null);
    return null;
  }
  if (code.length === 0) {
    deliver(evm, parent, FrameKind.CALL, Status.STOP, gas, gasReserve, EMPTY, null);
    return null;
  }
  const frame = evm.frameAt(depth);
  frame.begin(FrameKind.CALL, parent, code, gas, gasReserve);
  frame.caller = caller;
  frame.address = target;
  frame.account = targetAccount;
  frame.value = value;
  frame.input = input;
  frame.isStatic = isStatic;
  frame.cpEntries = cpEntries;
  frame.cpLogs = cpLogs;
  frame.cpRefund = cpRefund;
  return frame;
}

/**
 * Starts a contract creation at `address` (collision and balance checks already done by the caller).
 * Returns the initcode frame, or null when it finished at once (empty initcode).
 */
export function beginCreate(
  evm: Evm, parent: Frame | null, depth: number, caller: Address, address: Address, value: bigint,
  initcode: Uint8Array, gas: number, gasReserve: bigint,
): Frame | null {
  const journal = evm.journal;
  const cpEntries = journal.entryCount;
  const cpLogs = journal.logs.length;
  const cpRefund = journal.refund;
  const account = journal.account(address);
  journal.markCreated(account);
  journal.setNonce(account, journal.nonce(account) + 1n);
  journal.touch(account);
  if (value !== 0n) {
    const from = journal.account(caller);
    journal.setBalance(from, journal.balance(from) - value);
    journal.credit(account, value);
  }
  if (journal.isBlocked()) {
    deliver(evm, parent, FrameKind.CREATE, Status.BLOCKED, 0, 0n, EMPTY, null);
    return null;
  }
  const frame = evm.frameAt(depth);
  frame.begin(FrameKind.CREATE, parent, analyzeCode(initcode, evm.fork), gas, gasReserve);
  frame.caller = caller;
  frame.address = address;
  frame.account = account;
  frame.value = value;
  frame.input = EMPTY;
  frame.isStatic = false;
  frame.cpEntries = cpEntries;
  frame.cpLogs = cpLogs;
  frame.cpRefund = cpRefund;
  if (initcode.length === 0) {
    frame.status = Status.STOP;
    finishFrame(frame);
    return null;
  }
  return frame;
}

/** Ends a frame that stopped running and delivers its outcome to its parent. */
export function finishFrame(f: Frame): void {
  const evm = f.evm;
  const journal = evm.journal;
  let status = f.status;
  let output = f.output;

  if (status !== Status.BLOCKED) {
    if (isSuccess(status) && f.kind === FrameKind.CREATE) {
      status = depositCode(f, output);
      output = EMPTY;
    }
    if (isExceptionalHalt(status)) {
      f.gas = 0;
      f.gasReserve = 0n;
      output = EMPTY;
      journal.revertTo(f.cpEntries, f.cpLogs, f.cpRefund);
    } else if (status === Status.REVERT) {
      journal.revertTo(f.cpEntries, f.cpLogs, f.cpRefund);
    } else if (journal.isBlocked()) {
      status = Status.BLOCKED;
    }
  }
  const created = f.kind === FrameKind.CREATE ? f.address : null;
  const kind = f.kind;
  const parent = f.parent;
  const gasLeft = f.gas;
  const gasLeftReserve = f.gasReserve;
  f.end();
  deliver(evm, parent, kind, status, gasLeft, gasLeftReserve, output, created);
}

/** Code deposit of a successful create: EIP-3541 prefix, 200 gas per byte, EIP-170 size limit. */
function depositCode(f: Frame, code: Uint8Array): Status {
  if (code.length > 0 && code[0] === 0xef) return Status.INVALID_CONTRACT_PREFIX;
  if (!charge(f, code.length * GAS_CODE_DEPOSIT)) return Status.OUT_OF_GAS;
  if (code.length > MAX_CODE_SIZE) return Status.CODE_SIZE_LIMIT;
  f.evm.journal.setCode(f.account, wordFromBytes(keccak256(code)), code);
  return Status.STOP;
}
