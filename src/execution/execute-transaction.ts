/**
 * Executes one transaction against a StateView (execution-specs cancun/fork.py `check_transaction` and
 * `process_transaction`): validation against state and block, buying gas, the top-level message, refunds
 * (EIP-3529), the priority fee to the beneficiary, and the end-of-transaction deletions. All changes stay in
 * `evm.journal`; the caller commits them (sequential block state) or publishes them (parallel executor).
 *
 * Split like revm's handler: validate -> preExecution -> execute -> postExecution.
 */
import type { Address } from '../primitives/address.js';
import { ParevmError } from '../primitives/errors.js';
import { hexToBytes } from '../primitives/hex.js';
import type { Word } from '../primitives/word.js';
import type { BlockEnv } from '../block/block-env.js';
import { GAS_PER_BLOB } from '../block/block-env.js';
import { createAddress } from '../evm/contract-address.js';
import { Evm } from '../evm/evm.js';
import { GAS_CHUNK, gasNumberPart, gasReservePart } from '../evm/memory.js';
import { beginCall, beginCreate } from '../evm/message-call.js';
import { runFrames } from '../evm/interpreter.js';
import { isExceptionalHalt, Status } from '../evm/status.js';
import { EMPTY_CODE_HASH } from '../state/state-reader.js';
import type { StateView } from '../state/state-view.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import { validateTransaction } from '../tx/validate.js';
import { TransactionOutcome } from './transaction-outcome.js';

const EMPTY = new Uint8Array(0);
/** Refunds are capped at a fifth of the gas used (EIP-3529); as a bigint for the inexact path. */
const MAX_REFUND_QUOTIENT = 5;
const MAX_REFUND_QUOTIENT_BIG = BigInt(MAX_REFUND_QUOTIENT);
/** Gas limits up to this are counted in doubles: exact integers, and a frame's gas holds it without reserve. */
const MAX_EXACT_GAS = BigInt(GAS_CHUNK);

/**
 * Runs `tx` on `view`. `gasAvailable` is the block gas not yet used by earlier transactions. Returns
 * `out` (reset; a fresh one by default), whose `invalidReason` is set when the transaction cannot be
 * included; it stays valid until `out` is reused.
 */
