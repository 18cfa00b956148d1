/**
 * Multi-version memory (Block-STM's MVMemory) in shared memory.
 *
 * Locations — account nonce, balance, code hash, and storage slots — are interned per block into dense
 * indexes through a shared open-addressing table (insert by compare-and-swap). Each location has a list
 * of versions sorted by transaction index, descending; a version is (tx, incarnation, flags, 32-byte
 * value). Writers take the location's spin lock; readers walk the list without locks. Versions are never
 * modified after publication except for the ESTIMATE flag: a new incarnation publishes a new entry and
 * swaps the pointer, so a reader sees either the old or the new entry, never a torn value.
 *
 * A read by transaction k sees the highest version below k, the pre-block state if there is none, or a
 * dependency on tx j if that version is an ESTIMATE. DELTA versions are commutative balance credits
 * (value transfers, fees to the beneficiary): a read adds them up on top of the next absolute version
 * below, and is validated by value rather than by version.
 *
 * Read sets and write sets of the last incarnation of each transaction are kept in a shared arena so that
 * any worker can validate any transaction. Everything is bump-allocated per block; running out of space
 * sets `overflow` and the executor falls back to sequential execution for that block.
 */
import { lockWord, unlockWord } from './futex-lock.js';
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

export const enum LocationKind {
  NONCE = 0,
  BALANCE = 1,
  CODE_HASH = 2,
  STORAGE = 3,
}

export const enum ReadKind {
  /** Nothing written below the reader: the value comes from the pre-block state. */
  BASE = 0,
  /** The version (readTx, readIncarnation). */
  VERSION = 1,
  /** Sum of deltas on top of a base or version: validated by value. */
  VALUE = 2,
  /** An ESTIMATE of transaction readTx: the reader must wait for it. */
  BLOCKED = 3,
}

// ---- header words -----------------------------------------------------------------------------------
export const enum MvHeader {
  EPOCH = 0,
  LOCATIONS = 1,
  ENTRIES = 2,
  ARENA = 3,
  OVERFLOW = 4,
  KEYS = 5,
  SIZE = 8,
}

/**
 * The intern table is dense — [tag, hash, key record, unused] per slot (16 bytes) — with the keys in a
 * separate store: with the full key in 64-byte slots, a 10k-transaction block's table was 32 MB and every
 * probe for a new location missed the cache (interning was ~14% of a worker's time).
 */
const SLOT_WORDS = 4;
/** Entries of each per-thread location cache (a power of two). */
const LOCATION_CACHE_SIZE = 4096;
export const KEY_WORDS = 16; // [account facts, loc, kind, addr x5, slot x8]
/** Account facts bit: a reader found the account's pre-block code hash empty (no code, or no account). */
const FACT_BASE_CODE_EMPTY = 1;
const LOC_WORDS = 4; // [head, lock, key record, account field (0 nonce, 1 balance, 2 code hash) | writers << 2]
const ENTRY_WORDS = 12; // [tx, incarnation << 2 | flags, next, unused, value x8]
const FLAG_ESTIMATE = 1;
const FLAG_DELTA = 2;

/** The shared buffers of one multi-version memory. */
export interface MvBuffers {
  header: SharedArrayBuffer;
  table: SharedArrayBuffer;
  keys: SharedArrayBuffer;
  locations: SharedArrayBuffer;
  entries: SharedArrayBuffer;
  arena: SharedArrayBuffer;
  /** Per transaction: arena offset of the last read set and of the last write set (0 = none). */
  txSets: SharedArrayBuffer;
}

export interface MvCapacity {
  txs: number;
  /** Distinct keys (accounts and storage slots); the intern table has twice as many slots. */
  keys: number;
  locations: number;
  entries: number;
  arenaWords: number;
}

export function allocateMvBuffers(cap: MvCapacity): MvBuffers {
  let tableSlots = 1;
  while (tableSlots < cap.keys * 2) tableSlots *= 2;
  return {
    header: new SharedArrayBuffer(MvHeader.SIZE * 4),
    table: new SharedArrayBuffer(tableSlots * SLOT_WORDS * 4),
    keys: new SharedArrayBuffer((cap.keys + 1) * KEY_WORDS * 4),
    locations: new SharedArrayBuffer((cap.locations + 1) * LOC_WORDS * 4),
    entries: new SharedArrayBuffer((cap.entries + 1) * ENTRY_WORDS * 4),
    arena: new SharedArrayBuffer((cap.arenaWords + 1) * 4),
    txSets: new SharedArrayBuffer(Math.max(1, cap.txs) * 2 * 4),
  };
}

