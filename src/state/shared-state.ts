/**
 * SharedState: the state before a block, in SharedArrayBuffers, so that every Block-STM worker thread
 * reads it in place (no copy, no messages). Same content and semantics as MemoryState (`apply`,
 * `stateRoot`), as a flat store of three shared tables (shared-hash-table.ts):
 *  - accounts, keyed by address (5 u32): storage-slot count, nonce (u64), balance (4 little-endian u64,
 *    read through a BigUint64Array: one BigInt read when the balance fits in 64 bits), code hash;
 *  - storage, keyed by address + slot (13 u32) -> value (8 u32); zero values are not stored;
 *  - code (shared-code-store.ts): code hash -> bytes in an append-only arena.
 *
 * Threads: only the creating (main) thread writes, and only between blocks, while no worker reads.
 * `handles()` is a structured-cloneable descriptor of the buffers; a worker calls `SharedState.attach`
 * on it and gets a read-only view. In-place writes are visible to existing views; when `apply` has to
 * grow a table it allocates new buffers and bumps `version`: views attached to an older version are
 * stale (`isStale()`) and must re-attach with fresh `handles()` before the next block.
 *
 * Missing accounts read as nonce 0, balance 0, code hash ZERO_WORD (what EXTCODEHASH pushes), no storage.
 */
import type { Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { ZERO_WORD, type Word } from '../primitives/word.js';
import { stateRoot, type StateAccount } from '../trie/state-root.js';
import { MemoryAccount, MemoryState } from './memory-state.js';
import type { AccountDiff, StateDiff } from './state-diff.js';
import type { AccountInfo, StateReader } from './state-reader.js';
import { SharedCodeStore, type SharedCodeStoreHandles } from './shared-code-store.js';
import { hashWords, SharedHashTable, type SharedTableHandles } from './shared-hash-table.js';
import { addressFromWords, addressToWords, wordFromWords, wordToWords } from './shared-words.js';

if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) throw new Error('SharedState assumes a little-endian platform');

export interface SharedStateHandles {
  /** The version these buffers belong to. */
  version: number;
  meta: SharedArrayBuffer;
  accounts: SharedTableHandles;
  storage: SharedTableHandles;
  codes: SharedCodeStoreHandles;
}

/** meta (Int32Array, never replaced): version and the counts every view must see. */
const META_VERSION = 0;
const META_ACCOUNTS = 1;
const META_SLOTS = 2;
const META_CODES = 3;
const META_CODE_BYTES = 4;
const META_LENGTH = 8;

/** Account entry, in u32 words: address 0-4, storage-slot count 5, nonce 6-7, balance 8-15, code hash 16-23. */
const ADDRESS_WORDS = 5;
const ACCOUNT_SLOT_COUNT = 5;
const ACCOUNT_BALANCE = 8;
const ACCOUNT_CODE_HASH = 16;
const ACCOUNT_STRIDE = 24;
/** The same in u64 units (for entries64). */
const ACCOUNT_NONCE_64 = 3;
const ACCOUNT_BALANCE_64 = 4;
const ACCOUNT_STRIDE_64 = 12;

/** Storage entry: address 0-4, slot 5-12 (together the key), value 13-20. */
const SLOT_KEY_WORDS = 13;
const SLOT_VALUE = 13;
const SLOT_STRIDE = 21;

const U64 = (1n << 64n) - 1n;
const TWO_POW_256 = 1n << 256n;

export interface SharedStateOptions {
  /** Initial capacities (the tables grow as needed). */
  accounts?: number;
  slots?: number;
  codeBytes?: number;
}

export class SharedState implements StateReader {
  /** Key scratch: address, then slot. */
  private readonly key = new Uint32Array(SLOT_KEY_WORDS);

  private constructor(
    private readonly meta: Int32Array,
    private readonly accounts: SharedHashTable,
    private readonly slots: SharedHashTable,
    private readonly codes: SharedCodeStore,
    /** The version a read-only view was attached at; null for the writer. */
    private readonly attachedVersion: number | null,
  ) {}

  static empty(options: SharedStateOptions = {}): SharedState {
    const meta = new Int32Array(new SharedArrayBuffer(META_LENGTH * 4));
    const bump = () => void Atomics.add(meta, META_VERSION, 1);
    const codeBytes = options.codeBytes ?? 64 * 1024;
    return new SharedState(
      meta,
      SharedHashTable.create(ADDRESS_WORDS, ACCOUNT_STRIDE, options.accounts ?? 1024, meta, META_ACCOUNTS, bump),
      SharedHashTable.create(SLOT_KEY_WORDS, SLOT_STRIDE, options.slots ?? 4096, meta, META_SLOTS, bump),
      SharedCodeStore.create(Math.ceil(codeBytes / 4096) + 16, codeBytes, meta, META_CODES, META_CODE_BYTES, bump),
      null,
    );
  }

