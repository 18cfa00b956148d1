/**
 * Cost of allocating a 256-byte receipt bloom: a fresh typed array (off-heap backing store above 64 bytes)
 * against a view carved out of a slab (src/block/bloom.ts allocateBloom), and the two ways of making such a
 * view (src/primitives/byte-slab.ts):
 * node dist/bench/bloom-alloc.bench.js
 */
import { allocateBloom, BLOOM_BYTES } from '../src/block/bloom.js';

function measure(name: string, f: () => unknown, n: number): void {
  for (let i = 0; i < n / 10; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(`${name.padEnd(28)} ${(((performance.now() - t) * 1000) / n).toFixed(3)} µs`);
}

const slab = new Uint8Array(65536);
const VIEWS = 1_000_000;
const kept: Uint8Array[] = [];

function subarrayViews(): number {
  let n = 0;
  for (let i = 0; i < VIEWS; i++) {
    const o = (i * 256) & 65535;
    const v = slab.subarray(o, o + 256);
    n += v.length;
    if ((i & 1023) === 0) kept.push(v);
  }
  return n;
}

function constructorViews(): number {
  let n = 0;
  for (let i = 0; i < VIEWS; i++) {
    const o = (i * 256) & 65535;
    const v = new Uint8Array(slab.buffer, o, 256);
    n += v.length;
    if ((i & 1023) === 0) kept.push(v);
  }
  return n;
}

for (let round = 0; round < 4; round++) {
  measure('new Uint8Array(64)', () => new Uint8Array(64), 1_000_000);
  measure(`new Uint8Array(${BLOOM_BYTES})`, () => new Uint8Array(BLOOM_BYTES), 1_000_000);
  measure('allocateBloom() (slab view)', allocateBloom, 1_000_000);
  // In a loop of their own (as ByteSlab.take runs, inlined into its callers), alternating which goes first.
  const views: Array<[string, () => number]> = [['slab.subarray(o, o + 256)', subarrayViews], ['new Uint8Array(buffer, o, 256)', constructorViews]];
  if (round % 2 === 1) views.reverse();
  for (const [name, f] of views) {
    const t = performance.now();
    f();
    console.log(`${name.padEnd(28)} ${(((performance.now() - t) * 1000) / VIEWS).toFixed(3)} µs (loop)`);
  }
}
