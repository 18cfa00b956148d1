/**
 * What the EVM sees of the block a transaction runs in (the opcodes COINBASE, TIMESTAMP, NUMBER,
 * PREVRANDAO, GASLIMIT, CHAINID, BASEFEE, BLOBBASEFEE, BLOCKHASH) and the fee rules that depend on it.
 */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

export interface BlockEnv {
  number: bigint;
  coinbase: Address;
  timestamp: bigint;
  gasLimit: bigint;
  baseFee: bigint;
  prevRandao: Word;
  chainId: bigint;
  excessBlobGas: bigint;
  /** Derived from excessBlobGas (EIP-4844 fake_exponential); see blobBaseFee(). */
  blobBaseFee: bigint;
  /** Hash of block `number` if within the last 256 blocks and known, else undefined. */
  blockHash(number: bigint): Word | undefined;
}

// EIP-4844 (Cancun) blob gas parameters.
export const MIN_BLOB_BASE_FEE = 1n;
export const BLOB_BASE_FEE_UPDATE_FRACTION = 3338477n;
export const GAS_PER_BLOB = 131072n;
export const TARGET_BLOB_GAS_PER_BLOCK = 393216n;
export const MAX_BLOB_GAS_PER_BLOCK = 786432n;

/** EIP-4844 fake_exponential(factor, numerator, denominator). */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let accum = factor * denominator;
  while (accum > 0n) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
    i += 1n;
  }
  return output / denominator;
}

export function blobBaseFee(excessBlobGas: bigint): bigint {
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, BLOB_BASE_FEE_UPDATE_FRACTION);
}
