/**
 * Every workload builds, executes sequentially with every transaction succeeding, and has the effects
 * it promises (small sizes to stay fast); plus determinism and the dependency analysis on known shapes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressFromBytes, addressToBytes, type Address } from '../primitives/address.js';
import { bytesToBigInt } from '../primitives/hex.js';
import { wordToBigInt } from '../primitives/word.js';
import type { BlockResult } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { encodeTransaction } from '../tx/encode.js';
import type { MemoryState } from '../state/memory-state.js';
import { mappingSlot, slotWord } from './abi.js';
import { BENCH_BASE_FEE, BENCH_PRIORITY_FEE } from './chain.js';
import { benchContracts } from './contracts.js';
import { analyzeDependencies } from './dependencies.js';
import { copyState } from './state-copy.js';
import { HOLDER_TOKENS } from './workloads/erc20.js';
import { workloadByName, WORKLOADS, type Workload } from './workloads/index.js';

const TXS = 50;

function run(name: string, options: { txs?: number; accounts?: number; pools?: number; seed?: number } = {}) {
  const workload = workloadByName(name).build({ txs: options.txs ?? TXS, accounts: options.accounts, pools: options.pools, seed: options.seed ?? 7 });
  const result = executeBlockSequential(workload.block, workload.genesis);
  const post = copyState(workload.genesis);
  post.apply(result.diff);
  return { workload, result, post };
}

function assertAllSucceeded(workload: Workload, result: BlockResult): void {
  assert.equal(result.receipts.length, workload.block.transactions.length);
  result.receipts.forEach((r, i) => assert.equal(r.status, 1, `${workload.name}: transaction ${i} failed`));
}

const read = (state: MemoryState, address: Address, slot: bigint) => wordToBigInt(state.storage(address, slotWord(slot)));
/** The `to` and `amount` arguments of transfer(address,uint256) calldata. */
const transferArgs = (data: Uint8Array) => ({ to: addressFromBytes(data, 16), amount: bytesToBigInt(data.subarray(36, 68)) });

test('every workload builds and all its transactions succeed', () => {
  for (const definition of WORKLOADS) {
    const { workload, result } = run(definition.name, { txs: definition.name === 'compute' ? 4 : TXS });
    assertAllSucceeded(workload, result);
    assert.ok(workload.description.length > 0);
    for (const tx of workload.block.transactions) assert.equal(tx.type, 2);
  }
});

test('raw: ETH moves from senders to recipients, senders pay their fees', () => {
  const { workload, result, post } = run('raw', { accounts: 10 });
  assertAllSucceeded(workload, result);
  const expected = new Map<Address, bigint>();
  workload.block.transactions.forEach((tx, i) => {
    const gas = result.receipts[i]!.cumulativeGasUsed - (i === 0 ? 0n : result.receipts[i - 1]!.cumulativeGasUsed);
    const delta = (a: Address, d: bigint) => expected.set(a, (expected.get(a) ?? workload.genesis.accounts.get(a)!.balance) + d);
    delta(tx.sender, -tx.value - gas * (BENCH_BASE_FEE + BENCH_PRIORITY_FEE));
    delta(tx.to!, tx.value);
  });
  for (const [address, balance] of expected) assert.equal(post.accounts.get(address)!.balance, balance);
});

test('erc20: token balances move by exactly the transferred amounts', () => {
  const { erc20 } = benchContracts();
  const { workload, result, post } = run('erc20', { accounts: 20 });
  assertAllSucceeded(workload, result);
  const token = workload.contracts['token']!;
  const balances = erc20.slot('_balances');
  const holders = new Set(workload.block.transactions.map((t) => t.sender));
  const expected = new Map<Address, bigint>();
  for (const tx of workload.block.transactions) {
    const { to, amount } = transferArgs(tx.data);
    assert.ok(holders.has(to), 'recipients are holders');
    expected.set(tx.sender, (expected.get(tx.sender) ?? HOLDER_TOKENS) - amount);
    expected.set(to, (expected.get(to) ?? HOLDER_TOKENS) + amount);
  }
  for (const [holder, balance] of expected) assert.equal(read(post, token, mappingSlot(balances, holder)), balance);
  assert.equal(result.receipts.every((r) => r.logs.length === 1), true, 'one Transfer event per transfer');
});

