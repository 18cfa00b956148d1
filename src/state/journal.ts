/**
 * The per-transaction journal: every state change a transaction makes goes through it (after revm's
 * JournaledState). It caches what the transaction read through its StateView, records writes with undo
 * entries so a failing call frame can be rolled back to its checkpoint, and tracks the per-transaction
 * sets of the spec: warm accounts and slots (EIP-2929), transient storage (EIP-1153), touched accounts
 * (EIP-158), accounts created and self-destructed in the transaction (EIP-6780), logs and the refund counter.
 *
 * Balance credits to an account whose balance this transaction never read are kept as a pending credit
 * (`balanceCredit`) instead of a read-modify-write: the value transfer to a recipient and the fee to the
 * block beneficiary then do not depend on the recipient's balance, which is what lets parallel execution
 * treat them as commutative deltas. Reading the balance folds the credit in.
 *
 * At the end of a transaction `finalize()` applies the spec's deletions; the resulting write set is read off
 * the accounts (see `forEachAccount`) by whoever commits it (block state or multi-version memory).
 */
import type { Address } from '../primitives/address.js';
import { ZERO_WORD, type Word } from '../primitives/word.js';
import type { Log } from '../evm/log.js';
import { EMPTY_CODE_HASH } from './state-reader.js';
import type { StateView } from './state-view.js';

export const FIELD_NONCE = 1;
export const FIELD_BALANCE = 2;
export const FIELD_CODE = 4;

export class JournalSlot {
  constructor(
    public key: Word,
    /** Value at the start of the transaction (zero for accounts created in it). */
    public original: Word,
    public current: Word,
    public warm: boolean,
  ) {}
}

export class JournalAccount {
  /** FIELD_* bits whose value is known (read from the view). */
  loaded = 0;
  nonce = 0n;
  balance = 0n;
  /** Credits received while the balance was not loaded. */
  balanceCredit = 0n;
  codeHash: Word = EMPTY_CODE_HASH;
  /** The values first read through the view: a field is written iff its final value differs. */
  originalNonce = 0n;
  originalBalance = 0n;
  originalCodeHash: Word = EMPTY_CODE_HASH;
  code: Uint8Array | null = null;
  /**
   * Slots this transaction touched: slots[0 .. slotCount), in first-touch order. The records are pooled
   * with the account; lookups scan the list up to LINEAR_LOOKUP_LIMIT slots, then go through `slotIndex`.
   * A Map per account and transaction was ~190 bytes of garbage per ERC-20 transfer, and hashing each fresh
   * key string cost more than comparing a few.
   */
  readonly slots: JournalSlot[] = [];
  slotCount = 0;
  slotIndex: Map<Word, JournalSlot> | null = null;
  warm = false;
  touched = false;
  createdInTx = false;
  selfDestructed = false;
  /** Set by finalize(): the account is removed from the state. */
  deleted = false;
  /** Set by finalize(): the deleted account had storage before the block, which is wiped. */
  storageCleared = false;

  constructor(public address: Address) {}

  /** Makes a pooled object a fresh account record. */
  reset(address: Address): void {
    this.address = address;
    this.loaded = 0;
    this.nonce = 0n;
    this.balance = 0n;
    this.balanceCredit = 0n;
    this.codeHash = EMPTY_CODE_HASH;
    this.originalNonce = 0n;
    this.originalBalance = 0n;
    this.originalCodeHash = EMPTY_CODE_HASH;
    this.code = null;
    this.slotCount = 0;
    this.slotIndex = null;
    this.warm = false;
    this.touched = false;
    this.createdInTx = false;
    this.selfDestructed = false;
    this.deleted = false;
    this.storageCleared = false;
  }
}

/** Until this many accounts, lookups scan the list (no Map to build and clear per transaction). */
const LINEAR_LOOKUP_LIMIT = 8;
const NO_LOGS: Log[] = Object.freeze([]) as unknown as Log[];