export function executeTransaction(
  evm: Evm, view: StateView, block: BlockEnv, tx: ExecutableTransaction, gasAvailable: bigint, out: TransactionOutcome = new TransactionOutcome(),
): TransactionOutcome {
  out.reset();
  const journal = evm.journal;
  journal.reset(view);
  evm.block = block;

  // ---- validate ---------------------------------------------------------------------------------
  let intrinsic: bigint;
  try {
    intrinsic = validateTransaction(tx, block);
  } catch (error) {
    out.invalidReason = error instanceof ParevmError ? (error.details ?? error.shortMessage) : String(error);
    return out;
  }
  if (tx.gasLimit > gasAvailable) return invalid(out, `gas limit ${tx.gasLimit} exceeds the block's remaining gas ${gasAvailable}`);

  // Gas amounts are counted in doubles where exact (gas limit below 2^53: every real transaction) and wei in
  // bigints: each bigint operation allocates, and this function did ~24 of them per transaction.
  let effectiveGasPrice: bigint;
  /** What the beneficiary gets per unit of gas: effectiveGasPrice - baseFee. */
  let priorityFee: bigint;
  let maxGasFee: bigint;
  if (tx.type === 2 || tx.type === 3) {
    if (tx.maxFeePerGas < block.baseFee) return invalid(out, `maxFeePerGas ${tx.maxFeePerGas} is below the base fee ${block.baseFee}`);
    const headroom = tx.maxFeePerGas - block.baseFee;
    priorityFee = tx.maxPriorityFeePerGas < headroom ? tx.maxPriorityFeePerGas : headroom;
    effectiveGasPrice = priorityFee + block.baseFee;
    maxGasFee = tx.gasLimit * tx.maxFeePerGas;
  } else {
    if (tx.gasPrice < block.baseFee) return invalid(out, `gas price ${tx.gasPrice} is below the base fee ${block.baseFee}`);
    effectiveGasPrice = tx.gasPrice;
    priorityFee = tx.gasPrice - block.baseFee;
    maxGasFee = tx.gasLimit * tx.gasPrice;
  }
  const exactGas = tx.gasLimit <= MAX_EXACT_GAS;
  let blobGas = 0n;
  if (tx.type === 3) {
    if (tx.maxFeePerBlobGas < block.blobBaseFee) return invalid(out, `maxFeePerBlobGas ${tx.maxFeePerBlobGas} is below the blob base fee ${block.blobBaseFee}`);
    blobGas = GAS_PER_BLOB * BigInt(tx.blobVersionedHashes.length);
    maxGasFee += blobGas * tx.maxFeePerBlobGas;
  }

  const sender = journal.account(tx.sender);
  const senderNonce = journal.nonce(sender);
  const senderBalance = journal.balance(sender);
  const senderCode = journal.codeHash(sender);
  if (journal.isBlocked()) return blocked(out, view);
  if (senderNonce !== tx.nonce) return invalid(out, `nonce ${tx.nonce} does not match the sender's nonce ${senderNonce}`);
  if (senderBalance < maxGasFee + tx.value) return invalid(out, `sender balance ${senderBalance} is below the maximum cost ${maxGasFee + tx.value}`);
  if (senderCode !== EMPTY_CODE_HASH) return invalid(out, 'sender is not an EOA (EIP-3607)');

  // ---- pre-execution: nonce, buy gas, warm sets ---------------------------------------------------
  const env = evm.tx;
  env.origin = tx.sender;
  env.gasPrice = effectiveGasPrice;
  env.blobHashes = tx.blobVersionedHashes;
  journal.setNonce(sender, senderNonce + 1n);
  const gasCost = tx.gasLimit * effectiveGasPrice;
  journal.setBalance(sender, blobGas === 0n ? senderBalance - gasCost : senderBalance - gasCost - blobGas * block.blobBaseFee);
  journal.prewarmAccount(sender);
  journal.prewarmAccount(journal.account(block.coinbase));
  for (const item of tx.accessList) {
    const acc = journal.account(item.address);
    journal.prewarmAccount(acc);
    for (const key of item.storageKeys) journal.prewarmSlot(acc, key);
  }
  let gas: number;
  let gasReserve: bigint;
  if (exactGas) {
    gas = Number(tx.gasLimit) - Number(intrinsic);
    gasReserve = 0n;
  } else {
    const executionGas = tx.gasLimit - intrinsic;
    gas = gasNumberPart(executionGas);
    gasReserve = gasReservePart(executionGas);
  }

  // ---- execute ------------------------------------------------------------------------------------
  const result = evm.result;
  if (tx.to === null) {
    const address = createAddress(tx.sender, senderNonce);
    const target = journal.account(address);
    journal.prewarmAccount(target);
    const collision = journal.hasCodeOrNonceOrStorage(target);
    if (journal.isBlocked()) return blocked(out, view);
    if (collision) {
      result.status = Status.CREATE_COLLISION;
      result.gasLeft = 0;
      result.gasLeftReserve = 0n;
      result.output = EMPTY;
      result.createdAddress = null;
    } else {
      const frame = beginCreate(evm, null, 0, tx.sender, address, tx.value, tx.data, gas, gasReserve);
      if (frame !== null) runFrames(frame);
    }
  } else {
    journal.prewarmAccount(journal.account(tx.to));
    const frame = beginCall(evm, null, 0, tx.sender, tx.to, tx.to, tx.value, true, tx.data, gas, gasReserve, false);
    if (frame !== null) runFrames(frame);
  }
  if (result.status === Status.BLOCKED || journal.isBlocked()) return blocked(out, view);

  // ---- post-execution: refund, fee, deletions --------------------------------------------------
  const refundCounter = isExceptionalHalt(result.status) || result.status === Status.REVERT ? 0 : journal.refund;
  let gasUsed: bigint;
  /** Gas paid back to the sender: what is left plus the refund. */
  let gasReturned: bigint;
  if (exactGas && result.gasLeftReserve === 0n) {
    const usedBeforeRefund = Number(tx.gasLimit) - result.gasLeft;
    const refund = Math.min(refundCounter, Math.floor(usedBeforeRefund / MAX_REFUND_QUOTIENT));
    gasUsed = BigInt(usedBeforeRefund - refund);
    gasReturned = BigInt(result.gasLeft + refund);
  } else {
    const gasLeft = BigInt(result.gasLeft) + result.gasLeftReserve;
    const gasUsedBeforeRefund = tx.gasLimit - gasLeft;
    const refundCap = gasUsedBeforeRefund / MAX_REFUND_QUOTIENT_BIG;
    const refund = BigInt(refundCounter) < refundCap ? BigInt(refundCounter) : refundCap;
    gasUsed = gasUsedBeforeRefund - refund;
    gasReturned = gasLeft + refund;
  }
  journal.setBalance(sender, journal.balance(sender) + gasReturned * effectiveGasPrice);

  const coinbase = journal.account(block.coinbase);
  const fee = gasUsed * priorityFee;
  if (fee !== 0n) journal.credit(coinbase, fee);
  else journal.touchPermanently(coinbase); // deleted below if it exists and is empty
  journal.finalize();
  if (journal.isBlocked()) return blocked(out, view);

  out.status = result.status;
  out.gasUsed = gasUsed;
  out.blobGasUsed = Number(blobGas);
  out.logs = journal.logs;
  out.output = result.output;
  out.contractAddress = result.createdAddress;
  return out;
}

