/**
 * The ideal speedup of a block: how parallel its transactions are by their true data dependencies.
 * Each transaction is executed alone (as a one-transaction block) on the state left by the previous
 * ones, through a reader that records every account and storage slot it reads; its writes are the
 * account fields and slots whose values it changed. Transaction j depends on the last earlier writer of
 * each key it read; the critical path is the heaviest dependency chain by gas, and the ideal speedup with
 * unlimited workers is total gas / critical-path gas. The coinbase's fee credits are left out (executors
 * accumulate them commutatively; otherwise every transaction would depend on the previous one).
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { Block } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import type { MemoryState } from '../state/memory-state.js';
import type { AccountInfo, StateReader } from '../state/state-reader.js';
import { copyState } from './state-copy.js';

export interface DependencyReport {
  /** Transactions that read something an earlier transaction of the block wrote. */
  dependentTxs: number;
  totalGas: bigint;
  criticalPathGas: bigint;
  /** totalGas / criticalPathGas (unlimited workers). */
  idealSpeedup: number;
}

/** A StateReader that records the keys read: the address for account fields, address + slot for storage. */
export class RecordingReader implements StateReader {
  readonly reads = new Set<string>();
  constructor(private readonly base: MemoryState) {}

  account(address: Address): AccountInfo | undefined {
    this.reads.add(address);
    return this.base.account(address);
  }

  storage(address: Address, slot: Word): Word {
    this.reads.add(address + slot);
    return this.base.storage(address, slot);
  }

  code(codeHash: Word): Uint8Array {
    return this.base.code(codeHash);
  }
}

export function analyzeDependencies(block: Block, genesis: MemoryState): DependencyReport {
  const state = copyState(genesis);
  const coinbase = block.env.coinbase;
  const lastWriter = new Map<string, number>();
  const finish: bigint[] = [];
  let dependentTxs = 0;
  let totalGas = 0n;
  let criticalPathGas = 0n;

  block.transactions.forEach((tx, i) => {
    const reader = new RecordingReader(state);
    const result = executeBlockSequential({ env: block.env, transactions: [tx], withdrawals: [], parentBeaconBlockRoot: null }, reader);
    const gas = result.gasUsed;

    let start = 0n;
    let dependent = false;
    for (const key of reader.reads) {
      if (key === coinbase) continue;
      const writer = lastWriter.get(key);
      if (writer === undefined) continue;
      dependent = true;
      if (finish[writer]! > start) start = finish[writer]!;
    }
    if (dependent) dependentTxs++;
    finish[i] = start + gas;
    totalGas += gas;
    if (finish[i]! > criticalPathGas) criticalPathGas = finish[i]!;

    for (const d of result.diff.accounts) {
      const before = state.accounts.get(d.address);
      const changed = d.deleted ? before !== undefined : before === undefined || before.nonce !== d.nonce || before.balance !== d.balance || before.codeHash !== d.codeHash;
      if (changed && d.address !== coinbase) lastWriter.set(d.address, i);
      for (const [slot, value] of d.storage) {
        if (state.storage(d.address, slot) !== value || d.storageCleared) lastWriter.set(d.address + slot, i);
      }
    }
    state.apply(result.diff);
  });

  return { dependentTxs, totalGas, criticalPathGas, idealSpeedup: criticalPathGas === 0n ? 1 : Number(totalGas) / Number(criticalPathGas) };
}
