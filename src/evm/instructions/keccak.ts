/** KECCAK256 (0x20): 30 + 6 per word of input, plus memory expansion. */
import * as u256 from '../u256.js';
import { keccak256, keccakBuffer, keccakInPlace, KECCAK_EMPTY, KECCAK_SHORT_MAX_INPUT } from '../../primitives/keccak.js';
import type { Frame } from '../frame.js';
import { KECCAK_MEMO_MAX_INPUT, keccakShortInto } from '../keccak-memo.js';
import { charge, expandMemory, wordCost } from '../memory.js';
import { GAS_KECCAK256_WORD } from '../gas-constants.js';

export function keccak(f: Frame): void {
  const a = (f.sp - 1) << 3;
  const st = f.stack;
  const off = u256.toNumberOrMax(st, a);
  const size = u256.toNumberOrMax(st, a - 8);
  if (!charge(f, wordCost(size, GAS_KECCAK256_WORD))) return;
  if (!expandMemory(f, off, size)) return;
  if (size === 0) {
    u256.fromBytes(st, a - 8, KECCAK_EMPTY, 0, 32);
  } else if (size <= KECCAK_MEMO_MAX_INPUT) {
    keccakShortInto(f.mem, off, size, st, a - 8); // mapping slots: memoized (keccak-memo.ts)
  } else if (size <= KECCAK_SHORT_MAX_INPUT) {
    // One rate block, hashed straight from the module's buffer into the stack: no digest array, and the
    // input copied byte by byte (a subarray view per hash was ~140 bytes of garbage).
    const mem = f.mem;
    for (let i = 0; i < size; i++) keccakBuffer[i] = mem[off + i]!;
    keccakInPlace(size);
    u256.fromBytes(st, a - 8, keccakBuffer, 0, 32);
  } else {
    // Longer inputs go to hash-wasm's buffer in one copy (keccak256), not through keccakBuffer and a second.
    u256.fromBytes(st, a - 8, keccak256(f.mem.subarray(off, off + size)), 0, 32);
  }
  f.sp--;
}