const enum Kind {
  NONCE,
  BALANCE,
  CREDIT,
  CODE,
  STORAGE,
  SLOT_WARM,
  ACCOUNT_WARM,
  TOUCH,
  SELFDESTRUCT,
  TRANSIENT,
}

/**
 * Undo entries are kept in one flat array, ENTRY_STRIDE values each: [kind, target (account, slot or
 * transient key), previous bigint, previous word, previous code].
 */
const ENTRY_STRIDE = 5;

export class Journal {
  /**
   * The accounts this transaction touched are accounts[0 .. accountCount), in first-touch order. The
   * records are pooled across transactions: a transfer used to allocate and clear a Map and three account
   * records per transaction (measured: ~25% of a raw transfer's time was garbage collection).
   */
  readonly accounts: JournalAccount[] = [];
  accountCount = 0;
  private index: Map<Address, JournalAccount> | null = null;
  /**
   * Undo log, ENTRY_STRIDE values per entry in entries[0 .. entryCount) (no object per entry: these were a
   * large share of garbage). The array is overwritten, never truncated: setting a V8 array's length to 0
   * drops its backing store, and regrowing it cost ~400 bytes of garbage per ERC-20 transfer.
   */
  private readonly entries: unknown[] = [];
  /** Values in use in `entries`; with logs.length and refund, a checkpoint a frame can roll back to. */
  entryCount = 0;
  private transient = new Map<string, Word>();
  logs: Log[] = [];
  refund = 0;
  view: StateView;
  /**
   * Credit balances without reading them when possible (see the file header). Off: every credit reads the
   * balance first, which serializes transactions that pay the same account (for measuring the difference).
   */
  deltaCredits = true;

  constructor(view: StateView) {
    this.view = view;
  }

  /** Starts a new transaction reading through `view`. */
  reset(view: StateView): void {
    this.view = view;
    this.accountCount = 0;
    this.index = null;
    this.entryCount = 0;
    if (this.transient.size !== 0) this.transient.clear();
    this.logs = NO_LOGS;
    this.refund = 0;
  }

  /** True when a read hit an unfinished write of an earlier transaction (parallel execution only). */
  isBlocked(): boolean {
    return this.view.blockedOn >= 0;
  }

  account(address: Address): JournalAccount {
    const accounts = this.accounts;
    const n = this.accountCount;
    if (this.index === null) {
      for (let i = 0; i < n; i++) if (accounts[i]!.address === address) return accounts[i]!;
    } else {
      const found = this.index.get(address);
      if (found !== undefined) return found;
    }
    let acc = accounts[n];
    if (acc === undefined) {
      acc = new JournalAccount(address);
      accounts.push(acc);
    } else {
      acc.reset(address);
    }
    this.accountCount = n + 1;
    if (this.index !== null) {
      this.index.set(address, acc);
    } else if (n + 1 > LINEAR_LOOKUP_LIMIT) {
      this.index = new Map();
      for (let i = 0; i <= n; i++) this.index.set(accounts[i]!.address, accounts[i]!);
    }
    return acc;
  }

  // ---- checkpoints -------------------------------------------------------------------------------
  // A checkpoint is (entryCount, logs.length, refund), taken before a call frame starts; frames keep the
  // three numbers (an object per call was garbage on every message call).

  /** Rolls back to the checkpoint (entries, logs, refund). */
  revertTo(entries: number, logs: number, refund: number): void {
    const e = this.entries;
    for (let i = this.entryCount - ENTRY_STRIDE; i >= entries; i -= ENTRY_STRIDE) {
      this.undo(e[i] as Kind, e[i + 1], e[i + 2] as bigint, e[i + 3] as Word, e[i + 4] as Uint8Array | null);
    }
    this.entryCount = entries;
    if (this.logs.length !== logs) this.logs.length = logs;
    this.refund = refund;
  }

