/**
 * parevm's public API: the block executors (parallel and sequential), the state they read, transactions,
 * and the primitives to build inputs and read results. Import from 'parevm' (this file).
 */
export { executeBlock, closeSharedPools, defaultFallbackRatio, reserveBlockMemory, sharedPool } from './parallel/execute-block.js';
export type { ExecuteBlockOptions, ExecutionStats, ParallelBlockResult } from './parallel/execute-block.js';
export { WorkerPool } from './parallel/worker-pool.js';
export { warmUp } from './parallel/warm-up.js';
export { smallBlockVerdict } from './parallel/small-block-rule.js';
export { executeBlockSequential } from './execution/execute-block-sequential.js';
export { InvalidBlockError } from './execution/block.js';
export type { Block, BlockResult } from './execution/block.js';
export { blobBaseFee } from './block/block-env.js';
export type { BlockEnv } from './block/block-env.js';
export { encodeReceipt, receiptsRoot, transactionsRoot } from './block/receipt.js';
export type { Receipt } from './block/receipt.js';
export { loadBlockFixture } from './block/block-fixture.js';
export { MemoryState } from './state/memory-state.js';
export { SharedState } from './state/shared-state.js';
export { encodeStateDiff, stateDiffToJson } from './state/state-diff.js';
export type { AccountDiff, StateDiff } from './state/state-diff.js';
export type { StateReader } from './state/state-reader.js';
export { decodeTransaction } from './tx/decode.js';
export { encodeTransaction, transactionHash } from './tx/encode.js';
export { recoverSender, signTransaction, privateKeyToAddress } from './tx/sender.js';
export { withSender } from './tx/executable.js';
export { validateTransaction } from './tx/validate.js';
export type { ExecutableTransaction, Transaction, TxType } from './tx/transaction.js';
export { addressFromHex, addressToHex, addressToChecksumHex, type Address } from './primitives/address.js';
export { wordFromHex, wordToHex, wordFromBigInt, wordToBigInt, type Word } from './primitives/word.js';
export { bytesToHex, hexToBytes } from './primitives/hex.js';
export { keccak256 } from './primitives/keccak.js';
export { InvalidInputError, ParevmError } from './primitives/errors.js';
