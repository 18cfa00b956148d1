/**
 * Intrinsic gas of a transaction under Cancun (execution-specs `calculate_intrinsic_cost`): the base
 * cost, calldata (EIP-2028), contract creation with its initcode words (EIP-3860), and the access list
 * (EIP-2930). Blob gas is separate (EIP-4844) and not part of it.
 */
import type { Transaction } from './transaction.js';

export const TX_BASE_GAS = 21000;
export const TX_CREATE_GAS = 32000;
export const TX_DATA_ZERO_GAS = 4;
export const TX_DATA_NONZERO_GAS = 16;
export const ACCESS_LIST_ADDRESS_GAS = 2400;
export const ACCESS_LIST_STORAGE_KEY_GAS = 1900;
export const INITCODE_WORD_GAS = 2;

/** The gas a transaction costs before its first instruction runs. */
export function intrinsicGas(tx: Transaction): bigint {
  const data = tx.data;
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  let gas = TX_BASE_GAS + zeros * TX_DATA_ZERO_GAS + (data.length - zeros) * TX_DATA_NONZERO_GAS;
  if (tx.to === null) gas += TX_CREATE_GAS + Math.ceil(data.length / 32) * INITCODE_WORD_GAS;
  for (const item of tx.accessList) gas += ACCESS_LIST_ADDRESS_GAS + item.storageKeys.length * ACCESS_LIST_STORAGE_KEY_GAS;
  return BigInt(gas);
}
