/**
 * `--reference`: the same ERC-20 transfer calls run in @ethereumjs/evm's `runCall` (createEVM's defaults:
 * Cancun, SimpleStateManager), in this process, to compare per-transaction cost with ours.
 *
 * Set up for the reference's best case. The calls run in batches of REFERENCE_BATCH, each on a fresh EVM
 * holding exactly the batch's read set (the accounts and slots our executor reads for those transactions,
 * taken from the state left by the earlier batches); a call cannot observe state it does not read, so
 * this is equivalent. Why: SimpleStateManager copies its whole state on every checkpoint (measured per
 * call: ~0.9 ms with a few dozen slots, 2.6 ms with 3,000, 10.9 ms with the whole 10,000-holder
 * genesis), and createVM's MerkleStateManager commits every call into its trie (2.5-6 ms per call).
 * `runCall` is a message call only (no nonce, fee, refund or receipt work), which also favours the
 * reference. Its JIT needs a long warm-up (measured ~1.3 ms/call after 500 warm-up calls, ~1.0 ms after
 * 2,000). @ethereumjs is a devDependency, so it is imported only here, on demand.
 */
import { addressToBytes, type Address } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';
import { ParevmError, InvalidInputError } from '../primitives/errors.js';
import { wordToBytes, type Word } from '../primitives/word.js';
import type { Block } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import type { MemoryState } from '../state/memory-state.js';
import { RecordingReader } from './dependencies.js';
import { copyState } from './state-copy.js';

export interface ReferenceMeasurement {
  calls: number;
  warmup: number;
  seconds: number;
  usPerCall: number;
  engine: string;
}

async function importReference() {
  try {
    const [evm, common, util] = await Promise.all([import('@ethereumjs/evm'), import('@ethereumjs/common'), import('@ethereumjs/util')]);
    return { evm, common, util };
  } catch (cause) {
    throw new InvalidInputError('--reference needs the @ethereumjs/evm, @ethereumjs/common and @ethereumjs/util devDependencies (npm install in the project, without --omit=dev)', { cause });
  }
}

const TRUE_WORD = '0x' + '0'.repeat(63) + '1';

/** Calls per fresh reference EVM: keeps its state (and so its per-checkpoint copy) small. */
export const REFERENCE_BATCH = 25;

/**
 * Runs the block's first `warmup` transactions as calls (not timed), then the next `calls` (timed), each
 * with the transaction's sender, target, calldata, value and gas limit, in batches of REFERENCE_BATCH
 * calls on a fresh EVM holding the batch's read set (set-up not timed). Every call must succeed and
 * return true (ERC-20 transfers).
 */
export async function measureReference(block: Block, genesis: MemoryState, calls: number, warmup: number): Promise<ReferenceMeasurement> {
  if (block.transactions.length < warmup + calls) {
    throw new InvalidInputError(`--reference needs at least ${warmup + calls} transactions in the block`, { details: `have ${block.transactions.length}` });
  }
  const { evm: evmPkg, common: commonPkg, util } = await importReference();
  const common = new commonPkg.Common({ chain: commonPkg.Mainnet, hardfork: commonPkg.Hardfork.Cancun });
  const addr = (a: Address) => new util.Address(addressToBytes(a));
  const state = copyState(genesis);
  let seconds = 0;

  for (let first = 0; first < warmup + calls; first += REFERENCE_BATCH) {
    const txs = block.transactions.slice(first, Math.min(first + REFERENCE_BATCH, warmup + calls));
    const batch: Block = { ...block, transactions: txs, parentBeaconBlockRoot: null };
    const reader = new RecordingReader(state);
    const ours = executeBlockSequential(batch, reader);

    const evm = await evmPkg.createEVM({ common });
    const sm = evm.stateManager;
    for (const key of reader.reads) {
      const address = key.slice(0, 10) as Address;
      if (key.length > 10) {
        await sm.putStorage(addr(address), wordToBytes(key.slice(10) as Word), wordToBytes(state.storage(address, key.slice(10) as Word)));
        continue;
      }
      const acc = state.accounts.get(address);
      if (acc === undefined) continue;
      await sm.putAccount(addr(address), new util.Account(acc.nonce, acc.balance));
      const code = state.code(acc.codeHash);
      if (code.length > 0) await sm.putCode(addr(address), code);
    }
    state.apply(ours.diff);

    const start = performance.now();
    for (const [j, tx] of txs.entries()) {
      if (tx.to === null) throw new ParevmError('reference: contract creations are not supported');
      const r = await evm.runCall({ caller: addr(tx.sender), origin: addr(tx.sender), to: addr(tx.to), data: tx.data, value: tx.value, gasLimit: tx.gasLimit });
      if (r.execResult.exceptionError !== undefined || bytesToHex(r.execResult.returnValue) !== TRUE_WORD) {
        throw new ParevmError(`reference: call ${first + j} failed in @ethereumjs/evm`, { details: r.execResult.exceptionError?.error ?? bytesToHex(r.execResult.returnValue) });
      }
    }
    if (first >= warmup) seconds += (performance.now() - start) / 1000;
  }
  return { calls, warmup, seconds, usPerCall: (seconds * 1e6) / calls, engine: '@ethereumjs/evm runCall' };
}
