/**
 * The outcome of a transaction's last incarnation in shared memory, written by the worker that executed it
 * and read by the main thread when it builds the block result: status, gas, validity, created contract,
 * the receipt's logs bloom bits (hashed in the worker, in parallel) and the logs.
 *
 * Layout (Int32 words in the multi-version memory's arena):
 *   [words, status, gasLo, gasHi, blobGas, flags, contract x5, logCount, reasonLength, bloomItems,
 *    bloom bits (2 words per log address and topic), reason (UTF-16 pairs),
 *    logs: {address x5, topicCount, topics x8n, dataLength, data}]
 *
 * The bloom is kept as the bit positions of its items (3 per address or topic), not as 256 bytes: an ERC-20
 * Transfer has 4 items, so the worker writes 8 words instead of clearing, filling and copying 64, and the
 * main thread sets 12 bits in the receipt's bloom and the block's instead of copying and OR-ing 64 words.
 */
import type { Address } from '../primitives/address.js';
import { wordFromLimbs, wordToLimbs } from '../primitives/word.js';
import type { Log } from '../evm/log.js';
import type { Status } from '../evm/status.js';
import type { TransactionOutcome } from '../execution/transaction-outcome.js';
import { allocateBloom, logsBloom, setBloomBits } from '../block/bloom.js';

/** The shared bloom of receipts without logs (see logsBloom). */
const NO_LOGS_BLOOM = logsBloom([]);
const FLAG_INVALID = 1;
const FLAG_CONTRACT = 2;
const FLAG_STORAGE_CLEARED = 4;
const FIXED = 14;
/** 2^22: a packed item's bits are b0 | b1 << 11 (low word) and b2 (high word). */
const BITS_SPLIT = 4194304;
const MAX_SAFE_GAS = BigInt(Number.MAX_SAFE_INTEGER);

export interface DecodedOutput {
  status: Status;
  gasUsed: bigint;
  blobGasUsed: number;
  invalidReason: string | null;
  contractAddress: Address | null;
  storageCleared: boolean;
  bloom: Uint8Array;
  logs: Log[];
}

// Indexed loops throughout: for-of iterators over logs and topics were ~150 bytes of garbage per
// ERC-20 transfer in a worker (not all of them are optimized away).
function outputWords(outcome: TransactionOutcome, bloomItems: number): number {
  const logs = outcome.logs;
  let words = FIXED + 2 * bloomItems + Math.ceil((outcome.invalidReason?.length ?? 0) / 2);
  for (let l = 0; l < logs.length; l++) words += 5 + 1 + 8 * logs[l]!.topics.length + 1 + Math.ceil(logs[l]!.data.length / 4);
  return words;
}

/** Typed views over an arena, made once per arena (views over a big SharedArrayBuffer are not free). */
interface ArenaViews {
  u32: Uint32Array;
  u8: Uint8Array;
}
const viewCache = new WeakMap<ArrayBufferLike, ArenaViews>();

function viewsOf(arena: Int32Array): ArenaViews {
  let v = viewCache.get(arena.buffer);
  if (v === undefined) {
    v = { u32: new Uint32Array(arena.buffer), u8: new Uint8Array(arena.buffer) };
    viewCache.set(arena.buffer, v);
  }
  return v;
}

/**
 * Writes `outcome` at a fresh place of the arena (allocate(words) gives the word offset) and returns the
 * offset, or -1 on overflow. `bloomBits[0 .. bloomItems)` are its logs' bloom bits (logsBloomBits).
 */
export function writeOutput(arena: Int32Array, allocate: (words: number) => number, outcome: TransactionOutcome, bloomBits: Float64Array, bloomItems: number, storageCleared: boolean): number {
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
  arena[at + 5] = (outcome.invalidReason !== null ? FLAG_INVALID : 0) | (outcome.contractAddress !== null ? FLAG_CONTRACT : 0) | (storageCleared ? FLAG_STORAGE_CLEARED : 0);
  if (outcome.contractAddress !== null) {
    const a = outcome.contractAddress;
    for (let i = 0; i < 5; i++) arena[at + 6 + i] = (a.charCodeAt(2 * i) << 16) | a.charCodeAt(2 * i + 1);
  }
  arena[at + 11] = outcome.logs.length;
  const reason = outcome.invalidReason ?? '';
  arena[at + 12] = reason.length;
  arena[at + 13] = bloomItems;
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

/**
 * Decodes the record at `at`. The receipt bloom is built from the record's bloom bits; they are also set in
 * `blockBloom` (the block's bloom is the OR of its receipts').
 */
export function readOutput(arena: Int32Array, at: number, blockBloom: Uint8Array): DecodedOutput {
  const { u32, u8 } = viewsOf(arena);
  const flags = arena[at + 5]!;
  let contractAddress: Address | null = null;
  if ((flags & FLAG_CONTRACT) !== 0) contractAddress = addressAt(u32, at + 6);
  const logCount = arena[at + 11]!;
  const reasonLength = arena[at + 12]!;
  let p = at + FIXED;
  let bloom = NO_LOGS_BLOOM;
  const bloomItems = arena[at + 13]!;
  if (bloomItems > 0) {
    bloom = allocateBloom();
    for (let i = 0; i < bloomItems; i++, p += 2) {
      const bits = arena[p]! + arena[p + 1]! * BITS_SPLIT;
      setBloomBits(bloom, bits);
      setBloomBits(blockBloom, bits);
    }
  }
  let reason = '';
  for (let i = 0; i < reasonLength; i += 2) {
    const w = u32[p++]!;
    reason += String.fromCharCode(w >>> 16);
    if (i + 1 < reasonLength) reason += String.fromCharCode(w & 0xffff);
  }
  const logs: Log[] = new Array(logCount);
  for (let l = 0; l < logCount; l++) {
    const address = addressAt(u32, p);
    p += 5;
    const topicCount = arena[p++]!;
    const topics = new Array(topicCount);
    for (let t = 0; t < topicCount; t++) {
      topics[t] = wordFromLimbs(u32, p);
      p += 8;
    }
    const length = arena[p++]!;
    const data = u8.slice(p * 4, p * 4 + length);
    p += Math.ceil(length / 4);
    logs[l] = { address, topics, data };
  }
  return {
    status: arena[at + 1]! as Status,
    gasUsed: u32[at + 3]! < 0x200000 ? BigInt(u32[at + 3]! * 4294967296 + u32[at + 2]!) : (BigInt(u32[at + 3]!) << 32n) | BigInt(u32[at + 2]!),
    blobGasUsed: arena[at + 4]!,
    invalidReason: (flags & FLAG_INVALID) !== 0 ? reason : null,
    contractAddress,
    storageCleared: (flags & FLAG_STORAGE_CLEARED) !== 0,
    bloom,
    logs,
  };
}
