/**
 * The per-block part of a parallel job in shared memory: block environment, options, task counts and
 * the versions of the shared buffers. The main thread writes it before waking the workers; each worker
 * decodes it at the start of the block, so dispatching a block costs no message (postMessage and the
 * structured clone of the environment cost ~100 µs per block and worker).
 *
 * Layout (Int32 words; u256 values as 8 little-endian u32 limbs, addresses and words as 5 / 8 packed
 * words, see state/shared-words.ts):
 *   [taskCount, txCount, stateVersion, memoryGeneration, flags, workers, fallbackWindow, crashAtTask,
 *    fallbackRatio (f64), delayProbability (f64), coinbase x5, prevRandao x8, beaconRoot x8,
 *    blockHashCount, pad, number, timestamp, gasLimit, baseFee, chainId, excessBlobGas, blobBaseFee (x8 each),
 *    blockHashes: {number lo, number hi, hash x8} x blockHashCount]
 * BLOCKHASH reads the hashes from here when it runs: decoding 256 of them per block would cost more than
 * the opcode is ever used.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { BlockEnv } from '../block/block-env.js';
import * as u256 from '../evm/u256.js';
import { addressFromWords, addressToWords, wordFromWords, wordToWords } from '../state/shared-words.js';
import type { ParallelOptions } from './block-job.js';

const enum H {
  TASK_COUNT = 0,
  TX_COUNT = 1,
  STATE_VERSION = 2,
  MEMORY_GENERATION = 3,
  FLAGS = 4,
  WORKERS = 5,
  FALLBACK_WINDOW = 6,
  CRASH_AT_TASK = 7,
  /** Float64 index 4 (byte 32). */
  FALLBACK_RATIO_F64 = 4,
  /** Float64 index 5 (byte 40). */
  DELAY_PROBABILITY_F64 = 5,
  COINBASE = 12,
  PREV_RANDAO = 17,
  BEACON_ROOT = 25,
  BLOCK_HASH_COUNT = 33,
  U256_FIELDS = 36,
  BLOCK_HASHES = 36 + 7 * 8,
}

const FLAG_BEACON_ROOT = 1;
const FLAG_DELTA_CREDITS = 2;
const FLAG_CRASH_EXIT = 4;
const FLAG_CRASH_HANG = 8;
const FLAG_NO_SERIAL_PREFIX_RULE = 16;
const HASH_RECORD = 10;
const MAX_BLOCK_HASHES = 256;
/** Bytes of the header buffer. */
export const BLOCK_HEADER_BYTES = (H.BLOCK_HASHES + MAX_BLOCK_HASHES * HASH_RECORD) * 4;

/** What a worker needs to run a block, besides the shared buffers. */
export interface BlockHeader {
  taskCount: number;
  txCount: number;
  stateVersion: number;
  memoryGeneration: number;
  env: BlockEnv;
  beaconRoot: Word | null;
  options: ParallelOptions;
}

export function allocateBlockHeader(): SharedArrayBuffer {
  return new SharedArrayBuffer(BLOCK_HEADER_BYTES);
}

const limbs = new Uint32Array(8);

function putU256(words: Int32Array, at: number, value: bigint): void {
  u256.fromBigInt(limbs, 0, value);
  for (let i = 0; i < 8; i++) words[at + i] = limbs[i]!;
}

function getU256(words: Int32Array, at: number): bigint {
  for (let i = 0; i < 8; i++) limbs[i] = words[at + i]!;
  return u256.toBigInt(limbs, 0);
}

