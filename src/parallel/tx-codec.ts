/**
 * Transactions of a block in shared memory: the main thread encodes them once into the block memory's
 * reusable transaction buffer (fixed 8-byte-aligned header + variable part per transaction, an offset
 * table), and each worker decodes the ones it executes, when it executes them. Cheaper than
 * structured cloning 10k objects to every worker.
 *
 * Integer fields are stored as 4 little-endian u64 (u256); a per-transaction bitmask marks the fields that
 * do not fit in 64 bits, so the common case writes and reads one BigUint64Array element per field (a
 * bigint conversion costs ~65 ns: reading all four parts of eight fields made decoding ~2 µs). Calldata is
 * decoded as a view into the block's buffer, which is never reused or modified.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { AccessListItem, ExecutableTransaction, TxType } from '../tx/transaction.js';

const HEADER_BYTES = 8 + 8 * 32 + 40 + 16; // type/flags, 8 u256 fields, to + sender, 4 u32 lengths
const BIG_FIELDS = 8; // chainId, nonce, gasPrice, maxPriorityFeePerGas, maxFeePerGas, gasLimit, value, maxFeePerBlobGas
const TWO_POW_64 = 1n << 64n;
const FLAG_TO = 1;
const FLAG_CHAIN_ID = 2;
/** Byte 2 of a record: bit i set = big field i needs all four u64 parts. */
const WIDE_FLAGS = 2;
/** The gas limit's place among the big fields: u64 index 4 * GAS_LIMIT_FIELD of the record's fields, wide bit 1 << GAS_LIMIT_FIELD. */
const GAS_LIMIT_FIELD = 5;
const NO_ACCESS_LIST: AccessListItem[] = [];
const NO_HASHES: Word[] = [];

export interface EncodedTransactions {
  bytes: SharedArrayBuffer;
  /** Int32 per transaction: byte offset of its record. */
  offsets: SharedArrayBuffer;
  count: number;
}

function recordSize(tx: ExecutableTransaction): number {
  let size = HEADER_BYTES + tx.data.length;
  const accessList = tx.accessList;
  for (let a = 0; a < accessList.length; a++) size += 20 + 4 + 32 * accessList[a]!.storageKeys.length;
  size += 32 * tx.blobVersionedHashes.length;
  return (size + 7) & ~7;
}

function putAddress(u8: Uint8Array, at: number, a: Address): void {
  for (let i = 0; i < 10; i++) {
    const u = a.charCodeAt(i);
    u8[at + 2 * i] = u >>> 8;
    u8[at + 2 * i + 1] = u & 0xff;
  }
}

function putWord(u8: Uint8Array, at: number, w: Word): void {
  for (let i = 0; i < 16; i++) {
    const u = w.charCodeAt(i);
    u8[at + 2 * i] = u >>> 8;
    u8[at + 2 * i + 1] = u & 0xff;
  }
}

function getAddress(u8: Uint8Array, at: number): Address {
  return String.fromCharCode(
    (u8[at]! << 8) | u8[at + 1]!, (u8[at + 2]! << 8) | u8[at + 3]!, (u8[at + 4]! << 8) | u8[at + 5]!, (u8[at + 6]! << 8) | u8[at + 7]!,
    (u8[at + 8]! << 8) | u8[at + 9]!, (u8[at + 10]! << 8) | u8[at + 11]!, (u8[at + 12]! << 8) | u8[at + 13]!, (u8[at + 14]! << 8) | u8[at + 15]!,
    (u8[at + 16]! << 8) | u8[at + 17]!, (u8[at + 18]! << 8) | u8[at + 19]!,
  ) as Address;
}

function getWord(u8: Uint8Array, at: number): Word {
  const units: number[] = new Array(16);
  for (let i = 0; i < 16; i++) units[i] = (u8[at + 2 * i]! << 8) | u8[at + 2 * i + 1]!;
  return String.fromCharCode(...units) as Word;
}

/**
 * Writes v at u64 index `index` (`u32` views the same buffer): a value below 2^64 as one u64, the only
 * part the decoder reads when the field's wide flag is clear; a wider one as 4 little-endian u64
 * (converting all four parts of every field made encoding 2 µs per transaction). Returns 1 when v needed
 * more than one part (its bit in the record's wide flags).
 */
