/**
 * The 256-entry dispatch table, built once per fork: opcode -> handler. Undefined opcodes halt with
 * INVALID_OPCODE. Handlers run after the interpreter has charged static gas and checked the stack.
 */
import type { ForkSpec } from './fork-spec.js';
import type { Frame } from './frame.js';
import { isDefinedOpcode } from './opcodes.js';
import * as arithmetic from './instructions/arithmetic.js';
import * as bitwise from './instructions/bitwise.js';
import * as block from './instructions/block.js';
import * as control from './instructions/control.js';
import * as environment from './instructions/environment.js';
import { keccak } from './instructions/keccak.js';
import { makeLog } from './instructions/logging.js';
import * as memory from './instructions/memory.js';
import * as stack from './instructions/stack.js';
import * as storage from './instructions/storage.js';
import * as system from './instructions/system.js';

export type Handler = (f: Frame) => void;

export function buildInstructionTable(_fork: ForkSpec): Handler[] {
  const t: Handler[] = new Array<Handler>(256).fill(control.invalid);
  const set = (op: number, h: Handler): void => {
    t[op] = h;
  };
  set(0x00, control.stop);
  set(0x01, arithmetic.add); set(0x02, arithmetic.mul); set(0x03, arithmetic.sub); set(0x04, arithmetic.div);
  set(0x05, arithmetic.sdiv); set(0x06, arithmetic.mod); set(0x07, arithmetic.smod); set(0x08, arithmetic.addmod);
  set(0x09, arithmetic.mulmod); set(0x0a, arithmetic.exp); set(0x0b, arithmetic.signextend);
  set(0x10, bitwise.lt); set(0x11, bitwise.gt); set(0x12, bitwise.slt); set(0x13, bitwise.sgt); set(0x14, bitwise.eq);
  set(0x15, bitwise.iszero); set(0x16, bitwise.and); set(0x17, bitwise.or); set(0x18, bitwise.xor); set(0x19, bitwise.not);
  set(0x1a, bitwise.byte); set(0x1b, bitwise.shl); set(0x1c, bitwise.shr); set(0x1d, bitwise.sar);
  set(0x20, keccak);
  set(0x30, environment.address); set(0x31, environment.balance); set(0x32, environment.origin);
  set(0x33, environment.caller); set(0x34, environment.callvalue); set(0x35, environment.calldataload);
  set(0x36, environment.calldatasize); set(0x37, environment.calldatacopy); set(0x38, environment.codesize);
  set(0x39, environment.codecopy); set(0x3a, environment.gasprice); set(0x3b, environment.extcodesize);
  set(0x3c, environment.extcodecopy); set(0x3d, environment.returndatasize); set(0x3e, environment.returndatacopy);
  set(0x3f, environment.extcodehash);
  set(0x40, block.blockhash); set(0x41, block.coinbase); set(0x42, block.timestamp); set(0x43, block.number);
  set(0x44, block.prevrandao); set(0x45, block.gaslimit); set(0x46, block.chainid); set(0x47, environment.selfbalance);
  set(0x48, block.basefee); set(0x49, block.blobhash); set(0x4a, block.blobbasefee);
  set(0x50, stack.pop); set(0x51, memory.mload); set(0x52, memory.mstore); set(0x53, memory.mstore8);
  set(0x54, storage.sload); set(0x55, storage.sstore); set(0x56, control.jump); set(0x57, control.jumpi);
  set(0x58, control.pc); set(0x59, memory.msize); set(0x5a, control.gas); set(0x5b, control.jumpdest);
  set(0x5c, storage.tload); set(0x5d, storage.tstore); set(0x5e, memory.mcopy); set(0x5f, stack.push0);
  set(0x60, stack.push1);
  set(0x61, stack.push2);
  for (let n = 3; n <= 32; n++) set(0x5f + n, stack.makePush(n));
  for (let n = 1; n <= 16; n++) set(0x7f + n, stack.makeDup(n));
  for (let n = 1; n <= 16; n++) set(0x8f + n, stack.makeSwap(n));
  for (let n = 0; n <= 4; n++) set(0xa0 + n, makeLog(n));
  set(0xf0, system.create); set(0xf1, system.call); set(0xf2, system.callcode); set(0xf3, control.ret);
  set(0xf4, system.delegatecall); set(0xf5, system.create2); set(0xfa, system.staticcall);
  set(0xfd, control.revert); set(0xfe, control.invalid); set(0xff, system.selfdestruct);
  for (let op = 0; op < 256; op++) if (!isDefinedOpcode(op)) t[op] = control.invalid;
  return t;
}
