/**
 * keccak256 implementations on this machine, for the choice in src/primitives/keccak.ts (parevm = hash-wasm's
 * module called directly, hash-wasm = its own wrapper), and two messages hashed as a pair (keccak-pair.ts):
 * node dist/bench/keccak.bench.js
 */
import { createRequire } from 'node:module';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { keccak256 } from '../src/primitives/keccak.js';
import { keccak256Pair } from '../src/primitives/keccak-pair.js';

const require = createRequire(import.meta.url);
const hashWasm = require('hash-wasm') as { createKeccak(bits: number): Promise<{ init(): void; update(d: Uint8Array): void; digest(t: 'binary'): Uint8Array }> };
const hw = await hashWasm.createKeccak(256);

function measure(name: string, f: (d: Uint8Array) => unknown, d: Uint8Array, n: number): void {
  for (let i = 0; i < n / 10; i++) f(d);
  const t = performance.now();
  for (let i = 0; i < n; i++) f(d);
  console.log(`${name.padEnd(12)} ${String(d.length).padStart(5)} B  ${(((performance.now() - t) * 1000) / n).toFixed(3)} µs`);
}

for (const size of [20, 32, 64, 136, 1024]) {
  const d = new Uint8Array(size).map((_, i) => i * 7);
  measure('parevm', keccak256, d, 300_000);
  measure('hash-wasm', (x) => { hw.init(); hw.update(x); return hw.digest('binary'); }, d, 300_000);
  measure('noble', keccak_256, d, 50_000);
}

// Two messages: one after the other with parevm's single hash, or as a pair (keccak-pair.ts).
for (const size of [20, 32, 64, 135]) {
  const a = new Uint8Array(size).map((_, i) => i * 7);
  const b = new Uint8Array(size).map((_, i) => i * 11 + 1);
  measure('2 x single', (x) => [keccak256(x), keccak256(b)], a, 300_000);
  measure('pair', (x) => keccak256Pair(x, b), a, 300_000);
}
