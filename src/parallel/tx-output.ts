/**
 * The outcome of a transaction's last incarnation in shared memory, written by the worker that executed it
 * and read by the main thread when it builds the block result: status, gas, validity, created contract,
 * the receipt's logs bloom bits (hashed in the worker, in parallel) and the logs.
 *
 * Layout (Int32 words in the multi-version memory's arena):
 *   [words, status, gasLo, gasHi, blobGas, flags, contract x5, logCount, reasonLength, bloomItems,
 *    execution time (0.1 µs units), bloom bits (2 words per log address and topic), reason (UTF-16 pairs),
 *    logs: {address x5, topicCount, topics x8n, dataLength, data}]
 *
 * The bloom is kept as the bit positions of its items (3 per address or topic), not as 256 bytes: an ERC-20
 * Transfer has 4 items, so the worker writes 8 words instead of clearing, filling and copying 64, and the
 * main thread sets 12 bits in the receipt's bloom and the block's instead of copying and OR-ing 64 words.
 */
import type { Address } from '../primitives/address.js';
import { wordFromLimbs, wordToLimbs, type Word } from '../primitives/word.js';
import type { Log } from '../evm/log.js';
import { isSuccess, type Status } from '../evm/status.js';
import type { Receipt } from '../block/receipt.js';
import type { TxType } from '../tx/transaction.js';
import type { TransactionOutcome } from '../execution/transaction-outcome.js';
import { allocateBloom, logsBloom, setBloomBits } from '../block/bloom.js';
import { ByteSlab } from '../primitives/byte-slab.js';

/** The shared bloom of receipts without logs (see logsBloom). */
const NO_LOGS_BLOOM = logsBloom([]);
const NO_BYTES = new Uint8Array(0);
const FLAG_INVALID = 1;
const FLAG_CONTRACT = 2;
const FIXED = 15;
/** Execution times are kept in tenths of a microsecond (an int32 holds 214 s). */
const TIME_UNITS_PER_US = 10;
/**
 * Read back by multiplying with a double: a division by 10 recorded small-integer feedback on times that
 * happened to be whole microseconds, and the next fractional one deoptimized the worker loop ("lost
 * precision") in the rare validation-abort path that reads it.
 */
const US_PER_TIME_UNIT = 0.1;
/** 2^22: a packed item's bits are b0 | b1 << 11 (low word) and b2 (high word). */
const BITS_SPLIT = 4194304;
const MAX_SAFE_GAS = BigInt(Number.MAX_SAFE_INTEGER);

// Indexed loops throughout: for-of iterators over logs and topics were ~150 bytes of garbage per
// ERC-20 transfer in a worker (not all of them are optimized away).
function outputWords(outcome: TransactionOutcome, bloomItems: number): number {
  const logs = outcome.logs;
  let words = FIXED + 2 * bloomItems + Math.ceil((outcome.invalidReason?.length ?? 0) / 2);
  for (let l = 0; l < logs.length; l++) words += 5 + 1 + 8 * logs[l]!.topics.length + 1 + Math.ceil(logs[l]!.data.length / 4);
  return words;
}

/** How long the execution that wrote the record at `at` took in its worker (µs), for any thread. */
export function recordedExecutionUs(arena: Int32Array, at: number): number {
  return arena[at + 14]! * US_PER_TIME_UNIT;
}

/** Typed views over an arena, made once per arena (views over a big SharedArrayBuffer are not free). */
interface ArenaViews {
  u32: Uint32Array;
  u8: Uint8Array;
}
const viewCache = new WeakMap<ArrayBufferLike, ArenaViews>();
/** The last arena asked for and its views: a worker writes every output of a block into one arena. */
let lastArena: Int32Array | null = null;
let lastViews: ArenaViews | null = null;

function viewsOf(arena: Int32Array): ArenaViews {
  if (arena === lastArena) return lastViews!;
  let v = viewCache.get(arena.buffer);
  if (v === undefined) {
    v = { u32: new Uint32Array(arena.buffer), u8: new Uint8Array(arena.buffer) };
    viewCache.set(arena.buffer, v);
  }
  lastArena = arena;
  lastViews = v;
  return v;
}

/**
 * Writes `outcome` at a fresh place of the arena (allocate(words) gives the word offset) and returns the
 * offset, or -1 on overflow. `bloomBits[0 .. bloomItems)` are its logs' bloom bits (logsBloomBits);
 * `executionUs` is how long the execution took in its worker (for the measured critical path).
 */
