/**
 * KECCAK256 of 64-byte mapping slots (key ‖ slot number) through the memo (src/evm/keccak-memo.ts), against
 * hashing every one: all misses, and one hit per two (an ERC-20 transfer hashes its sender's slot twice):
 * node dist/bench/keccak-memo.bench.js
 */
import { keccakShortInto } from '../src/evm/keccak-memo.js';
import { keccakBuffer, keccakInPlace } from '../src/primitives/keccak.js';
import * as u256 from '../src/evm/u256.js';

const N = 1 << 20;
const slots: Uint8Array[] = [];
for (let i = 0; i < 4096; i++) {
  const m = new Uint8Array(64);
  for (let k = 12; k < 32; k++) m[k] = (Math.random() * 256) | 0; // a random address, slot number 0
  slots.push(m);
}
const stack = new Uint32Array(16);

function hashEvery(m: Uint8Array): void {
  for (let i = 0; i < 64; i++) keccakBuffer[i] = m[i]!;
  keccakInPlace(64);
  u256.fromBytes(stack, 0, keccakBuffer, 0, 32);
}

for (let round = 0; round < 3; round++) {
  let t = performance.now();
  for (let i = 0; i < N; i++) hashEvery(slots[i & 4095]!);
  const every = ((performance.now() - t) * 1000) / N;
  t = performance.now();
  for (let i = 0; i < N; i++) keccakShortInto(slots[i & 4095]!, 0, 64, stack, 0);
  const misses = ((performance.now() - t) * 1000) / N;
  t = performance.now();
  for (let i = 0; i < N; i++) keccakShortInto(slots[(i >> 1) & 4095]!, 0, 64, stack, 0);
  const halfHits = ((performance.now() - t) * 1000) / N;
  console.log(`no memo ${every.toFixed(3)} µs   memo, all misses ${misses.toFixed(3)} µs   memo, one hit per two ${halfHits.toFixed(3)} µs`);
}
