/**
 * Runs Ethereum GeneralStateTests (the `post.Cancun` cases of a fixture file): builds the pre-state and
 * block environment, decodes the case's `txbytes` and recovers its sender, executes it, and checks the
 * post-state root, the logs hash, and that the transaction is rejected exactly when `expectException` is
 * present. Follows ../shared/fixtures/README.md; BLOCKHASH(n) is keccak256 of n in decimal, as the
 * tests were filled (geth's vmTestBlockHash).
 */
import { addressFromHex, addressToHex } from '../primitives/address.js';
import { bytesEqual, } from '../primitives/bytes.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex, hexToBigInt, hexToBytes } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBytes, wordFromHex, type Word } from '../primitives/word.js';
import { blobBaseFee, type BlockEnv } from '../block/block-env.js';
import { logsHash } from '../block/receipt.js';
import { Evm } from '../evm/evm.js';
import { executeTransaction } from '../execution/execute-transaction.js';
import { BlockState } from '../state/block-state.js';
import { MemoryState, type JsonAccount } from '../state/memory-state.js';
import { decodeTransaction } from '../tx/decode.js';
import { recoverSender } from '../tx/sender.js';
import { withSender } from '../tx/executable.js';

export interface StateTestCase {
  /** Test name inside the file. */
  name: string;
  /** Position in post.Cancun. */
  index: number;
  indexes: { data: number; gas: number; value: number };
  passed: boolean;
  /** Which check failed, with expected and actual values. */
  failure?: string;
}

interface JsonStateTest {
  env: Record<string, string>;
  pre: Record<string, JsonAccount>;
  transaction: Record<string, unknown>;
  post: Record<string, Array<{ hash: string; logs: string; txbytes: string; indexes: { data: number; gas: number; value: number }; expectException?: string }>>;
}

const FORK = 'Cancun';

export function blockEnvFromStateTestEnv(env: Record<string, string>): BlockEnv {
  const excessBlobGas = hexToBigInt(env['currentExcessBlobGas'] ?? '0x0');
  const hashes = new Map<bigint, Word>();
  return {
    number: hexToBigInt(required(env, 'currentNumber')),
    coinbase: addressFromHex(required(env, 'currentCoinbase')),
    timestamp: hexToBigInt(required(env, 'currentTimestamp')),
    gasLimit: hexToBigInt(required(env, 'currentGasLimit')),
    baseFee: hexToBigInt(env['currentBaseFee'] ?? '0x0'),
    prevRandao: wordFromHex(env['currentRandom'] ?? env['currentDifficulty'] ?? '0x0'),
    chainId: 1n,
    excessBlobGas,
    blobBaseFee: blobBaseFee(excessBlobGas),
    blockHash(n: bigint): Word {
      let h = hashes.get(n);
      if (h === undefined) {
        h = wordFromBytes(keccak256(new TextEncoder().encode(n.toString(10))));
        hashes.set(n, h);
      }
      return h;
    },
  };
}

function required(env: Record<string, string>, key: string): string {
  const v = env[key];
  if (typeof v !== 'string') throw new InvalidInputError(`state test env lacks ${key}`);
  return v;
}

/** Runs every Cancun case of one parsed fixture file. */
export function runStateTestFile(json: unknown, evm?: Evm): StateTestCase[] {
  if (json === null || typeof json !== 'object') throw new InvalidInputError('state test file must hold a JSON object');
  const results: StateTestCase[] = [];
  for (const [name, raw] of Object.entries(json as Record<string, JsonStateTest>)) {
    const test = raw as JsonStateTest;
    if (test?.post?.[FORK] === undefined) continue;
    if (typeof test.env !== 'object' || typeof test.pre !== 'object') throw new InvalidInputError(`state test ${name}: missing env or pre`);
    const block = blockEnvFromStateTestEnv(test.env);
    const cases = test.post[FORK]!;
    for (let index = 0; index < cases.length; index++) {
      const c = cases[index]!;
      const result: StateTestCase = { name, index, indexes: c.indexes, passed: true };
      try {
        const failure = runCase(test, block, c, evm);
        if (failure !== undefined) {
          result.passed = false;
          result.failure = failure;
        }
      } catch (error) {
        result.passed = false;
        result.failure = `error: ${error instanceof Error ? error.message : String(error)}`;
      }
      results.push(result);
    }
  }
  return results;
}

function runCase(test: JsonStateTest, block: BlockEnv, c: JsonStateTest['post'][string][number], sharedEvm?: Evm): string | undefined {
  const pre = MemoryState.fromJson(test.pre, 'pre');
  const expectException = c.expectException;
  let tx;
  try {
    const decoded = decodeTransaction(hexToBytes(c.txbytes));
    tx = withSender(decoded, recoverSender(decoded));
  } catch (error) {
    if (expectException !== undefined) return undefined;
    return `transaction rejected (${error instanceof Error ? error.message : String(error)}) but no exception expected`;
  }
  const expectedSender = test.transaction['sender'];
  if (typeof expectedSender === 'string' && addressFromHex(expectedSender) !== tx.sender) {
    return `recovered sender ${addressToHex(tx.sender)} differs from ${expectedSender}`;
  }
  const blockState = new BlockState(pre);
  const evm = sharedEvm ?? new Evm(blockState);
  const outcome = executeTransaction(evm, blockState, block, tx, block.gasLimit);
  if (outcome.invalidReason !== null) {
    if (expectException !== undefined) return undefined;
    return `transaction rejected (${outcome.invalidReason}) but no exception expected`;
  }
  if (expectException !== undefined) return `expected exception ${expectException}, but the transaction executed`;
  blockState.commit(evm.journal);
  pre.apply(blockState.diff());
  const failures: string[] = [];
  const root = bytesToHex(pre.stateRoot());
  if (root !== c.hash.toLowerCase()) failures.push(`state root: expected ${c.hash}, got ${root}`);
  const logs = logsHash(outcome.logs);
  if (!bytesEqual(logs, hexToBytes(c.logs))) failures.push(`logs hash: expected ${c.logs}, got ${bytesToHex(logs)}`);
  return failures.length > 0 ? failures.join('; ') : undefined;
}