function putBig(u64: BigUint64Array, u32: Uint32Array, index: number, v: bigint): number {
  const w = 2 * index;
  if (v < TWO_POW_64) {
    if (v === 0n) {
      u32[w] = 0;
      u32[w + 1] = 0;
    } else {
      u64[index] = v;
    }
    return 0;
  }
  u64[index] = BigInt.asUintN(64, v);
  u64[index + 1] = BigInt.asUintN(64, v >> 64n);
  u64[index + 2] = BigInt.asUintN(64, v >> 128n);
  u64[index + 3] = v >> 192n;
  return 1;
}

/** A field stored in all four u64 parts (its bit in the wide flags is set). */
function getWideBig(u64: BigUint64Array, index: number): bigint {
  return u64[index]! | (u64[index + 1]! << 64n) | (u64[index + 2]! << 128n) | (u64[index + 3]! << 192n);
}

/** Bytes the encoding of `txs` takes (for sizing the buffer). */
export function encodedSize(txs: readonly ExecutableTransaction[]): number {
  return layOutTransactions(txs).bytes;
}

/**
 * Where each transaction's record goes (byte offsets) and the bytes they take in all: computed once per
 * block, to size the block memory and then to encode into it (the executor used to compute the sizes
 * twice; one pass is ~0.07 ms for 10k ERC-20 transfers).
 */
export interface TransactionLayout {
  /** Byte offset of each record; entries past `count` are stale. */
  offsets: Int32Array;
  count: number;
  bytes: number;
}

/** Grows `layout`'s offsets to hold `count` transactions (also before a timed block). */
export function reserveTransactionLayout(layout: TransactionLayout, count: number): void {
  if (layout.offsets.length < count) layout.offsets = new Int32Array(Math.max(count, 2 * layout.offsets.length));
}

/** The layout of `txs`, written into `reuse` when given (its offsets grown when too small). */
export function layOutTransactions(txs: readonly ExecutableTransaction[], reuse?: TransactionLayout): TransactionLayout {
  const layout = reuse ?? { offsets: new Int32Array(txs.length), count: 0, bytes: 0 };
  reserveTransactionLayout(layout, txs.length);
  const offsets = layout.offsets;
  let end = 0;
  for (let i = 0; i < txs.length; i++) {
    offsets[i] = end;
    end += recordSize(txs[i]!);
  }
  layout.count = txs.length;
  layout.bytes = end;
  return layout;
}

/** Encodes the block's transactions (they must have senders) into a new buffer (tests, tools). */
export function encodeTransactions(txs: readonly ExecutableTransaction[]): EncodedTransactions {
  const layout = layOutTransactions(txs);
  const bytes = new SharedArrayBuffer(Math.max(8, layout.bytes));
  const offsets = new SharedArrayBuffer(Math.max(1, txs.length) * 4);
  encodeTransactionsInto(txs, bytes, offsets, layout);
  return { bytes, offsets, count: txs.length };
}

/**
 * Encodes `txs` into `bytes` / `offsets` (the block memory's reusable buffers, which must hold
 * encodedSize(txs) bytes and txs.length offsets), at the offsets of `layout` (layOutTransactions(txs) if
 * not given). Every byte a decoder reads is written, so the buffer is
 * not cleared first: clearing a SharedArrayBuffer byte range is ~7x slower than an ArrayBuffer's (V8
 * stores byte by byte; 1.5 ms for 5 MB). Without the clear, encoding 10k AMM swaps takes 1.7 ms instead of
 * 2.9, 10k ERC-20 transfers 1.4 instead of 2.4 (hot loop, 30 rounds).
 */
export function encodeTransactionsInto(txs: readonly ExecutableTransaction[], bytes: SharedArrayBuffer, offsets32: SharedArrayBuffer, layout: TransactionLayout = layOutTransactions(txs)): void {
  if (layout.count !== txs.length) throw new RangeError(`transaction layout is for ${layout.count} transactions, not ${txs.length}`);
  const offsets = new Int32Array(offsets32);
  if (txs.length > offsets.length) throw new RangeError(`transaction buffer too small: ${txs.length} offsets needed, ${offsets.length} available`);
  if (layout.bytes > bytes.byteLength) throw new RangeError(`transaction buffer too small: ${layout.bytes} bytes needed, ${bytes.byteLength} available`);
  offsets.set(layout.offsets.subarray(0, txs.length));
  const u8 = new Uint8Array(bytes), u32 = new Uint32Array(bytes), u64 = new BigUint64Array(bytes), dv = new DataView(bytes);
  for (let i = 0; i < txs.length; i++) putTransaction(u8, u32, u64, dv, txs[i]!, offsets[i]!);
}

