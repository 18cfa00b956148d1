/**
 * Static transaction validity under Cancun: every rule that needs neither state nor the block (chain id,
 * field ranges, intrinsic gas, EIP-3860 initcode size, EIP-2681 nonce cap, EIP-1559 fee relation,
 * EIP-4844 blob rules). State and block rules (balance, nonce match, base fee, blob base fee, block gas
 * limit, sender is an EOA) belong to the executor; signature rules to sender.ts.
 */
import { MAX_BLOB_GAS_PER_BLOCK, GAS_PER_BLOB } from '../block/block-env.js';
import { InvalidInputError } from '../primitives/errors.js';
import { intrinsicGas } from './intrinsic-gas.js';
import type { Transaction } from './transaction.js';

const TWO_POW_256 = 1n << 256n;
const TWO_POW_64 = 1n << 64n;
/** EIP-2681: a nonce must stay below 2^64 - 1 so that it can be incremented. */
const NONCE_LIMIT = TWO_POW_64 - 1n;
/** EIP-3860: 2 * MAX_CODE_SIZE (EIP-170). */
export const MAX_INITCODE_SIZE = 49152;
/** EIP-4844 (Cancun): a transaction carrying more blobs than a block holds can never be included. */
export const MAX_BLOBS_PER_TX = Number(MAX_BLOB_GAS_PER_BLOCK / GAS_PER_BLOB);
export const VERSIONED_HASH_VERSION_KZG = 0x01;

export interface ValidationOptions {
  /** The chain's id (1 for mainnet); typed and EIP-155 legacy transactions must carry it. */
  chainId: bigint;
}

function invalid(message: string): never {
  throw new InvalidInputError('invalid transaction', { details: message });
}

function checkUint256(value: bigint, field: string): void {
  if (value < 0n || value >= TWO_POW_256) invalid(`${field} ${value} is outside [0, 2^256)`);
}

/**
 * Throws InvalidInputError("invalid transaction: …") naming the first static rule `tx` breaks. Returns the
 * transaction's intrinsic gas (computed for the check anyway; the executor charges it).
 */
export function validateTransaction(tx: Transaction, options: ValidationOptions): bigint {
  if (tx.type !== 0 || tx.chainId !== undefined) {
    if (tx.chainId !== options.chainId) invalid(`chain id ${tx.chainId} does not match the chain's ${options.chainId}`);
  }

  if (tx.nonce < 0n || tx.nonce >= NONCE_LIMIT) invalid(`nonce ${tx.nonce} must be below 2^64 - 1 (EIP-2681)`);
  if (tx.gasLimit < 0n || tx.gasLimit >= TWO_POW_64) invalid(`gasLimit ${tx.gasLimit} must be below 2^64`);
  checkUint256(tx.value, 'value');
  checkUint256(tx.gasPrice, 'gasPrice');
  checkUint256(tx.maxFeePerGas, 'maxFeePerGas');
  checkUint256(tx.maxPriorityFeePerGas, 'maxPriorityFeePerGas');
  checkUint256(tx.maxFeePerBlobGas, 'maxFeePerBlobGas');
  if (tx.maxPriorityFeePerGas > tx.maxFeePerGas) {
    invalid(`maxPriorityFeePerGas ${tx.maxPriorityFeePerGas} exceeds maxFeePerGas ${tx.maxFeePerGas}`);
  }
  // The up-front cost gasLimit * maxFeePerGas must be representable (ethereum/tests
  // GASLIMIT_PRICE_PRODUCT_OVERFLOW); otherwise no balance could ever cover it.
  if (tx.gasLimit * tx.maxFeePerGas >= TWO_POW_256) invalid('gasLimit * maxFeePerGas overflows 2^256');

  const required = intrinsicGas(tx);
  if (tx.gasLimit < required) invalid(`gasLimit ${tx.gasLimit} is below the intrinsic gas ${required}`);
  if (tx.to === null && tx.data.length > MAX_INITCODE_SIZE) {
    invalid(`initcode is ${tx.data.length} bytes, more than ${MAX_INITCODE_SIZE} (EIP-3860)`);
  }

  if (tx.type === 3) {
    if (tx.to === null) invalid('blob transactions cannot create contracts (to must be an address)');
    const hashes = tx.blobVersionedHashes;
    if (hashes.length === 0) invalid('blob transaction without blobs');
    if (hashes.length > MAX_BLOBS_PER_TX) invalid(`blob transaction has ${hashes.length} blobs, more than ${MAX_BLOBS_PER_TX}`);
    for (let i = 0; i < hashes.length; i++) {
      // Word unit 0 holds the two most significant bytes; the version is the first byte.
      if (hashes[i]!.charCodeAt(0) >>> 8 !== VERSIONED_HASH_VERSION_KZG) {
        invalid(`blobVersionedHashes[${i}] has version 0x${(hashes[i]!.charCodeAt(0) >>> 8).toString(16).padStart(2, '0')}, expected 0x01`);
      }
    }
  } else if (tx.maxFeePerBlobGas !== 0n || tx.blobVersionedHashes.length !== 0) {
    invalid(`type ${tx.type} transaction cannot carry blobs`);
  }
  return required;
}