  /** Restores one value; what a transaction wrote is derived from values, so nothing else is restored. */
  private undo(kind: Kind, target: unknown, prevBig: bigint, prevWord: Word, prevCode: Uint8Array | null): void {
    switch (kind) {
      case Kind.NONCE:
        (target as JournalAccount).nonce = prevBig;
        break;
      case Kind.BALANCE:
        (target as JournalAccount).balance = prevBig;
        break;
      case Kind.CREDIT: {
        const acc = target as JournalAccount;
        if (acc.loaded & FIELD_BALANCE) acc.balance -= prevBig;
        else acc.balanceCredit -= prevBig;
        break;
      }
      case Kind.CODE:
        (target as JournalAccount).codeHash = prevWord;
        (target as JournalAccount).code = prevCode;
        break;
      case Kind.STORAGE:
        (target as JournalSlot).current = prevWord;
        break;
      case Kind.SLOT_WARM:
        (target as JournalSlot).warm = false;
        break;
      case Kind.ACCOUNT_WARM:
        (target as JournalAccount).warm = false;
        break;
      case Kind.TOUCH:
        (target as JournalAccount).touched = false;
        break;
      case Kind.SELFDESTRUCT:
        (target as JournalAccount).selfDestructed = false;
        break;
      case Kind.TRANSIENT:
        if (prevWord === ZERO_WORD) this.transient.delete(target as string);
        else this.transient.set(target as string, prevWord);
        break;
    }
  }

  private record(kind: Kind, target: unknown, prevBig: bigint, prevWord: Word, prevCode: Uint8Array | null): void {
    const e = this.entries;
    const n = this.entryCount;
    if (n === e.length) {
      e.push(kind, target, prevBig, prevWord, prevCode);
    } else {
      e[n] = kind;
      e[n + 1] = target;
      e[n + 2] = prevBig;
      e[n + 3] = prevWord;
      e[n + 4] = prevCode;
    }
    this.entryCount = n + ENTRY_STRIDE;
  }

  // ---- account fields ----------------------------------------------------------------------------

  nonce(acc: JournalAccount): bigint {
    if ((acc.loaded & FIELD_NONCE) === 0) {
      acc.nonce = acc.originalNonce = this.view.readNonce(acc.address);
      acc.loaded |= FIELD_NONCE;
    }
    return acc.nonce;
  }

  setNonce(acc: JournalAccount, nonce: bigint): void {
    this.record(Kind.NONCE, acc, this.nonce(acc), ZERO_WORD, null);
    acc.nonce = nonce;
  }

  balance(acc: JournalAccount): bigint {
    if ((acc.loaded & FIELD_BALANCE) === 0) {
      acc.originalBalance = this.view.readBalance(acc.address);
      // Pending credits are folded in; their undo entries then subtract from the loaded balance.
      acc.balance = acc.originalBalance + acc.balanceCredit;
      acc.balanceCredit = 0n;
      acc.loaded |= FIELD_BALANCE;
    }
    return acc.balance;
  }

  setBalance(acc: JournalAccount, balance: bigint): void {
    this.record(Kind.BALANCE, acc, this.balance(acc), ZERO_WORD, null);
    acc.balance = balance;
  }

  /** Adds `amount` without reading the balance when it is not loaded yet (a commutative credit). */
  credit(acc: JournalAccount, amount: bigint): void {
    if (amount === 0n) return;
    if (!this.deltaCredits) this.balance(acc);
    this.record(Kind.CREDIT, acc, amount, ZERO_WORD, null);
    if (acc.loaded & FIELD_BALANCE) acc.balance += amount;
    else acc.balanceCredit += amount;
  }

  codeHash(acc: JournalAccount): Word {
    if ((acc.loaded & FIELD_CODE) === 0) {
      acc.codeHash = acc.originalCodeHash = this.view.readCodeHash(acc.address);
      acc.loaded |= FIELD_CODE;
    }
    return acc.codeHash;
  }