/** Writes `header` (main thread, before waking the workers). */
export function writeBlockHeader(buffer: SharedArrayBuffer, header: BlockHeader): void {
  const w = new Int32Array(buffer);
  const f = new Float64Array(buffer, 0, 8);
  const { env, options } = header;
  w[H.TASK_COUNT] = header.taskCount;
  w[H.TX_COUNT] = header.txCount;
  w[H.STATE_VERSION] = header.stateVersion;
  w[H.MEMORY_GENERATION] = header.memoryGeneration;
  w[H.FLAGS] = (header.beaconRoot !== null ? FLAG_BEACON_ROOT : 0) | (options.deltaCredits ? FLAG_DELTA_CREDITS : 0) | (options.crashMode === 'exit' ? FLAG_CRASH_EXIT : 0) | (options.crashMode === 'hang' ? FLAG_CRASH_HANG : 0) |
    (options.serialPrefixRule ? 0 : FLAG_NO_SERIAL_PREFIX_RULE);
  w[H.WORKERS] = options.workers;
  w[H.FALLBACK_WINDOW] = options.fallbackWindow;
  w[H.CRASH_AT_TASK] = options.crashAtTask;
  f[H.FALLBACK_RATIO_F64] = options.fallbackRatio;
  f[H.DELAY_PROBABILITY_F64] = options.delayProbability;
  addressToWords(env.coinbase, w, H.COINBASE);
  wordToWords(env.prevRandao, w, H.PREV_RANDAO);
  if (header.beaconRoot !== null) wordToWords(header.beaconRoot, w, H.BEACON_ROOT);
  const fields = [env.number, env.timestamp, env.gasLimit, env.baseFee, env.chainId, env.excessBlobGas, env.blobBaseFee];
  for (let i = 0; i < fields.length; i++) putU256(w, H.U256_FIELDS + 8 * i, fields[i]!);
  let count = 0;
  for (let n = env.number - BigInt(MAX_BLOCK_HASHES); n < env.number; n++) {
    if (n < 0n) continue;
    const hash = env.blockHash(n);
    if (hash === undefined) continue;
    const at = H.BLOCK_HASHES + count * HASH_RECORD;
    w[at] = Number(n & 0xffffffffn);
    w[at + 1] = Number((n >> 32n) & 0xffffffffn);
    wordToWords(hash, w, at + 2);
    count++;
  }
  w[H.BLOCK_HASH_COUNT] = count;
}

/** Reads the header (worker, at the start of a block). */
export function readBlockHeader(buffer: SharedArrayBuffer): BlockHeader {
  const w = new Int32Array(buffer);
  const f = new Float64Array(buffer, 0, 8);
  const flags = w[H.FLAGS]!;
  const u = (i: number): bigint => getU256(w, H.U256_FIELDS + 8 * i);
  const hashCount = w[H.BLOCK_HASH_COUNT]!;
  const blockHash = (n: bigint): Word | undefined => {
    for (let i = 0; i < hashCount; i++) {
      const at = H.BLOCK_HASHES + i * HASH_RECORD;
      if (BigInt(w[at]! >>> 0) + (BigInt(w[at + 1]! >>> 0) << 32n) === n) return wordFromWords(w, at + 2);
    }
    return undefined;
  };
  const env: BlockEnv = {
    number: u(0),
    coinbase: addressFromWords(w, H.COINBASE) as Address,
    timestamp: u(1),
    gasLimit: u(2),
    baseFee: u(3),
    prevRandao: wordFromWords(w, H.PREV_RANDAO),
    chainId: u(4),
    excessBlobGas: u(5),
    blobBaseFee: u(6),
    blockHash,
  };
  return {
    taskCount: w[H.TASK_COUNT]!,
    txCount: w[H.TX_COUNT]!,
    stateVersion: w[H.STATE_VERSION]!,
    memoryGeneration: w[H.MEMORY_GENERATION]!,
    env,
    beaconRoot: (flags & FLAG_BEACON_ROOT) !== 0 ? wordFromWords(w, H.BEACON_ROOT) : null,
    options: {
      workers: w[H.WORKERS]!,
      deltaCredits: (flags & FLAG_DELTA_CREDITS) !== 0,
      fallbackWindow: w[H.FALLBACK_WINDOW]!,
      fallbackRatio: f[H.FALLBACK_RATIO_F64]!,
      serialPrefixRule: (flags & FLAG_NO_SERIAL_PREFIX_RULE) === 0,
      delayProbability: f[H.DELAY_PROBABILITY_F64]!,
      crashAtTask: w[H.CRASH_AT_TASK]!,
      crashMode: (flags & FLAG_CRASH_EXIT) !== 0 ? 'exit' : (flags & FLAG_CRASH_HANG) !== 0 ? 'hang' : 'throw',
    },
  };
}
