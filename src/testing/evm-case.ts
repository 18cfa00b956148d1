/**
 * Test support: a generated differential EVM case — pre-state contracts (as programs), extra accounts,
 * block header fields and 1-3 transactions — and `buildCase`, which turns it into the concrete pre-state,
 * BlockEnv and signed transactions that both EVMs run. `describeCase` prints it for a failure report.
 */
import { addressToHex, type Address } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromBytes, wordToHex, type Word } from '../primitives/word.js';
import { blobBaseFee, type BlockEnv } from '../block/block-env.js';
import { intrinsicGas } from '../tx/intrinsic-gas.js';
import { signTransaction } from '../tx/sender.js';
import type { ExecutableTransaction, Transaction, TxType } from '../tx/transaction.js';
import { encodeTransaction } from '../tx/encode.js';
import { MAX_INITCODE_SIZE } from '../tx/validate.js';
import { CONTRACTS, SENDER_KEYS, SENDERS, addressFromBigInt } from './evm-actors.js';
import { emitProgram, type Program } from './evm-program.js';

export interface ContractSpec {
  program: Program;
  nonce: bigint;
  balance: bigint;
  storage: Array<[bigint, bigint]>;
}

/** Another pre-state account (EOAs, a collision target at a CREATE address, an EIP-161 empty account). */
export interface AccountSpec {
  address: Address;
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  storage: Array<[bigint, bigint]>;
}

export interface BlockSpec {
  number: bigint;
  timestamp: bigint;
  coinbase: Address;
  baseFee: bigint;
  gasLimit: bigint;
  prevRandao: bigint;
  excessBlobGas: bigint;
}

export type TxTarget = { kind: 'contract'; index: number } | { kind: 'address'; address: bigint } | { kind: 'create'; init: Program };

/** The one thing (if any) that makes a generated transaction invalid. */
export type TxFlaw =
  | 'none' | 'nonceLow' | 'nonceHigh' | 'chainId' | 'intrinsicGas' | 'blockGas' | 'feeCap' | 'priority' | 'balance'
  | 'blobFee' | 'noBlobs' | 'tooManyBlobs' | 'blobVersion' | 'blobCreate' | 'initcodeSize';

const BLOB_FLAWS: ReadonlySet<TxFlaw> = new Set(['blobFee', 'noBlobs', 'tooManyBlobs', 'blobVersion', 'blobCreate']);

export interface TxSpec {
  type: TxType;
  sender: number;
  to: TxTarget;
  value: bigint;
  data: Uint8Array;
  /** gasLimit = intrinsic gas + extraGas. */
  extraGas: bigint;
  /** Legacy/2930: gasPrice = baseFee + feeHeadroom. 1559/4844: maxFeePerGas = baseFee + feeHeadroom. */
  feeHeadroom: bigint;
  /** 1559/4844: maxPriorityFeePerGas = min(tip, maxFeePerGas). */
  tip: bigint;
  accessList: Array<{ address: bigint; slots: bigint[] }>;
  /** Type 3: the number of blob hashes (1..6). */
  blobs: number;
  /** maxFeePerBlobGas = blob base fee + blobFeeHeadroom. */
  blobFeeHeadroom: bigint;
  /** Legacy without EIP-155. */
  unprotected: boolean;
  flaw: TxFlaw;
}

export interface EvmCase {
  contracts: ContractSpec[];
  accounts: AccountSpec[];
  senderBalances: bigint[];
  block: BlockSpec;
  txs: TxSpec[];
}

export interface PreAccount {
  address: Address;
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  storage: Map<Word, Word>;
}

export interface BuiltCase {
  pre: PreAccount[];
  env: BlockEnv;
  txs: ExecutableTransaction[];
  /** Canonical encodings of the signed transactions. */
  encodedTxs: Uint8Array[];
  /** Assembly listings of every contract and initcode, for reports. */
  listings: string[];
}

/** BLOCKHASH(n) in both EVMs: keccak256 of n in decimal (as the GeneralStateTests were filled). */
export function testBlockHash(n: bigint): Uint8Array {
  return keccak256(new TextEncoder().encode(n.toString(10)));
}