test('payroll: one employer pays every employee, nonce after nonce', () => {
  const { erc20 } = benchContracts();
  const { workload, result, post } = run('payroll');
  assertAllSucceeded(workload, result);
  const senders = new Set(workload.block.transactions.map((t) => t.sender));
  assert.equal(senders.size, 1);
  workload.block.transactions.forEach((t, i) => assert.equal(t.nonce, BigInt(i)));
  const token = workload.contracts['token']!;
  const balances = erc20.slot('_balances');
  let paid = 0n;
  for (const tx of workload.block.transactions) paid += transferArgs(tx.data).amount;
  const employer = workload.block.transactions[0]!.sender;
  assert.equal(read(workload.genesis, token, mappingSlot(balances, employer)) - read(post, token, mappingSlot(balances, employer)), paid);
});

test('amm: every pool traded, reserves changed, k never decreases', () => {
  const { pair } = benchContracts();
  const reservesSlot = pair.slot('reserve0');
  const reserves = (state: MemoryState, address: Address) => {
    const packed = read(state, address, reservesSlot);
    const mask = (1n << 112n) - 1n;
    return { r0: packed & mask, r1: (packed >> 112n) & mask };
  };
  for (const pools of [1, 3]) {
    const { workload, result, post } = run('amm', { pools, txs: 60 });
    assertAllSucceeded(workload, result);
    for (let p = 0; p < pools; p++) {
      const address = workload.contracts[`pair${p}`]!;
      const before = reserves(workload.genesis, address);
      const after = reserves(post, address);
      assert.ok(before.r0 > 0n && before.r1 > 0n);
      assert.notDeepEqual(after, before, `pool ${p} traded`);
      assert.ok(after.r0 * after.r1 >= before.r0 * before.r1, `pool ${p}: k did not decrease`);
    }
  }
});

test('nft: totalSupply equals the number of mints, each minter owns its token', () => {
  const { nft: codec } = benchContracts();
  const { workload, result, post } = run('nft', { accounts: 20 });
  assertAllSucceeded(workload, result);
  const nft = workload.contracts['nft']!;
  assert.equal(read(post, nft, codec.slot('totalSupply')), BigInt(TXS));
  workload.block.transactions.forEach((tx, id) => {
    assert.equal(read(post, nft, mappingSlot(codec.slot('_owners'), BigInt(id))), bytesToBigInt(addressToBytes(tx.sender)));
  });
});

test('dao: the tallies add up to the votes cast', () => {
  const { governor: codec, erc20 } = benchContracts();
  const { workload, result, post } = run('dao', { accounts: 20 });
  assertAllSucceeded(workload, result);
  const governor = workload.contracts['governor']!;
  const token = workload.contracts['token']!;
  let weights = 0n;
  for (const tx of workload.block.transactions) weights += read(workload.genesis, token, mappingSlot(erc20.slot('_balances'), tx.sender));
  // Proposal struct: proposer|voteStart, voteEnd, againstVotes, forVotes, abstainVotes.
  let tallies = 0n;
  for (let id = 1n; id <= 3n; id++) {
    const base = mappingSlot(codec.slot('proposals'), id);
    for (let field = 2n; field <= 4n; field++) tallies += read(post, governor, base + field);
  }
  assert.equal(tallies, weights);
  assert.equal(result.receipts.reduce((n, r) => n + r.logs.length, 0), TXS, 'one VoteCast per vote');
});

test('compute: each call stores its result and burns ~2M gas', () => {
  const { compute: codec } = benchContracts();
  const { workload, result, post } = run('compute', { txs: 3 });
  assertAllSucceeded(workload, result);
  for (const tx of workload.block.transactions) assert.notEqual(read(post, workload.contracts['compute']!, mappingSlot(codec.slot('lastResult'), tx.sender)), 0n);
  const perTx = Number(result.gasUsed) / 3;
  assert.ok(perTx > 1_000_000 && perTx < 5_000_000, `gas per call ${perTx}`);
});

test('workloads are deterministic in their seed', () => {
  const hashes = (seed: number) => workloadByName('mixed').build({ txs: 30, seed }).block.transactions.map((t) => Buffer.from(encodeTransaction(t)).toString('hex'));
  assert.deepEqual(hashes(3), hashes(3));
  assert.notDeepEqual(hashes(3), hashes(4));
});

test('dependency analysis: payroll and one pool are serial, compute is fully parallel', () => {
  const serial = ['payroll', 'amm'].map((name) => run(name, { txs: 20, pools: 1 }).workload);
  for (const w of serial) {
    const d = analyzeDependencies(w.block, w.genesis);
    assert.equal(d.dependentTxs, 19, w.name);
    assert.equal(d.idealSpeedup, 1, w.name);
  }
  const compute = run('compute', { txs: 4 }).workload;
  const d = analyzeDependencies(compute.block, compute.genesis);
  assert.equal(d.dependentTxs, 0);
  assert.ok(d.idealSpeedup > 3.5);
});