function invalid(out: TransactionOutcome, reason: string): TransactionOutcome {
  out.invalidReason = reason;
  return out;
}

function blocked(out: TransactionOutcome, view: StateView): TransactionOutcome {
  out.blockedOn = view.blockedOn;
  return out;
}

/** EIP-4788 beacon roots contract and the system caller. */
export const BEACON_ROOTS_ADDRESS: Address = addressFromHexConst('000F3df6D732807Ef1319fB7B8bB8522d0Beac02');
/** EIP-4788's beacon roots contract runtime code (from the EIP's deployment section), for genesis states. */
export const BEACON_ROOTS_CODE: Uint8Array = hexToBytes(
  '0x3373fffffffffffffffffffffffffffffffffffffffe14604d57602036146024575f5ffd5b5f35801560495762001fff810690815414603c575f5ffd5b62001fff01545f5260205ff35b5f5ffd5b62001fff42064281555f359062001fff015500',
);
export const SYSTEM_ADDRESS: Address = addressFromHexConst('fffffffffffffffffffffffffffffffffffffffe');
const SYSTEM_CALL_GAS = 30_000_000;

function addressFromHexConst(hex: string): Address {
  const units: number[] = [];
  for (let i = 0; i < 10; i++) units.push(parseInt(hex.slice(4 * i, 4 * i + 4), 16));
  return String.fromCharCode(...units) as Address;
}

/**
 * The EIP-4788 system call at the start of a block: SYSTEM_ADDRESS calls the beacon roots contract with
 * the parent beacon block root, 30M gas, no fee, no nonce; touched empty accounts are deleted after it.
 */
export function executeBeaconRootCall(evm: Evm, view: StateView, block: BlockEnv, parentBeaconBlockRoot: Word): void {
  const journal = evm.journal;
  journal.reset(view);
  evm.block = block;
  evm.tx.origin = SYSTEM_ADDRESS;
  evm.tx.gasPrice = block.baseFee;
  evm.tx.blobHashes = [];
  const input = new Uint8Array(32);
  for (let i = 0; i < 16; i++) {
    const u = parentBeaconBlockRoot.charCodeAt(i);
    input[2 * i] = u >>> 8;
    input[2 * i + 1] = u & 0xff;
  }
  const frame = beginCall(evm, null, 0, SYSTEM_ADDRESS, BEACON_ROOTS_ADDRESS, BEACON_ROOTS_ADDRESS, 0n, false, input, SYSTEM_CALL_GAS, 0n, false);
  if (frame !== null) runFrames(frame);
  journal.finalize();
}
