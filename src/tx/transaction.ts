/**
 * The decoded transaction (types 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844) in one monomorphic shape:
 * every field is present for every type, with the neutral value where a type lacks it, so the executor's
 * hot path sees a single hidden class.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

export type TxType = 0 | 1 | 2 | 3;

export interface AccessListItem {
  address: Address;
  storageKeys: Word[];
}

export interface Transaction {
  type: TxType;
  /** undefined only for legacy transactions without EIP-155 replay protection. */
  chainId: bigint | undefined;
  nonce: bigint;
  /** Legacy and 2930: the gas price. 1559 and 4844: equals maxFeePerGas. */
  gasPrice: bigint;
  /** Legacy and 2930: equals gasPrice. */
  maxPriorityFeePerGas: bigint;
  /** Legacy and 2930: equals gasPrice. */
  maxFeePerGas: bigint;
  gasLimit: bigint;
  /** null for contract creation. */
  to: Address | null;
  value: bigint;
  data: Uint8Array;
  /** Empty for legacy. */
  accessList: AccessListItem[];
  /** 0 unless type 3. */
  maxFeePerBlobGas: bigint;
  /** Empty unless type 3. */
  blobVersionedHashes: Word[];
  /** Legacy: the raw v (27/28 or 35+2*chainId+{0,1}). Typed: yParity (0/1). */
  v: bigint;
  r: bigint;
  s: bigint;
}

/** A transaction ready to execute: its sender is known (recovered or given). */
export interface ExecutableTransaction extends Transaction {
  sender: Address;
}
