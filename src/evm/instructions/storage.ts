/**
 * SLOAD, SSTORE (EIP-2200 net metering with EIP-2929 access costs and EIP-3529 refunds), TLOAD, TSTORE
 * (EIP-1153). Follows execution-specs cancun/vm/instructions/storage.py line by line.
 */
import { wordFromLimbs, wordToLimbs, ZERO_WORD } from '../../primitives/word.js';
import type { Frame } from '../frame.js';
import { charge } from '../memory.js';
import {
  GAS_CALL_STIPEND, GAS_COLD_SLOAD, GAS_COLD_SLOAD_EXTRA, GAS_STORAGE_CLEAR_REFUND, GAS_STORAGE_SET,
  GAS_STORAGE_UPDATE, GAS_WARM_ACCESS,
} from '../gas-constants.js';
import { Status } from '../status.js';
import { blocked } from './environment.js';

export function sload(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const journal = f.evm.journal;
  const slot = journal.storageSlot(f.account, wordFromLimbs(f.stack, a));
  if (blocked(f)) return;
  if (journal.warmSlot(slot) && !charge(f, GAS_COLD_SLOAD_EXTRA)) return;
  wordToLimbs(slot.current, f.stack, a);
}

export function sstore(f: Frame): void {
  if (f.isStatic) {
    f.status = Status.STATIC_STATE_CHANGE;
    return;
  }
  if (f.gasReserve === 0n && f.gas <= GAS_CALL_STIPEND) {
    f.status = Status.OUT_OF_GAS;
    return;
  }
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const journal = f.evm.journal;
  const key = wordFromLimbs(st, a);
  const value = wordFromLimbs(st, a - 8);
  f.sp -= 2;
  const slot = journal.storageSlot(f.account, key);
  if (blocked(f)) return;
  const original = slot.original;
  const current = slot.current;

  let cost = journal.warmSlot(slot) ? GAS_COLD_SLOAD : 0;
  if (original === current && current !== value) {
    cost += original === ZERO_WORD ? GAS_STORAGE_SET : GAS_STORAGE_UPDATE - GAS_COLD_SLOAD;
  } else {
    cost += GAS_WARM_ACCESS;
  }

  if (current !== value) {
    let refund = 0;
    if (original !== ZERO_WORD && current !== ZERO_WORD && value === ZERO_WORD) refund += GAS_STORAGE_CLEAR_REFUND;
    if (original !== ZERO_WORD && current === ZERO_WORD) refund -= GAS_STORAGE_CLEAR_REFUND;
    if (original === value) {
      refund += original === ZERO_WORD ? GAS_STORAGE_SET - GAS_WARM_ACCESS : GAS_STORAGE_UPDATE - GAS_COLD_SLOAD - GAS_WARM_ACCESS;
    }
    if (refund !== 0) journal.addRefund(refund);
  }

  if (!charge(f, cost)) return;
  if (current !== value) journal.sstore(slot, value);
}

export function tload(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const value = f.evm.journal.tload(f.address, wordFromLimbs(f.stack, a));
  wordToLimbs(value, f.stack, a);
}

export function tstore(f: Frame): void {
  if (f.isStatic) {
    f.status = Status.STATIC_STATE_CHANGE;
    return;
  }
  const a = (f.sp - 1) << 3;
  const key = wordFromLimbs(f.stack, a);
  const value = wordFromLimbs(f.stack, a - 8);
  f.sp -= 2;
  f.evm.journal.tstore(f.address, key, value);
}
