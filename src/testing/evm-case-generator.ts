/**
 * Test support: the fast-check arbitrary of whole differential cases (see evm-case.ts): 1-5 generated
 * contracts with balances and storage (slots 0..5 holding 1..3, so SSTORE sequences restore originals),
 * EOAs in several states, optional accounts sitting at future CREATE addresses (collisions, EIP-7610
 * storage-only collisions), a block header, and 1-3 transactions of types 0-3 that call a contract, an
 * EOA, a precompile or a missing account, or create a contract — with access lists, value, calldata,
 * fees around the base fee, gas limits from "just the intrinsic gas" to millions, and a few invalid ones.
 */
import fc from 'fast-check';
import type { TxType } from '../tx/transaction.js';
import { BLOCK_NUMBERS, programArbitrary, slot } from './bytecode-generator.js';
import {
  ADDRESS_POOL, COINBASE, CONTRACTS, CONTRACT_NONCE, CREATED, EMPTY_ACCOUNT, FUNDED_EOA, MAX_CONTRACTS, NONCE_ONLY_EOA, POOR_SENDER, SENDERS,
} from './evm-actors.js';
import type { AccountSpec, BlockSpec, ContractSpec, EvmCase, TxFlaw, TxSpec, TxTarget } from './evm-case.js';
import { programCode } from './evm-program.js';

const MAX = (1n << 256n) - 1n;
const ETHER = 10n ** 18n;
export const BLOCK_GAS_LIMIT = 30_000_000n;

const storage: fc.Arbitrary<Array<[bigint, bigint]>> = fc.array(
  fc.tuple(fc.bigInt({ min: 0n, max: 5n }), fc.oneof({ arbitrary: fc.bigInt({ min: 1n, max: 3n }), weight: 6 }, { arbitrary: fc.bigInt({ min: 1n, max: MAX }), weight: 1 })),
  { maxLength: 5 },
);

const contract: fc.Arbitrary<ContractSpec> = fc.record({
  program: programArbitrary(0),
  nonce: fc.oneof({ arbitrary: fc.constant(CONTRACT_NONCE), weight: 12 }, { arbitrary: fc.constantFrom(0n, (1n << 64n) - 1n, (1n << 64n) - 2n), weight: 1 }),
  balance: fc.constantFrom(0n, 0n, 1n, 1000n, ETHER, 100n * ETHER),
  storage,
});

/**
 * Accounts that may sit where CREATE will put a contract: a collision (code, nonce, or storage only —
 * EIP-7610), a harmless balance, or (when allowed) an EIP-161 empty account.
 */
function createdAddressAccount(allowEmpty: boolean): fc.Arbitrary<AccountSpec> {
  const kinds = ['code', 'nonce', 'storage', 'balance', 'balance', ...(allowEmpty ? ['empty'] : [])];
  return fc.record({ address: fc.constantFrom(...CREATED), kind: fc.constantFrom(...kinds) }).map(({ address, kind }) => ({
    address,
    nonce: kind === 'nonce' ? 1n : 0n,
    balance: kind === 'balance' ? ETHER : kind === 'empty' ? 0n : 5n,
    code: kind === 'code' ? Uint8Array.of(0x00) : new Uint8Array(0),
    storage: kind === 'storage' ? [[0n, 1n]] : [],
  }));
}

function eoas(allowEmpty: boolean): fc.Arbitrary<AccountSpec[]> {
  const coinbase: Array<'absent' | 'funded' | 'empty'> = ['absent', 'absent', 'funded', ...(allowEmpty ? ['empty' as const] : [])];
  return fc.record({ funded: fc.boolean(), nonceOnly: fc.boolean(), empty: fc.integer({ min: 0, max: 4 }), coinbase: fc.constantFrom(...coinbase) }).map((r) => {
    const out: AccountSpec[] = [];
    const eoa = (address: (typeof SENDERS)[number], nonce: bigint, balance: bigint): AccountSpec => ({ address, nonce, balance, code: new Uint8Array(0), storage: [] });
    if (r.funded) out.push(eoa(FUNDED_EOA, 3n, ETHER));
    if (r.nonceOnly) out.push(eoa(NONCE_ONLY_EOA, 1n, 0n));
    // EIP-161 empty accounts cannot be created after Spurious Dragon but may exist in a pre-state.
    if (allowEmpty && r.empty === 0) out.push(eoa(EMPTY_ACCOUNT, 0n, 0n));
    if (r.coinbase !== 'absent') out.push(eoa(COINBASE, 0n, r.coinbase === 'funded' ? ETHER : 0n));
    return out;
  });
}

const block: fc.Arbitrary<BlockSpec> = fc.record({
  number: fc.constantFrom(...BLOCK_NUMBERS),
  timestamp: fc.bigInt({ min: 1_710_338_200n, max: 1_710_400_000n }),
  coinbase: fc.oneof(
    { arbitrary: fc.constant(COINBASE), weight: 8 },
    { arbitrary: fc.constantFrom(CONTRACTS[0]!, CONTRACTS[1]!, SENDERS[0]!, FUNDED_EOA, EMPTY_ACCOUNT, CREATED[0]!), weight: 2 },
  ),
  baseFee: fc.constantFrom(0n, 7n, 7n, 1000n, 10n ** 10n),
  gasLimit: fc.constant(BLOCK_GAS_LIMIT),
  prevRandao: fc.bigInt({ min: 0n, max: MAX }),
  excessBlobGas: fc.constantFrom(0n, 0n, 1n, 10_000_000n, 100_000_000n),
});