export function writeOutput(arena: Int32Array, allocate: (words: number) => number, outcome: TransactionOutcome, bloomBits: Float64Array, bloomItems: number, executionUs: number): number {
  const words = outputWords(outcome, bloomItems);
  const at = allocate(words);
  if (at < 0) return -1;
  const { u32, u8 } = viewsOf(arena);
  arena[at] = words;
  arena[at + 1] = outcome.status;
  if (outcome.gasUsed <= MAX_SAFE_GAS) {
    const gas = Number(outcome.gasUsed); // no bigint temporaries on the usual path
    arena[at + 2] = gas % 4294967296;
    arena[at + 3] = Math.floor(gas / 4294967296);
  } else {
    arena[at + 2] = Number(outcome.gasUsed & 0xffffffffn);
    arena[at + 3] = Number(outcome.gasUsed >> 32n);
  }
  arena[at + 4] = outcome.blobGasUsed;
  arena[at + 5] = (outcome.invalidReason !== null ? FLAG_INVALID : 0) | (outcome.contractAddress !== null ? FLAG_CONTRACT : 0);
  if (outcome.contractAddress !== null) {
    const a = outcome.contractAddress;
    for (let i = 0; i < 5; i++) arena[at + 6 + i] = (a.charCodeAt(2 * i) << 16) | a.charCodeAt(2 * i + 1);
  }
  arena[at + 11] = outcome.logs.length;
  const reason = outcome.invalidReason ?? '';
  arena[at + 12] = reason.length;
  arena[at + 13] = bloomItems;
  arena[at + 14] = Math.min(0x7fffffff, Math.round(executionUs * TIME_UNITS_PER_US));
  let p = at + FIXED;
  for (let i = 0; i < bloomItems; i++) {
    const bits = bloomBits[i]!;
    arena[p++] = bits % BITS_SPLIT;
    arena[p++] = Math.floor(bits / BITS_SPLIT);
  }
  for (let i = 0; i < reason.length; i += 2) {
    arena[p++] = (reason.charCodeAt(i) << 16) | (i + 1 < reason.length ? reason.charCodeAt(i + 1) : 0);
  }
  const logs = outcome.logs;
  for (let l = 0; l < logs.length; l++) {
    const log = logs[l]!;
    const a = log.address;
    for (let i = 0; i < 5; i++) arena[p + i] = (a.charCodeAt(2 * i) << 16) | a.charCodeAt(2 * i + 1);
    p += 5;
    const topics = log.topics;
    arena[p++] = topics.length;
    for (let t = 0; t < topics.length; t++) {
      wordToLimbs(topics[t]!, u32, p);
      p += 8;
    }
    arena[p++] = log.data.length;
    u8.set(log.data, p * 4);
    p += Math.ceil(log.data.length / 4);
  }
  return at;
}

/** The address held in 5 words at `p` (two big-endian 16-bit units per word). */
export function addressAt(u32: Uint32Array, p: number): Address {
  return String.fromCharCode(
    u32[p]! >>> 16, u32[p]! & 0xffff, u32[p + 1]! >>> 16, u32[p + 1]! & 0xffff, u32[p + 2]! >>> 16,
    u32[p + 2]! & 0xffff, u32[p + 3]! >>> 16, u32[p + 3]! & 0xffff, u32[p + 4]! >>> 16, u32[p + 4]! & 0xffff,
  ) as Address;
}

/** Entries of the reader's direct-mapped string caches (a power of two). */
const STRING_CACHE = 256;
/** Log data up to this size is carved out of a shared slab (a view each) instead of an own buffer. */
const SLAB_DATA_MAX = 256;
const DATA_SLAB_BYTES = 65536;

/**
 * Decodes output records on the main thread into the block result's receipts. Everything it returns lives
 * as long as the block result, so it allocates as little as it can (each surviving object is copied by
 * young-generation collections): a log's address and topics are packed strings looked up in direct-mapped
 * caches keyed by their words (a block's logs repeat contracts and event signatures; one string per
 * contract and signature instead of one per log), and small log data are views into 64 KiB slabs
 * (`slice` made an ArrayBuffer per log). Measured on the main thread of a 10k ERC-20 block: ~2.0 KB of
 * allocation per transaction before.
 */
export class OutputReader {
  private readonly arena: Int32Array;
  private readonly u32: Uint32Array;
  private readonly u8: Uint8Array;
  private readonly addressWords = new Int32Array(STRING_CACHE * 5);
  private readonly addresses: Array<Address | null> = new Array<Address | null>(STRING_CACHE).fill(null);
  private readonly topicWords = new Int32Array(STRING_CACHE * 8);
  private readonly topics: Array<Word | null> = new Array<Word | null>(STRING_CACHE).fill(null);
  private readonly dataSlab = new ByteSlab(DATA_SLAB_BYTES);

  constructor(arena: Int32Array) {
    this.arena = arena;
    const views = viewsOf(arena);
    this.u32 = views.u32;
    this.u8 = views.u8;
  }

  status(at: number): Status {
    return this.arena[at + 1]! as Status;
  }

  /** Gas used, as a double: exact below 2^53 (see gasUsedBig for more). */
  gasUsed(at: number): number {
    return this.u32[at + 3]! * 4294967296 + this.u32[at + 2]!;
  }

  /** Gas used, exact at any size. */
  gasUsedBig(at: number): bigint {
    return (BigInt(this.u32[at + 3]!) << 32n) | BigInt(this.u32[at + 2]!);
  }

