/**
 * An in-memory StateReader (Maps), with `apply` for committing a block's StateDiff, a state-root
 * computation over its whole content, and loading from the JSON pre-state shapes of the fixtures
 * (GeneralStateTests `pre` and the mainnet `pre_state.json`).
 */
import { addressFromHex, type Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { hexToBigInt, hexToBytes } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBytes, wordFromHex, ZERO_WORD, type Word } from '../primitives/word.js';
import { stateRoot } from '../trie/state-root.js';
import { EMPTY_CODE_HASH, type AccountInfo, type StateReader } from './state-reader.js';
import type { StateDiff } from './state-diff.js';

export class MemoryAccount implements AccountInfo {
  constructor(
    public nonce: bigint,
    public balance: bigint,
    public codeHash: Word,
    readonly storage: Map<Word, Word> = new Map(),
  ) {}

  get hasStorage(): boolean {
    return this.storage.size > 0;
  }
}

/** One account of a JSON pre-state: hex quantities, 0x code, storage map of hex keys to hex values. */
export interface JsonAccount {
  nonce?: string | number;
  balance?: string | number;
  code?: string;
  code_hash?: string;
  storage?: Record<string, string>;
}

/** A JSON quantity: hex or decimal string, or a safe-integer number. */
function quantity(value: string | number | undefined): bigint {
  if (value === undefined) return 0n;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new InvalidInputError('invalid quantity', { details: String(value) });
    return BigInt(value);
  }
  return hexToBigInt(value);
}

export class MemoryState implements StateReader {
  readonly accounts = new Map<Address, MemoryAccount>();
  readonly codes = new Map<Word, Uint8Array>([[EMPTY_CODE_HASH, new Uint8Array(0)]]);

  account(address: Address): AccountInfo | undefined {
    return this.accounts.get(address);
  }

  storage(address: Address, slot: Word): Word {
    return this.accounts.get(address)?.storage.get(slot) ?? ZERO_WORD;
  }

  code(codeHash: Word): Uint8Array {
    const code = this.codes.get(codeHash);
    if (code === undefined) throw new InvalidInputError('unknown code hash in state');
    return code;
  }

  /** Adds code and returns its hash. */
  putCode(code: Uint8Array): Word {
    if (code.length === 0) return EMPTY_CODE_HASH;
    const hash = wordFromBytes(keccak256(code));
    this.codes.set(hash, code);
    return hash;
  }

  setAccount(address: Address, nonce: bigint, balance: bigint, code: Uint8Array, storage?: Map<Word, Word>): MemoryAccount {
    const acc = new MemoryAccount(nonce, balance, this.putCode(code), storage);
    this.accounts.set(address, acc);
    return acc;
  }

  /** Commits a block's changes. */
  apply(diff: StateDiff): void {
    for (const d of diff.accounts) {
      if (d.deleted) {
        this.accounts.delete(d.address);
        continue;
      }
      let acc = this.accounts.get(d.address);
      if (acc === undefined) {
        acc = new MemoryAccount(d.nonce, d.balance, d.codeHash);
        this.accounts.set(d.address, acc);
      } else {
        acc.nonce = d.nonce;
        acc.balance = d.balance;
        acc.codeHash = d.codeHash;
      }
      if (d.storageCleared) acc.storage.clear();
      if (d.code !== null) this.codes.set(d.codeHash, d.code);
      for (const [slot, value] of d.storage) {
        if (value === ZERO_WORD) acc.storage.delete(slot);
        else acc.storage.set(slot, value);
      }
    }
  }

  /** The Merkle Patricia state root of the whole content. */
  stateRoot(): Uint8Array {
    const accounts = this.accounts;
    return stateRoot(
      (function* () {
        for (const [address, acc] of accounts) yield { address, nonce: acc.nonce, balance: acc.balance, codeHash: acc.codeHash, storage: acc.storage };
      })(),
    );
  }

  /** Builds a state from a JSON pre-state (address -> account). */
  static fromJson(pre: Record<string, JsonAccount>, what = 'pre-state'): MemoryState {
    if (pre === null || typeof pre !== 'object') throw new InvalidInputError(`${what} must be an object of accounts`);
    const state = new MemoryState();
    for (const [addressHex, json] of Object.entries(pre)) {
      try {
        const code = json.code !== undefined ? hexToBytes(json.code) : new Uint8Array(0);
        const storage = new Map<Word, Word>();
        for (const [k, v] of Object.entries(json.storage ?? {})) {
          const value = wordFromHex(v);
          if (value !== ZERO_WORD) storage.set(wordFromHex(k), value);
        }
        state.setAccount(addressFromHex(addressHex), quantity(json.nonce), quantity(json.balance), code, storage);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new InvalidInputError(`${what}: account ${addressHex}`, { details: message, cause: error });
      }
    }
    return state;
  }
}
