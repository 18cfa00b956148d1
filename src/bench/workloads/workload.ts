/**
 * What every workload generator takes and returns: options (size, contention knobs, seed) in; the
 * genesis state (contracts deployed, accounts funded), the block of signed transactions to measure, and
 * a description out. A workload is a pure function of its options.
 */
import type { Address } from '../../primitives/address.js';
import { InvalidInputError } from '../../primitives/errors.js';
import type { Block } from '../../execution/block.js';
import type { MemoryState } from '../../state/memory-state.js';

export interface WorkloadOptions {
  /** Number of transactions in the block. */
  txs: number;
  /** Distinct accounts (senders / holders); each workload documents its default. Fewer = more conflicts. */
  accounts?: number;
  /** AMM pools (amm, mixed). */
  pools?: number;
  seed: number;
}

export interface Workload {
  name: string;
  genesis: MemoryState;
  block: Block;
  description: string;
  /** Deployed contracts by role (token, router, pair0, ...), for checks and reports. */
  contracts: Record<string, Address>;
}

export interface WorkloadDefinition {
  name: string;
  /** One line for the usage text. */
  summary: string;
  defaultTxs: number;
  build(options: WorkloadOptions): Workload;
}

/** `value` if set, else `fallback`; must be at least `min`. */
export function positiveOption(value: number | undefined, fallback: number, name: string, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new InvalidInputError(`--${name} must be an integer of at least ${min}`, { details: String(v) });
  return v;
}
