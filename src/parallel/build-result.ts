/**
 * Turns a finished parallel run into the BlockResult the sequential executor would have produced:
 * receipts from the transactions' outputs (checking includability in order, as the sequential executor
 * does), and the StateDiff from the final version of every written location, with unwritten fields from
 * the pre-block state and withdrawals applied last. Also the hottest locations of the statistics (the
 * critical path is in critical-path.ts).
 */
import { addressToHex, type Address } from '../primitives/address.js';
import { wordFromLimbs, wordToHex, ZERO_WORD, type Word } from '../primitives/word.js';
import { addressFromWords, wordFromWords } from '../state/shared-words.js';
import { BLOOM_BYTES, orBloomInto } from '../block/bloom.js';
import type { Receipt } from '../block/receipt.js';
import * as u256 from '../evm/u256.js';
import { InvalidBlockError, type Block, type BlockResult } from '../execution/block.js';
import { EMPTY_CODE_HASH } from '../state/state-reader.js';
import type { SharedState } from '../state/shared-state.js';
import { isEmptyAccount, type AccountDiff } from '../state/state-diff.js';
import { validateTransaction } from '../tx/validate.js';
import type { BlockCodeStore } from './block-code-store.js';
import { KEY_WORDS, LocationKind, ReadKind, type MvMemory } from './mv-memory.js';
import type { OutputReader } from './tx-output.js';
import type { TransactionDecoder } from './tx-codec.js';
import type { ReceiptDrafts } from './receipt-drafts.js';

const GWEI = 1_000_000_000n;

export interface HotLocation {
  location: string;
  writers: number;
}

/**
 * Receipts, in order, with the includability checks of the sequential executor; also each task's gas and
 * measured execution time (µs, in its worker) for the critical paths. A receipt drafted during the run
 * (receipt-drafts.ts) is kept when its transaction's final output is the one it was drafted from.
 */
export function buildReceipts(block: Block, outputs: Int32Array, reader: OutputReader, firstTx: number, encoded: TransactionDecoder, drafts: ReceiptDrafts | null): { receipts: Receipt[]; gasUsed: bigint; blobGasUsed: bigint; logsBloom: Uint8Array; contractAddresses: Array<Address | null>; gasPerTask: Float64Array; microsPerTask: Float64Array; keptDrafts: number } {
  const txs = block.transactions;
  const receipts: Receipt[] = new Array(txs.length);
  const contractAddresses: Array<Address | null> = new Array(txs.length);
  const gasPerTask = new Float64Array(txs.length + firstTx);
  const microsPerTask = new Float64Array(txs.length + firstTx);
  // The drafts' block bloom holds every drafted receipt's bits: right unless a draft went stale.
  const bloom = drafts !== null ? drafts.blockBloom : new Uint8Array(BLOOM_BYTES);
  let staleDrafts = false;
  let keptDrafts = 0;
  if (firstTx > 0) microsPerTask[0] = reader.executionUs(outputs[0]!); // the EIP-4788 system call
  // Gas is summed in a double while exact (any real block), else in a bigint from there on.
  let gasUsed = 0;
  let gasUsedBig = -1n;
  let blobGasUsed = 0;
  const usedSoFar = (): bigint => (gasUsedBig >= 0n ? gasUsedBig : BigInt(gasUsed));
  const blockGasLimit = block.env.gasLimit <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(block.env.gasLimit) : -1;
  for (let i = 0; i < txs.length; i++) {
    const at = outputs[firstTx + i]!;
    const invalidReason = reader.invalidReason(at);
    // tx.gasLimit > the block's gas left; in doubles when exact. The gas limit and type come from the
    // encoded transactions (contiguous), not from the transaction objects (see gasLimitNumber).
    const txGasLimit = encoded.gasLimitNumber(i);
    const overLimit = txGasLimit >= 0 && gasUsedBig < 0n && blockGasLimit >= 0
      ? txGasLimit > blockGasLimit - gasUsed
      : txs[i]!.gasLimit > block.env.gasLimit - usedSoFar();
    if (invalidReason !== null || overLimit) {
      const tx = txs[i]!;
      const available = block.env.gasLimit - usedSoFar();
      // Report what the sequential executor reports first: static rules, then block gas, then state.
      try {
        validateTransaction(tx, { chainId: block.env.chainId });
      } catch (error) {
        throw new InvalidBlockError(i, error instanceof Error && 'details' in error ? String((error as { details: unknown }).details) : String(error));
      }
      if (tx.gasLimit > available) throw new InvalidBlockError(i, `gas limit ${tx.gasLimit} exceeds the block's remaining gas ${available}`);
      throw new InvalidBlockError(i, invalidReason!);
    }
    const gas = reader.gasUsed(at);
    let cumulative: bigint;
    if (gasUsedBig < 0n && gasUsed + gas <= Number.MAX_SAFE_INTEGER) {
      gasUsed += gas;
      cumulative = BigInt(gasUsed);
    } else {
      gasUsedBig = usedSoFar() + reader.gasUsedBig(at);
      cumulative = gasUsedBig;
    }
    blobGasUsed += reader.blobGasUsed(at);
    gasPerTask[firstTx + i] = gas;
    microsPerTask[firstTx + i] = reader.executionUs(at);
    const draftedAt = drafts !== null ? drafts.drafted[firstTx + i]! : 0;
    if (draftedAt === at) {
      const receipt = drafts!.receipts[firstTx + i]!;
      receipt.cumulativeGasUsed = cumulative;
      receipts[i] = receipt;
      contractAddresses[i] = drafts!.contractAddresses[firstTx + i]!;
      keptDrafts++;
      continue;
    }
    if (draftedAt !== 0) staleDrafts = true;
    receipts[i] = reader.receipt(at, encoded.typeOf(i), cumulative, bloom);
    contractAddresses[i] = reader.contractAddress(at);
  }
  if (staleDrafts) {
    // A stale draft's bits are in the block bloom: rebuild it from the final receipts.
    bloom.fill(0);
    for (const receipt of receipts) orBloomInto(bloom, receipt.logsBloom);
  }
  return { receipts, gasUsed: usedSoFar(), blobGasUsed: BigInt(blobGasUsed), logsBloom: bloom, contractAddresses, gasPerTask, microsPerTask, keptDrafts };
}

