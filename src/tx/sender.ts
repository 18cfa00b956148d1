/**
 * Transaction signatures (execution-specs Cancun `recover_sender`, EIP-2 low-s, EIP-155 replay
 * protection): recovering the sender's address and signing transactions (tests, benchmarks, dev node).
 */
import { addressFromBytes, type Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bigIntToBytes, bytesToBigInt } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { signingHash } from './encode.js';
import { ecdsaRecoverUncompressed, ecdsaSign, isValidPrivateKey, publicKeyUncompressed } from './secp256k1.js';
import type { Transaction } from './transaction.js';

/** The order of the secp256k1 group. */
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const SECP256K1_HALF_N = SECP256K1_N >> 1n;

function invalidSignature(message: string): never {
  throw new InvalidInputError('invalid signature', { details: message });
}

/** The recovery id (0/1) the transaction's v / yParity encodes, or throws if v is not allowed. */
function recoveryId(tx: Transaction): number {
  const v = tx.v;
  if (tx.type !== 0) {
    if (v !== 0n && v !== 1n) invalidSignature(`yParity must be 0 or 1, got ${v}`);
    return Number(v);
  }
  if (tx.chainId === undefined) {
    if (v !== 27n && v !== 28n) invalidSignature(`legacy v must be 27, 28 or 35 + 2 * chainId + {0, 1}, got ${v}`);
    return Number(v - 27n);
  }
  const recid = v - 35n - 2n * tx.chainId;
  if (recid !== 0n && recid !== 1n) invalidSignature(`v ${v} does not match chain id ${tx.chainId} (EIP-155)`);
  return Number(recid);
}

/** The address of an uncompressed (65-byte) public key: the low 20 bytes of keccak(x || y). */
function addressOfPublicKey(publicKey: Uint8Array): Address {
  return addressFromBytes(keccak256(publicKey.subarray(1)), 12);
}

/**
 * The sender of a signed transaction. Throws InvalidInputError("invalid signature: …") unless
 * 1 <= r < n, 1 <= s <= n/2, v/yParity is allowed for the type, and a public key recovers.
 */
export function recoverSender(tx: Transaction): Address {
  const { r, s } = tx;
  if (r <= 0n || r >= SECP256K1_N) invalidSignature('r must be in [1, secp256k1n)');
  if (s <= 0n || s > SECP256K1_HALF_N) invalidSignature('s must be in [1, secp256k1n / 2] (EIP-2)');
  const recid = recoveryId(tx);
  const sig = new Uint8Array(64);
  sig.set(bigIntToBytes(r, 32), 0);
  sig.set(bigIntToBytes(s, 32), 32);
  let publicKey: Uint8Array;
  try {
    publicKey = ecdsaRecoverUncompressed(sig, recid, signingHash(tx));
  } catch (cause) {
    if (cause instanceof InvalidInputError) throw cause;
    throw new InvalidInputError('invalid signature', { details: 'no public key recovers from it', cause });
  }
  return addressOfPublicKey(publicKey);
}

/** The address controlled by a 32-byte private key. */
export function privateKeyToAddress(privateKey: Uint8Array): Address {
  if (!isValidPrivateKey(privateKey)) throw new InvalidInputError('invalid private key', { details: 'expected 32 bytes in [1, secp256k1n)' });
  return addressOfPublicKey(publicKeyUncompressed(privateKey));
}

/**
 * A copy of `tx` signed with `privateKey` (deterministic RFC 6979, low s). Legacy transactions get
 * v = 35 + 2 * chainId + recid when `chainId` is set (EIP-155), else 27 + recid.
 */
export function signTransaction(tx: Transaction, privateKey: Uint8Array): Transaction {
  if (!isValidPrivateKey(privateKey)) throw new InvalidInputError('invalid private key', { details: 'expected 32 bytes in [1, secp256k1n)' });
  const { signature, recid } = ecdsaSign(signingHash(tx), privateKey);
  const rid = BigInt(recid);
  return {
    type: tx.type,
    chainId: tx.chainId,
    nonce: tx.nonce,
    gasPrice: tx.gasPrice,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    maxFeePerGas: tx.maxFeePerGas,
    gasLimit: tx.gasLimit,
    to: tx.to,
    value: tx.value,
    data: tx.data,
    accessList: tx.accessList,
    maxFeePerBlobGas: tx.maxFeePerBlobGas,
    blobVersionedHashes: tx.blobVersionedHashes,
    v: tx.type !== 0 ? rid : tx.chainId === undefined ? 27n + rid : 35n + 2n * tx.chainId + rid,
    r: bytesToBigInt(signature.subarray(0, 32)),
    s: bytesToBigInt(signature.subarray(32, 64)),
  };
}
