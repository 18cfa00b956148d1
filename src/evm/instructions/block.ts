/** Block-environment opcodes (0x40-0x4a): BLOCKHASH, COINBASE, TIMESTAMP, NUMBER, PREVRANDAO, GASLIMIT, CHAINID, BASEFEE, BLOBHASH, BLOBBASEFEE. */
import * as u256 from '../u256.js';
import { addressToLimbs } from '../../primitives/address.js';
import { wordToLimbs } from '../../primitives/word.js';
import type { Frame } from '../frame.js';

export function blockhash(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const block = f.evm.block;
  const requested = u256.toNumberOrMax(st, a);
  const current = Number(block.number);
  if (requested >= current || requested < current - 256) {
    u256.setZero(st, a);
    return;
  }
  const hash = block.blockHash(BigInt(requested));
  if (hash === undefined) u256.setZero(st, a);
  else wordToLimbs(hash, st, a);
}

export function coinbase(f: Frame): void {
  addressToLimbs(f.evm.block.coinbase, f.stack, f.sp << 3);
  f.sp++;
}

function pushBigInt(f: Frame, value: bigint): void {
  u256.fromBigInt(f.stack, f.sp << 3, value);
  f.sp++;
}

export function timestamp(f: Frame): void {
  pushBigInt(f, f.evm.block.timestamp);
}

export function number(f: Frame): void {
  pushBigInt(f, f.evm.block.number);
}

export function prevrandao(f: Frame): void {
  wordToLimbs(f.evm.block.prevRandao, f.stack, f.sp << 3);
  f.sp++;
}

export function gaslimit(f: Frame): void {
  pushBigInt(f, f.evm.block.gasLimit);
}

export function chainid(f: Frame): void {
  pushBigInt(f, f.evm.block.chainId);
}

export function basefee(f: Frame): void {
  pushBigInt(f, f.evm.block.baseFee);
}

export function blobhash(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const index = u256.toNumberOrMax(f.stack, a);
  const hashes = f.evm.tx.blobHashes;
  if (index < hashes.length) wordToLimbs(hashes[index]!, f.stack, a);
  else u256.setZero(f.stack, a);
}

export function blobbasefee(f: Frame): void {
  pushBigInt(f, f.evm.block.blobBaseFee);
}