function storageMap(entries: Array<[bigint, bigint]>): Map<Word, Word> {
  const m = new Map<Word, Word>();
  for (const [k, v] of entries) {
    if (v === 0n) m.delete(wordFromBigInt(k));
    else m.set(wordFromBigInt(k), wordFromBigInt(v));
  }
  return m;
}

export function blockEnvOf(spec: BlockSpec): BlockEnv {
  return {
    number: spec.number,
    coinbase: spec.coinbase,
    timestamp: spec.timestamp,
    gasLimit: spec.gasLimit,
    baseFee: spec.baseFee,
    prevRandao: wordFromBigInt(spec.prevRandao),
    chainId: 1n,
    excessBlobGas: spec.excessBlobGas,
    blobBaseFee: blobBaseFee(spec.excessBlobGas),
    // The EVM applies the 256-block window itself.
    blockHash: (n: bigint) => (n < spec.number ? wordFromBytes(testBlockHash(n)) : undefined),
  };
}

export function buildCase(c: EvmCase): BuiltCase {
  const pre: PreAccount[] = [];
  const listings: string[] = [];
  const seen = new Set<Address>();
  const add = (a: PreAccount): void => {
    if (seen.has(a.address)) return; // the first definition wins
    seen.add(a.address);
    pre.push(a);
  };
  c.contracts.forEach((spec, i) => {
    const { code, listing } = emitProgram(spec.program);
    listings.push(`contract ${i} at ${addressToHex(CONTRACTS[i]!)} (${code.length} bytes):\n${listing}`);
    add({ address: CONTRACTS[i]!, nonce: spec.nonce, balance: spec.balance, code, storage: storageMap(spec.storage) });
  });
  for (const a of c.accounts) add({ address: a.address, nonce: a.nonce, balance: a.balance, code: a.code, storage: storageMap(a.storage) });
  c.senderBalances.forEach((balance, i) => add({ address: SENDERS[i]!, nonce: 0n, balance, code: new Uint8Array(0), storage: new Map() }));

  const env = blockEnvOf(c.block);
  const nonces = new Map<number, bigint>();
  const txs: ExecutableTransaction[] = [];
  const encodedTxs: Uint8Array[] = [];
  c.txs.forEach((t, i) => {
    const creates = t.to.kind === 'create' && t.type !== 3;
    // A flaw that does not apply to this transaction type or target is no flaw.
    const flaw = (BLOB_FLAWS.has(t.flaw) && t.type !== 3) || (t.flaw === 'initcodeSize' && !creates) ? 'none' : t.flaw;
    let to: Address | null;
    let data = t.data;
    if (t.to.kind === 'create' && creates) {
      const { code, listing } = emitProgram(t.to.init);
      listings.push(`transaction ${i} initcode (${code.length} bytes):\n${listing}`);
      to = null;
      data = code;
      if (flaw === 'initcodeSize') {
        data = new Uint8Array(MAX_INITCODE_SIZE + 1);
        data.set(code.subarray(0, MAX_INITCODE_SIZE));
      }
    } else if (t.to.kind === 'address') {
      to = addressFromBigInt(t.to.address);
    } else {
      to = CONTRACTS[t.to.kind === 'contract' ? t.to.index : 0]!;
    }
    if (flaw === 'blobCreate' && t.type === 3) to = null;
    const expected = nonces.get(t.sender) ?? 0n;
    const nonce = flaw === 'nonceHigh' ? expected + 1n : flaw === 'nonceLow' ? (expected === 0n ? 2n : expected - 1n) : expected;
    const typed = t.type !== 0;
    let feeCap = env.baseFee + t.feeHeadroom;
    if (flaw === 'feeCap') feeCap = env.baseFee === 0n ? 0n : env.baseFee - 1n;
    const priority = flaw === 'priority' ? feeCap + 1n : t.tip < feeCap ? t.tip : feeCap;
    let blobs = t.blobs;
    if (flaw === 'noBlobs') blobs = 0;
    if (flaw === 'tooManyBlobs') blobs = 7;
    const blobFee = env.blobBaseFee + t.blobFeeHeadroom;
    const unsigned: Transaction = {
      type: t.type,
      chainId: flaw === 'chainId' ? 5n : t.unprotected && !typed ? undefined : 1n,
      nonce,
      gasPrice: feeCap,
      maxPriorityFeePerGas: t.type >= 2 ? priority : feeCap,
      maxFeePerGas: feeCap,
      gasLimit: 0n,
      to,
      value: flaw === 'balance' ? 10n ** 30n : t.value,
      data,
      accessList: t.type === 0 ? [] : t.accessList.map((item) => ({ address: addressFromBigInt(item.address), storageKeys: item.slots.map(wordFromBigInt) })),
      maxFeePerBlobGas: t.type !== 3 ? 0n : flaw === 'blobFee' ? env.blobBaseFee - 1n : blobFee,
      blobVersionedHashes: t.type === 3 ? Array.from({ length: blobs }, (_, j) => blobHash(flaw === 'blobVersion' && j === 0 ? 2 : 1, i, j)) : [],
      v: 0n,
      r: 0n,
      s: 0n,
    };
    const intrinsic = intrinsicGas(unsigned);
    unsigned.gasLimit = flaw === 'intrinsicGas' ? intrinsic - 1n : flaw === 'blockGas' ? env.gasLimit + 1n : intrinsic + t.extraGas;
    if (unsigned.gasLimit > env.gasLimit && flaw !== 'blockGas') unsigned.gasLimit = env.gasLimit;
    const signed = signTransaction(unsigned, SENDER_KEYS[t.sender]!);
    txs.push({ ...signed, sender: SENDERS[t.sender]! });
    encodedTxs.push(encodeTransaction(signed));
    // Transactions meant to be valid advance the expected nonce (a poor sender's may still be rejected).
    if (flaw === 'none') nonces.set(t.sender, nonce + 1n);
  });
  return { pre, env, txs, encodedTxs, listings };
}