/** Mixes key words into a table position (multiplicative hashing on 32-bit words). */
function mix(h: number, w: number): number {
  h = Math.imul(h ^ w, 0x9e3779b1);
  return (h ^ (h >>> 15)) | 0;
}

export class MvMemory {
  readonly header: Int32Array;
  private readonly table: Int32Array;
  private readonly tableMask: number;
  private readonly keyStore: Int32Array;
  private readonly maxKeys: number;
  private readonly locs: Int32Array;
  private readonly maxLocations: number;
  private readonly entries: Int32Array;
  private readonly entriesU32: Uint32Array;
  private readonly maxEntries: number;
  readonly arena: Int32Array;
  private readonly txSets: Int32Array;
  private epoch = 0;
  // Per-thread reservations: shared counters are bumped once per chunk, not per allocation (two workers
  // bumping one counter per location/version/record made that cache line the hottest spot of a run).
  private locNext = 0;
  private locEnd = 0;
  private keyNext = 0;
  private keyEnd = 0;
  private entryNext = 0;
  private entryEnd = 0;
  private arenaNext = 0;
  private arenaEnd = 0;

  /** Key words of the location being looked up (filled by setKey*). */
  private readonly key = new Int32Array(14);
  /**
   * Per-thread direct-mapped caches of interned locations for the current block, indexed by the last
   * UTF-16 units of the packed address / slot strings and checked by string equality. A transaction looks
   * a location up when it reads it and again when it publishes its writes, so a small cache catches the
   * repeats; a miss just interns (which finds the existing location). Maps keyed by the strings cost more
   * than they saved on blocks of distinct accounts (raw transfers: ~12% of a worker's time in Map misses
   * and inserts). An account is interned once: nonce, balance and code hash are consecutive locations.
   * Each entry also holds a 32-bit fingerprint of its key (other units than the index's), compared before
   * the strings: most lookups of a block of distinct accounts miss, and comparing against the cached
   * string loaded an old heap object for nothing (its line was the worker's costliest on 10k ERC-20
   * transfers, ~0.6 µs per transaction in a sampled profile: a cache miss on a different key's string).
   */
  private readonly accountKeys: string[] = new Array<string>(LOCATION_CACHE_SIZE).fill('');
  private readonly accountTags = new Int32Array(LOCATION_CACHE_SIZE);
  private readonly accountLocs = new Int32Array(LOCATION_CACHE_SIZE);
  private readonly storageAddresses: string[] = new Array<string>(LOCATION_CACHE_SIZE).fill('');
  private readonly storageSlots: string[] = new Array<string>(LOCATION_CACHE_SIZE).fill('');
  private readonly storageTags = new Int32Array(LOCATION_CACHE_SIZE);
  private readonly storageLocs = new Int32Array(LOCATION_CACHE_SIZE);

  // ---- result of the last read ----
  readKind: ReadKind = ReadKind.BASE;
  readTx = -1;
  readIncarnation = 0;
  /** The value of the last VERSION/VALUE read (8 little-endian u32 limbs); for VALUE reads of a balance
   * resolved onto the base state, `readAddsToBase` tells the caller to add the base value. */
  readonly value = new Uint32Array(8);
  readAddsToBase = false;
  /** For VALUE reads: the highest transaction whose version was folded in (dependency tracking). */
  readHighestTx = -1;

  constructor(readonly buffers: MvBuffers) {
    this.header = new Int32Array(buffers.header);
    this.table = new Int32Array(buffers.table);
    this.tableMask = this.table.length / SLOT_WORDS - 1;
    this.keyStore = new Int32Array(buffers.keys);
    this.maxKeys = this.keyStore.length / KEY_WORDS - 1;
    this.locs = new Int32Array(buffers.locations);
    this.maxLocations = this.locs.length / LOC_WORDS - 1;
    this.entries = new Int32Array(buffers.entries);
    this.entriesU32 = new Uint32Array(buffers.entries);
    this.maxEntries = this.entries.length / ENTRY_WORDS - 1;
    this.arena = new Int32Array(buffers.arena);
    this.txSets = new Int32Array(buffers.txSets);
  }

