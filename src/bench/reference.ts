/**
 * `--reference`: the same ERC-20 transfer calls run in @ethereumjs/evm's `runCall` (createEVM's defaults:
 * Cancun, SimpleStateManager), in this process, to compare per-transaction cost with ours.
 *
 * Measured in two set-ups, because @ethereumjs's cost depends on how much state its EVM holds:
 * - best case (`batch` = REFERENCE_BATCH): the calls run in batches, each on a fresh EVM holding exactly
 *   the batch's read set (the accounts and slots our executor reads for those transactions, taken from
 *   the state left by the earlier batches); a call cannot observe state it does not read, so this is
 *   equivalent. Why: SimpleStateManager copies its whole state on every checkpoint (measured per call:
 *   ~0.9 ms with a few dozen slots, 2.6 ms with 3,000, 10.9 ms with the whole 10,000-holder genesis), and
 *   createVM's MerkleStateManager commits every call into its trie (2.5-6 ms per call).
 * - one EVM (`batch` = all calls): a single EVM holding the read set of every measured call — how a user
 *   would run these transfers with it.
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
import { Evm } from '../evm/evm.js';
import { runFrames } from '../evm/interpreter.js';
import { beginCall } from '../evm/message-call.js';
import { isSuccess } from '../evm/status.js';
import { BlockState } from '../state/block-state.js';
import { SharedState } from '../state/shared-state.js';

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
export async function measureReference(block: Block, genesis: MemoryState, calls: number, warmup: number, batchSize = REFERENCE_BATCH): Promise<ReferenceMeasurement> {
  if (block.transactions.length < warmup + calls) {
    throw new InvalidInputError(`--reference needs at least ${warmup + calls} transactions in the block`, { details: `have ${block.transactions.length}` });
  }
  const { evm: evmPkg, common: commonPkg, util } = await importReference();
  const common = new commonPkg.Common({ chain: commonPkg.Mainnet, hardfork: commonPkg.Hardfork.Cancun });
  const addr = (a: Address) => new util.Address(addressToBytes(a));
  const state = copyState(genesis);
  let seconds = 0;

  for (let first = 0; first < warmup + calls; first += batchSize) {
    const txs = block.transactions.slice(first, Math.min(first + batchSize, warmup + calls));
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

    for (const [j, tx] of txs.entries()) {
      if (tx.to === null) throw new ParevmError('reference: contract creations are not supported');
      const start = performance.now();
      const r = await evm.runCall({ caller: addr(tx.sender), origin: addr(tx.sender), to: addr(tx.to), data: tx.data, value: tx.value, gasLimit: tx.gasLimit });
      if (first + j >= warmup) seconds += (performance.now() - start) / 1000;
      if (r.execResult.exceptionError !== undefined || bytesToHex(r.execResult.returnValue) !== TRUE_WORD) {
        throw new ParevmError(`reference: call ${first + j} failed in @ethereumjs/evm`, { details: r.execResult.exceptionError?.error ?? bytesToHex(r.execResult.returnValue) });
      }
    }
  }
  return { calls, warmup, seconds, usPerCall: (seconds * 1e6) / calls, engine: '@ethereumjs/evm runCall' };
}

/**
 * Our counterpart of `runCall`: the same calls as message calls through our EVM (journal, frames, state
 * reads and writes), each committed to a block-level state so that later calls see earlier ones — no
 * nonce, fee, refund, receipt or bloom work, like runCall. `warmup` calls first, then `calls` timed.
 */
export function measureOurCalls(block: Block, genesis: MemoryState, calls: number, warmup: number, inlineHotOpcodes = true): ReferenceMeasurement {
  const blockState = new BlockState(SharedState.fromMemoryState(genesis));
  const evm = new Evm(blockState);
  evm.inlineHotOpcodes = inlineHotOpcodes;
  evm.block = block.env;
  let seconds = 0;
  for (let i = 0; i < warmup + calls; i++) {
    const tx = block.transactions[i]!;
    if (tx.to === null) throw new ParevmError('contract creations are not supported');
    const start = performance.now();
    evm.journal.reset(blockState);
    evm.tx.origin = tx.sender;
    evm.tx.gasPrice = tx.maxFeePerGas;
    const frame = beginCall(evm, null, 0, tx.sender, tx.to, tx.to, tx.value, true, tx.data, Number(tx.gasLimit), 0n, false);
    if (frame !== null) runFrames(frame);
    evm.journal.finalize();
    blockState.commit(evm.journal);
    if (i >= warmup) seconds += (performance.now() - start) / 1000;
    if (!isSuccess(evm.result.status) || bytesToHex(evm.result.output) !== TRUE_WORD) throw new ParevmError(`our call ${i} failed`);
  }
  return { calls, warmup, seconds, usPerCall: (seconds * 1e6) / calls, engine: 'parevm message call' };
}
