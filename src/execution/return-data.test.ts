/**
 * `Evm.keepReturnData`: a transaction's top-level return data is in its outcome by default, dropped (with
 * the same status, gas and state) when off; the block executors turn it off for the block and restore it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressFromNumber } from '../primitives/address.js';
import { wordFromBigInt } from '../primitives/word.js';
import { blobBaseFee, type BlockEnv } from '../block/block-env.js';
import { Evm } from '../evm/evm.js';
import { Status } from '../evm/status.js';
import { BlockState } from '../state/block-state.js';
import { MemoryState } from '../state/memory-state.js';
import { withSender } from '../tx/executable.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import { executeBlockSequential, threadEvm } from './execute-block-sequential.js';
import { executeTransaction } from './execute-transaction.js';

const CONTRACT = addressFromNumber(0xc0de);
const SENDER = addressFromNumber(0x5e4d);
// PUSH1 0x2a PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
const RETURNS_42 = new Uint8Array([0x60, 0x2a, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3]);

const env: BlockEnv = {
  number: 1n, coinbase: addressFromNumber(0xc01), timestamp: 1n, gasLimit: 30_000_000n, baseFee: 7n, prevRandao: wordFromBigInt(1n),
  chainId: 1n, excessBlobGas: 0n, blobBaseFee: blobBaseFee(0n), blockHash: () => undefined,
};

function state(): MemoryState {
  const s = new MemoryState();
  s.setAccount(CONTRACT, 1n, 0n, RETURNS_42, new Map());
  s.setAccount(SENDER, 0n, 10n ** 18n, new Uint8Array(0));
  return s;
}

function call(nonce: bigint): ExecutableTransaction {
  return withSender({
    type: 2, chainId: 1n, nonce, gasPrice: 10n, maxPriorityFeePerGas: 1n, maxFeePerGas: 10n, gasLimit: 50_000n, to: CONTRACT, value: 0n,
    data: new Uint8Array(0), accessList: [], maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n, r: 0n, s: 0n,
  }, SENDER);
}

test('the top-level return data is kept by default and dropped, with the same outcome otherwise, when off', () => {
  const outcomes = [true, false].map((keep) => {
    const view = new BlockState(state());
    const evm = new Evm(view);
    evm.keepReturnData = keep;
    const out = executeTransaction(evm, view, env, call(0n), env.gasLimit);
    return { status: out.status, gasUsed: out.gasUsed, output: [...out.output] };
  });
  assert.equal(outcomes[0]!.status, Status.RETURN);
  assert.equal(outcomes[0]!.output.length, 32);
  assert.equal(outcomes[0]!.output[31], 0x2a);
  assert.deepEqual(outcomes[1], { ...outcomes[0], output: [] });
});

test('executeBlockSequential restores keepReturnData on the Evm it was given', () => {
  const s = state();
  const evm = new Evm(new BlockState(s));
  const block = { env, transactions: [call(0n), call(1n)], withdrawals: [], parentBeaconBlockRoot: null };
  const result = executeBlockSequential(block, s, { evm });
  assert.equal(result.receipts.length, 2);
  assert.equal(evm.keepReturnData, true);
  assert.throws(() => executeBlockSequential({ ...block, transactions: [call(5n)] }, s, { evm }));
  assert.equal(evm.keepReturnData, true);
});

test("executeBlockSequential runs on the thread's EVM by default and restores its settings", () => {
  const s = state();
  const evm = threadEvm(new BlockState(s));
  const block = { env, transactions: [call(0n)], withdrawals: [], parentBeaconBlockRoot: null };
  const reference = executeBlockSequential(block, s, { inlineHotOpcodes: false });
  assert.equal(evm.inlineHotOpcodes, true);
  assert.equal(evm.keepReturnData, true);
  assert.deepEqual(executeBlockSequential(block, s), reference);
  assert.equal(threadEvm(new BlockState(new MemoryState())), evm);
});