  /** Main thread, before a block: a new epoch makes every table slot of earlier blocks empty. */
  static startBlock(buffers: MvBuffers, txCount: number): void {
    const header = new Int32Array(buffers.header);
    const epoch = header[MvHeader.EPOCH]! + 1;
    header.fill(0);
    header[MvHeader.EPOCH] = epoch > 0x3fffffff ? 1 : epoch;
    header[MvHeader.LOCATIONS] = 0;
    header[MvHeader.ENTRIES] = 1; // entry 0 is the null pointer
    header[MvHeader.ARENA] = 1; // offset 0 means "none"
    header[MvHeader.KEYS] = 1; // key record 0 is unused
    new Int32Array(buffers.txSets).fill(0, 0, txCount * 2);
  }

  /** Worker, at the start of a block. */
  beginBlock(): void {
    this.epoch = Atomics.load(this.header, MvHeader.EPOCH);
    this.accountKeys.fill('');
    this.storageAddresses.fill('');
    this.locNext = this.locEnd = 0;
    this.keyNext = this.keyEnd = 0;
    this.entryNext = this.entryEnd = 0;
    this.arenaNext = this.arenaEnd = 0;
  }

  overflowed(): boolean {
    return Atomics.load(this.header, MvHeader.OVERFLOW) !== 0;
  }

  private overflow(): void {
    Atomics.store(this.header, MvHeader.OVERFLOW, 1);
  }

  locationCount(): number {
    return Math.min(Atomics.load(this.header, MvHeader.LOCATIONS), this.maxLocations);
  }

  // ---- interning -----------------------------------------------------------------------------------

  private setAddressKey(kind: LocationKind, address: Address): void {
    const k = this.key;
    k[0] = kind;
    for (let i = 0; i < 5; i++) k[1 + i] = (address.charCodeAt(2 * i) << 16) | address.charCodeAt(2 * i + 1);
  }

  /** The key of `address`'s account fields (the record its three field locations share). */
  private setAccountKey(address: Address): void {
    this.setAddressKey(LocationKind.NONCE, address);
    this.key.fill(0, 6, 14);
  }

  private setSlotKey(slot: Word): void {
    const k = this.key;
    for (let i = 0; i < 8; i++) k[6 + i] = (slot.charCodeAt(2 * i) << 16) | slot.charCodeAt(2 * i + 1);
  }

  /** Location index of an account field (kind NONCE, BALANCE or CODE_HASH); -1 on overflow. */
  accountLocation(kind: LocationKind, address: Address): number {
    const i = (address.charCodeAt(9) ^ (address.charCodeAt(8) << 4)) & (LOCATION_CACHE_SIZE - 1);
    const tag = (address.charCodeAt(0) << 16) | address.charCodeAt(1);
    if (this.accountTags[i] === tag && this.accountKeys[i] === address) return this.accountLocs[i]! + kind;
    this.setAccountKey(address);
    const base = this.intern(3);
    if (base < 0) return -1;
    this.accountKeys[i] = address;
    this.accountTags[i] = tag;
    this.accountLocs[i] = base;
    return base + kind;
  }

  storageLocation(address: Address, slot: Word): number {
    const i = (slot.charCodeAt(15) ^ (slot.charCodeAt(14) << 4) ^ (address.charCodeAt(9) << 1)) & (LOCATION_CACHE_SIZE - 1);
    const tag = ((slot.charCodeAt(0) << 16) | slot.charCodeAt(1)) ^ address.charCodeAt(0);
    if (this.storageTags[i] === tag && this.storageSlots[i] === slot && this.storageAddresses[i] === address) return this.storageLocs[i]!;
    this.setAddressKey(LocationKind.STORAGE, address);
    this.setSlotKey(slot);
    const loc = this.intern(1);
    if (loc < 0) return -1;
    this.storageAddresses[i] = address;
    this.storageSlots[i] = slot;
    this.storageTags[i] = tag;
    this.storageLocs[i] = loc;
    return loc;
  }

  /**
   * The first of the three locations of `address`'s account fields if the block interned them, else -1.
   * A pure lookup (inserts nothing), for building the block result after the run.
   */
  findAccountLocation(address: Address): number {
    this.setAccountKey(address);
    const h = this.keyHash();
    const table = this.table;
    const mask = this.tableMask;
    for (let probe = 0; probe <= mask; probe++) {
      const slot = ((h + probe) & mask) * SLOT_WORDS;
      if (Atomics.load(table, slot) !== this.epoch) return -1; // empty: not interned
      if (table[slot + 1] !== h) continue;
      const record = table[slot + 2]!;
      if (record !== 0 && this.recordHoldsKey(record)) return this.keyStore[record + 1]!;
    }
    return -1;
  }

