/**
 * All shared memory one parallel block needs — the encoded transactions, scheduler arrays, multi-version
 * memory, the code deployed in the block, per-transaction output pointers — sized for a block and reused
 * for later blocks while big enough. A `generation` number tells workers when the buffers were replaced.
 */
import { allocateBlockCodeBuffers, type BlockCodeBuffers } from './block-code-store.js';
import { allocateMvBuffers, type MvBuffers } from './mv-memory.js';
import { Ctl, type SchedulerArrays } from './scheduler.js';

export interface BlockCapacity {
  tasks: number;
  keys: number;
  locations: number;
  entries: number;
  arenaWords: number;
  depNodes: number;
  codeSlots: number;
  codeBytes: number;
  /** Bytes for the encoded transactions (tx-codec.ts), a multiple of 8. */
  txBytes: number;
}

export interface BlockMemoryBuffers {
  generation: number;
  capacity: BlockCapacity;
  ctl: SharedArrayBuffer;
  status: SharedArrayBuffer;
  depLock: SharedArrayBuffer;
  depHead: SharedArrayBuffer;
  depNodes: SharedArrayBuffer;
  /** Int32 per task: arena offset of its last output (0 = none). */
  outputs: SharedArrayBuffer;
  /** The block's encoded transactions and their Int32 offsets (tx-codec.ts). */
  txBytes: SharedArrayBuffer;
  txOffsets: SharedArrayBuffer;
  mv: MvBuffers;
  code: BlockCodeBuffers;
}

/**
 * Generous sizes for a block of `tasks` transactions run by `workers` threads (each thread reserves
 * locations, versions and arena space in chunks: see mv-memory.ts). A block that still overflows falls
 * back to sequential execution, and the next block gets twice the space.
 */
export function capacityFor(tasks: number, workers: number, txBytes = 0): BlockCapacity {
  const n = Math.max(tasks, 64);
  return {
    tasks: n,
    keys: 8 * n + 4096 + 2 * 64 * workers,
    locations: 16 * n + 4096 + 2 * 64 * workers,
    entries: 32 * n + 4096 + 2 * 256 * workers,
    arenaWords: 512 * n + 65536 + 2 * 16384 * workers,
    depNodes: 8 * n + 1024,
    codeSlots: n + 64,
    codeBytes: 64 * 1024 + 2 * 1024 * n,
    txBytes: roundUp8(Math.max(txBytes, 512 * n)),
  };
}

export function fits(capacity: BlockCapacity, needed: BlockCapacity): boolean {
  return capacity.tasks >= needed.tasks && capacity.keys >= needed.keys && capacity.locations >= needed.locations && capacity.entries >= needed.entries &&
    capacity.arenaWords >= needed.arenaWords && capacity.depNodes >= needed.depNodes && capacity.codeSlots >= needed.codeSlots &&
    capacity.codeBytes >= needed.codeBytes && capacity.txBytes >= needed.txBytes;
}

/** The larger of each dimension. */
export function maxCapacity(a: BlockCapacity, b: BlockCapacity): BlockCapacity {
  const c = { ...a };
  for (const k of Object.keys(c) as Array<keyof BlockCapacity>) c[k] = Math.max(a[k], b[k]);
  return c;
}

/** Doubles every dimension (after an overflow). */
export function grown(capacity: BlockCapacity): BlockCapacity {
  const c = { ...capacity };
  for (const k of Object.keys(c) as Array<keyof BlockCapacity>) c[k] *= 2;
  return c;
}

function roundUp8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

let nextGeneration = 1;

export function allocateBlockMemory(capacity: BlockCapacity): BlockMemoryBuffers {
  const t = capacity.tasks;
  return {
    generation: nextGeneration++,
    capacity,
    ctl: new SharedArrayBuffer(Ctl.SIZE * 4),
    status: new SharedArrayBuffer(t * 4),
    depLock: new SharedArrayBuffer(t * 4),
    depHead: new SharedArrayBuffer(t * 4),
    depNodes: new SharedArrayBuffer(capacity.depNodes * 2 * 4),
    outputs: new SharedArrayBuffer(t * 4),
    txBytes: new SharedArrayBuffer(roundUp8(capacity.txBytes)),
    txOffsets: new SharedArrayBuffer(t * 4),
    mv: allocateMvBuffers({ txs: t, keys: capacity.keys, locations: capacity.locations, entries: capacity.entries, arenaWords: capacity.arenaWords }),
    code: allocateBlockCodeBuffers(capacity.codeSlots, capacity.codeBytes),
  };
}

export function schedulerArrays(b: BlockMemoryBuffers): SchedulerArrays {
  return {
    ctl: new Int32Array(b.ctl),
    status: new Int32Array(b.status),
    depLock: new Int32Array(b.depLock),
    depHead: new Int32Array(b.depHead),
    depNodes: new Int32Array(b.depNodes),
  };
}