function putTransaction(u8: Uint8Array, u32: Uint32Array, u64: BigUint64Array, dv: DataView, tx: ExecutableTransaction, at: number): void {
  const w = (at + 8) / 8;
  // Field by field (an array of the eight values was garbage per transaction).
  const wide = putBig(u64, u32, w, tx.chainId ?? 0n) | (putBig(u64, u32, w + 4, tx.nonce) << 1)
    | (putBig(u64, u32, w + 8, tx.gasPrice) << 2) | (putBig(u64, u32, w + 12, tx.maxPriorityFeePerGas) << 3)
    | (putBig(u64, u32, w + 16, tx.maxFeePerGas) << 4) | (putBig(u64, u32, w + 4 * GAS_LIMIT_FIELD, tx.gasLimit) << GAS_LIMIT_FIELD)
    | (putBig(u64, u32, w + 24, tx.value) << 6) | (putBig(u64, u32, w + 28, tx.maxFeePerBlobGas) << 7);
  const flags = (tx.to !== null ? FLAG_TO : 0) | (tx.chainId !== undefined ? FLAG_CHAIN_ID : 0);
  u32[at >> 2] = tx.type | (flags << 8) | (wide << 16); // bytes 0-3: type, flags, wide flags, 0
  let p = at + 8 + BIG_FIELDS * 32;
  if (tx.to !== null) putAddress(u8, p, tx.to);
  putAddress(u8, p + 20, tx.sender);
  p += 40;
  dv.setUint32(p, tx.data.length, true);
  dv.setUint32(p + 4, tx.accessList.length, true);
  dv.setUint32(p + 8, tx.blobVersionedHashes.length, true);
  p += 16;
  u8.set(tx.data, p);
  p += tx.data.length;
  const accessList = tx.accessList;
  for (let a = 0; a < accessList.length; a++) {
    const item = accessList[a]!;
    putAddress(u8, p, item.address);
    dv.setUint32(p + 20, item.storageKeys.length, true);
    p += 24;
    for (let k = 0; k < item.storageKeys.length; k++) {
      putWord(u8, p, item.storageKeys[k]!);
      p += 32;
    }
  }
  const hashes = tx.blobVersionedHashes;
  for (let h = 0; h < hashes.length; h++) {
    putWord(u8, p, hashes[h]!);
    p += 32;
  }
}

/**
 * Decodes transactions of an encoded block on demand, each time one is executed. Not cached: a cache kept
 * every decoded transaction alive until the block ended, so young-generation collections copied and
 * promoted them, while decoding again costs ~0.2 µs and only re-executions do it.
 */
export class TransactionDecoder {
  private readonly u8: Uint8Array;
  private readonly u32: Uint32Array;
  private readonly u64: BigUint64Array;
  private readonly dv: DataView;
  private readonly offsets: Int32Array;
  /**
   * The last value decoded for each 64-bit field, by its two u32 halves: transactions of a block often
   * share fees, gas limits and values, and reusing the bigint saves an allocation per field.
   */
  private readonly lastLo = new Int32Array(BIG_FIELDS);
  private readonly lastHi = new Int32Array(BIG_FIELDS);
  private readonly lastValue: bigint[] = new Array<bigint>(BIG_FIELDS).fill(0n); // matches halves (0, 0)
  /**
   * The last recipient decoded, by its five u32 words. Blocks send run after run of transactions to one
   * contract (a token, a pool), and the same string then serves them all. Besides the allocation, that
   * spares the string comparisons downstream (the location and bloom caches compare the frame's address
   * with cached ones), which with equal objects are a pointer comparison instead of a load of the old
   * string: in a worker's profile on ERC-20 transfers, decoding addresses was 1.1% of the time.
   */
  private lastTo: Address | null = null;
  private readonly lastToWords = new Uint32Array(5);

  constructor(encoded: EncodedTransactions) {
    if (encoded.bytes.byteLength % 8 !== 0) throw new RangeError('transaction buffer must be a multiple of 8 bytes');
    this.u8 = new Uint8Array(encoded.bytes);
    this.u32 = new Uint32Array(encoded.bytes);
    this.u64 = new BigUint64Array(encoded.bytes);
    this.dv = new DataView(encoded.bytes);
    this.offsets = new Int32Array(encoded.offsets);
  }

  get(index: number): ExecutableTransaction {
    return this.decode(this.offsets[index]!);
  }

  /** The type of transaction `index`, without decoding it. */
  typeOf(index: number): TxType {
    return this.u8[this.offsets[index]!]! as TxType;
  }