  blobGasUsed(at: number): number {
    return this.arena[at + 4]!;
  }

  /** How long the execution took in its worker, in microseconds (0.1 µs resolution). */
  executionUs(at: number): number {
    return recordedExecutionUs(this.arena, at);
  }

  /**
   * The receipt of the record at `at` (its bloom's bits also set in `blockBloom`), for a transaction of
   * type `type` with `cumulativeGasUsed` so far: the one place receipts are made from outputs, so that
   * drafted and final ones share a shape.
   */
  receipt(at: number, type: TxType, cumulativeGasUsed: bigint, blockBloom: Uint8Array): Receipt {
    return { type, status: isSuccess(this.status(at)) ? 1 : 0, cumulativeGasUsed, logsBloom: this.bloom(at, blockBloom), logs: this.logs(at) };
  }

  contractAddress(at: number): Address | null {
    return (this.arena[at + 5]! & FLAG_CONTRACT) !== 0 ? addressAt(this.u32, at + 6) : null;
  }

  invalidReason(at: number): string | null {
    const arena = this.arena;
    if ((arena[at + 5]! & FLAG_INVALID) === 0) return null;
    const reasonLength = arena[at + 12]!;
    let p = at + FIXED + 2 * arena[at + 13]!;
    let reason = '';
    for (let i = 0; i < reasonLength; i += 2) {
      const w = this.u32[p++]!;
      reason += String.fromCharCode(w >>> 16);
      if (i + 1 < reasonLength) reason += String.fromCharCode(w & 0xffff);
    }
    return reason;
  }

  /**
   * The receipt bloom, built from the record's bloom bits; they are also set in `blockBloom` (the block's
   * bloom is the OR of its receipts'). Receipts without logs share one zero bloom.
   */
  bloom(at: number, blockBloom: Uint8Array): Uint8Array {
    const arena = this.arena;
    const items = arena[at + 13]!;
    if (items === 0) return NO_LOGS_BLOOM;
    const bloom = allocateBloom();
    for (let i = 0, p = at + FIXED; i < items; i++, p += 2) {
      const bits = arena[p]! + arena[p + 1]! * BITS_SPLIT;
      setBloomBits(bloom, bits);
      setBloomBits(blockBloom, bits);
    }
    return bloom;
  }

  logs(at: number): Log[] {
    const arena = this.arena;
    const logCount = arena[at + 11]!;
    const logs: Log[] = new Array(logCount);
    let p = at + FIXED + 2 * arena[at + 13]! + Math.ceil(arena[at + 12]! / 2);
    for (let l = 0; l < logCount; l++) {
      const address = this.logAddress(p);
      p += 5;
      const topicCount = arena[p++]!;
      const topics: Word[] = new Array(topicCount);
      for (let t = 0; t < topicCount; t++) {
        topics[t] = this.logTopic(p);
        p += 8;
      }
      const length = arena[p++]!;
      const data = this.bytes(p * 4, length);
      p += Math.ceil(length / 4);
      logs[l] = { address, topics, data };
    }
    return logs;
  }

  /** The address at `p`, one string per distinct address (direct-mapped cache). */
  private logAddress(p: number): Address {
    const a = this.arena;
    const i = (a[p + 4]! ^ (a[p + 3]! >>> 7)) & (STRING_CACHE - 1);
    const w = this.addressWords;
    const k = i * 5;
    const cached = this.addresses[i]!;
    if (cached !== null && w[k] === a[p] && w[k + 1] === a[p + 1] && w[k + 2] === a[p + 2] && w[k + 3] === a[p + 3] && w[k + 4] === a[p + 4]) return cached;
    const address = addressAt(this.u32, p);
    for (let j = 0; j < 5; j++) w[k + j] = a[p + j]!;
    this.addresses[i] = address;
    return address;
  }

  /** The topic at `p`, one string per distinct topic (direct-mapped cache). */
  private logTopic(p: number): Word {
    const a = this.arena;
    const i = (a[p]! ^ (a[p + 1]! >>> 9)) & (STRING_CACHE - 1);
    const w = this.topicWords;
    const k = i * 8;
    const cached = this.topics[i]!;
    if (cached !== null) {
      let same = true;
      for (let j = 0; j < 8; j++) {
        if (w[k + j] !== a[p + j]) {
          same = false;
          break;
        }
      }
      if (same) return cached;
    }
    const topic = wordFromLimbs(this.u32, p);
    for (let j = 0; j < 8; j++) w[k + j] = a[p + j]!;
    this.topics[i] = topic;
    return topic;
  }

  /** A copy of arena bytes [from, from + length): a view into a slab when small. */
  private bytes(from: number, length: number): Uint8Array {
    if (length === 0) return NO_BYTES;
    if (length > SLAB_DATA_MAX) return this.u8.slice(from, from + length);
    const data = this.dataSlab.take(length);
    const u8 = this.u8;
    for (let j = 0; j < length; j++) data[j] = u8[from + j]!;
    return data;
  }
}