  /** A copy of `m` (zero storage values are dropped), with a quarter of headroom in every table. */
  static fromMemoryState(m: MemoryState): SharedState {
    let slotCount = 0;
    let codeBytes = 0;
    for (const account of m.accounts.values()) slotCount += account.storage.size;
    for (const code of m.codes.values()) codeBytes += code.length;
    const headroom = (n: number) => Math.ceil(n * 1.25) + 16;
    const state = SharedState.empty({ accounts: headroom(m.accounts.size), slots: headroom(slotCount), codeBytes: headroom(codeBytes) });
    for (const [hash, code] of m.codes) state.codes.put(hash, code);
    for (const [address, account] of m.accounts) {
      validateFields(account.nonce, account.balance);
      const entry = state.insertAccount(address, account.nonce, account.balance, account.codeHash);
      for (const [slot, value] of account.storage) state.writeSlot(entry, slot, value);
    }
    return state;
  }

  /** A read-only view of a state created on another thread (e.g. in a worker). */
  static attach(h: SharedStateHandles): SharedState {
    const meta = new Int32Array(h.meta);
    return new SharedState(
      meta,
      SharedHashTable.attach(ADDRESS_WORDS, ACCOUNT_STRIDE, meta, META_ACCOUNTS, h.accounts),
      SharedHashTable.attach(SLOT_KEY_WORDS, SLOT_STRIDE, meta, META_SLOTS, h.storage),
      SharedCodeStore.attach(h.codes, meta, META_CODES, META_CODE_BYTES),
      h.version,
    );
  }

  /** The current buffers, to post to workers (structured-cloneable: SharedArrayBuffers and numbers). */
  handles(): SharedStateHandles {
    return { version: this.version, meta: this.meta.buffer as SharedArrayBuffer, accounts: this.accounts.handles(), storage: this.slots.handles(), codes: this.codes.handles() };
  }

  /** Changes whenever `apply` replaced buffers (a view: the version it was attached at). */
  get version(): number {
    return this.attachedVersion ?? this.meta[META_VERSION]!;
  }

  /** A view whose buffers were replaced since it attached: it must re-attach to see new writes. */
  isStale(): boolean {
    return this.attachedVersion !== null && Atomics.load(this.meta, META_VERSION) !== this.attachedVersion;
  }

  // --- reads (hot path: no allocation besides the returned value) ---

  private findAccount(address: Address): number {
    const key = this.key;
    addressToWords(address, key, 0);
    return this.accounts.find(key, 0, hashWords(key, 0, ADDRESS_WORDS));
  }

  exists(address: Address): boolean {
    return this.findAccount(address) >= 0;
  }

  nonce(address: Address): bigint {
    const entry = this.findAccount(address);
    return entry < 0 ? 0n : this.accounts.entries64[entry * ACCOUNT_STRIDE_64 + ACCOUNT_NONCE_64]!;
  }

  balance(address: Address): bigint {
    const entry = this.findAccount(address);
    return entry < 0 ? 0n : this.balanceAt(entry);
  }

  codeHash(address: Address): Word {
    const entry = this.findAccount(address);
    return entry < 0 ? ZERO_WORD : wordFromWords(this.accounts.entries, entry * ACCOUNT_STRIDE + ACCOUNT_CODE_HASH);
  }

  hasStorage(address: Address): boolean {
    const entry = this.findAccount(address);
    return entry >= 0 && this.accounts.entries[entry * ACCOUNT_STRIDE + ACCOUNT_SLOT_COUNT] !== 0;
  }

  account(address: Address): AccountInfo | undefined {
    const entry = this.findAccount(address);
    if (entry < 0) return undefined;
    const words = this.accounts.entries;
    return {
      nonce: this.accounts.entries64[entry * ACCOUNT_STRIDE_64 + ACCOUNT_NONCE_64]!,
      balance: this.balanceAt(entry),
      codeHash: wordFromWords(words, entry * ACCOUNT_STRIDE + ACCOUNT_CODE_HASH),
      hasStorage: words[entry * ACCOUNT_STRIDE + ACCOUNT_SLOT_COUNT] !== 0,
    };
  }

  storage(address: Address, slot: Word): Word {
    const key = this.key;
    addressToWords(address, key, 0);
    wordToWords(slot, key, ADDRESS_WORDS);
    const entry = this.slots.find(key, 0, hashWords(key, 0, SLOT_KEY_WORDS));
    return entry < 0 ? ZERO_WORD : wordFromWords(this.slots.entries, entry * SLOT_STRIDE + SLOT_VALUE);
  }

