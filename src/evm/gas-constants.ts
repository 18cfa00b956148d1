/** Gas constants of the Cancun fork (execution-specs cancun/vm/gas.py), in one place. */

export const GAS_WARM_ACCESS = 100;
export const GAS_COLD_ACCOUNT_ACCESS = 2600;
export const GAS_COLD_SLOAD = 2100;
/** Extra charged on top of the static warm cost when an account is cold. */
export const GAS_COLD_ACCOUNT_EXTRA = GAS_COLD_ACCOUNT_ACCESS - GAS_WARM_ACCESS;
export const GAS_COLD_SLOAD_EXTRA = GAS_COLD_SLOAD - GAS_WARM_ACCESS;
export const GAS_STORAGE_SET = 20000;
export const GAS_STORAGE_UPDATE = 5000;
export const GAS_STORAGE_CLEAR_REFUND = 4800;
export const GAS_CALL_STIPEND = 2300;
export const GAS_CALL_VALUE = 9000;
export const GAS_NEW_ACCOUNT = 25000;
export const GAS_SELF_DESTRUCT_NEW_ACCOUNT = 25000;
export const GAS_CREATE = 32000;
export const GAS_CODE_DEPOSIT = 200;
export const GAS_KECCAK256_WORD = 6;
export const GAS_COPY_WORD = 3;
export const GAS_LOG_DATA = 8;
export const GAS_LOG_TOPIC = 375;
export const GAS_EXP_BYTE = 50;
export const GAS_MEMORY_WORD = 3;
export const GAS_INIT_CODE_WORD = 2;

export const MAX_CODE_SIZE = 0x6000;
export const MAX_INITCODE_SIZE = 2 * MAX_CODE_SIZE;
export const STACK_LIMIT = 1024;
export const CALL_DEPTH_LIMIT = 1024;

/** Total memory cost for `words` 32-byte words: 3*w + w^2/512. */
export function memoryCost(words: number): number {
  return GAS_MEMORY_WORD * words + Math.floor((words * words) / 512);
}
