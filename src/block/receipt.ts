/**
 * Transaction receipts and the block roots built from them: the EIP-2718 receipt encoding (legacy:
 * rlp([status, cumulativeGasUsed, logsBloom, logs]); typed: type byte || that rlp), the receipts root and
 * transactions root (ordered tries keyed by rlp(index)), and the state tests' logs hash
 * keccak256(rlp([[address, [topics...], data], ...])).
 */
import { addressToBytes } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordToBytes } from '../primitives/word.js';
import { ByteArena } from '../trie/byte-arena.js';
import {
  rlpHeaderLength, rlpStringLength, scalarBytes, scalarItemLength, writeRlpHeader, writeRlpString, writeScalarItem,
} from '../trie/rlp-writer.js';
import { orderedTrieRoot } from '../trie/trie-root.js';
import type { Log } from '../evm/log.js';
import { BLOOM_BYTES } from './bloom.js';

export interface Receipt {
  type: 0 | 1 | 2 | 3;
  /** 1 = success, 0 = failure (EIP-658). */
  status: 0 | 1;
  cumulativeGasUsed: bigint;
  logsBloom: Uint8Array;
  logs: Log[];
}

/** Payload length of the RLP list [address, [topics...], data]. */
function logPayloadLength(log: Log): number {
  const topics = 33 * log.topics.length;
  return 21 + rlpHeaderLength(topics) + topics + rlpStringLength(log.data);
}

function logsPayloadLength(logs: readonly Log[]): number {
  let payload = 0;
  for (const log of logs) {
    const p = logPayloadLength(log);
    payload += rlpHeaderLength(p) + p;
  }
  return payload;
}

/** Writes rlp([[address, [topics...], data], ...]) given its payload length; returns the next position. */
function writeLogs(out: Uint8Array, pos: number, logs: readonly Log[], payload: number): number {
  pos = writeRlpHeader(out, pos, payload, 0xc0);
  for (const log of logs) {
    pos = writeRlpHeader(out, pos, logPayloadLength(log), 0xc0);
    out[pos++] = 0x94;
    addressToBytes(log.address, out, pos);
    pos += 20;
    pos = writeRlpHeader(out, pos, 33 * log.topics.length, 0xc0);
    for (const topic of log.topics) {
      out[pos++] = 0xa0;
      wordToBytes(topic, out, pos);
      pos += 32;
    }
    pos = writeRlpString(out, pos, log.data);
  }
  return pos;
}

const gasScratch = new Uint8Array(32);

function checkReceipt(receipt: Receipt): void {
  const { type, status } = receipt;
  if (type !== 0 && type !== 1 && type !== 2 && type !== 3) throw new InvalidInputError('invalid receipt type', { details: String(type) });
  if (status !== 0 && status !== 1) throw new InvalidInputError('invalid receipt status', { details: String(status) });
  if (!(receipt.logsBloom instanceof Uint8Array) || receipt.logsBloom.length !== BLOOM_BYTES) {
    throw new InvalidInputError(`receipt logsBloom must be ${BLOOM_BYTES} bytes`);
  }
}

/**
 * The receipt as it is hashed into the receipts root (EIP-2718 envelope), written straight into an
 * array from `allocate` (no intermediate RLP arrays).
 */
function encodeReceiptWith(receipt: Receipt, allocate: (length: number) => Uint8Array): Uint8Array {
  checkReceipt(receipt);
  const gasLength = scalarBytes(receipt.cumulativeGasUsed, gasScratch, 'cumulativeGasUsed');
  const logsPayload = logsPayloadLength(receipt.logs);
  // status (always one byte: 0x80 or 0x01) + gas + bloom (0xb9 0x01 0x00 || 256 bytes) + logs
  const payload = 1 + scalarItemLength(gasScratch, gasLength) + 3 + BLOOM_BYTES + rlpHeaderLength(logsPayload) + logsPayload;
  const typed = receipt.type === 0 ? 0 : 1;
  const out = allocate(typed + rlpHeaderLength(payload) + payload);
  if (typed) out[0] = receipt.type;
  let pos = writeRlpHeader(out, typed, payload, 0xc0);
  out[pos++] = receipt.status === 1 ? 0x01 : 0x80;
  pos = writeScalarItem(out, pos, gasScratch, gasLength);
  pos = writeRlpString(out, pos, receipt.logsBloom);
  writeLogs(out, pos, receipt.logs, logsPayload);
  return out;
}

const newArray = (length: number) => new Uint8Array(length);

/** The receipt as it is hashed into the receipts root (EIP-2718 envelope). */
export function encodeReceipt(receipt: Receipt): Uint8Array {
  return encodeReceiptWith(receipt, newArray);
}

/** The header's receiptsRoot. */
export function receiptsRoot(receipts: readonly Receipt[]): Uint8Array {
  const arena = new ByteArena();
  const allocate = (length: number) => arena.alloc(length);
  return orderedTrieRoot(receipts.map((receipt) => encodeReceiptWith(receipt, allocate)));
}

/** The header's transactionsRoot, from each transaction's EIP-2718 encoding (legacy: its plain RLP). */
export function transactionsRoot(encodedTxs: readonly Uint8Array[]): Uint8Array {
  return orderedTrieRoot(encodedTxs);
}

/** keccak256(rlp([[address, [topics...], data], ...])): the `logs` field checked by the state tests. */
export function logsHash(logs: readonly Log[]): Uint8Array {
  const payload = logsPayloadLength(logs);
  const out = new Uint8Array(rlpHeaderLength(payload) + payload);
  writeLogs(out, 0, logs, payload);
  return keccak256(out);
}
