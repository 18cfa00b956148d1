/**
 * `--reference`: the same ERC-20 transfer calls run in @ethereumjs/evm's `runCall` on a copy of the
 * workload's genesis, in this process, to compare per-transaction cost. The EVM is the one createVM sets
 * up (Cancun, MerkleStateManager with its caches, as @ethereumjs/vm runs blocks): createEVM's default
 * SimpleStateManager copies its whole state on every checkpoint (measured 1.1 ms/call with 200 accounts,
 * 10.9 ms with 10,000), which would not be a fair reference. @ethereumjs is a devDependency, so it is
 * imported only here, on demand. `runCall` is a message call only (no nonce, fee, refund or receipt
 * work), so the comparison favours the reference.
 */
import { addressToBytes } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';
import { ParevmError, InvalidInputError } from '../primitives/errors.js';
import { wordToBytes } from '../primitives/word.js';
import type { Block } from '../execution/block.js';
import type { MemoryState } from '../state/memory-state.js';

export interface ReferenceMeasurement {
  calls: number;
  seconds: number;
  usPerCall: number;
  engine: string;
}

async function importReference() {
  try {
    const [vm, common, util] = await Promise.all([import('@ethereumjs/vm'), import('@ethereumjs/common'), import('@ethereumjs/util')]);
    return { vm, common, util };
  } catch (cause) {
    throw new InvalidInputError('--reference needs the @ethereumjs/vm, @ethereumjs/common and @ethereumjs/util devDependencies (npm install in the project, without --omit=dev)', { cause });
  }
}

const TRUE_WORD = '0x' + '0'.repeat(63) + '1';

/**
 * Runs the block's first `warmup` transactions as calls (not timed), then the next `calls` (timed), each
 * with the transaction's sender, target, calldata and gas limit. Every call must succeed and return true.
 */
export async function measureReference(block: Block, genesis: MemoryState, calls: number, warmup: number): Promise<ReferenceMeasurement> {
  if (block.transactions.length < warmup + calls) {
    throw new InvalidInputError(`--reference needs at least ${warmup + calls} transactions in the block`, { details: `have ${block.transactions.length}` });
  }
  const { vm: vmPkg, common: commonPkg, util } = await importReference();
  const common = new commonPkg.Common({ chain: commonPkg.Mainnet, hardfork: commonPkg.Hardfork.Cancun });
  const vm = await vmPkg.createVM({ common });
  const evm = vm.evm;
  const sm = vm.stateManager;

  for (const [address, acc] of genesis.accounts) {
    const a = new util.Address(addressToBytes(address));
    await sm.putAccount(a, new util.Account(acc.nonce, acc.balance));
    const code = genesis.code(acc.codeHash);
    if (code.length > 0) await sm.putCode(a, code);
    for (const [slot, value] of acc.storage) await sm.putStorage(a, wordToBytes(slot), wordToBytes(value));
  }

  const run = async (i: number) => {
    const tx = block.transactions[i]!;
    if (tx.to === null) throw new ParevmError('reference: contract creations are not supported');
    const r = await evm.runCall({
      caller: new util.Address(addressToBytes(tx.sender)),
      origin: new util.Address(addressToBytes(tx.sender)),
      to: new util.Address(addressToBytes(tx.to)),
      data: tx.data,
      value: tx.value,
      gasLimit: tx.gasLimit,
    });
    if (r.execResult.exceptionError !== undefined || bytesToHex(r.execResult.returnValue) !== TRUE_WORD) {
      throw new ParevmError(`reference: call ${i} failed in @ethereumjs/evm`, { details: r.execResult.exceptionError?.error ?? bytesToHex(r.execResult.returnValue) });
    }
  };

  for (let i = 0; i < warmup; i++) await run(i);
  const start = performance.now();
  for (let i = warmup; i < warmup + calls; i++) await run(i);
  const seconds = (performance.now() - start) / 1000;
  return { calls, seconds, usPerCall: (seconds * 1e6) / calls, engine: '@ethereumjs/evm runCall' };
}
