/**
 * `--out DIR`: writes a generated block as a block folder in the format of the mainnet fixtures (read by
 * src/block/block-fixture.ts): `block.json` shaped like eth_getBlockByNumber(n, true) with the real header
 * (gasUsed, receiptsRoot, logsBloom, transactionsRoot, withdrawalsRoot, stateRoot of genesis + diff, and
 * the Cancun header hash), `pre_state.json` holding the whole genesis (so `run-block --state-root` can
 * check the post-state root), and `block_hashes.json` with the parent's hash.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressToBytes, addressToHex } from '../primitives/address.js';
import { bytesToHex, toQuantity } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode, rlpScalar } from '../primitives/rlp.js';
import { wordToBytes, wordToHex, wordToQuantity } from '../primitives/word.js';
import { receiptsRoot, transactionsRoot } from '../block/receipt.js';
import { withdrawalsRoot } from '../block/withdrawals-root.js';
import type { Block, BlockResult } from '../execution/block.js';
import { EMPTY_CODE_HASH } from '../state/state-reader.js';
import type { MemoryState } from '../state/memory-state.js';
import { encodeTransaction, transactionHash } from '../tx/encode.js';
import { transactionToRpc } from '../tx/rpc.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import { BENCH_PARENT_HASH } from './chain.js';
import { copyState } from './state-copy.js';

/** keccak256(rlp([])): the ommers hash of every post-merge block. */
const EMPTY_OMMERS_HASH = keccak256(rlpEncode([]));
const ZERO_NONCE = new Uint8Array(8);
const EXTRA_DATA = new TextEncoder().encode('parevm bench');

export interface WrittenBlock {
  hash: Uint8Array;
  stateRoot: Uint8Array;
}

/** The pre_state.json object: address -> {balance, nonce, code_hash?, code?, storage}. */
export function stateToJson(state: MemoryState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [address, acc] of state.accounts) {
    const storage: Record<string, string> = {};
    for (const [slot, value] of acc.storage) storage[wordToQuantity(slot)] = wordToQuantity(value);
    const json: Record<string, unknown> = { balance: toQuantity(acc.balance), nonce: Number(acc.nonce) };
    if (acc.codeHash !== EMPTY_CODE_HASH) {
      json['code_hash'] = wordToHex(acc.codeHash);
      json['code'] = bytesToHex(state.code(acc.codeHash));
    }
    json['storage'] = storage;
    out[addressToHex(address)] = json;
  }
  return out;
}

function transactionJson(tx: ExecutableTransaction, index: number, block: Block, blockHash: string): Record<string, unknown> {
  const baseFee = block.env.baseFee;
  const priority = tx.maxPriorityFeePerGas < tx.maxFeePerGas - baseFee ? tx.maxPriorityFeePerGas : tx.maxFeePerGas - baseFee;
  return {
    blockHash,
    blockNumber: toQuantity(block.env.number),
    from: addressToHex(tx.sender),
    hash: bytesToHex(transactionHash(tx)),
    transactionIndex: toQuantity(index),
    ...transactionToRpc(tx),
    gasPrice: toQuantity(tx.type >= 2 ? baseFee + priority : tx.gasPrice), // the effective price
  };
}

/** Writes DIR/block.json, DIR/pre_state.json and DIR/block_hashes.json for `block` run on `genesis`. */
export function writeBlockFolder(dir: string, genesis: MemoryState, block: Block, result: BlockResult): WrittenBlock {
  const env = block.env;
  const post = copyState(genesis);
  post.apply(result.diff);
  const stateRoot = post.stateRoot();
  const encodedTxs = block.transactions.map(encodeTransaction);
  const txRoot = transactionsRoot(encodedTxs);
  const rcptRoot = receiptsRoot(result.receipts);
  const wdRoot = withdrawalsRoot(block.withdrawals);
  const parentHash = wordToBytes(BENCH_PARENT_HASH);
  const mixHash = wordToBytes(env.prevRandao);

  const headerFields = [
    parentHash, EMPTY_OMMERS_HASH, addressToBytes(env.coinbase), stateRoot, txRoot, rcptRoot, result.logsBloom,
    rlpScalar(0n), rlpScalar(env.number), rlpScalar(env.gasLimit), rlpScalar(result.gasUsed), rlpScalar(env.timestamp),
    EXTRA_DATA, mixHash, ZERO_NONCE, rlpScalar(env.baseFee), wdRoot, rlpScalar(result.blobGasUsed), rlpScalar(env.excessBlobGas),
    ...(block.parentBeaconBlockRoot === null ? [] : [wordToBytes(block.parentBeaconBlockRoot)]),
  ];
  const header = rlpEncode(headerFields);
  const hash = keccak256(header);
  const hashHex = bytesToHex(hash);
  // Block size: rlp([header, transactions, ommers, withdrawals]); typed transactions are byte strings
  // there (the benchmark blocks hold only type-2 transactions).
  const withdrawals = block.withdrawals.map((w) => [rlpScalar(w.index), rlpScalar(w.validatorIndex), addressToBytes(w.address), rlpScalar(w.amount)]);
  const size = rlpEncode([headerFields, encodedTxs, [], withdrawals]).length;

  const blockJson: Record<string, unknown> = {
    hash: hashHex,
    parentHash: bytesToHex(parentHash),
    sha3Uncles: bytesToHex(EMPTY_OMMERS_HASH),
    miner: addressToHex(env.coinbase),
    stateRoot: bytesToHex(stateRoot),
    transactionsRoot: bytesToHex(txRoot),
    receiptsRoot: bytesToHex(rcptRoot),
    logsBloom: bytesToHex(result.logsBloom),
    difficulty: '0x0',
    number: toQuantity(env.number),
    gasLimit: toQuantity(env.gasLimit),
    gasUsed: toQuantity(result.gasUsed),
    timestamp: toQuantity(env.timestamp),
    extraData: bytesToHex(EXTRA_DATA),
    mixHash: bytesToHex(mixHash),
    nonce: bytesToHex(ZERO_NONCE),
    baseFeePerGas: toQuantity(env.baseFee),
    withdrawalsRoot: bytesToHex(wdRoot),
    blobGasUsed: toQuantity(result.blobGasUsed),
    excessBlobGas: toQuantity(env.excessBlobGas),
    ...(block.parentBeaconBlockRoot === null ? {} : { parentBeaconBlockRoot: wordToHex(block.parentBeaconBlockRoot) }),
    uncles: [],
    transactions: block.transactions.map((tx, i) => transactionJson(tx, i, block, hashHex)),
    size: toQuantity(size),
    withdrawals: block.withdrawals.map((w) => ({ index: toQuantity(w.index), validatorIndex: toQuantity(w.validatorIndex), address: addressToHex(w.address), amount: toQuantity(w.amount) })),
  };

  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'block.json'), JSON.stringify(blockJson));
  writeFileSync(join(dir, 'pre_state.json'), JSON.stringify(stateToJson(genesis)));
  writeFileSync(join(dir, 'block_hashes.json'), JSON.stringify({ [(env.number - 1n).toString()]: wordToHex(BENCH_PARENT_HASH) }, null, 1));
  return { hash, stateRoot };
}
