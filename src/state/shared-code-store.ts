/**
 * Contract code in shared memory for SharedState: the bytes in an append-only SharedArrayBuffer arena,
 * found by code hash through a SharedHashTable (hash -> arena offset and length). `get` returns a view
 * into the arena, not a copy: callers must not write to it (the same contract as MemoryState.code).
 * Code is never removed (as in MemoryState), so a code's index is stable; the arena grows by doubling
 * into a new buffer.
 */
import { bytesEqual, EMPTY_BYTES } from '../primitives/bytes.js';
import type { Word } from '../primitives/word.js';
import { EMPTY_CODE_HASH } from './state-reader.js';
import { hashWords, SharedHashTable, type SharedTableHandles, type TableLayout } from './shared-hash-table.js';
import { wordFromWords, wordToWords } from './shared-words.js';

export interface SharedCodeStoreHandles {
  index: SharedTableHandles;
  bytes: SharedArrayBuffer;
}

/** Index entry: code hash (8 words), arena offset, byte length. */
const HASH_WORDS = 8;
const ENTRY_OFFSET = 8;
const ENTRY_LENGTH = 9;
const STRIDE = 10;
const LAYOUT: TableLayout = { keyWords: HASH_WORDS, stride: STRIDE, sideStride: 0 };

export class SharedCodeStore {
  private bytes: Uint8Array;
  private readonly key = new Int32Array(HASH_WORDS);

  private constructor(
    private readonly index: SharedHashTable,
    bytes: SharedArrayBuffer,
    private readonly meta: Int32Array,
    /** meta[usedIndex] = bytes of the arena in use. */
    private readonly usedIndex: number,
    private readonly onReplace: (() => void) | null,
  ) {
    this.bytes = new Uint8Array(bytes);
  }

  /** An empty store (holding only the empty code) with an arena of `capacityBytes`. */
  static create(codes: number, capacityBytes: number, meta: Int32Array, countIndex: number, usedIndex: number, onReplace: () => void): SharedCodeStore {
    const index = SharedHashTable.create(LAYOUT, codes + 1, meta, countIndex, onReplace);
    meta[usedIndex] = 0;
    const store = new SharedCodeStore(index, new SharedArrayBuffer(Math.max(64, capacityBytes)), meta, usedIndex, onReplace);
    store.put(EMPTY_CODE_HASH, EMPTY_BYTES);
    return store;
  }

  static attach(handles: SharedCodeStoreHandles, meta: Int32Array, countIndex: number, usedIndex: number): SharedCodeStore {
    const index = SharedHashTable.attach(LAYOUT, meta, countIndex, handles.index);
    return new SharedCodeStore(index, handles.bytes, meta, usedIndex, null);
  }

  handles(): SharedCodeStoreHandles {
    return { index: this.index.handles(), bytes: this.bytes.buffer as SharedArrayBuffer };
  }

  get count(): number {
    return this.index.count;
  }

  /** A view of the code with this hash, or undefined. */
  get(hash: Word): Uint8Array | undefined {
    const entry = this.indexOf(hash);
    return entry < 0 ? undefined : this.view(entry);
  }

  /** The code's index (stable: code is never removed, the empty code is 0), or -1 if unknown. */
  indexOf(hash: Word): number {
    const key = this.key;
    wordToWords(hash, key, 0);
    return this.index.find(key, 0, hashWords(key, 0, HASH_WORDS));
  }

  /** The hash of the code at `index`. */
  hashAt(index: number): Word {
    return wordFromWords(this.index.entries, index * STRIDE);
  }

  /** Stores `code` under `hash` (the caller's hash is trusted, as in MemoryState). */
  put(hash: Word, code: Uint8Array): void {
    const key = this.key;
    wordToWords(hash, key, 0);
    const tag = hashWords(key, 0, HASH_WORDS);
    let entry = this.index.find(key, 0, tag);
    if (entry >= 0 && bytesEqual(this.view(entry), code)) return;
    if (entry < 0) entry = this.index.insert(key, 0, tag);
    // New code, or different bytes under a known hash (only from a malformed diff): the last put wins.
    const offset = this.append(code);
    const entries = this.index.entries;
    entries[entry * STRIDE + ENTRY_OFFSET] = offset;
    entries[entry * STRIDE + ENTRY_LENGTH] = code.length;
  }

  /** Every (hash, view of code) pair. */
  *all(): Generator<[Word, Uint8Array]> {
    for (let entry = 0; entry < this.index.count; entry++) yield [this.hashAt(entry), this.view(entry)];
  }

  private view(entry: number): Uint8Array {
    const entries = this.index.entries;
    const length = entries[entry * STRIDE + ENTRY_LENGTH]!;
    if (length === 0) return EMPTY_BYTES;
    const offset = entries[entry * STRIDE + ENTRY_OFFSET]!;
    const bytes = this.bytes;
    return new Uint8Array(bytes.buffer, bytes.byteOffset + offset, length); // not subarray: a little cheaper (byte-slab.ts)
  }

  private append(code: Uint8Array): number {
    const used = this.meta[this.usedIndex]!;
    if (used + code.length > this.bytes.length) {
      const grown = new Uint8Array(new SharedArrayBuffer(Math.max(2 * this.bytes.length, used + code.length)));
      grown.set(this.bytes.subarray(0, used));
      this.bytes = grown;
      this.onReplace!();
    }
    this.bytes.set(code, used);
    this.meta[this.usedIndex] = used + code.length;
    return used;
  }
}
