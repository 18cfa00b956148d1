/** The package entry point: 'parevm' resolves to src/index.ts and exposes both executors and the state types. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as parevm from 'parevm';

after(() => parevm.closeSharedPools());

test("import 'parevm' gives the executors, the state stores and the transaction helpers", async () => {
  for (const name of ['executeBlock', 'executeBlockSequential', 'SharedState', 'MemoryState', 'recoverSender', 'decodeTransaction', 'receiptsRoot', 'encodeStateDiff', 'warmUp']) {
    assert.ok(name in parevm, name);
  }
  const state = parevm.SharedState.fromMemoryState(new parevm.MemoryState());
  const env = {
    number: 1n, coinbase: parevm.addressFromHex('0x' + '00'.repeat(20)), timestamp: 1n, gasLimit: 30_000_000n, baseFee: 7n,
    prevRandao: parevm.wordFromBigInt(0n), chainId: 1n, excessBlobGas: 0n, blobBaseFee: parevm.blobBaseFee(0n), blockHash: () => undefined,
  };
  const result = await parevm.executeBlock({ env, transactions: [], withdrawals: [], parentBeaconBlockRoot: null }, state, { workers: 2 });
  assert.equal(result.gasUsed, 0n);
  assert.equal(result.stats.mode, 'sequential');
});