function blobHash(version: number, tx: number, index: number): Word {
  const h = keccak256(Uint8Array.of(tx, index));
  h[0] = version;
  return wordFromBytes(h);
}

const json = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? bytesToHex(x) : x), 1).replace(/\n\s*/g, ' ');

/** A readable description of a case: block, accounts, transactions and the listings of all code. */
export function describeCase(c: EvmCase, built: BuiltCase = buildCase(c)): string {
  const lines: string[] = [];
  lines.push(`block: ${json({ ...c.block, coinbase: addressToHex(c.block.coinbase) })}`);
  for (const a of built.pre) {
    const storage = [...a.storage].map(([k, v]) => `${wordToHex(k)}=${wordToHex(v)}`).join(' ');
    lines.push(`account ${addressToHex(a.address)} nonce=${a.nonce} balance=${a.balance} code=${a.code.length} bytes${storage ? ' storage: ' + storage : ''}`);
  }
  built.txs.forEach((tx, i) => {
    lines.push(
      `tx ${i}: type=${tx.type} from=${addressToHex(tx.sender)} nonce=${tx.nonce} to=${tx.to === null ? 'CREATE' : addressToHex(tx.to)} value=${tx.value} gasLimit=${tx.gasLimit} ` +
        `gasPrice=${tx.gasPrice} maxPriority=${tx.maxPriorityFeePerGas} chainId=${tx.chainId} data=${bytesToHex(tx.data).slice(0, 200)} ` +
        `accessList=${json(tx.accessList.map((x) => ({ a: addressToHex(x.address), k: x.storageKeys.map(wordToHex) })))} blobs=${tx.blobVersionedHashes.map(wordToHex).join(',')} maxFeePerBlobGas=${tx.maxFeePerBlobGas}`,
    );
    lines.push(`tx ${i} raw: ${bytesToHex(built.encodedTxs[i]!)}`);
  });
  lines.push(...built.listings);
  return lines.join('\n');
}
