/**
 * Builds the Merkle Patricia Trie root (Yellow Paper appendix D) of entries already sorted by key, in one
 * bottom-up pass: every node is encoded once and hashed once, nothing is stored.
 *
 * Because the keys are sorted, a key range [lo, hi) shares exactly the nibble prefix its first and last
 * keys share. So a range of one key is a leaf; a range whose common prefix reaches past the current depth
 * is an extension over a branch; otherwise it is a branch whose children are the runs of keys with the
 * same next nibble (a key ending exactly here is the branch value). The recursion depth is bounded by the
 * number of branch levels (at most 64 for 32-byte keys); the work is O(total key nibbles inspected).
 */
import { keccak256 } from '../primitives/keccak.js';
import { encodeBranch, encodeExtension, encodeLeaf, nibbleAt, nodeReference } from './node-encoding.js';

/** Length in nibbles of the common prefix of `a` and `b`, given that they agree on the first `from`. */
function commonPrefixNibbles(a: Uint8Array, b: Uint8Array, from: number): number {
  const bytes = Math.min(a.length, b.length);
  let byte = from >> 1;
  if (from & 1) {
    if (byte >= bytes || (a[byte]! & 0x0f) !== (b[byte]! & 0x0f)) return from;
    byte++;
  }
  while (byte < bytes && a[byte] === b[byte]) byte++;
  if (byte < bytes && a[byte]! >> 4 === b[byte]! >> 4) return byte * 2 + 1;
  return byte * 2;
}

class SortedRootBuilder {
  constructor(
    private readonly keys: readonly Uint8Array[],
    private readonly values: readonly Uint8Array[],
  ) {}

  /** RLP of the node holding keys [lo, hi) below nibble `depth` (a view valid until the next encode). */
  node(lo: number, hi: number, depth: number): Uint8Array {
    const first = this.keys[lo]!;
    if (hi - lo === 1) return encodeLeaf(first, depth, this.values[lo]!);
    const shared = commonPrefixNibbles(first, this.keys[hi - 1]!, depth);
    if (shared === depth) return this.branch(lo, hi, depth);
    return encodeExtension(first, depth, shared, nodeReference(this.branch(lo, hi, shared)));
  }

  /** RLP of the branch at nibble `depth` over keys [lo, hi), which differ at that nibble (a view, as above). */
  private branch(lo: number, hi: number, depth: number): Uint8Array {
    const keys = this.keys;
    const children: (Uint8Array | undefined)[] = new Array(16).fill(undefined);
    let value: Uint8Array | undefined;
    let i = lo;
    // Sorted order puts a key that ends at this branch (a prefix of the others) first.
    if (keys[i]!.length * 2 === depth) value = this.values[i++];
    while (i < hi) {
      const nibble = nibbleAt(keys[i]!, depth);
      let j = i + 1;
      while (j < hi && nibbleAt(keys[j]!, depth) === nibble) j++;
      children[nibble] = nodeReference(this.node(i, j, depth + 1));
      i = j;
    }
    return encodeBranch(children, value);
  }
}

/**
 * The root hash of a non-empty trie. `keys` must be strictly ascending (bytewise) and every value
 * non-empty; `trieRoot` in trie-root.ts establishes that for arbitrary input.
 */
export function rootOfSortedEntries(keys: readonly Uint8Array[], values: readonly Uint8Array[]): Uint8Array {
  return keccak256(new SortedRootBuilder(keys, values).node(0, keys.length, 0));
}