  /**
   * FIELD_* bits of the account fields this transaction changed: loaded fields whose value differs from
   * the one first read. (A pending credit of an unloaded balance is not included: see balanceCredit.)
   */
  writtenFields(acc: JournalAccount): number {
    let written = 0;
    if ((acc.loaded & FIELD_NONCE) !== 0 && acc.nonce !== acc.originalNonce) written |= FIELD_NONCE;
    if ((acc.loaded & FIELD_BALANCE) !== 0 && acc.balance !== acc.originalBalance) written |= FIELD_BALANCE;
    if ((acc.loaded & FIELD_CODE) !== 0 && acc.codeHash !== acc.originalCodeHash) written |= FIELD_CODE;
    return written;
  }

  code(acc: JournalAccount): Uint8Array {
    if (acc.code === null) {
      const hash = this.codeHash(acc);
      acc.code = hash === EMPTY_CODE_HASH ? EMPTY_CODE : this.view.readCode(hash);
    }
    return acc.code;
  }

  setCode(acc: JournalAccount, codeHash: Word, code: Uint8Array): void {
    this.record(Kind.CODE, acc, 0n, this.codeHash(acc), acc.code);
    acc.codeHash = codeHash;
    acc.code = code;
  }

  /** Nonce 0, balance 0 and no code (EIP-161). Reads only what it must, cheapest evidence first. */
  isEmpty(acc: JournalAccount): boolean {
    if (this.codeHash(acc) !== EMPTY_CODE_HASH) return false;
    if (this.nonce(acc) !== 0n) return false;
    if ((acc.loaded & FIELD_BALANCE) === 0 && acc.balanceCredit > 0n) return false;
    return this.balance(acc) === 0n;
  }

  /** Collision rule for CREATE targets (EIP-684 + EIP-7610): nonce, code or storage present. */
  hasCodeOrNonceOrStorage(acc: JournalAccount): boolean {
    if (this.nonce(acc) !== 0n) return true;
    if (this.codeHash(acc) !== EMPTY_CODE_HASH) return true;
    return this.view.readHasStorage(acc.address);
  }

  // ---- warm/cold (EIP-2929) ----------------------------------------------------------------------

  /** Marks the account warm; returns whether it was cold. */
  warmAccount(acc: JournalAccount): boolean {
    if (acc.warm) return false;
    acc.warm = true;
    this.record(Kind.ACCOUNT_WARM, acc, 0n, ZERO_WORD, null);
    return true;
  }

  /** Pre-warms without a journal entry (transaction start: sender, target, coinbase, access list). */
  prewarmAccount(acc: JournalAccount): void {
    acc.warm = true;
  }

  // ---- storage -----------------------------------------------------------------------------------

  /** The slot `key` of `acc` if this transaction touched it. */
  findSlot(acc: JournalAccount, key: Word): JournalSlot | undefined {
    if (acc.slotIndex !== null) return acc.slotIndex.get(key);
    const slots = acc.slots;
    for (let i = 0; i < acc.slotCount; i++) if (slots[i]!.key === key) return slots[i];
    return undefined;
  }

  /** Adds a slot record to `acc` (reusing a pooled one). */
  private addSlot(acc: JournalAccount, key: Word, value: Word, warm: boolean): JournalSlot {
    const n = acc.slotCount;
    let slot = acc.slots[n];
    if (slot === undefined) {
      slot = new JournalSlot(key, value, value, warm);
      acc.slots.push(slot);
    } else {
      slot.key = key;
      slot.original = value;
      slot.current = value;
      slot.warm = warm;
    }
    acc.slotCount = n + 1;
    if (acc.slotIndex !== null) {
      acc.slotIndex.set(key, slot);
    } else if (n + 1 > LINEAR_LOOKUP_LIMIT) {
      acc.slotIndex = new Map();
      for (let i = 0; i <= n; i++) acc.slotIndex.set(acc.slots[i]!.key, acc.slots[i]!);
    }
    return slot;
  }

