/**
 * Warming the execution threads up at start-up. Fresh worker threads run everything in V8's interpreter
 * and baseline tiers until the optimizing compiler has seen enough of each hot function, and on two cores
 * the workers' compile jobs compete with the workers themselves: the first 10k-transaction ERC-20 block
 * after start took 480-530 ms with 2 workers, the sixth onwards ~100-110 ms (parevm run-block --runs 12).
 * A node starts its pool once, so it can pay that at start-up: `warmUp` runs a synthetic block through
 * the pool (and once through the sequential executor on this thread) before real blocks arrive.
 *
 * The synthetic block is generic, not any benchmark's: a token written here in assembly (balances in a
 * keccak-addressed mapping, a Transfer log — the storage, hashing and logging paths every contract call
 * takes) and plain value transfers, from distinct senders. Nothing is written to any real state.
 */
import { addressFromNumber, addressToBytes, type Address } from '../primitives/address.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromBytes, wordToBigInt, type Word } from '../primitives/word.js';
import { blobBaseFee } from '../block/block-env.js';
import { Assembler } from '../evm/assembler.js';
import type { Block } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { MemoryState } from '../state/memory-state.js';
import { SharedState } from '../state/shared-state.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import { executeBlock, sharedPool } from './execute-block.js';

const TOKEN = addressFromNumber(0x7e57_0000);
const COINBASE = addressFromNumber(0x7e57_c0b5);
const HOLDERS = 4096;
const TXS = 4096;
const BLOCKS = 3;
const TRANSFER_TOPIC = wordFromBytes(keccak256(new TextEncoder().encode('Transfer(address,address,uint256)')));
const ETHER = 10n ** 18n;

/** transfer(to, amount) on a mapping at slot 0: reverts on insufficient balance, logs Transfer, returns true. */
function assembleToken(): Uint8Array {
  const a = new Assembler();
  const revert = a.newLabel();
  a.push(0x24n).op(0x35).push(0x04n).op(0x35); // CALLDATALOAD amount, to -> [to, amount]
  a.op(0x33).push(0n).op(0x52).push(0n).push(0x20n).op(0x52); // memory = caller . slot 0
  a.push(0x40n).push(0n).op(0x20); // KECCAK256 -> [sFrom, to, amount]
  a.op(0x80).op(0x54); // SLOAD -> [bFrom, sFrom, to, amount]
  a.op(0x80).op(0x84).op(0x11).pushLabel(revert).op(0x57); // amount > bFrom: revert
  a.op(0x83).op(0x90).op(0x03).op(0x90).op(0x55); // SSTORE sFrom, bFrom - amount -> [to, amount]
  a.op(0x80).push(0n).op(0x52).push(0x40n).push(0n).op(0x20); // memory = to . slot 0; KECCAK256 -> [sTo, to, amount]
  a.op(0x80).op(0x54).op(0x83).op(0x01).op(0x90).op(0x55); // SSTORE sTo, bTo + amount -> [to, amount]
  a.op(0x90).push(0n).op(0x52); // memory[0] = amount -> [to]
  a.op(0x33).push(wordToBigInt(TRANSFER_TOPIC), 32).push(0x20n).push(0n).op(0xa3); // LOG3(0, 32, Transfer, caller, to)
  a.push(1n).push(0n).op(0x52).push(0x20n).push(0n).op(0xf3); // RETURN true
  a.label(revert).op(0x5b).push(0n).push(0n).op(0xfd);
  return a.assemble().code;
}

function balanceSlot(holder: Address): Word {
  const key = new Uint8Array(64);
  addressToBytes(holder, key, 12);
  return wordFromBytes(keccak256(key));
}

function holder(i: number): Address {
  return addressFromNumber(0x7e57_1000_0000 + i);
}

function transferData(to: Address, amount: bigint): Uint8Array {
  const data = new Uint8Array(4 + 64);
  data.set([0xa9, 0x05, 0x9c, 0xbb]);
  addressToBytes(to, data, 4 + 12);
  let v = amount;
  for (let i = 67; i >= 36 && v > 0n; i--) {
    data[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return data;
}

/** The synthetic genesis and `BLOCKS` blocks' worth of transactions (one block, re-executed). */
export function warmUpWorkload(): { genesis: MemoryState; block: Block } {
  const genesis = new MemoryState();
  const storage = new Map<Word, Word>();
  for (let i = 0; i < HOLDERS; i++) {
    genesis.setAccount(holder(i), 0n, 1000n * ETHER, new Uint8Array(0));
    storage.set(balanceSlot(holder(i)), wordFromBigInt(10n ** 24n));
  }
  genesis.setAccount(TOKEN, 1n, 0n, assembleToken(), storage);
  const transactions: ExecutableTransaction[] = [];
  for (let i = 0; i < TXS; i++) {
    const sender = holder(i % HOLDERS);
    const to = holder((i * 7919 + 13) % HOLDERS);
    const token = i % 4 !== 0;
    transactions.push({
      type: 2, chainId: 1n, nonce: BigInt(Math.floor(i / HOLDERS)), gasPrice: 10n, maxPriorityFeePerGas: 1n, maxFeePerGas: 10n,
      gasLimit: token ? 100_000n : 21_000n, to: token ? TOKEN : to, value: token ? 0n : 1000n,
      data: token ? transferData(to, BigInt(1 + (i % 1000))) : new Uint8Array(0),
      accessList: [], maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n, r: 0n, s: 0n, sender,
    });
  }
  const block: Block = {
    env: {
      number: 1n, coinbase: COINBASE, timestamp: 1n, gasLimit: BigInt(TXS) * 100_000n, baseFee: 7n, prevRandao: wordFromBigInt(1n),
      chainId: 1n, excessBlobGas: 0n, blobBaseFee: blobBaseFee(0n), blockHash: () => undefined,
    },
    transactions, withdrawals: [], parentBeaconBlockRoot: null,
  };
  return { genesis, block };
}

/**
 * Warms this thread's sequential executor up and, with `workers` > 0, starts the shared pool of that many
 * threads and warms it up too. Returns the milliseconds it took.
 */
export async function warmUp(workers: number): Promise<number> {
  const start = performance.now();
  const { genesis, block } = warmUpWorkload();
  const state = SharedState.fromMemoryState(genesis);
  if (workers > 0) await sharedPool(workers).ready();
  for (let i = 0; i < (workers > 0 ? 1 : BLOCKS); i++) executeBlockSequential(block, state);
  if (workers > 0) {
    for (let i = 0; i < BLOCKS; i++) await executeBlock(block, state, { workers, forceParallel: true, fallbackRatio: Infinity });
  }
  return performance.now() - start;
}
