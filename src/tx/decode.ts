/**
 * Decodes the canonical transaction encoding (EIP-2718): a legacy transaction is an RLP list of 9 items;
 * a typed one is `type || rlp(payload)` with type 0x01 (EIP-2930), 0x02 (EIP-1559) or 0x03 (EIP-4844,
 * without the network sidecar). Strict: anything not canonical, or not of the expected shape, throws one
 * InvalidInputError. Semantic rules (chain id, gas, fee relations, blob rules) are in validate.ts and
 * signature rules in sender.ts.
 */
import { InvalidInputError } from '../primitives/errors.js';
import { rlpDecode, type RlpValue } from '../primitives/rlp.js';
import {
  invalidTx, readAccessList, readAddress, readBlobHashes, readBytes, readList, readScalar, readTo,
} from './fields.js';
import type { Transaction, TxType } from './transaction.js';

/** Item counts of each type's RLP payload (signature included). */
const ITEM_COUNT: readonly number[] = [9, 11, 12, 14];
const TYPE_NAMES: readonly string[] = ['legacy', 'EIP-2930', 'EIP-1559', 'EIP-4844'];

/** The chain id a legacy v encodes: undefined for 27/28 (pre-EIP-155) and for invalid v (see sender.ts). */
export function legacyChainId(v: bigint): bigint | undefined {
  return v >= 35n ? (v - 35n) >> 1n : undefined;
}

function payloadItems(payload: RlpValue, type: TxType): RlpValue[] {
  if (payload instanceof Uint8Array) invalidTx(`${TYPE_NAMES[type]} transaction payload must be an RLP list`);
  if (payload.length !== ITEM_COUNT[type]) {
    invalidTx(`${TYPE_NAMES[type]} transaction must have ${ITEM_COUNT[type]} RLP items, got ${payload.length}`);
  }
  return payload;
}

function decodeLegacy(items: RlpValue[]): Transaction {
  const gasPrice = readScalar(items[1]!, 'gasPrice');
  const v = readScalar(items[6]!, 'v');
  return {
    type: 0,
    chainId: legacyChainId(v),
    nonce: readScalar(items[0]!, 'nonce'),
    gasPrice,
    maxPriorityFeePerGas: gasPrice,
    maxFeePerGas: gasPrice,
    gasLimit: readScalar(items[2]!, 'gasLimit'),
    to: readTo(items[3]!),
    value: readScalar(items[4]!, 'value'),
    data: readBytes(items[5]!, 'data').slice(),
    accessList: [],
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    v,
    r: readScalar(items[7]!, 'r'),
    s: readScalar(items[8]!, 's'),
  };
}

function decode2930(items: RlpValue[]): Transaction {
  const gasPrice = readScalar(items[2]!, 'gasPrice');
  return {
    type: 1,
    chainId: readScalar(items[0]!, 'chainId'),
    nonce: readScalar(items[1]!, 'nonce'),
    gasPrice,
    maxPriorityFeePerGas: gasPrice,
    maxFeePerGas: gasPrice,
    gasLimit: readScalar(items[3]!, 'gasLimit'),
    to: readTo(items[4]!),
    value: readScalar(items[5]!, 'value'),
    data: readBytes(items[6]!, 'data').slice(),
    accessList: readAccessList(items[7]!),
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    v: readScalar(items[8]!, 'yParity'),
    r: readScalar(items[9]!, 'r'),
    s: readScalar(items[10]!, 's'),
  };
}

function decode1559(items: RlpValue[]): Transaction {
  const maxFeePerGas = readScalar(items[3]!, 'maxFeePerGas');
  return {
    type: 2,
    chainId: readScalar(items[0]!, 'chainId'),
    nonce: readScalar(items[1]!, 'nonce'),
    gasPrice: maxFeePerGas,
    maxPriorityFeePerGas: readScalar(items[2]!, 'maxPriorityFeePerGas'),
    maxFeePerGas,
    gasLimit: readScalar(items[4]!, 'gasLimit'),
    to: readTo(items[5]!),
    value: readScalar(items[6]!, 'value'),
    data: readBytes(items[7]!, 'data').slice(),
    accessList: readAccessList(items[8]!),
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    v: readScalar(items[9]!, 'yParity'),
    r: readScalar(items[10]!, 'r'),
    s: readScalar(items[11]!, 's'),
  };
}

function decode4844(items: RlpValue[]): Transaction {
  const maxFeePerGas = readScalar(items[3]!, 'maxFeePerGas');
  return {
    type: 3,
    chainId: readScalar(items[0]!, 'chainId'),
    nonce: readScalar(items[1]!, 'nonce'),
    gasPrice: maxFeePerGas,
    maxPriorityFeePerGas: readScalar(items[2]!, 'maxPriorityFeePerGas'),
    maxFeePerGas,
    gasLimit: readScalar(items[4]!, 'gasLimit'),
    // EIP-4844: `to` is a 20-byte address; blob transactions cannot create contracts.
    to: readAddress(items[5]!, 'to (blob transactions cannot create contracts)'),
    value: readScalar(items[6]!, 'value'),
    data: readBytes(items[7]!, 'data').slice(),
    accessList: readAccessList(items[8]!),
    maxFeePerBlobGas: readScalar(items[9]!, 'maxFeePerBlobGas'),
    blobVersionedHashes: readBlobHashes(items[10]!),
    v: readScalar(items[11]!, 'yParity'),
    r: readScalar(items[12]!, 'r'),
    s: readScalar(items[13]!, 's'),
  };
}

/**
 * Decodes one transaction from its canonical encoding (the bytes whose keccak is the transaction hash).
 * The returned `data` is a copy; nothing aliases `bytes`. Decoding is canonical (encodeTransaction of the
 * result gives `bytes` back), so `keccak256(bytes)` is the transaction hash without re-encoding.
 */
export function decodeTransaction(bytes: Uint8Array): Transaction {
  if (!(bytes instanceof Uint8Array)) throw new InvalidInputError('invalid transaction', { details: 'expected bytes' });
  if (bytes.length === 0) invalidTx('empty input');
  const first = bytes[0]!;
  if (first >= 0xc0) return decodeLegacy(payloadItems(rlpDecode(bytes), 0));
  if (first >= 0x80) invalidTx('expected an RLP list (legacy) or a type byte (typed), got an RLP string');
  if (first === 0 || first > 3) invalidTx(`transaction type 0x${first.toString(16).padStart(2, '0')} is not supported (Cancun: 0x01, 0x02, 0x03)`);
  const type = first as TxType;
  const items = payloadItems(rlpDecode(bytes.subarray(1)), type);
  if (type === 1) return decode2930(items);
  if (type === 2) return decode1559(items);
  return decode4844(items);
}

/** Decodes an item list already read from a block body (legacy transactions appear there unwrapped). */
export function decodeLegacyItems(items: RlpValue): Transaction {
  return decodeLegacy(payloadItems(readList(items, 'legacy transaction'), 0));
}
