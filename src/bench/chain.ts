/**
 * The synthetic chain the workloads run on: the benchmark block's environment (an L2-like Cancun block
 * with a 1 gwei base fee), the genesis builder that deploys and funds contracts by executing setup
 * transactions with the sequential executor (setup is never measured), and the builder of the measured
 * block's signed type-2 transactions.
 */
import { addressFromHex, type Address } from '../primitives/address.js';
import { ParevmError } from '../primitives/errors.js';
import { wordFromBytes, type Word } from '../primitives/word.js';
import { keccak256 } from '../primitives/keccak.js';
import { blobBaseFee, type BlockEnv } from '../block/block-env.js';
import type { Block } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { BEACON_ROOTS_ADDRESS, BEACON_ROOTS_CODE } from '../execution/execute-transaction.js';
import { MemoryState } from '../state/memory-state.js';
import { withSender } from '../tx/executable.js';
import { signTransaction } from '../tx/sender.js';
import type { ExecutableTransaction, Transaction } from '../tx/transaction.js';
import { namedAccount, type BenchAccount } from './accounts.js';

export const ETHER = 10n ** 18n;
export const GWEI = 10n ** 9n;

export const BENCH_CHAIN_ID = 1n;
export const BENCH_BLOCK_NUMBER = 20_000_000n;
export const BENCH_TIMESTAMP = 1_718_000_000n;
export const BENCH_BASE_FEE = 1n * GWEI;
export const BENCH_PRIORITY_FEE = GWEI / 10n;
export const BENCH_MAX_FEE = 2n * BENCH_BASE_FEE + BENCH_PRIORITY_FEE;
/** The block gas limit when the transactions' limits add up to less. */
export const MIN_BLOCK_GAS_LIMIT = 30_000_000n;
export const BENCH_COINBASE: Address = addressFromHex('0x4200000000000000000000000000000000000011');

const labelWord = (label: string): Word => wordFromBytes(keccak256(new TextEncoder().encode(`parevm-bench:${label}`)));
export const BENCH_PARENT_HASH: Word = labelWord('parent-hash');
export const BENCH_PREV_RANDAO: Word = labelWord('prev-randao');
export const BENCH_PARENT_BEACON_ROOT: Word = labelWord('parent-beacon-root');


/** ETH an account needs to send `sends` transactions of `gasLimit` gas and `value` wei each, plus 1 ETH. */
export function fundingFor(sends: number, gasLimit: bigint, value = 0n): bigint {
  return ETHER + BigInt(sends) * (gasLimit * BENCH_MAX_FEE + value);
}

/** The environment of block `number` (BLOCKHASH knows only the parent). */
export function benchBlockEnv(gasLimit: bigint, number = BENCH_BLOCK_NUMBER, baseFee = BENCH_BASE_FEE): BlockEnv {
  const parent = number - 1n;
  return {
    number,
    coinbase: BENCH_COINBASE,
    timestamp: BENCH_TIMESTAMP - 12n * (BENCH_BLOCK_NUMBER - number),
    gasLimit,
    baseFee,
    prevRandao: BENCH_PREV_RANDAO,
    chainId: BENCH_CHAIN_ID,
    excessBlobGas: 0n,
    blobBaseFee: blobBaseFee(0n),
    blockHash: (n) => (n === parent ? BENCH_PARENT_HASH : undefined),
  };
}

/** A setup or benchmark transaction before signing. */
function unsignedTx(nonce: bigint, to: Address | null, data: Uint8Array, value: bigint, gasLimit: bigint, maxFee: bigint, priorityFee: bigint): Transaction {
  return {
    type: 2, chainId: BENCH_CHAIN_ID, nonce, gasPrice: maxFee, maxPriorityFeePerGas: priorityFee, maxFeePerGas: maxFee, gasLimit, to, value, data,
    accessList: [], maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n, r: 0n, s: 0n,
  };
}

/**
 * Builds a genesis state: ETH balances are set directly; contracts are deployed and initialised by
 * transactions (from the deployer or any funded account) run through executeBlockSequential in the block
 * before the benchmark block, with a zero base fee so that setup does not move ETH balances. Every setup
 * transaction must succeed. Senders' signatures are not needed (the executor takes known senders).
 */
