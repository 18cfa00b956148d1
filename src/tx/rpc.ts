/**
 * Reads (and writes) a transaction from the JSON-RPC object `eth_getBlockByNumber(n, true)` / `eth_getTransactionByHash`
 * return (hex quantities, `gas`, `input`, `yParity`, …). The block-dependent `gasPrice` of EIP-1559 and
 * blob transactions (the effective price) is ignored: their Transaction.gasPrice is maxFeePerGas.
 */
import { addressFromHex, addressToHex, type Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex, hexToBigInt, hexToBytes, toQuantity } from '../primitives/hex.js';
import { wordFromHex, wordToHex, type Word } from '../primitives/word.js';
import { legacyChainId } from './decode.js';
import type { AccessListItem, Transaction, TxType } from './transaction.js';

export interface RpcTransaction {
  tx: Transaction;
  /** The `from` the node reported (not verified here; compare with recoverSender). */
  from: Address | undefined;
  /** The `hash` the node reported (not verified here; compare with transactionHash). */
  hash: Uint8Array | undefined;
}

type Json = Record<string, unknown>;

const TWO_POW_256 = 1n << 256n;

function invalid(message: string): never {
  throw new InvalidInputError('invalid RPC transaction', { details: message });
}

function has(json: Json, field: string): boolean {
  return json[field] !== undefined && json[field] !== null;
}

function quantity(json: Json, field: string): bigint {
  const raw = json[field];
  if (raw === undefined || raw === null) invalid(`missing field ${field}`);
  if (typeof raw !== 'string') invalid(`${field} must be a hex string`);
  const value = hexToBigInt(raw);
  if (value >= TWO_POW_256) invalid(`${field} ${raw} does not fit in 256 bits`);
  return value;
}

function word(raw: unknown, field: string): Word {
  if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(raw)) invalid(`${field} must be 32 bytes of 0x-hex`);
  return wordFromHex(raw);
}

function accessList(json: Json): AccessListItem[] {
  const raw = json['accessList'];
  if (raw === undefined || raw === null) invalid('missing field accessList');
  if (!Array.isArray(raw)) invalid('accessList must be an array');
  return raw.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) invalid(`accessList[${i}] must be an object`);
    const { address, storageKeys } = entry as Json;
    if (!Array.isArray(storageKeys)) invalid(`accessList[${i}].storageKeys must be an array`);
    return {
      address: addressFromHex(address as string),
      storageKeys: storageKeys.map((k: unknown, j) => word(k, `accessList[${i}].storageKeys[${j}]`)),
    };
  });
}

function txType(json: Json): TxType {
  if (!has(json, 'type')) return 0; // nodes before EIP-2718 omit it
  const type = quantity(json, 'type');
  if (type > 3n) invalid(`transaction type ${type} is not supported (Cancun: 0 to 3)`);
  return Number(type) as TxType;
}

/** The signature's v for the Transaction: legacy raw v; typed yParity (checked against v if both given). */
function signatureV(json: Json, type: TxType): bigint {
  if (type === 0) return quantity(json, 'v');
  if (!has(json, 'yParity')) return quantity(json, 'v');
  const yParity = quantity(json, 'yParity');
  if (has(json, 'v') && quantity(json, 'v') !== yParity) invalid('v and yParity disagree');
  return yParity;
}

/** The Transaction (and the node's claimed `from` and `hash`) of one JSON-RPC transaction object. */
export function transactionFromRpc(input: unknown): RpcTransaction {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) invalid('expected a JSON object');
  const json = input as Json;
  const type = txType(json);
  const v = signatureV(json, type);

  let chainId: bigint | undefined;
  if (type === 0) {
    chainId = legacyChainId(v);
    if (chainId !== undefined && has(json, 'chainId') && quantity(json, 'chainId') !== chainId) {
      invalid(`chainId ${json['chainId']} disagrees with v ${json['v']} (EIP-155)`);
    }
  } else {
    chainId = quantity(json, 'chainId');
  }

  const legacyFees = type === 0 || type === 1;
  const gasPrice = legacyFees ? quantity(json, 'gasPrice') : quantity(json, 'maxFeePerGas');
  const input_ = json['input'] ?? json['data'];
  if (typeof input_ !== 'string') invalid('missing field input');
  const to = has(json, 'to') ? addressFromHex(json['to'] as string) : null;
  if (type === 3 && to === null) invalid('blob transactions cannot create contracts (to is missing)');

  let blobVersionedHashes: Word[] = [];
  if (type === 3) {
    const raw = json['blobVersionedHashes'];
    if (!Array.isArray(raw)) invalid('missing field blobVersionedHashes');
    blobVersionedHashes = raw.map((h: unknown, i) => word(h, `blobVersionedHashes[${i}]`));
  }

  const tx: Transaction = {
    type,
    chainId,
    nonce: quantity(json, 'nonce'),
    gasPrice,
    maxPriorityFeePerGas: legacyFees ? gasPrice : quantity(json, 'maxPriorityFeePerGas'),
    maxFeePerGas: gasPrice,
    gasLimit: quantity(json, 'gas'),
    to,
    value: quantity(json, 'value'),
    data: hexToBytes(input_),
    accessList: type === 0 ? [] : accessList(json),
    maxFeePerBlobGas: type === 3 ? quantity(json, 'maxFeePerBlobGas') : 0n,
    blobVersionedHashes,
    v,
    r: quantity(json, 'r'),
    s: quantity(json, 's'),
  };
  return {
    tx,
    from: has(json, 'from') ? addressFromHex(json['from'] as string) : undefined,
    hash: has(json, 'hash') ? hexToBytes(json['hash'] as string, 32) : undefined,
  };
}

/**
 * The JSON-RPC fields of `tx` that transactionFromRpc reads back to the same Transaction (`gasPrice` of
 * typed transactions is their maxFeePerGas here; a block's JSON reports the effective price instead).
 */
export function transactionToRpc(tx: Transaction): Record<string, unknown> {
  const json: Record<string, unknown> = {
    type: toQuantity(tx.type),
    nonce: toQuantity(tx.nonce),
    gas: toQuantity(tx.gasLimit),
    gasPrice: toQuantity(tx.gasPrice),
    to: tx.to === null ? null : addressToHex(tx.to),
    value: toQuantity(tx.value),
    input: bytesToHex(tx.data),
    v: toQuantity(tx.v),
    r: toQuantity(tx.r),
    s: toQuantity(tx.s),
  };
  if (tx.chainId !== undefined) json['chainId'] = toQuantity(tx.chainId);
  if (tx.type !== 0) {
    json['accessList'] = tx.accessList.map((item) => ({ address: addressToHex(item.address), storageKeys: item.storageKeys.map(wordToHex) }));
    json['yParity'] = toQuantity(tx.v);
  }
  if (tx.type >= 2) {
    json['maxFeePerGas'] = toQuantity(tx.maxFeePerGas);
    json['maxPriorityFeePerGas'] = toQuantity(tx.maxPriorityFeePerGas);
  }
  if (tx.type === 3) {
    json['maxFeePerBlobGas'] = toQuantity(tx.maxFeePerBlobGas);
    json['blobVersionedHashes'] = tx.blobVersionedHashes.map(wordToHex);
  }
  return json;
}