  /** Table hash of the key being looked up. */
  private keyHash(): number {
    const k = this.key;
    let h = 0x811c9dc5;
    for (let i = 0; i < 14; i++) h = mix(h, k[i]!);
    return h;
  }

  /** Whether key record `record` holds the key being looked up. */
  private recordHoldsKey(record: number): boolean {
    const k = this.key;
    const keys = this.keyStore;
    for (let i = 0; i < 14; i++) if (keys[record + 2 + i] !== k[i]) return false;
    return true;
  }

  /** Number of key records handed out in this block (an upper bound of `keySlotOf(loc) / KEY_WORDS`). */
  keyRecordCount(): number {
    return Math.min(Atomics.load(this.header, MvHeader.KEYS), this.maxKeys + 1);
  }

  /** Interns the key (allocating `width` consecutive locations for a new one); -1 on overflow. */
  private intern(width: number): number {
    const k = this.key;
    const h = this.keyHash();
    const table = this.table;
    const keys = this.keyStore;
    const epoch = this.epoch;
    const mask = this.tableMask;
    for (let probe = 0; probe <= mask; probe++) {
      const slot = ((h + probe) & mask) * SLOT_WORDS;
      // Until the slot is filled in this block. The rare outcomes (another thread is filling it, or won the
      // race to claim it) only jump back to the load, so they have no code of their own that could lack
      // type feedback: a spin loop of its own, first reached in a real block, deoptimized intern there.
      for (;;) {
        const tag = Atomics.load(table, slot);
        if (tag === epoch) break;
        if (tag === -epoch) continue; // another thread is filling it
        // Empty in this block: claim it.
        if (Atomics.compareExchange(table, slot, tag, -epoch) !== tag) continue;
        const record = this.reserveKey();
        const loc = record < 0 ? -1 : this.reserveLocations(width);
        if (loc < 0) {
          table[slot + 1] = h;
          table[slot + 2] = 0;
          Atomics.store(table, slot, epoch);
          return -1;
        }
        keys[record] = 0; // no account facts yet
        keys[record + 1] = loc;
        for (let i = 0; i < 14; i++) keys[record + 2 + i] = k[i]!;
        for (let w = 0; w < width; w++) {
          const l = (loc + w) * LOC_WORDS;
          this.locs[l + 2] = record;
          this.locs[l + 3] = w;
        }
        table[slot + 1] = h;
        table[slot + 2] = record;
        Atomics.store(table, slot, epoch);
        return loc;
      }
      if (table[slot + 1] === h) {
        const record = table[slot + 2]!;
        if (record === 0) return -1; // its creator overflowed
        if (this.recordHoldsKey(record)) return keys[record + 1]!;
      }
    }
    this.overflow();
    return -1;
  }

  /** A key record (word offset) from this thread's reservation; -1 on overflow. */
  private reserveKey(): number {
    if (this.keyNext === this.keyEnd) {
      const chunk = 64;
      const at = Atomics.add(this.header, MvHeader.KEYS, chunk);
      if (at + chunk > this.maxKeys + 1) {
        this.overflow();
        return -1;
      }
      this.keyNext = at;
      this.keyEnd = at + chunk;
    }
    return (this.keyNext++) * KEY_WORDS;
  }

  /** `width` consecutive location indexes from this thread's reservation; -1 on overflow. */
  private reserveLocations(width: number): number {
    if (this.locNext + width > this.locEnd) {
      const chunk = 64;
      const at = Atomics.add(this.header, MvHeader.LOCATIONS, chunk);
      if (at + chunk > this.maxLocations) {
        this.overflow();
        return -1;
      }
      // Unused reserved locations must read as "never written".
      this.locs.fill(0, at * LOC_WORDS, (at + chunk) * LOC_WORDS);
      this.locNext = at;
      this.locEnd = at + chunk;
    }
    const loc = this.locNext;
    this.locNext += width;
    return loc;
  }

  /** Offset of a location's key record in `keyWords` (account fields of one account share it). */
  keySlotOf(loc: number): number {
    return this.locs[loc * LOC_WORDS + 2]!;
  }

