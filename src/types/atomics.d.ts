/** Atomics.waitAsync (ES2024; in Node since v16) — lib ES2022 does not declare it. */
interface Atomics {
  waitAsync(typedArray: Int32Array, index: number, value: number, timeout?: number): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
}
