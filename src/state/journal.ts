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
    /** Value at the start of the transaction (zero for accounts created in it). */
    public original: Word,
    public current: Word,
    public warm: boolean,
  ) {}
}

export class JournalAccount {
  /** FIELD_* bits whose value is known (read from the view or set). */
  loaded = 0;
  /** FIELD_* bits written by this transaction. */
  written = 0;
  nonce = 0n;
  balance = 0n;
  /** Credits received while the balance was not loaded. */
  balanceCredit = 0n;
  codeHash: Word = EMPTY_CODE_HASH;
  code: Uint8Array | null = null;
  /** Slots this transaction touched; created on first use (most accounts never need it). */
  storage: Map<Word, JournalSlot> | null = null;
  warm = false;
  touched = false;
  createdInTx = false;
  selfDestructed = false;
  /** Set by finalize(): the account is removed from the state. */
  deleted = false;
  /** Set by finalize(): the deleted account had storage before the block, which is wiped. */
  storageCleared = false;

  constructor(readonly address: Address) {}
}

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

class Entry {
  constructor(
    readonly kind: Kind,
    readonly account: JournalAccount | null,
    readonly slot: JournalSlot | null,
    readonly prevBig: bigint,
    readonly prevWord: Word,
    readonly prevWritten: number,
    readonly prevCode: Uint8Array | null,
    readonly key: string,
  ) {}
}

/** A point the journal can roll back to. */
export interface Checkpoint {
  entries: number;
  logs: number;
  refund: number;
}

