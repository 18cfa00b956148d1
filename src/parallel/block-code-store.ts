/**
 * Code deployed during a parallel block, in shared memory: workers that execute a create put the code
 * here (keyed by its hash) so that every other worker can run it. Append-only byte arena plus an
 * open-addressing index; insertion by compare-and-swap, one block at a time (epoch tags, no clearing).
 */
import type { Word } from '../primitives/word.js';

const SLOT_WORDS = 12; // [tag, offset, length, unused, hash x8]

export interface BlockCodeBuffers {
  index: SharedArrayBuffer;
  bytes: SharedArrayBuffer;
  /** [epoch, bytes used, overflow] */
  header: SharedArrayBuffer;
}

export function allocateBlockCodeBuffers(slots: number, bytes: number): BlockCodeBuffers {
  let n = 1;
  while (n < slots * 2) n *= 2;
  return { index: new SharedArrayBuffer(n * SLOT_WORDS * 4), bytes: new SharedArrayBuffer(Math.max(8, bytes)), header: new SharedArrayBuffer(16) };
}

export class BlockCodeStore {
  private readonly index: Int32Array;
  private readonly mask: number;
  private readonly bytes: Uint8Array;
  private readonly header: Int32Array;
  private epoch = 0;
  private readonly key = new Int32Array(8);
  /** Per-thread memo of codes seen this block. */
  private readonly seen = new Map<Word, Uint8Array>();

  constructor(buffers: BlockCodeBuffers) {
    this.index = new Int32Array(buffers.index);
    this.mask = this.index.length / SLOT_WORDS - 1;
    this.bytes = new Uint8Array(buffers.bytes);
    this.header = new Int32Array(buffers.header);
  }

  static startBlock(buffers: BlockCodeBuffers): void {
    const header = new Int32Array(buffers.header);
    header[0] = (header[0]! + 1) & 0x3fffffff || 1;
    header[1] = 0;
    header[2] = 0;
  }

  beginBlock(): void {
    this.epoch = Atomics.load(this.header, 0);
    this.seen.clear();
  }

  overflowed(): boolean {
    return Atomics.load(this.header, 2) !== 0;
  }

  private setKey(hash: Word): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < 8; i++) {
      const w = (hash.charCodeAt(2 * i) << 16) | hash.charCodeAt(2 * i + 1);
      this.key[i] = w;
      h = Math.imul(h ^ w, 0x9e3779b1);
    }
    return (h ^ (h >>> 15)) & this.mask;
  }

  private matches(slot: number): boolean {
    for (let i = 0; i < 8; i++) if (this.index[slot + 4 + i] !== this.key[i]) return false;
    return true;
  }

  /** Stores `code` under `hash` (no-op if present). Returns false on overflow. */
  put(hash: Word, code: Uint8Array): boolean {
    const start = this.setKey(hash);
    const index = this.index;
    const epoch = this.epoch;
    for (let probe = 0; probe <= this.mask; probe++) {
      const slot = ((start + probe) & this.mask) * SLOT_WORDS;
      let tag = Atomics.load(index, slot);
      if (tag !== epoch && tag !== -epoch && Atomics.compareExchange(index, slot, tag, -epoch) === tag) {
        const at = Atomics.add(this.header, 1, code.length);
        if (at + code.length > this.bytes.length) {
          Atomics.store(this.header, 2, 1);
          index[slot + 1] = 0;
          index[slot + 2] = -1;
        } else {
          this.bytes.set(code, at);
          index[slot + 1] = at;
          index[slot + 2] = code.length;
        }
        for (let i = 0; i < 8; i++) index[slot + 4 + i] = this.key[i]!;
        Atomics.store(index, slot, epoch);
        return index[slot + 2]! >= 0;
      }
      tag = Atomics.load(index, slot);
      while (tag === -epoch) tag = Atomics.load(index, slot);
      if (tag === epoch && this.matches(slot)) return index[slot + 2]! >= 0;
    }
    Atomics.store(this.header, 2, 1);
    return false;
  }

  /** The code stored under `hash` in this block, or undefined. */
  get(hash: Word): Uint8Array | undefined {
    const memo = this.seen.get(hash);
    if (memo !== undefined) return memo;
    const start = this.setKey(hash);
    const index = this.index;
    const epoch = this.epoch;
    for (let probe = 0; probe <= this.mask; probe++) {
      const slot = ((start + probe) & this.mask) * SLOT_WORDS;
      let tag = Atomics.load(index, slot);
      while (tag === -epoch) tag = Atomics.load(index, slot);
      if (tag !== epoch) return undefined;
      if (this.matches(slot)) {
        const length = index[slot + 2]!;
        if (length < 0) return undefined;
        const code = this.bytes.slice(index[slot + 1]!, index[slot + 1]! + length);
        this.seen.set(hash, code);
        return code;
      }
    }
    return undefined;
  }
}