  /** A view into shared memory: do not write to it. */
  code(codeHash: Word): Uint8Array {
    const code = this.codes.get(codeHash);
    if (code === undefined) throw new InvalidInputError('unknown code hash in state');
    return code;
  }

  /** Most balances fit in 64 bits (then one BigInt read) or 128 bits: test the high u32 words first. */
  private balanceAt(entry: number): bigint {
    const w = this.accounts.entries, q = this.accounts.entries64;
    const base = entry * ACCOUNT_STRIDE + ACCOUNT_BALANCE;
    const q0 = entry * ACCOUNT_STRIDE_64 + ACCOUNT_BALANCE_64;
    if ((w[base + 4]! | w[base + 5]! | w[base + 6]! | w[base + 7]!) === 0) {
      return (w[base + 2]! | w[base + 3]!) === 0 ? q[q0]! : (q[q0 + 1]! << 64n) | q[q0]!;
    }
    return (q[q0 + 3]! << 192n) | (q[q0 + 2]! << 128n) | (q[q0 + 1]! << 64n) | q[q0]!;
  }

  accountCount(): number {
    return this.accounts.count;
  }

  slotCount(): number {
    return this.slots.count;
  }

  // --- writes (main thread, between blocks) ---

  /** Commits a block's changes, with MemoryState.apply's semantics. Validates the whole diff first. */
  apply(diff: StateDiff): void {
    if (this.attachedVersion !== null) throw new InvalidInputError('SharedState: an attached view is read-only');
    for (const d of diff.accounts) validateAccountDiff(d);
    const key = this.key;
    for (const d of diff.accounts) {
      addressToWords(d.address, key, 0);
      let entry = this.accounts.find(key, 0, hashWords(key, 0, ADDRESS_WORDS));
      if (d.deleted) {
        if (entry >= 0) {
          this.clearStorage(entry);
          this.accounts.remove(entry);
        }
        continue;
      }
      if (entry < 0) entry = this.insertAccount(d.address, d.nonce, d.balance, d.codeHash);
      else this.writeAccount(entry, d.nonce, d.balance, d.codeHash);
      if (d.storageCleared) this.clearStorage(entry);
      if (d.code !== null) this.codes.put(d.codeHash, d.code);
      for (const [slot, value] of d.storage) this.writeSlot(entry, slot, value);
    }
  }

  private insertAccount(address: Address, nonce: bigint, balance: bigint, codeHash: Word): number {
    const key = this.key;
    addressToWords(address, key, 0);
    const entry = this.accounts.insert(key, 0, hashWords(key, 0, ADDRESS_WORDS));
    this.writeAccount(entry, nonce, balance, codeHash);
    return entry;
  }

  private writeAccount(entry: number, nonce: bigint, balance: bigint, codeHash: Word): void {
    const q = this.accounts.entries64, q0 = entry * ACCOUNT_STRIDE_64;
    q[q0 + ACCOUNT_NONCE_64] = nonce;
    const b = q0 + ACCOUNT_BALANCE_64;
    if (balance <= U64) {
      q[b] = balance;
      q[b + 1] = q[b + 2] = q[b + 3] = 0n;
    } else {
      q[b] = balance & U64;
      q[b + 1] = (balance >> 64n) & U64;
      q[b + 2] = (balance >> 128n) & U64;
      q[b + 3] = balance >> 192n;
    }
    wordToWords(codeHash, this.accounts.entries, entry * ACCOUNT_STRIDE + ACCOUNT_CODE_HASH);
  }

  /** Sets (or, for ZERO_WORD, deletes) one slot of the account at `accountEntry`, keeping its slot count. */
  private writeSlot(accountEntry: number, slot: Word, value: Word): void {
    const key = this.key, accountWords = this.accounts.entries, base = accountEntry * ACCOUNT_STRIDE;
    for (let i = 0; i < ADDRESS_WORDS; i++) key[i] = accountWords[base + i]!;
    wordToWords(slot, key, ADDRESS_WORDS);
    const tag = hashWords(key, 0, SLOT_KEY_WORDS);
    let entry = this.slots.find(key, 0, tag);
    if (value === ZERO_WORD) {
      if (entry >= 0) {
        this.slots.remove(entry);
        accountWords[base + ACCOUNT_SLOT_COUNT]--;
      }
      return;
    }
    if (entry < 0) {
      entry = this.slots.insert(key, 0, tag);
      accountWords[base + ACCOUNT_SLOT_COUNT]++;
    }
    wordToWords(value, this.slots.entries, entry * SLOT_STRIDE + SLOT_VALUE);
  }

