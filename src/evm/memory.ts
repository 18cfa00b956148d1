/**
 * Memory expansion with its gas (3 per word + words^2/512, charged for the growth only), and gas charging.
 * Offsets and sizes arrive as JS numbers from `u256.toNumberOrMax`; anything whose end passes 4 GiB is out
 * of gas (the memory cost there exceeds any gas a transaction can carry).
 */
import { memoryCost } from './gas-constants.js';
import type { Frame } from './frame.js';
import { Status } from './status.js';

const MEMORY_CAP = 0x1_0000_0000;

/**
 * Gas above 2^52 (transactions with gas limits up to 2^64 exist in the tests) is kept exactly in the
 * frame's bigint `gasReserve`; `gas` stays a JS number, so the hot path never touches a bigint. The
 * reserve is drawn on only when `gas` runs short, which is where the out-of-gas branch already is.
 */
export const GAS_CHUNK = 2 ** 52;
const GAS_CHUNK_BIG = BigInt(GAS_CHUNK);

/** The frame's remaining gas, exactly. */
export function totalGas(f: Frame): bigint {
  return BigInt(f.gas) + f.gasReserve;
}

/** Splits `total` into the number part (at most GAS_CHUNK) and the reserve. */
export function setTotalGas(f: Frame, total: bigint): void {
  if (total > GAS_CHUNK_BIG) {
    f.gas = GAS_CHUNK;
    f.gasReserve = total - GAS_CHUNK_BIG;
  } else {
    f.gas = Number(total);
    f.gasReserve = 0n;
  }
}

/** The number part of an exact gas amount (the rest goes to a reserve). */
export function gasNumberPart(total: bigint): number {
  return total > GAS_CHUNK_BIG ? GAS_CHUNK : Number(total);
}

export function gasReservePart(total: bigint): bigint {
  return total > GAS_CHUNK_BIG ? total - GAS_CHUNK_BIG : 0n;
}

/** Adds returned gas (a child's leftover, a refunded stipend) to the frame. */
export function addGas(f: Frame, gas: number, reserve: bigint): void {
  f.gas += gas;
  if (reserve !== 0n || f.gas > GAS_CHUNK) setTotalGas(f, BigInt(f.gas) + f.gasReserve + reserve);
}

/** The out-of-gas branch: pays `cost` from the reserve if there is one, else halts with OUT_OF_GAS. */
export function chargeSlow(f: Frame, cost: number): boolean {
  if (f.gasReserve === 0n || !Number.isFinite(cost)) {
    f.status = Status.OUT_OF_GAS;
    return false;
  }
  return chargeBig(f, BigInt(cost));
}

/** Charges an exact bigint cost. */
export function chargeBig(f: Frame, cost: bigint): boolean {
  const left = totalGas(f) - cost;
  if (left < 0n) {
    f.status = Status.OUT_OF_GAS;
    return false;
  }
  setTotalGas(f, left);
  return true;
}

/** Subtracts `cost` from the frame's gas, or halts it with OUT_OF_GAS. */
export function charge(f: Frame, cost: number): boolean {
  if (f.gas >= cost) {
    f.gas -= cost;
    return true;
  }
  return chargeSlow(f, cost);
}

/** Gas to grow memory to cover [offset, offset+size), size > 0; Infinity if beyond the cap. */
export function expansionCost(f: Frame, offset: number, size: number): number {
  const end = offset + size;
  if (end <= f.memSize) return 0;
  if (end > MEMORY_CAP) return Infinity;
  return memoryCost(Math.ceil(end / 32)) - memoryCost(f.memSize / 32);
}

/** Grows the logical memory size to cover [offset, offset+size) after its gas was charged. */
export function growMemory(f: Frame, offset: number, size: number): void {
  const end = offset + size;
  if (end <= f.memSize) return;
  const newSize = Math.ceil(end / 32) * 32;
  f.growBuffer(newSize);
  f.memSize = newSize;
}

/** Charges for and performs the expansion to cover [offset, offset+size). No-op when size is 0. */
export function expandMemory(f: Frame, offset: number, size: number): boolean {
  if (size === 0) return true;
  const cost = expansionCost(f, offset, size);
  if (cost !== 0) {
    if (!charge(f, cost)) return false;
    growMemory(f, offset, size);
  }
  return true;
}

/** Gas per 32-byte word of `size` bytes. */
export function wordCost(size: number, perWord: number): number {
  return Math.ceil(size / 32) * perWord;
}

/** Copies `src[srcOffset .. srcOffset+size)` into memory at `destOffset`, zero-filling past the end of src. */
export function copyToMemory(f: Frame, destOffset: number, src: Uint8Array, srcOffset: number, size: number): void {
  if (size === 0) return;
  const mem = f.mem;
  if (srcOffset >= src.length) {
    mem.fill(0, destOffset, destOffset + size);
    return;
  }
  const available = Math.min(size, src.length - srcOffset);
  mem.set(src.subarray(srcOffset, srcOffset + available), destOffset);
  if (available < size) mem.fill(0, destOffset + available, destOffset + size);
}