function sameAddressWords(k: Int32Array, a: number, b: number): boolean {
  return k[a] === k[b] && k[a + 1] === k[b + 1] && k[a + 2] === k[b + 2] && k[a + 3] === k[b + 3] && k[a + 4] === k[b + 4];
}

/** Marks an account field the block did not write (filled from the pre-block state at the end). */
const UNSET = -1n;
const UNSET_HASH = '' as Word;

interface StorageOwner {
  /** Key record of one of its storage locations (for comparing address words). */
  record: number;
  address: Address;
  storage: Array<[Word, Word]>;
}

/**
 * The StateDiff from the final versions in multi-version memory, plus withdrawals. One pass over the
 * locations: an account's three field locations are consecutive and share a key record, so each account
 * is met once and its AccountDiff is built in place (unwritten fields from the pre-block state at the
 * end). Storage is grouped by owner, comparing address words with the previous slot's, so a token's 20k
 * slots cost no lookup; owners and withdrawal recipients are joined to their accounts through the
 * block's location table. A Map of all accounts by address cost ~2.5 ms of a 10k ERC-20 block.
 */
export function buildDiff(block: Block, mv: MvMemory, taskCount: number, base: SharedState, codes: BlockCodeStore): BlockResult['diff'] {
  const keys = mv.keyWords;
  const locations = mv.locationCount();
  const accounts: AccountDiff[] = [];
  /** Each account's key record (0: none), for the facts readers noted about its pre-block state. */
  const records: number[] = [];
  /** Index in `accounts` by key record number, -1 when that account wrote nothing. */
  const byRecord = new Int32Array(mv.keyRecordCount()).fill(-1);
  let lastRecord = -1;
  let current: AccountDiff | null = null;
  const owners = new Map<Address, StorageOwner>();
  let owner: StorageOwner | null = null;
  for (let loc = 0; loc < locations; loc++) {
    if (!mv.written(loc)) continue;
    const kind = mv.read(loc, taskCount);
    if (kind === ReadKind.BASE) continue; // every version was removed
    const record = mv.keySlotOf(loc);
    if (keys[record + 2] === LocationKind.STORAGE) {
      if (owner === null || !sameAddressWords(keys, record + 3, owner.record + 3)) {
        const address = addressFromWords(keys, record + 3);
        owner = owners.get(address) ?? null;
        if (owner === null) {
          owner = { record, address, storage: [] };
          owners.set(address, owner);
        }
      }
      owner.storage.push([wordFromWords(keys, record + 8), wordFromLimbs(mv.value, 0)]);
      continue;
    }
    if (record !== lastRecord) {
      lastRecord = record;
      current = unsetAccount(addressFromWords(keys, record + 3));
      byRecord[record / KEY_WORDS] = accounts.length;
      accounts.push(current);
      records.push(record);
    }
    const a = current!;
    switch (mv.fieldOf(loc) as LocationKind) {
      case LocationKind.NONCE:
        a.nonce = u256.toBigInt(mv.value, 0);
        break;
      case LocationKind.BALANCE: {
        const v = u256.toBigInt(mv.value, 0);
        a.balance = kind === ReadKind.VALUE && mv.readAddsToBase ? v + base.balance(a.address) : v;
        break;
      }
      default:
        a.codeHash = wordFromLimbs(mv.value, 0);
        break;
    }
  }

  // Accounts met after the pass (storage owners and withdrawal recipients whose fields were not written).
  const added = new Map<Address, AccountDiff>();
  const accountOf = (address: Address): AccountDiff => {
    const loc = mv.findAccountLocation(address);
    if (loc >= 0) {
      const i = byRecord[mv.keySlotOf(loc) / KEY_WORDS]!;
      if (i >= 0) return accounts[i]!;
    }
    let a = added.get(address);
    if (a === undefined) {
      a = unsetAccount(address);
      added.set(address, a);
      accounts.push(a);
      records.push(loc >= 0 ? mv.keySlotOf(loc) : 0);
    }
    return a;
  };
  for (const o of owners.values()) accountOf(o.address).storage = o.storage;
  for (const w of block.withdrawals) {
    const a = accountOf(w.address);
    a.balance = (a.balance === UNSET ? base.balance(w.address) : a.balance) + w.amount * GWEI;
  }

  for (let i = 0; i < accounts.length; i++) {
    const a = accounts[i]!;
    const address = a.address;
    const wroteCode = a.codeHash !== UNSET_HASH;
    if (a.nonce === UNSET) a.nonce = base.nonce(address);
    if (a.balance === UNSET) a.balance = base.balance(address);
    if (!wroteCode) {
      const record = records[i]!;
      if (record !== 0 && mv.baseCodeEmpty(record)) {
        a.codeHash = EMPTY_CODE_HASH;
      } else {
        const h = base.codeHash(address);
        a.codeHash = h === ZERO_WORD ? EMPTY_CODE_HASH : h; // SharedState: zero for a missing account
      }
    }
    const deleted = isEmptyAccount(a.nonce, a.balance, a.codeHash);
    a.deleted = deleted;
    a.code = !deleted && wroteCode && a.codeHash !== EMPTY_CODE_HASH ? (codes.get(a.codeHash) ?? base.code(a.codeHash)) : null;
    a.storageCleared = deleted && base.hasStorage(address);
    if (deleted) a.storage = [];
  }
  return { accounts };
}

function unsetAccount(address: Address): AccountDiff {
  return { address, nonce: UNSET, balance: UNSET, codeHash: UNSET_HASH, code: null, deleted: false, storageCleared: false, storage: [] };
}

/** Locations written by the most transactions. */
export function hottestLocations(mv: MvMemory, limit: number): HotLocation[] {
  const counts = mv.mostWritten(limit);
  const key = new Int32Array(14);
  const names = ['nonce', 'balance', 'code', 'storage'];
  return counts.map(([loc, writers]) => {
    mv.locationKey(loc, key);
    const kind = key[0]!;
    const where = `${addressToHex(addressFromWords(key, 1))}.${names[kind]}${kind === LocationKind.STORAGE ? `[${wordToHex(wordFromWords(key, 6))}]` : ''}`;
    return { location: where, writers };
  });
}
