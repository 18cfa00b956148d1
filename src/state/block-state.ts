/**
 * The sequential executor's state for one block: a cache of everything read or written so far in the
 * block, over the StateReader of the state before the block. It is the StateView every transaction reads
 * through (as of the start of that transaction), and `commit` folds a finished transaction's journal in.
 * `diff()` produces the block's StateDiff. Nothing touches the underlying reader.
 */
import type { Address } from '../primitives/address.js';
import { ZERO_WORD, type Word } from '../primitives/word.js';
import { FIELD_BALANCE, FIELD_CODE, FIELD_NONCE, type Journal } from './journal.js';
import { EMPTY_CODE_HASH, type StateReader } from './state-reader.js';
import type { StateView } from './state-view.js';
import { isEmptyAccount, type AccountDiff, type StateDiff } from './state-diff.js';

class BlockAccount {
  nonce: bigint;
  balance: bigint;
  codeHash: Word;
  hasBaseStorage: boolean;
  /** Written by some transaction of the block. */
  dirty = false;
  storageCleared = false;
  newCode: Uint8Array | null = null;
  /** Slots written in the block (created on first write). */
  storage: Map<Word, Word> | null = null;

  constructor(nonce: bigint, balance: bigint, codeHash: Word, hasBaseStorage: boolean) {
    this.nonce = nonce;
    this.balance = balance;
    this.codeHash = codeHash;
    this.hasBaseStorage = hasBaseStorage;
  }
}

export class BlockState implements StateView {
  readonly blockedOn = -1;
  private readonly accounts = new Map<Address, BlockAccount>();
  private readonly codes = new Map<Word, Uint8Array>();

  constructor(readonly base: StateReader) {}

  private get(address: Address): BlockAccount {
    let acc = this.accounts.get(address);
    if (acc === undefined) {
      const info = this.base.account(address);
      acc = info === undefined
        ? new BlockAccount(0n, 0n, EMPTY_CODE_HASH, false)
        : new BlockAccount(info.nonce, info.balance, info.codeHash, info.hasStorage);
      this.accounts.set(address, acc);
    }
    return acc;
  }

  readNonce(address: Address): bigint {
    return this.get(address).nonce;
  }

  readBalance(address: Address): bigint {
    return this.get(address).balance;
  }

  readCodeHash(address: Address): Word {
    return this.get(address).codeHash;
  }

  readCode(codeHash: Word): Uint8Array {
    return this.codes.get(codeHash) ?? this.base.code(codeHash);
  }

  readStorage(address: Address, slot: Word): Word {
    const acc = this.get(address);
    const value = acc.storage?.get(slot);
    if (value !== undefined) return value;
    if (acc.storageCleared || !acc.hasBaseStorage) return ZERO_WORD;
    return this.base.storage(address, slot);
  }

  readHasStorage(address: Address): boolean {
    const acc = this.get(address);
    return acc.hasBaseStorage && !acc.storageCleared;
  }

  /** Folds a finished transaction's changes (after `journal.finalize()`) into the block state. */
  commit(journal: Journal): void {
    for (let i = 0; i < journal.accountCount; i++) {
      const j = journal.accounts[i]!;
      if (j.deleted) {
        const acc = this.get(j.address);
        acc.dirty = true;
        acc.nonce = 0n;
        acc.balance = 0n;
        acc.codeHash = EMPTY_CODE_HASH;
        acc.newCode = null;
        acc.storage = null;
        if (j.storageCleared) acc.storageCleared = true;
        continue;
      }
      const written = journal.writtenFields(j);
      const credit = (j.loaded & FIELD_BALANCE) === 0 ? j.balanceCredit : 0n;
      let slotsChanged = false;
      for (let s = 0; s < j.slotCount; s++) {
        const slot = j.slots[s]!;
        if (slot.current !== slot.original) {
          slotsChanged = true;
          break;
        }
      }
      if (written === 0 && credit === 0n && !slotsChanged) continue;
      const acc = this.get(j.address);
      acc.dirty = true;
      if (written & FIELD_NONCE) acc.nonce = j.nonce;
      if (written & FIELD_BALANCE) acc.balance = j.balance;
      else if (credit !== 0n) acc.balance += credit;
      if (written & FIELD_CODE) {
        acc.codeHash = j.codeHash;
        acc.newCode = j.code;
        if (j.code !== null) this.codes.set(j.codeHash, j.code);
      }
      if (slotsChanged) {
        const storage = acc.storage ?? (acc.storage = new Map());
        for (let s = 0; s < j.slotCount; s++) {
          const slot = j.slots[s]!;
          if (slot.current !== slot.original) storage.set(slot.key, slot.current);
        }
      }
    }
  }

  /** Adds `amount` to a balance outside any transaction (withdrawals). */
  credit(address: Address, amount: bigint): void {
    const acc = this.get(address);
    acc.balance += amount;
    acc.dirty = true;
  }

  diff(): StateDiff {
    const out: AccountDiff[] = [];
    for (const [address, acc] of this.accounts) {
      if (!acc.dirty) continue;
      const deleted = isEmptyAccount(acc.nonce, acc.balance, acc.codeHash);
      const storage = deleted || acc.storage === null ? [] : [...acc.storage];
      out.push({
        address,
        nonce: acc.nonce,
        balance: acc.balance,
        codeHash: acc.codeHash,
        code: deleted ? null : acc.newCode,
        deleted,
        storageCleared: acc.storageCleared || (deleted && acc.hasBaseStorage),
        storage,
      });
    }
    return { accounts: out };
  }
}