export class GenesisBuilder {
  readonly state = new MemoryState();
  readonly deployer: Address = namedAccount('deployer').address;
  private readonly nonces = new Map<Address, bigint>();
  private pending: Array<{ tx: ExecutableTransaction; label: string }> = [];
  private readonly env = benchBlockEnv(1n << 50n, BENCH_BLOCK_NUMBER - 1n, 0n);

  constructor() {
    this.state.setAccount(BEACON_ROOTS_ADDRESS, 1n, 0n, BEACON_ROOTS_CODE);
    this.fund(this.deployer, 1_000_000n * ETHER);
  }

  /** Adds `wei` to the account's balance (creating it). */
  fund(address: Address, wei: bigint): void {
    const acc = this.state.accounts.get(address);
    if (acc === undefined) this.state.setAccount(address, 0n, wei, new Uint8Array(0));
    else acc.balance += wei;
  }

  private nextNonce(from: Address): bigint {
    const nonce = this.nonces.get(from) ?? this.state.accounts.get(from)?.nonce ?? 0n;
    this.nonces.set(from, nonce + 1n);
    return nonce;
  }

  /** Queues a call; it runs at the next flush (or deploy). */
  call(from: Address, to: Address, data: Uint8Array, label: string, value = 0n, gasLimit = 1_000_000n): void {
    this.pending.push({ tx: { ...unsignedTx(this.nextNonce(from), to, data, value, gasLimit, 0n, 0n), sender: from }, label });
  }

  /** Deploys `deployData` (creation code + constructor arguments) from the deployer; returns the address. */
  deploy(deployData: Uint8Array, label: string): Address {
    this.pending.push({ tx: { ...unsignedTx(this.nextNonce(this.deployer), null, deployData, 0n, 15_000_000n, 0n, 0n), sender: this.deployer }, label: `deploy ${label}` });
    const created = this.flush();
    const address = created[created.length - 1];
    if (address === undefined || address === null) throw new ParevmError(`benchmark setup: deploying ${label} created no contract`);
    return address;
  }

  /** Executes the queued transactions as one block and commits them; returns the created addresses. */
  flush(): Array<Address | null> {
    if (this.pending.length === 0) return [];
    const batch = this.pending;
    this.pending = [];
    const block: Block = { env: this.env, transactions: batch.map((p) => p.tx), withdrawals: [], parentBeaconBlockRoot: null };
    const result = executeBlockSequential(block, this.state);
    result.receipts.forEach((r, i) => {
      if (r.status !== 1) throw new ParevmError(`benchmark setup failed: ${batch[i]!.label} reverted`);
    });
    this.state.apply(result.diff);
    return result.contractAddresses;
  }

  /** The finished genesis state. */
  finish(): MemoryState {
    this.flush();
    return this.state;
  }
}

/** Builds the measured block: signed type-2 transactions with per-sender nonces from the genesis. */
export class BlockBuilder {
  readonly transactions: ExecutableTransaction[] = [];
  private readonly nonces = new Map<Address, bigint>();
  private gasLimitSum = 0n;

  constructor(private readonly genesis: MemoryState) {}

  add(from: BenchAccount, to: Address, data: Uint8Array, gasLimit: bigint, value = 0n): void {
    const nonce = this.nonces.get(from.address) ?? this.genesis.accounts.get(from.address)?.nonce ?? 0n;
    this.nonces.set(from.address, nonce + 1n);
    const signed = signTransaction(unsignedTx(nonce, to, data, value, gasLimit, BENCH_MAX_FEE, BENCH_PRIORITY_FEE), from.privateKey);
    this.transactions.push(withSender(signed, from.address));
    this.gasLimitSum += gasLimit;
  }

  /** The block: gas limit = the transactions' limits rounded up to a million (at least 30M). */
  build(): Block {
    const rounded = ((this.gasLimitSum + 999_999n) / 1_000_000n) * 1_000_000n;
    const gasLimit = rounded > MIN_BLOCK_GAS_LIMIT ? rounded : MIN_BLOCK_GAS_LIMIT;
    return { env: benchBlockEnv(gasLimit), transactions: this.transactions, withdrawals: [], parentBeaconBlockRoot: BENCH_PARENT_BEACON_ROOT };
  }
}