  /** Deletes every slot of the account: a scan of the storage table (rare: self-destruct, re-creation). */
  private clearStorage(accountEntry: number): void {
    const accountWords = this.accounts.entries, base = accountEntry * ACCOUNT_STRIDE;
    const expected = accountWords[base + ACCOUNT_SLOT_COUNT]!;
    if (expected === 0) return;
    const a0 = accountWords[base]!, a1 = accountWords[base + 1]!, a2 = accountWords[base + 2]!, a3 = accountWords[base + 3]!, a4 = accountWords[base + 4]!;
    const words = this.slots.entries, found: number[] = [];
    for (let e = 0, s = 0, n = this.slots.count; e < n && found.length < expected; e++, s += SLOT_STRIDE) {
      if (words[s] === a0 && words[s + 1] === a1 && words[s + 2] === a2 && words[s + 3] === a3 && words[s + 4] === a4) found.push(e);
    }
    // Highest first: swap-with-last then only ever moves a slot that is not being deleted.
    for (let i = found.length - 1; i >= 0; i--) this.slots.remove(found[i]!);
    accountWords[base + ACCOUNT_SLOT_COUNT] = 0;
  }

  // --- whole-state passes ---

  /** The state root, equal to MemoryState.stateRoot() for the same content. One pass groups slots by account. */
  stateRoot(): Uint8Array {
    this.assertFresh();
    const accounts = this.accounts, slots = this.slots.entries;
    const accountCount = accounts.count, slotCount = this.slots.count;
    // Counting sort of the slot entries by owning account entry.
    const owner = new Int32Array(slotCount);
    const start = new Int32Array(accountCount + 1);
    for (let e = 0; e < slotCount; e++) {
      const base = e * SLOT_STRIDE;
      const account = accounts.find(slots, base, hashWords(slots, base, ADDRESS_WORDS));
      if (account < 0) throw new Error('SharedState: storage slot without an account');
      owner[e] = account;
      start[account + 1]!++;
    }
    for (let a = 0; a < accountCount; a++) start[a + 1]! += start[a]!;
    const order = new Int32Array(slotCount);
    const cursor = start.slice(0, accountCount);
    for (let e = 0; e < slotCount; e++) order[cursor[owner[e]!]!++] = e;

    const state = this;
    return stateRoot(
      (function* (): Generator<StateAccount> {
        for (let a = 0; a < accountCount; a++) {
          const storage: Array<[Word, Word]> = [];
          for (let i = start[a]!; i < start[a + 1]!; i++) {
            const base = order[i]! * SLOT_STRIDE;
            storage.push([wordFromWords(slots, base + ADDRESS_WORDS), wordFromWords(slots, base + SLOT_VALUE)]);
          }
          yield { ...state.accountAt(a), storage };
        }
      })(),
    );
  }

  /** A MemoryState with the same content (codes copied out of shared memory). */
  toMemoryState(): MemoryState {
    this.assertFresh();
    const m = new MemoryState();
    for (const [hash, code] of this.codes.all()) m.codes.set(hash, code.slice());
    for (let a = 0; a < this.accounts.count; a++) {
      const { address, nonce, balance, codeHash } = this.accountAt(a);
      m.accounts.set(address, new MemoryAccount(nonce, balance, codeHash));
    }
    const slots = this.slots.entries;
    for (let e = 0, base = 0; e < this.slots.count; e++, base += SLOT_STRIDE) {
      const account = m.accounts.get(addressFromWords(slots, base));
      if (account === undefined) throw new Error('SharedState: storage slot without an account');
      account.storage.set(wordFromWords(slots, base + ADDRESS_WORDS), wordFromWords(slots, base + SLOT_VALUE));
    }
    return m;
  }

  private accountAt(entry: number): { address: Address; nonce: bigint; balance: bigint; codeHash: Word } {
    const words = this.accounts.entries, base = entry * ACCOUNT_STRIDE;
    return {
      address: addressFromWords(words, base),
      nonce: this.accounts.entries64[entry * ACCOUNT_STRIDE_64 + ACCOUNT_NONCE_64]!,
      balance: this.balanceAt(entry),
      codeHash: wordFromWords(words, base + ACCOUNT_CODE_HASH),
    };
  }

  private assertFresh(): void {
    if (this.isStale()) throw new InvalidInputError('SharedState: this view is stale (buffers replaced); attach to the new handles()');
  }
}

/** The fields must fit the store: nonce a u64 (EIP-2681), balance a u256. */
function validateAccountDiff(d: AccountDiff): void {
  if (!d.deleted) validateFields(d.nonce, d.balance);
}

function validateFields(nonce: bigint, balance: bigint): void {
  if (typeof nonce !== 'bigint' || nonce < 0n || nonce > U64) throw new InvalidInputError('account nonce out of u64 range', { details: String(nonce) });
  if (typeof balance !== 'bigint' || balance < 0n || balance >= TWO_POW_256) throw new InvalidInputError('account balance out of u256 range', { details: String(balance) });
}
