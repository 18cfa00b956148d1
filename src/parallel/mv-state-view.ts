/**
 * The StateView a worker gives one transaction incarnation: every read goes through multi-version
 * memory (versions written by earlier transactions of the block) and falls back to the pre-block
 * SharedState; every read is recorded (location, version or value) for validation. A read that hits an
 * ESTIMATE sets `blockedOn` and returns a neutral value: the transaction stops at once.
 */
import type { Address } from '../primitives/address.js';
import { wordFromLimbs, type Word, ZERO_WORD } from '../primitives/word.js';
import * as u256 from '../evm/u256.js';
import { EMPTY_CODE_HASH } from '../state/state-reader.js';
import type { SharedState } from '../state/shared-state.js';
import type { StateView } from '../state/state-view.js';
import type { BlockCodeStore } from './block-code-store.js';
import { LocationKind, ReadKind, type MvMemory } from './mv-memory.js';

export class MvStateView implements StateView {
  blockedOn = -1;
  /** The location table overflowed: the run must stop. */
  overflowed = false;
  private tx = 0;
  reads = new Int32Array(1024);
  readWords = 0;

  constructor(
    private readonly mv: MvMemory,
    private readonly base: SharedState,
    private readonly codes: BlockCodeStore,
  ) {}

  /** Starts an incarnation of transaction `tx` (its task index). */
  begin(tx: number): void {
    this.tx = tx;
    this.blockedOn = -1;
    this.overflowed = false;
    this.readWords = 0;
  }

  private ensure(words: number): void {
    if (this.readWords + words > this.reads.length) {
      const grown = new Int32Array(this.reads.length * 2);
      grown.set(this.reads);
      this.reads = grown;
    }
  }

  /** Reads `loc` for the current transaction and records it; returns the read kind. */
  private resolve(loc: number): ReadKind {
    if (this.blockedOn >= 0) return ReadKind.BLOCKED;
    if (loc < 0) {
      this.overflowed = true;
      this.blockedOn = this.tx; // stop this incarnation; the executor sees the overflow
      return ReadKind.BLOCKED;
    }
    const mv = this.mv;
    const kind = mv.read(loc, this.tx);
    if (kind === ReadKind.BLOCKED) {
      this.blockedOn = mv.readTx;
      return kind;
    }
    const r = this.reads;
    if (kind === ReadKind.VALUE) {
      this.ensure(12);
      const p = this.readWords;
      r[p] = loc;
      r[p + 1] = kind;
      r[p + 2] = mv.readAddsToBase ? 1 : 0;
      const v = mv.value;
      for (let i = 0; i < 8; i++) r[p + 3 + i] = v[i]! | 0;
      r[p + 11] = mv.readHighestTx;
      this.readWords = p + 12;
    } else {
      this.ensure(4);
      const p = this.readWords;
      r[p] = loc;
      r[p + 1] = kind;
      r[p + 2] = mv.readTx;
      r[p + 3] = mv.readIncarnation;
      this.readWords = p + 4;
    }
    return kind;
  }

  readNonce(address: Address): bigint {
    const kind = this.resolve(this.mv.accountLocation(LocationKind.NONCE, address));
    if (kind === ReadKind.BASE) return this.base.nonce(address);
    if (kind === ReadKind.BLOCKED) return 0n;
    const v = this.mv.value;
    return v[1] === 0 ? BigInt(v[0]!) : (BigInt(v[1]!) << 32n) | BigInt(v[0]!);
  }

  readBalance(address: Address): bigint {
    const kind = this.resolve(this.mv.accountLocation(LocationKind.BALANCE, address));
    if (kind === ReadKind.BASE) return this.base.balance(address);
    if (kind === ReadKind.BLOCKED) return 0n;
    const value = u256.toBigInt(this.mv.value, 0);
    return kind === ReadKind.VALUE && this.mv.readAddsToBase ? value + this.base.balance(address) : value;
  }

  readCodeHash(address: Address): Word {
    const loc = this.mv.accountLocation(LocationKind.CODE_HASH, address);
    const kind = this.resolve(loc);
    if (kind === ReadKind.BASE) {
      const hash = this.base.codeHash(address);
      if (hash === ZERO_WORD || hash === EMPTY_CODE_HASH) {
        this.mv.noteBaseCodeEmpty(loc); // spares the block result a lookup (mv-memory.ts)
        return EMPTY_CODE_HASH;
      }
      return hash;
    }
    if (kind === ReadKind.BLOCKED) return EMPTY_CODE_HASH;
    return wordFromLimbs(this.mv.value, 0);
  }

  readCode(codeHash: Word): Uint8Array {
    return this.codes.get(codeHash) ?? this.base.code(codeHash);
  }

  readStorage(address: Address, slot: Word): Word {
    const kind = this.resolve(this.mv.storageLocation(address, slot));
    if (kind === ReadKind.BASE) return this.base.storage(address, slot);
    if (kind === ReadKind.BLOCKED) return ZERO_WORD;
    return wordFromLimbs(this.mv.value, 0);
  }

  readHasStorage(address: Address): boolean {
    return this.base.hasStorage(address);
  }
}
