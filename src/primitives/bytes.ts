/** Small byte-array helpers shared by every module. */

export const EMPTY_BYTES = new Uint8Array(0);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copies `src[offset .. offset+length)` into a new array, zero-filling past the end of `src`. */
export function sliceZeroPadded(src: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (offset < src.length) out.set(src.subarray(offset, Math.min(src.length, offset + length)));
  return out;
}
