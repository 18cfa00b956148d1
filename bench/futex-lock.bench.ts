/**
 * Uncontended lock/unlock of a word in shared memory: with and without the Atomics.notify that a
 * naive unlock always pays (src/parallel/futex-lock.ts):
 * node dist/bench/futex-lock.bench.js
 */
import { lockWord, unlockWord } from '../src/parallel/futex-lock.js';

const words = new Int32Array(new SharedArrayBuffer(4096 * 4));

function measure(name: string, f: (i: number) => void, n: number): void {
  for (let i = 0; i < n / 10; i++) f(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) f(i);
  console.log(`${name.padEnd(34)} ${(((performance.now() - t) * 1000) / n).toFixed(3)} µs`);
}

for (let round = 0; round < 2; round++) {
  measure('CAS + store + notify (naive)', (i) => {
    const w = i & 4095;
    while (Atomics.compareExchange(words, w, 0, 1) !== 0);
    Atomics.store(words, w, 0);
    Atomics.notify(words, w, 1);
  }, 2_000_000);
  measure('lockWord + unlockWord', (i) => {
    lockWord(words, i & 4095);
    unlockWord(words, i & 4095);
  }, 2_000_000);
}
