/**
 * Cost of allocating a 256-byte receipt bloom: a fresh typed array (off-heap backing store above 64 bytes)
 * against a view carved out of a slab (src/block/bloom.ts allocateBloom):
 * node dist/bench/bloom-alloc.bench.js
 */
import { allocateBloom, BLOOM_BYTES } from '../src/block/bloom.js';

function measure(name: string, f: () => unknown, n: number): void {
  for (let i = 0; i < n / 10; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(`${name.padEnd(28)} ${(((performance.now() - t) * 1000) / n).toFixed(3)} µs`);
}

for (let round = 0; round < 2; round++) {
  measure('new Uint8Array(64)', () => new Uint8Array(64), 1_000_000);
  measure(`new Uint8Array(${BLOOM_BYTES})`, () => new Uint8Array(BLOOM_BYTES), 1_000_000);
  measure('allocateBloom() (slab view)', allocateBloom, 1_000_000);
}