  /**
   * The gas limit of transaction `index` as an exact double, without decoding it; -1 when it does not fit
   * in 53 bits (read the bigint then). The result builder takes it from here rather than from the
   * transaction objects: touching 10k objects scattered in the heap cost ~1 ms of a 10k-transfer block.
   */
  gasLimitNumber(index: number): number {
    const at = this.offsets[index]!;
    if ((this.u8[at + WIDE_FLAGS]! & (1 << GAS_LIMIT_FIELD)) !== 0) return -1;
    const i = 2 * ((at + 8) / 8 + 4 * GAS_LIMIT_FIELD);
    const hi = this.u32[i + 1]!;
    return hi < 0x200000 ? hi * 4294967296 + this.u32[i]! : -1;
  }

  /** Big field `field` (0-7) at u64 index `index`. */
  private big(field: number, index: number, wide: boolean): bigint {
    if (wide) return getWideBig(this.u64, index);
    const lo = this.u32[2 * index]! | 0;
    const hi = this.u32[2 * index + 1]! | 0;
    if (lo === this.lastLo[field] && hi === this.lastHi[field]) return this.lastValue[field]!;
    const value = this.u64[index]!;
    this.lastLo[field] = lo;
    this.lastHi[field] = hi;
    this.lastValue[field] = value;
    return value;
  }

  /** The address at byte `p` (4-aligned: records are 8-aligned and `to` follows the 8-byte fields). */
  private recipient(p: number): Address {
    const u32 = this.u32, last = this.lastToWords, w = p >> 2;
    if (this.lastTo !== null && u32[w] === last[0] && u32[w + 1] === last[1] && u32[w + 2] === last[2] && u32[w + 3] === last[3] && u32[w + 4] === last[4]) {
      return this.lastTo;
    }
    const to = getAddress(this.u8, p);
    for (let i = 0; i < 5; i++) last[i] = u32[w + i]!;
    this.lastTo = to;
    return to;
  }

  private decode(at: number): ExecutableTransaction {
    const u8 = this.u8, dv = this.dv;
    const type = u8[at]! as TxType;
    const flags = u8[at + 1]!;
    const wide = u8[at + WIDE_FLAGS]!;
    const w = (at + 8) / 8;
    let p = at + 8 + BIG_FIELDS * 32;
    const to = (flags & FLAG_TO) !== 0 ? this.recipient(p) : null;
    const sender = getAddress(u8, p + 20);
    p += 40;
    const dataLength = dv.getUint32(p, true);
    const accessCount = dv.getUint32(p + 4, true);
    const blobCount = dv.getUint32(p + 8, true);
    p += 16;
    const data = new Uint8Array(u8.buffer, p, dataLength); // not subarray: a little cheaper (byte-slab.ts)
    p += dataLength;
    const accessList: AccessListItem[] = accessCount === 0 ? NO_ACCESS_LIST : [];
    for (let i = 0; i < accessCount; i++) {
      const address = getAddress(u8, p);
      const keys = dv.getUint32(p + 20, true);
      p += 24;
      const storageKeys: Word[] = [];
      for (let k = 0; k < keys; k++) {
        storageKeys.push(getWord(u8, p));
        p += 32;
      }
      accessList.push({ address, storageKeys });
    }
    const blobVersionedHashes: Word[] = blobCount === 0 ? NO_HASHES : [];
    for (let i = 0; i < blobCount; i++) {
      blobVersionedHashes.push(getWord(u8, p));
      p += 32;
    }
    return {
      type,
      chainId: (flags & FLAG_CHAIN_ID) !== 0 ? this.big(0, w, (wide & 1) !== 0) : undefined,
      nonce: this.big(1, w + 4, (wide & 2) !== 0),
      gasPrice: this.big(2, w + 8, (wide & 4) !== 0),
      maxPriorityFeePerGas: this.big(3, w + 12, (wide & 8) !== 0),
      maxFeePerGas: this.big(4, w + 16, (wide & 16) !== 0),
      gasLimit: this.big(GAS_LIMIT_FIELD, w + 4 * GAS_LIMIT_FIELD, (wide & (1 << GAS_LIMIT_FIELD)) !== 0),
      to,
      value: this.big(6, w + 24, (wide & 64) !== 0),
      data,
      accessList,
      maxFeePerBlobGas: this.big(7, w + 28, (wide & 128) !== 0),
      blobVersionedHashes,
      v: 0n,
      r: 0n,
      s: 0n,
      sender,
    };
  }
}