const target: fc.Arbitrary<TxTarget> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'contract' as const, index: 0 }), weight: 12 },
  { arbitrary: fc.integer({ min: 0, max: MAX_CONTRACTS - 1 }).map((index) => ({ kind: 'contract' as const, index })), weight: 3 },
  { arbitrary: fc.constantFrom(...ADDRESS_POOL).map((address) => ({ kind: 'address' as const, address })), weight: 2 },
  { arbitrary: programArbitrary(1, true).map((init) => ({ kind: 'create' as const, init })), weight: 3 },
);

const FLAWS: readonly TxFlaw[] = ['nonceLow', 'nonceHigh', 'chainId', 'intrinsicGas', 'blockGas', 'feeCap', 'priority', 'balance', 'blobFee', 'noBlobs', 'tooManyBlobs', 'blobVersion', 'blobCreate', 'initcodeSize'];

const transaction: fc.Arbitrary<TxSpec> = fc.record({
  type: fc.constantFrom<TxType>(0, 1, 2, 2, 3),
  sender: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, { arbitrary: fc.constant(1), weight: 2 }, { arbitrary: fc.constant(POOR_SENDER), weight: 1 }),
  to: target,
  value: fc.constantFrom(0n, 0n, 0n, 1n, 1000n, ETHER, 10n ** 24n),
  data: fc.oneof({ arbitrary: fc.uint8Array({ maxLength: 72 }), weight: 8 }, { arbitrary: fc.constant(new Uint8Array(0)), weight: 3 }),
  extraGas: fc.oneof(
    { arbitrary: fc.constantFrom(0n, 1n, 100n, 2_000n, 10_000n, 21_000n, 60_000n), weight: 2 },
    { arbitrary: fc.constantFrom(150_000n, 400_000n), weight: 3 },
    { arbitrary: fc.constantFrom(1_000_000n, 3_000_000n), weight: 8 },
    { arbitrary: fc.constantFrom(8_000_000n, 14_000_000n, BLOCK_GAS_LIMIT), weight: 4 },
  ),
  feeHeadroom: fc.constantFrom(0n, 1n, 2n, 10n ** 9n),
  tip: fc.constantFrom(0n, 1n, 10n ** 9n, MAX),
  accessList: fc.array(fc.record({ address: fc.constantFrom(...ADDRESS_POOL), slots: fc.array(slot, { maxLength: 3 }) }), { maxLength: 3 }),
  blobs: fc.integer({ min: 1, max: 6 }),
  blobFeeHeadroom: fc.constantFrom(0n, 1n, 1000n),
  unprotected: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
  flaw: fc.oneof({ arbitrary: fc.constant('none' as const), weight: 60 }, { arbitrary: fc.constantFrom(...FLAWS), weight: 4 }),
});

export interface CaseOptions {
  maxTransactions?: number;
  /**
   * Put EIP-161 empty accounts (nonce 0, balance 0, no code) in the pre-state. Off by default: they cannot
   * exist on mainnet since the EIP-161 cleanup, and parevm deletes such an account when a value transfer
   * to it is reverted (the todo test in src/evm/differential.test.ts), which would dominate the findings.
   */
  emptyAccounts?: boolean;
}

/** Whole cases: contracts, accounts, block, transactions. */
export function evmCaseArbitrary(options: CaseOptions = {}): fc.Arbitrary<EvmCase> {
  const maxTransactions = options.maxTransactions ?? 3;
  const allowEmpty = options.emptyAccounts ?? false;
  return fc
    .record({
      contracts: fc.array(contract, { minLength: 1, maxLength: MAX_CONTRACTS }),
      eoas: eoas(allowEmpty),
      collisions: fc.array(createdAddressAccount(allowEmpty), { maxLength: 2 }),
      senderCode: fc.oneof({ arbitrary: fc.constant(false), weight: 30 }, { arbitrary: fc.constant(true), weight: 1 }),
      poorBalance: fc.constantFrom(allowEmpty ? 0n : 1n, 10n ** 14n, 10n ** 16n),
      block,
      txs: fc.array(transaction, { minLength: 1, maxLength: maxTransactions }),
    })
    .map(({ contracts, eoas, collisions, senderCode, poorBalance, block, txs }): EvmCase => {
      const accounts: AccountSpec[] = [...eoas, ...collisions];
      // EIP-3607: a sender with code cannot send transactions (accounts are listed before senders, so it wins).
      if (senderCode) accounts.unshift({ address: SENDERS[1]!, nonce: 0n, balance: 1000n * ETHER, code: programCode(contracts[0]!.program), storage: [] });
      return { contracts, accounts, senderBalances: [10n ** 7n * ETHER, 10n ** 7n * ETHER, poorBalance], block, txs };
    });
}