  /**
   * Records that the pre-block code hash of the account of location `loc` (an account field) is empty,
   * as a reader found it: the block result then needs no lookup for it (10k lookups scattered over the
   * pre-block state were ~1.4 ms of a 10k-transfer block's result). The pre-block state does not change
   * during a block, so every reader writes the same fact.
   */
  noteBaseCodeEmpty(loc: number): void {
    this.keyStore[this.locs[loc * LOC_WORDS + 2]!] = FACT_BASE_CODE_EMPTY;
  }

  /** Whether a reader found the pre-block code hash of key record `record`'s account empty. */
  baseCodeEmpty(record: number): boolean {
    return (this.keyStore[record]! & FACT_BASE_CODE_EMPTY) !== 0;
  }

  /** Key records: [account facts, loc, kind, address x5, slot x8], for reading without copying. */
  get keyWords(): Int32Array {
    return this.keyStore;
  }

  /** For an account location: 0 nonce, 1 balance, 2 code hash. */
  fieldOf(loc: number): number {
    return this.locs[loc * LOC_WORDS + 3]! & 3;
  }

  /** Key of a location (for building the block result): kind, address words, slot words. */
  locationKey(loc: number, out: Int32Array): void {
    const record = this.locs[loc * LOC_WORDS + 2]!;
    for (let i = 0; i < 14; i++) out[i] = this.keyStore[record + 2 + i]!;
    if (out[0] !== LocationKind.STORAGE) out[0] = this.locs[loc * LOC_WORDS + 3]! & 3; // field of an account
  }

  // ---- reads -----------------------------------------------------------------------------------------

  /**
   * Resolves `loc` as seen by transaction `tx` (tx = txCount reads the final value). Sets readKind,
   * readTx, readIncarnation, value, readAddsToBase.
   */
  read(loc: number, tx: number): ReadKind {
    const entries = this.entries;
    let e = Atomics.load(this.locs, loc * LOC_WORDS);
    while (e !== 0 && entries[e * ENTRY_WORDS]! >= tx) e = Atomics.load(entries, e * ENTRY_WORDS + 2);
    if (e === 0) {
      this.readKind = ReadKind.BASE;
      this.readTx = -1;
      this.readIncarnation = 0;
      return ReadKind.BASE;
    }
    let flags = Atomics.load(entries, e * ENTRY_WORDS + 1);
    if ((flags & FLAG_ESTIMATE) !== 0) return this.blockedBy(e);
    if ((flags & FLAG_DELTA) === 0) {
      this.readKind = ReadKind.VERSION;
      this.readTx = entries[e * ENTRY_WORDS]!;
      this.readIncarnation = flags >> 2;
      this.copyValue(e);
      return ReadKind.VERSION;
    }
    // A chain of deltas: sum them up until an absolute version or the base.
    const v = this.value;
    v.fill(0);
    this.readHighestTx = entries[e * ENTRY_WORDS]!;
    for (;;) {
      this.addValue(e);
      e = Atomics.load(entries, e * ENTRY_WORDS + 2);
      if (e === 0) {
        this.readAddsToBase = true;
        break;
      }
      flags = Atomics.load(entries, e * ENTRY_WORDS + 1);
      if ((flags & FLAG_ESTIMATE) !== 0) return this.blockedBy(e);
      if ((flags & FLAG_DELTA) === 0) {
        this.addValue(e);
        this.readAddsToBase = false;
        break;
      }
    }
    this.readKind = ReadKind.VALUE;
    this.readTx = -1;
    return ReadKind.VALUE;
  }

  private blockedBy(e: number): ReadKind {
    this.readKind = ReadKind.BLOCKED;
    this.readTx = this.entries[e * ENTRY_WORDS]!;
    return ReadKind.BLOCKED;
  }

  private copyValue(e: number): void {
    const src = this.entriesU32;
    const o = e * ENTRY_WORDS + 4;
    const v = this.value;
    for (let i = 0; i < 8; i++) v[i] = src[o + i]!;
  }

  private addValue(e: number): void {
    const src = this.entriesU32;
    const o = e * ENTRY_WORDS + 4;
    const v = this.value;
    let carry = 0;
    for (let i = 0; i < 8; i++) {
      const s = v[i]! + src[o + i]! + carry;
      v[i] = s;
      carry = s > 0xffffffff ? 1 : 0;
    }
  }

