/**
 * An open-addressing hash table in SharedArrayBuffers, keyed by a fixed number of u32 words, that worker
 * threads read in place (no copy, no deserialization). The building block of SharedState (accounts,
 * storage slots, code index).
 *
 * Layout (a "compact dict", as in CPython):
 *  - `buckets`: 2 u32 per bucket, [tag, entry index]; tag 0 = empty. Linear probing from `tag & mask`.
 *    The tag is the key's full 32-bit hash, so a probe compares key words only on a tag match, and a
 *    probe run stays within one or two cache lines (8 buckets per 64-byte line).
 *  - `entries`: `stride` u32 per entry, dense in [0, count); the first `keyWords` words are the key,
 *    the rest is the caller's value layout.
 * The count lives in a small shared `meta` Int32Array (never replaced), so a reader's view follows
 * in-place writes; only replaced buffers need a re-attach.
 *
 * Deletion is backward-shift (no tombstones) in the buckets plus swap-with-last in the entries. Storage
 * slots are deleted constantly (SSTORE to zero), and tombstones would lengthen probe runs block after
 * block until a cleanup rehash; backward shift keeps every run as short as if the deleted keys had never
 * been inserted, so a miss still ends at the first empty bucket. Swap-with-last keeps the entries dense
 * (a full scan touches only live entries, growth copies one contiguous range).
 *
 * Growth: buckets double past a load factor of 1/2 (8 bytes per bucket, cheap to keep sparse); the
 * rehash reuses the stored tags, so no key is hashed again. Entries grow by 1.5x with one copy. Both
 * allocate new SharedArrayBuffers and call `onReplace` (SharedState bumps its version). Only the owning
 * (main) thread writes, and only while no reader is reading (between blocks): no Atomics on the data.
 */

export interface SharedTableHandles {
  buckets: SharedArrayBuffer;
  entries: SharedArrayBuffer;
  bucketCount: number;
  entryCapacity: number;
}

/** Highest fraction of buckets in use. */
const MAX_LOAD = 0.5;

/**
 * murmur3_32 over `n` words at `words[offset]`, never 0 (0 marks an empty bucket). All words are mixed:
 * a storage key is an address plus a slot that is often a small integer (0, 1, 2), so the distinguishing
 * bits sit in the last word. Measured: ~10 ns for the 13 words of a storage key.
 */
