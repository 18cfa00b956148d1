/** Copies of a MemoryState for the benchmarks (fresh genesis per run, post-states for checks). */
import { MemoryAccount, MemoryState } from '../state/memory-state.js';

/** A copy of `state` whose accounts and storage can be modified independently (code is shared). */
export function copyState(state: MemoryState): MemoryState {
  const copy = new MemoryState();
  for (const [hash, code] of state.codes) copy.codes.set(hash, code);
  for (const [address, acc] of state.accounts) copy.accounts.set(address, new MemoryAccount(acc.nonce, acc.balance, acc.codeHash, new Map(acc.storage)));
  return copy;
}
