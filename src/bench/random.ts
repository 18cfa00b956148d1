/**
 * A seeded pseudo-random generator (mulberry32) so that a workload is a pure function of its options:
 * the same seed gives the same block, byte for byte.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 2^32). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, bound). */
  int(bound: number): number {
    return Math.floor((this.next() / 0x1_0000_0000) * bound);
  }

  /** Uniform integer in [0, bound) other than `except` (bound must be at least 2). */
  intExcept(bound: number, except: number): number {
    const r = this.int(bound - 1);
    return r >= except ? r + 1 : r;
  }

  /** Uniform bigint in [min, max]. */
  bigintBetween(min: bigint, max: bigint): bigint {
    const span = max - min + 1n;
    const r = (BigInt(this.next()) << 32n) | BigInt(this.next());
    return min + (r % span);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** Fisher-Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