export function hashWords(words: Uint32Array, offset: number, n: number): number {
  let h = 0x9747b28c;
  for (let i = 0; i < n; i++) {
    let k = Math.imul(words[offset + i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= n * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

function nextPowerOfTwo(n: number): number {
  let p = 8;
  while (p < n) p *= 2;
  return p;
}

/** A SharedArrayBuffer of `words` u32, rounded up to whole u64 (so BigUint64Array views fit). */
function allocateWords(words: number): SharedArrayBuffer {
  return new SharedArrayBuffer(Math.ceil(words / 2) * 8);
}

export class SharedHashTable {
  buckets: Uint32Array;
  entries: Uint32Array;
  /** The entries as u64 (for 8-byte-aligned value fields when `stride` is even). */
  entries64: BigUint64Array;
  private mask: number;
  private entryCapacity: number;

  private constructor(
    readonly keyWords: number,
    readonly stride: number,
    private readonly meta: Int32Array,
    private readonly countIndex: number,
    handles: SharedTableHandles,
    /** Called after buffers were replaced; null for a read-only view. */
    private readonly onReplace: (() => void) | null,
  ) {
    this.buckets = new Uint32Array(handles.buckets);
    this.entries = new Uint32Array(handles.entries);
    this.entries64 = new BigUint64Array(handles.entries);
    this.mask = this.buckets.length / 2 - 1;
    this.entryCapacity = Math.floor(this.entries.length / stride);
  }

  /** A new empty table with room for `capacity` entries; its count is `meta[countIndex]`. */
  static create(keyWords: number, stride: number, capacity: number, meta: Int32Array, countIndex: number, onReplace: () => void): SharedHashTable {
    const entryCapacity = Math.max(4, Math.ceil(capacity));
    const bucketCount = nextPowerOfTwo(entryCapacity / MAX_LOAD);
    const handles: SharedTableHandles = {
      buckets: allocateWords(2 * bucketCount),
      entries: allocateWords(entryCapacity * stride),
      bucketCount,
      entryCapacity,
    };
    meta[countIndex] = 0;
    return new SharedHashTable(keyWords, stride, meta, countIndex, handles, onReplace);
  }

  /** A read-only view of a table created on another thread. */
  static attach(keyWords: number, stride: number, meta: Int32Array, countIndex: number, handles: SharedTableHandles): SharedHashTable {
    return new SharedHashTable(keyWords, stride, meta, countIndex, handles, null);
  }

  handles(): SharedTableHandles {
    return {
      buckets: this.buckets.buffer as SharedArrayBuffer,
      entries: this.entries.buffer as SharedArrayBuffer,
      bucketCount: this.mask + 1,
      entryCapacity: this.entryCapacity,
    };
  }

  get count(): number {
    return this.meta[this.countIndex]!;
  }

  /** The entry whose key equals `key[keyOffset ..]` (its hash is `tag`), or -1. */
  find(key: Uint32Array, keyOffset: number, tag: number): number {
    const bucket = this.findBucket(key, keyOffset, tag);
    return bucket < 0 ? -1 : this.buckets[2 * bucket + 1]!;
  }

  private findBucket(key: Uint32Array, keyOffset: number, tag: number): number {
    const buckets = this.buckets, entries = this.entries, mask = this.mask, n = this.keyWords, stride = this.stride;
    for (let b = tag & mask; ; b = (b + 1) & mask) {
      const t = buckets[2 * b]!;
      if (t === 0) return -1;
      if (t !== tag) continue;
      const base = buckets[2 * b + 1]! * stride;
      let i = 0;
      while (i < n && entries[base + i] === key[keyOffset + i]) i++;
      if (i === n) return b;
    }
  }

  /**
   * Adds a key that is not in the table (the caller checked with `find`) and returns its entry index;
   * the entry's value words are zero. May replace the buffers: re-read `entries` afterwards.
   */
  insert(key: Uint32Array, keyOffset: number, tag: number): number {
    this.assertWritable();
    const entry = this.count;
    if (entry + 1 > this.entryCapacity) this.growEntries(entry + 1);
    if (entry + 1 > (this.mask + 1) * MAX_LOAD) this.growBuckets();
    const base = entry * this.stride;
    for (let i = 0; i < this.keyWords; i++) this.entries[base + i] = key[keyOffset + i]!;
    const buckets = this.buckets, mask = this.mask;
    let b = tag & mask;
    while (buckets[2 * b] !== 0) b = (b + 1) & mask;
    buckets[2 * b] = tag;
    buckets[2 * b + 1] = entry;
    this.meta[this.countIndex] = entry + 1;
    return entry;
  }

  /** Removes the entry; the last entry moves into its place (entry indices are not stable). */
  remove(entry: number): void {
    this.assertWritable();
    const stride = this.stride, entries = this.entries, buckets = this.buckets;
    const base = entry * stride;
    this.removeBucket(this.findBucket(entries, base, hashWords(entries, base, this.keyWords)));
    const last = this.count - 1;
    if (entry !== last) {
      const lastBase = last * stride;
      const lastBucket = this.findBucket(entries, lastBase, hashWords(entries, lastBase, this.keyWords));
      entries.copyWithin(base, lastBase, lastBase + stride);
      buckets[2 * lastBucket + 1] = entry;
    }
    entries.fill(0, last * stride, last * stride + stride);
    this.meta[this.countIndex] = last;
  }

  /** Backward-shift deletion: pulls later members of the probe run into the hole. */
  private removeBucket(hole: number): void {
    if (hole < 0) throw new Error('SharedHashTable: entry missing from its index');
    const buckets = this.buckets, mask = this.mask;
    for (let b = (hole + 1) & mask; buckets[2 * b] !== 0; b = (b + 1) & mask) {
      const home = buckets[2 * b]! & mask;
      // The member at b may move to the hole iff the hole lies on its probe path home .. b.
      if (((b - home) & mask) >= ((b - hole) & mask)) {
        buckets[2 * hole] = buckets[2 * b]!;
        buckets[2 * hole + 1] = buckets[2 * b + 1]!;
        hole = b;
      }
    }
    buckets[2 * hole] = 0;
    buckets[2 * hole + 1] = 0;
  }

  private growEntries(needed: number): void {
    const capacity = Math.max(needed, Math.ceil(this.entryCapacity * 1.5), this.entryCapacity + 16);
    const buffer = allocateWords(capacity * this.stride);
    const entries = new Uint32Array(buffer);
    entries.set(this.entries.subarray(0, this.count * this.stride));
    this.entries = entries;
    this.entries64 = new BigUint64Array(buffer);
    this.entryCapacity = capacity;
    this.onReplace!();
  }

  /** Doubles the bucket array, reinserting by the stored tags (no key is hashed again). */
  private growBuckets(): void {
    const old = this.buckets;
    const bucketCount = 2 * (this.mask + 1);
    const buckets = new Uint32Array(allocateWords(2 * bucketCount));
    const mask = bucketCount - 1;
    for (let i = 0; i < old.length; i += 2) {
      const tag = old[i]!;
      if (tag === 0) continue;
      let b = tag & mask;
      while (buckets[2 * b] !== 0) b = (b + 1) & mask;
      buckets[2 * b] = tag;
      buckets[2 * b + 1] = old[i + 1]!;
    }
    this.buckets = buckets;
    this.mask = mask;
    this.onReplace!();
  }

  private assertWritable(): void {
    if (this.onReplace === null) throw new Error('SharedHashTable: read-only view (attached); only the owning thread writes');
  }
}
