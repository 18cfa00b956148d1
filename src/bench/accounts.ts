/**
 * Deterministic benchmark accounts: account i's private key is keccak256(uint256(i) as 32 bytes), so
 * every run (and every machine) derives the same addresses; named roles (deployer, payroll employer) use
 * keccak256 of a label. Keys are derived once per process and cached.
 */
import type { Address } from '../primitives/address.js';
import { bigIntToBytes } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { privateKeyToAddress } from '../tx/sender.js';

export interface BenchAccount {
  privateKey: Uint8Array;
  address: Address;
}

const byIndex: BenchAccount[] = [];
const byLabel = new Map<string, BenchAccount>();

function fromKey(privateKey: Uint8Array): BenchAccount {
  return { privateKey, address: privateKeyToAddress(privateKey) };
}

/** The account of index `i` (0-based). */
export function benchAccount(i: number): BenchAccount {
  let account = byIndex[i];
  if (account === undefined) {
    account = fromKey(keccak256(bigIntToBytes(BigInt(i), 32)));
    byIndex[i] = account;
  }
  return account;
}

/** Accounts 0 .. n-1. */
export function benchAccounts(n: number): BenchAccount[] {
  const out = new Array<BenchAccount>(n);
  for (let i = 0; i < n; i++) out[i] = benchAccount(i);
  return out;
}

/** The account of a named role, keyed by keccak256(label). */
export function namedAccount(label: string): BenchAccount {
  let account = byLabel.get(label);
  if (account === undefined) {
    account = fromKey(keccak256(new TextEncoder().encode(`parevm-bench:${label}`)));
    byLabel.set(label, account);
  }
  return account;
}
