/**
 * Loads a block folder in the format of ../shared/fixtures/mainnet (see its README): `block.json` as
 * eth_getBlockByNumber(n, true) returns it, `pre_state.json` with the accounts the block touches, and
 * `block_hashes.json` (number -> hash) in the folder or its parent. Every malformed piece is reported as
 * one InvalidInputError naming the file and field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addressFromHex, type Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { hexToBigInt, hexToBytes } from '../primitives/hex.js';
import { wordFromHex, type Word } from '../primitives/word.js';
import { MemoryState, type JsonAccount } from '../state/memory-state.js';
import { transactionFromRpc } from '../tx/rpc.js';
import type { Transaction } from '../tx/transaction.js';
import { blobBaseFee, type BlockEnv } from './block-env.js';
import type { Withdrawal } from './withdrawals-root.js';

export interface BlockHeaderExpectations {
  number: bigint;
  gasUsed: bigint;
  receiptsRoot: Uint8Array;
  logsBloom: Uint8Array;
  stateRoot: Uint8Array;
  transactionsRoot: Uint8Array;
  blobGasUsed: bigint;
}

export interface BlockFixture {
  dir: string;
  env: BlockEnv;
  header: BlockHeaderExpectations;
  transactions: Transaction[];
  /** The `from` of each transaction as the node reported it. */
  froms: Array<Address | undefined>;
  withdrawals: Withdrawal[];
  parentBeaconBlockRoot: Word | null;
  pre: MemoryState;
}

type Json = Record<string, unknown>;

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InvalidInputError('cannot read file', { details: path });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(`invalid JSON in ${path}`, { details: error instanceof Error ? error.message : String(error) });
  }
}

function field(json: Json, name: string, file: string): string {
  const v = json[name];
  if (typeof v !== 'string') throw new InvalidInputError(`${file}: missing or non-string field ${name}`);
  return v;
}

/** Parses `dir/block.json`, `dir/pre_state.json` and the nearest `block_hashes.json`. */
export function loadBlockFixture(dir: string): BlockFixture {
  const blockPath = join(dir, 'block.json');
  const raw = readJson(blockPath);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new InvalidInputError(`${blockPath}: expected a block object`);
  const b = raw as Json;
  const f = (name: string) => field(b, name, blockPath);

  const hashesPath = [join(dir, 'block_hashes.json'), join(dirname(dir), 'block_hashes.json')].find((p) => existsSync(p));
  const hashes = new Map<bigint, Word>();
  if (hashesPath !== undefined) {
    const json = readJson(hashesPath);
    if (json === null || typeof json !== 'object') throw new InvalidInputError(`${hashesPath}: expected an object of number -> hash`);
    for (const [n, h] of Object.entries(json as Record<string, unknown>)) {
      if (typeof h !== 'string') throw new InvalidInputError(`${hashesPath}: hash of block ${n} is not a string`);
      hashes.set(hexToBigInt(n), wordFromHex(h));
    }
  }

  const excessBlobGas = b['excessBlobGas'] === undefined ? 0n : hexToBigInt(f('excessBlobGas'));
  const env: BlockEnv = {
    number: hexToBigInt(f('number')),
    coinbase: addressFromHex(f('miner')),
    timestamp: hexToBigInt(f('timestamp')),
    gasLimit: hexToBigInt(f('gasLimit')),
    baseFee: hexToBigInt(f('baseFeePerGas')),
    prevRandao: wordFromHex(f('mixHash')),
    chainId: 1n,
    excessBlobGas,
    blobBaseFee: blobBaseFee(excessBlobGas),
    blockHash: (n) => hashes.get(n),
  };

  const txsJson = b['transactions'];
  if (!Array.isArray(txsJson)) throw new InvalidInputError(`${blockPath}: transactions must be an array of objects (eth_getBlockByNumber(n, true))`);
  const transactions: Transaction[] = [];
  const froms: Array<Address | undefined> = [];
  txsJson.forEach((t, i) => {
    try {
      const parsed = transactionFromRpc(t);
      transactions.push(parsed.tx);
      froms.push(parsed.from);
    } catch (error) {
      throw new InvalidInputError(`${blockPath}: transaction ${i}`, { details: error instanceof Error ? error.message : String(error) });
    }
  });
  const chainIds = new Set(transactions.map((t) => t.chainId).filter((c) => c !== undefined));
  if (chainIds.size === 1) env.chainId = [...chainIds][0]!;

  const withdrawalsJson = b['withdrawals'] ?? [];
  if (!Array.isArray(withdrawalsJson)) throw new InvalidInputError(`${blockPath}: withdrawals must be an array`);
  const withdrawals = withdrawalsJson.map((w, i): Withdrawal => {
    const wj = w as Json;
    const wf = (name: string) => field(wj, name, `${blockPath} withdrawal ${i}`);
    return { index: hexToBigInt(wf('index')), validatorIndex: hexToBigInt(wf('validatorIndex')), address: addressFromHex(wf('address')), amount: hexToBigInt(wf('amount')) };
  });

  const preJson = readJson(join(dir, 'pre_state.json'));
  const pre = MemoryState.fromJson(preJson as Record<string, JsonAccount>, join(dir, 'pre_state.json'));

  return {
    dir,
    env,
    header: {
      number: env.number,
      gasUsed: hexToBigInt(f('gasUsed')),
      receiptsRoot: hexToBytes(f('receiptsRoot'), 32),
      logsBloom: hexToBytes(f('logsBloom'), 256),
      stateRoot: hexToBytes(f('stateRoot'), 32),
      transactionsRoot: hexToBytes(f('transactionsRoot'), 32),
      blobGasUsed: b['blobGasUsed'] === undefined ? 0n : hexToBigInt(f('blobGasUsed')),
    },
    transactions,
    froms,
    withdrawals,
    parentBeaconBlockRoot: typeof b['parentBeaconBlockRoot'] === 'string' ? wordFromHex(b['parentBeaconBlockRoot']) : null,
    pre,
  };
}