export class Journal {
  readonly accounts = new Map<Address, JournalAccount>();
  private entries: Entry[] = [];
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
    this.accounts.clear();
    this.entries = [];
    this.transient.clear();
    this.logs = [];
    this.refund = 0;
  }

  /** True when a read hit an unfinished write of an earlier transaction (parallel execution only). */
  isBlocked(): boolean {
    return this.view.blockedOn >= 0;
  }

  account(address: Address): JournalAccount {
    let acc = this.accounts.get(address);
    if (acc === undefined) {
      acc = new JournalAccount(address);
      this.accounts.set(address, acc);
    }
    return acc;
  }

  // ---- checkpoints -------------------------------------------------------------------------------

  checkpoint(): Checkpoint {
    return { entries: this.entries.length, logs: this.logs.length, refund: this.refund };
  }

  revert(cp: Checkpoint): void {
    const entries = this.entries;
    for (let i = entries.length - 1; i >= cp.entries; i--) this.undo(entries[i]!);
    entries.length = cp.entries;
    this.logs.length = cp.logs;
    this.refund = cp.refund;
  }

  private undo(e: Entry): void {
    const acc = e.account!;
    switch (e.kind) {
      case Kind.NONCE:
        acc.nonce = e.prevBig;
        acc.written = e.prevWritten;
        break;
      case Kind.BALANCE:
        acc.balance = e.prevBig;
        acc.written = e.prevWritten;
        break;
      case Kind.CREDIT:
        if (acc.loaded & FIELD_BALANCE) acc.balance -= e.prevBig;
        else acc.balanceCredit -= e.prevBig;
        break;
      case Kind.CODE:
        acc.codeHash = e.prevWord;
        acc.code = e.prevCode;
        acc.written = e.prevWritten;
        break;
      case Kind.STORAGE:
        e.slot!.current = e.prevWord;
        break;
      case Kind.SLOT_WARM:
        e.slot!.warm = false;
        break;
      case Kind.ACCOUNT_WARM:
        acc.warm = false;
        break;
      case Kind.TOUCH:
        acc.touched = false;
        break;
      case Kind.SELFDESTRUCT:
        acc.selfDestructed = false;
        break;
      case Kind.TRANSIENT:
        if (e.prevWord === ZERO_WORD) this.transient.delete(e.key);
        else this.transient.set(e.key, e.prevWord);
        break;
    }
  }

  private record(kind: Kind, account: JournalAccount | null, slot: JournalSlot | null, prevBig: bigint, prevWord: Word, prevWritten: number, prevCode: Uint8Array | null, key: string): void {
    this.entries.push(new Entry(kind, account, slot, prevBig, prevWord, prevWritten, prevCode, key));
  }

  // ---- account fields ----------------------------------------------------------------------------

  nonce(acc: JournalAccount): bigint {
    if ((acc.loaded & FIELD_NONCE) === 0) {
      acc.nonce = this.view.readNonce(acc.address);
      acc.loaded |= FIELD_NONCE;
    }
    return acc.nonce;
  }

  setNonce(acc: JournalAccount, nonce: bigint): void {
    this.nonce(acc);
    this.record(Kind.NONCE, acc, null, acc.nonce, ZERO_WORD, acc.written, null, '');
    acc.nonce = nonce;
    acc.written |= FIELD_NONCE;
  }

  balance(acc: JournalAccount): bigint {
    if ((acc.loaded & FIELD_BALANCE) === 0) {
      acc.balance = this.view.readBalance(acc.address) + acc.balanceCredit;
      if (acc.balanceCredit !== 0n) acc.written |= FIELD_BALANCE;
      acc.balanceCredit = 0n;
      acc.loaded |= FIELD_BALANCE;
    }
    return acc.balance;
  }

  setBalance(acc: JournalAccount, balance: bigint): void {
    this.balance(acc);
    this.record(Kind.BALANCE, acc, null, acc.balance, ZERO_WORD, acc.written, null, '');
    acc.balance = balance;
    acc.written |= FIELD_BALANCE;
  }

  /** Adds `amount` without reading the balance when it is not loaded yet (a commutative credit). */
  credit(acc: JournalAccount, amount: bigint): void {
    if (amount === 0n) return;
    if (!this.deltaCredits) this.balance(acc);
    this.record(Kind.CREDIT, acc, null, amount, ZERO_WORD, acc.written, null, '');
    if (acc.loaded & FIELD_BALANCE) {
      acc.balance += amount;
      acc.written |= FIELD_BALANCE;
    } else {
      acc.balanceCredit += amount;
    }
  }

  codeHash(acc: JournalAccount): Word {
    if ((acc.loaded & FIELD_CODE) === 0) {
      acc.codeHash = this.view.readCodeHash(acc.address);
      acc.loaded |= FIELD_CODE;
    }
    return acc.codeHash;
  }

  code(acc: JournalAccount): Uint8Array {
    if (acc.code === null) {
      const hash = this.codeHash(acc);
      acc.code = hash === EMPTY_CODE_HASH ? EMPTY_CODE : this.view.readCode(hash);
    }
    return acc.code;
  }

  setCode(acc: JournalAccount, codeHash: Word, code: Uint8Array): void {
    this.codeHash(acc);
    this.record(Kind.CODE, acc, null, 0n, acc.codeHash, acc.written, acc.code, '');
    acc.codeHash = codeHash;
    acc.code = code;
    acc.written |= FIELD_CODE;
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
    this.record(Kind.ACCOUNT_WARM, acc, null, 0n, ZERO_WORD, 0, null, '');
    return true;
  }

  /** Pre-warms without a journal entry (transaction start: sender, target, coinbase, access list). */
  prewarmAccount(acc: JournalAccount): void {
    acc.warm = true;
  }

  // ---- storage -----------------------------------------------------------------------------------

  /** The slot with its value at transaction start and current value loaded. */
  storageSlot(acc: JournalAccount, key: Word): JournalSlot {
    const storage = acc.storage ?? (acc.storage = new Map());
    let slot = storage.get(key);
    if (slot === undefined) {
      const value = acc.createdInTx ? ZERO_WORD : this.view.readStorage(acc.address, key);
      slot = new JournalSlot(value, value, false);
      storage.set(key, slot);
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
    this.record(Kind.SLOT_WARM, null, slot, 0n, ZERO_WORD, 0, null, '');
    return true;
  }

  /** Pre-warms a slot (access lists) without reading it: the value is loaded when first used. */
  prewarmSlot(acc: JournalAccount, key: Word): void {
    const storage = acc.storage ?? (acc.storage = new Map());
    const slot = storage.get(key);
    if (slot === undefined) storage.set(key, new JournalSlot(UNREAD, UNREAD, true));
    else slot.warm = true;
  }

  sstore(slot: JournalSlot, value: Word): void {
    this.record(Kind.STORAGE, null, slot, 0n, slot.current, 0, null, '');
    slot.current = value;
  }

  // ---- transient storage (EIP-1153) --------------------------------------------------------------

  tload(address: Address, key: Word): Word {
    return this.transient.get(address + key) ?? ZERO_WORD;
  }

  tstore(address: Address, key: Word, value: Word): void {
    const k = address + key;
    const prev = this.transient.get(k) ?? ZERO_WORD;
    this.record(Kind.TRANSIENT, null, null, 0n, prev, 0, null, k);
    if (value === ZERO_WORD) this.transient.delete(k);
    else this.transient.set(k, value);
  }

  // ---- touched, created, self-destructed ---------------------------------------------------------

  touch(acc: JournalAccount): void {
    if (acc.touched) return;
    acc.touched = true;
    this.record(Kind.TOUCH, acc, null, 0n, ZERO_WORD, 0, null, '');
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
    this.record(Kind.SELFDESTRUCT, acc, null, 0n, ZERO_WORD, 0, null, '');
  }

  // ---- logs and refunds --------------------------------------------------------------------------

  addLog(log: Log): void {
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
    for (const acc of this.accounts.values()) {
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
    this.revert({ entries: 0, logs: 0, refund: 0 });
  }
}

const EMPTY_CODE = new Uint8Array(0);
/** Marker for a pre-warmed slot whose value has not been read yet (never a real packed word: 1 unit). */
const UNREAD = '\u0001' as Word;
