/**
 * Test support: runs a built differential case in parevm — a MemoryState with the pre-state, then each
 * transaction as its own one-transaction block through executeBlockSequential (no beacon-root call, as
 * ethereumjs' runTx has none), applying each block's StateDiff — and reports it as a RunObservation.
 * `runInParevm(built, false)` runs the reference interpreter, to check the fast one against it.
 * `runWholeBlock` also runs all transactions as one block, for the self-consistency check.
 */
import { addressFromHex, addressToHex } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';
import { wordFromHex, wordToBytes, wordToHex, ZERO_WORD } from '../primitives/word.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { InvalidBlockError, type BlockResult } from '../execution/block.js';
import { MemoryState } from '../state/memory-state.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import type { BuiltCase } from './evm-case.js';
import { noteWrite, quantityHex, type AccountView, type RunObservation, type TxObservation } from './evm-observation.js';

export function preState(built: BuiltCase): MemoryState {
  const state = new MemoryState();
  for (const a of built.pre) state.setAccount(a.address, a.nonce, a.balance, a.code, new Map(a.storage));
  return state;
}

function runBlock(built: BuiltCase, state: MemoryState, transactions: ExecutableTransaction[], inlineHotOpcodes = true): BlockResult {
  return executeBlockSequential({ env: built.env, transactions, withdrawals: [], parentBeaconBlockRoot: null }, state, { inlineHotOpcodes });
}

/** `inlineHotOpcodes = false` runs the reference interpreter (table dispatch, per-opcode checks). */
export function runInParevm(built: BuiltCase, inlineHotOpcodes = true): RunObservation {
  const state = preState(built);
  const preStateRoot = bytesToHex(state.stateRoot());
  const written = new Map<string, Set<string>>();
  const txs: TxObservation[] = [];
  for (const tx of built.txs) {
    let result: BlockResult;
    try {
      result = runBlock(built, state, [tx], inlineHotOpcodes);
    } catch (error) {
      if (!(error instanceof InvalidBlockError)) throw error;
      txs.push({ valid: false, error: error.details ?? error.message, status: 0, gasUsed: 0n, logs: [], createdAddress: null, stateRoot: bytesToHex(state.stateRoot()) });
      continue;
    }
    state.apply(result.diff);
    for (const d of result.diff.accounts) {
      noteWrite(written, addressToHex(d.address));
      for (const [slot] of d.storage) noteWrite(written, addressToHex(d.address), wordToHex(slot));
    }
    const receipt = result.receipts[0]!;
    const created = result.contractAddresses[0] ?? null;
    txs.push({
      valid: true,
      status: receipt.status,
      gasUsed: result.gasUsed,
      logs: receipt.logs.map((l) => ({ address: addressToHex(l.address), topics: l.topics.map(wordToHex), data: bytesToHex(l.data) })),
      createdAddress: created === null ? null : addressToHex(created),
      stateRoot: bytesToHex(state.stateRoot()),
    });
  }
  return {
    preStateRoot,
    txs,
    written,
    async readAccount(addressHex: string, slots: Iterable<string>): Promise<AccountView | null> {
      const acc = state.accounts.get(addressFromHex(addressHex));
      if (acc === undefined) return null;
      const storage: Record<string, string> = {};
      for (const slot of slots) {
        const v = acc.storage.get(wordFromHex(slot)) ?? ZERO_WORD;
        if (v !== ZERO_WORD) storage[slot] = quantityHex(wordToBytes(v));
      }
      return { nonce: acc.nonce, balance: acc.balance, code: bytesToHex(state.code(acc.codeHash)), storage };
    },
  };
}

/** All transactions of the case as one block: its final state root and total gas (all must be valid). */
export function runWholeBlock(built: BuiltCase): { stateRoot: string; gasUsed: bigint } {
  const state = preState(built);
  const result = runBlock(built, state, built.txs);
  state.apply(result.diff);
  return { stateRoot: bytesToHex(state.stateRoot()), gasUsed: result.gasUsed };
}