  /**
   * The `limit` locations with the most writers (at least 2), most first, ties in location order:
   * [loc, writers] pairs. After a run (plain reads). Writers are counted by write/remove under the
   * location's lock (walking every version list cost ~3 ms of a 10k-transaction block), and the top is
   * kept by bounded insertion (sorting every location with 2+ writers took ~1 ms).
   */
  mostWritten(limit: number): Array<[number, number]> {
    const top: Array<[number, number]> = [];
    const locs = this.locs;
    const end = this.locationCount() * LOC_WORDS;
    let floor = 2; // writers a location needs to enter `top`
    for (let l = 3; l < end; l += LOC_WORDS) {
      const writers = locs[l]! >>> 2;
      if (writers < floor) continue;
      let at = top.length;
      while (at > 0 && top[at - 1]![1] < writers) at--;
      top.splice(at, 0, [(l - 3) / LOC_WORDS, writers]);
      if (top.length > limit) top.pop();
      if (top.length === limit) floor = top[limit - 1]![1] + 1;
    }
    return top;
  }

  /** Whether any transaction of the block wrote `loc`. */
  written(loc: number): boolean {
    return Atomics.load(this.locs, loc * LOC_WORDS) !== 0;
  }

  // ---- writes ----------------------------------------------------------------------------------------

  private lock(loc: number): void {
    lockWord(this.locs, loc * LOC_WORDS + 1);
  }

  private unlock(loc: number): void {
    unlockWord(this.locs, loc * LOC_WORDS + 1);
  }

  /**
   * Publishes (tx, incarnation)'s version of `loc` with `value` (8 u32 limbs at value[valueOffset..]).
   * Returns false on overflow.
   */
  write(loc: number, tx: number, incarnation: number, delta: boolean, value: Uint32Array, valueOffset: number): boolean {
    if (this.entryNext === this.entryEnd) {
      const chunk = 256;
      const at = Atomics.add(this.header, MvHeader.ENTRIES, chunk);
      if (at + chunk > this.maxEntries + 1) {
        this.overflow();
        return false;
      }
      this.entryNext = at;
      this.entryEnd = at + chunk;
    }
    const e = this.entryNext++;
    const base = e * ENTRY_WORDS;
    const entries = this.entries;
    entries[base] = tx;
    entries[base + 1] = (incarnation << 2) | (delta ? FLAG_DELTA : 0);
    const dst = this.entriesU32;
    for (let i = 0; i < 8; i++) dst[base + 4 + i] = value[valueOffset + i]!;

    const locs = this.locs;
    const headIndex = loc * LOC_WORDS;
    this.lock(loc);
    // Find the link to update: the first entry with entry.tx <= tx.
    let prev = -1; // -1: the head
    let cur = locs[headIndex]!;
    while (cur !== 0 && entries[cur * ENTRY_WORDS]! > tx) {
      prev = cur;
      cur = entries[cur * ENTRY_WORDS + 2]!;
    }
    const replaces = cur !== 0 && entries[cur * ENTRY_WORDS] === tx;
    const next = replaces ? entries[cur * ENTRY_WORDS + 2]! : cur;
    entries[base + 2] = next;
    if (!replaces) locs[headIndex + 3] = locs[headIndex + 3]! + 4; // one more writer
    if (prev < 0) Atomics.store(locs, headIndex, e);
    else Atomics.store(entries, prev * ENTRY_WORDS + 2, e);
    this.unlock(loc);
    return true;
  }

  /** Removes tx's version of `loc` (its new incarnation no longer writes it). */
  remove(loc: number, tx: number): void {
    const locs = this.locs;
    const entries = this.entries;
    const headIndex = loc * LOC_WORDS;
    this.lock(loc);
    let prev = -1;
    let cur = locs[headIndex]!;
    while (cur !== 0 && entries[cur * ENTRY_WORDS]! > tx) {
      prev = cur;
      cur = entries[cur * ENTRY_WORDS + 2]!;
    }
    if (cur !== 0 && entries[cur * ENTRY_WORDS] === tx) {
      const next = entries[cur * ENTRY_WORDS + 2]!;
      if (prev < 0) Atomics.store(locs, headIndex, next);
      else Atomics.store(entries, prev * ENTRY_WORDS + 2, next);
      locs[headIndex + 3] = locs[headIndex + 3]! - 4; // one writer fewer
    }
    this.unlock(loc);
  }

