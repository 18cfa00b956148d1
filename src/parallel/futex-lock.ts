/**
 * A mutex in one Int32 of shared memory (Drepper, "Futexes Are Tricky", mutex 2): 0 free, 1 locked,
 * 2 locked with possible waiters. Unlocking pays for Atomics.notify only when someone may be waiting:
 * notify takes V8's global futex mutex (measured 0.05 µs uncontended, against 0.016 µs for the CAS and
 * the store of an uncontended lock/unlock: node dist/bench/futex-lock.bench.js), and the locks here
 * guard critical sections of a few instructions, so waiters are rare.
 */

/** Takes the lock at `array[index]`. Waits in short sleeps (the holder is only ever briefly inside). */
export function lockWord(array: Int32Array, index: number): void {
  let c = Atomics.compareExchange(array, index, 0, 1);
  if (c === 0) return;
  do {
    if (c === 2 || Atomics.compareExchange(array, index, 1, 2) !== 0) Atomics.wait(array, index, 2, 0.05);
  } while ((c = Atomics.compareExchange(array, index, 0, 2)) !== 0);
}

/** Releases the lock at `array[index]`, waking one waiter if any may be waiting. */
export function unlockWord(array: Int32Array, index: number): void {
  if (Atomics.sub(array, index, 1) !== 1) {
    Atomics.store(array, index, 0);
    Atomics.notify(array, index, 1);
  }
}