  /** The slot with its value at transaction start and current value loaded. */
  storageSlot(acc: JournalAccount, key: Word): JournalSlot {
    let slot = this.findSlot(acc, key);
    if (slot === undefined) {
      const value = acc.createdInTx ? ZERO_WORD : this.view.readStorage(acc.address, key);
      slot = this.addSlot(acc, key, value, false);
    } else if (slot.original === UNREAD) {
      const value = acc.createdInTx ? ZERO_WORD : this.view.readStorage(acc.address, key);
      slot.original = value;
      slot.current = value;
    }
    return slot;
  }

  /** Marks the slot warm; returns whether it was cold. */
  warmSlot(slot: JournalSlot): boolean {
    if (slot.warm) return false;
    slot.warm = true;
    this.record(Kind.SLOT_WARM, slot, 0n, ZERO_WORD, null);
    return true;
  }

  /** Pre-warms a slot (access lists) without reading it: the value is loaded when first used. */
  prewarmSlot(acc: JournalAccount, key: Word): void {
    const slot = this.findSlot(acc, key);
    if (slot === undefined) this.addSlot(acc, key, UNREAD, true);
    else slot.warm = true;
  }

  sstore(slot: JournalSlot, value: Word): void {
    this.record(Kind.STORAGE, slot, 0n, slot.current, null);
    slot.current = value;
  }

  // ---- transient storage (EIP-1153) --------------------------------------------------------------

  tload(address: Address, key: Word): Word {
    return this.transient.get(address + key) ?? ZERO_WORD;
  }

  tstore(address: Address, key: Word, value: Word): void {
    const k = address + key;
    const prev = this.transient.get(k) ?? ZERO_WORD;
    this.record(Kind.TRANSIENT, k, 0n, prev, null);
    if (value === ZERO_WORD) this.transient.delete(k);
    else this.transient.set(k, value);
  }

  // ---- touched, created, self-destructed ---------------------------------------------------------

  touch(acc: JournalAccount): void {
    if (acc.touched) return;
    acc.touched = true;
    this.record(Kind.TOUCH, acc, 0n, ZERO_WORD, null);
  }

  /** Touch that survives the revert of the current frame (the RIPEMD-160 exception of block 2675119). */
  touchPermanently(acc: JournalAccount): void {
    acc.touched = true;
  }

  /** Not journaled, as in the spec: the marker only matters for accounts that really got created. */
  markCreated(acc: JournalAccount): void {
    acc.createdInTx = true;
  }

  markSelfDestructed(acc: JournalAccount): void {
    if (acc.selfDestructed) return;
    acc.selfDestructed = true;
    this.record(Kind.SELFDESTRUCT, acc, 0n, ZERO_WORD, null);
  }

  // ---- logs and refunds --------------------------------------------------------------------------

  addLog(log: Log): void {
    if (this.logs === NO_LOGS) this.logs = [];
    this.logs.push(log);
  }

  addRefund(amount: number): void {
    this.refund += amount;
  }

  // ---- end of transaction ------------------------------------------------------------------------

  /**
   * Applies the end-of-transaction deletions: accounts self-destructed after being created in this
   * transaction (EIP-6780), then touched accounts left empty (EIP-158). Afterwards `deleted` and
   * `storageCleared` tell the committer what to remove.
   */
  finalize(): void {
    for (let i = 0; i < this.accountCount; i++) {
      const acc = this.accounts[i]!;
      if (acc.selfDestructed) {
        acc.deleted = true;
      } else if (acc.touched && this.isEmpty(acc)) {
        acc.deleted = true;
        acc.storageCleared = !acc.createdInTx && this.view.readHasStorage(acc.address);
      }
    }
  }

  /** Discards all changes of this transaction (an invalid transaction). */
  discard(): void {
    this.revertTo(0, 0, 0);
  }
}

const EMPTY_CODE = new Uint8Array(0);
/** Marker for a pre-warmed slot whose value has not been read yet (never a real packed word: 1 unit). */
const UNREAD = '\u0001' as Word;