  /** Marks every version written by tx's last incarnation as an ESTIMATE (after an abort). */
  convertWritesToEstimates(tx: number): void {
    const writes = Atomics.load(this.txSets, 2 * tx + 1);
    if (writes === 0) return;
    const arena = this.arena;
    const n = arena[writes]!;
    const entries = this.entries;
    for (let i = 1; i <= n; i++) {
      const loc = arena[writes + i]!;
      let e = Atomics.load(this.locs, loc * LOC_WORDS);
      while (e !== 0 && entries[e * ENTRY_WORDS]! > tx) e = Atomics.load(entries, e * ENTRY_WORDS + 2);
      if (e !== 0 && entries[e * ENTRY_WORDS] === tx) Atomics.or(entries, e * ENTRY_WORDS + 1, FLAG_ESTIMATE);
    }
  }

  // ---- per-transaction read and write sets -------------------------------------------------------------

  /** Bump-allocates `words` words of the arena (from this thread's reserved chunk); -1 on overflow. */
  allocate(words: number): number {
    if (this.arenaNext + words > this.arenaEnd) {
      const chunk = Math.max(16384, words);
      const at = Atomics.add(this.header, MvHeader.ARENA, chunk);
      if (at + chunk > this.arena.length) {
        this.overflow();
        return -1;
      }
      this.arenaNext = at;
      this.arenaEnd = at + chunk;
    }
    const at = this.arenaNext;
    this.arenaNext += words;
    return at;
  }

  /**
   * Records the write set (sorted location list, `locs[0..n)`) of tx's new incarnation after its versions
   * were written: removes versions of locations the previous incarnation wrote but this one did not.
   * Returns whether a location outside the previous write set was written (Block-STM's wrote_new_path).
   */
  recordWrites(tx: number, locs: Int32Array, n: number): boolean {
    const previous = Atomics.load(this.txSets, 2 * tx + 1);
    const arena = this.arena;
    let wroteNew = false;
    if (previous === 0) {
      wroteNew = n > 0;
    } else {
      const pn = arena[previous]!;
      // Both lists are sorted: a merge finds removed and new locations.
      let i = 0;
      let j = 1;
      while (i < n || j <= pn) {
        const a = i < n ? locs[i]! : 0x7fffffff;
        const b = j <= pn ? arena[previous + j]! : 0x7fffffff;
        if (a === b) {
          i++;
          j++;
        } else if (a < b) {
          wroteNew = true;
          i++;
        } else {
          this.remove(b, tx);
          j++;
        }
      }
    }
    let at = 0;
    if (n > 0) {
      at = this.allocate(n + 1);
      if (at < 0) return true;
      arena[at] = n;
      for (let i = 0; i < n; i++) arena[at + 1 + i] = locs[i]!;
    }
    Atomics.store(this.txSets, 2 * tx + 1, at);
    return wroteNew;
  }

  /** Publishes tx's read set (`reads[0..n)` words: records [loc, BASE|VERSION, tx, incarnation] or
   * [loc, VALUE, addsToBase, value x8, highest tx]). */
  recordReads(tx: number, reads: Int32Array, n: number): void {
    const at = this.allocate(n + 1);
    if (at < 0) return;
    const arena = this.arena;
    arena[at] = n;
    for (let i = 0; i < n; i++) arena[at + 1 + i] = reads[i]!; // no subarray view (garbage per execution)
    Atomics.store(this.txSets, 2 * tx, at);
  }

  /** Offset of tx's published read set in the arena (0 = none). */
  readSetOf(tx: number): number {
    return Atomics.load(this.txSets, 2 * tx);
  }

  /** Re-resolves every read of tx's last incarnation; false if any saw a different version or value. */
  validateReads(tx: number): boolean {
    const at = Atomics.load(this.txSets, 2 * tx);
    if (at === 0) return true;
    const arena = this.arena;
    const end = at + 1 + arena[at]!;
    let p = at + 1;
    while (p < end) {
      const loc = arena[p]!;
      const kind = arena[p + 1]!;
      const r = this.read(loc, tx);
      if (kind === ReadKind.VALUE) {
        if (r !== ReadKind.VALUE || (this.readAddsToBase ? 1 : 0) !== arena[p + 2]) return false;
        const v = this.value;
        for (let i = 0; i < 8; i++) if ((v[i]! | 0) !== arena[p + 3 + i]) return false;
        p += 12;
        continue;
      }
      if (r !== kind) return false;
      if (kind === ReadKind.VERSION && (this.readTx !== arena[p + 2] || this.readIncarnation !== arena[p + 3])) return false;
      p += 4;
    }
    return true;
  }
}
