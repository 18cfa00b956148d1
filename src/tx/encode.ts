/**
 * Canonical transaction encoding (EIP-2718 envelope; legacy, EIP-2930, EIP-1559, EIP-4844 without the
 * network sidecar), the transaction hash, and the hash each type signs (legacy with and without EIP-155).
 * `decodeTransaction(encodeTransaction(tx))` returns `tx`.
 */
import { addressToBytes } from '../primitives/address.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode, rlpScalar, type RlpInput } from '../primitives/rlp.js';
import { wordToBytes } from '../primitives/word.js';
import type { AccessListItem, Transaction } from './transaction.js';

function accessListItems(list: readonly AccessListItem[]): RlpInput[] {
  return list.map((item) => [addressToBytes(item.address), item.storageKeys.map((k) => wordToBytes(k))]);
}

function chainIdOf(tx: Transaction): bigint {
  if (tx.chainId === undefined) throw new InvalidInputError('invalid transaction', { details: `type ${tx.type} transaction without chainId` });
  return tx.chainId;
}

/** The payload fields before the signature, in each type's RLP order. */
function unsignedFields(tx: Transaction): RlpInput[] {
  const to = tx.to === null ? EMPTY_BYTES : addressToBytes(tx.to);
  switch (tx.type) {
    case 0:
      return [rlpScalar(tx.nonce), rlpScalar(tx.gasPrice), rlpScalar(tx.gasLimit), to, rlpScalar(tx.value), tx.data];
    case 1:
      return [
        rlpScalar(chainIdOf(tx)), rlpScalar(tx.nonce), rlpScalar(tx.gasPrice), rlpScalar(tx.gasLimit), to,
        rlpScalar(tx.value), tx.data, accessListItems(tx.accessList),
      ];
    case 2:
      return [
        rlpScalar(chainIdOf(tx)), rlpScalar(tx.nonce), rlpScalar(tx.maxPriorityFeePerGas), rlpScalar(tx.maxFeePerGas),
        rlpScalar(tx.gasLimit), to, rlpScalar(tx.value), tx.data, accessListItems(tx.accessList),
      ];
    case 3:
      return [
        rlpScalar(chainIdOf(tx)), rlpScalar(tx.nonce), rlpScalar(tx.maxPriorityFeePerGas), rlpScalar(tx.maxFeePerGas),
        rlpScalar(tx.gasLimit), to, rlpScalar(tx.value), tx.data, accessListItems(tx.accessList),
        rlpScalar(tx.maxFeePerBlobGas), tx.blobVersionedHashes.map((h) => wordToBytes(h)),
      ];
  }
}

/** `rlp(fields)` for legacy, `type || rlp(fields)` for typed transactions. */
function envelope(type: number, fields: RlpInput[]): Uint8Array {
  const body = rlpEncode(fields);
  if (type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = type;
  out.set(body, 1);
  return out;
}

/** The canonical encoding: what `decodeTransaction` reads and what the transaction hash covers. */
export function encodeTransaction(tx: Transaction): Uint8Array {
  const fields = unsignedFields(tx);
  fields.push(rlpScalar(tx.v), rlpScalar(tx.r), rlpScalar(tx.s));
  return envelope(tx.type, fields);
}

/** keccak256 of the canonical encoding. */
export function transactionHash(tx: Transaction): Uint8Array {
  return keccak256(encodeTransaction(tx));
}

/**
 * The 32-byte message the sender signs: keccak(rlp(6 fields)) for pre-EIP-155 legacy transactions,
 * keccak(rlp(6 fields ++ [chainId, 0, 0])) for EIP-155 legacy ones, keccak(type || rlp(unsigned payload))
 * for typed ones.
 */
export function signingHash(tx: Transaction): Uint8Array {
  const fields = unsignedFields(tx);
  if (tx.type === 0 && tx.chainId !== undefined) fields.push(rlpScalar(tx.chainId), EMPTY_BYTES, EMPTY_BYTES);
  return keccak256(envelope(tx.type, fields));
}
