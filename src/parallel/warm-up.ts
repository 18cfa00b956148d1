/**
 * Warming the execution threads up at start-up. Fresh worker threads run everything in V8's interpreter
 * and baseline tiers until the optimizing compiler has seen enough of each hot function, and on two cores
 * the workers' compile jobs compete with the workers themselves: the first 10k-transaction ERC-20 block
 * after start took 480-530 ms with 2 workers, the sixth onwards ~100-110 ms (parevm run-block --runs 12).
 * A node starts its pool once, so it can pay that at start-up: `warmUp` runs a synthetic block through
 * the pool (and once through the sequential executor on this thread) before real blocks arrive.
 *
 * The synthetic block is generic, not any benchmark's: 32 copies of a token written here in assembly
 * (balances in a keccak-addressed mapping, a Transfer log — the storage, hashing and logging paths every
 * contract call takes), a contract that runs every inlined opcode and the common table handlers (and, in a
 * few calls, the u256 routines over operands of every width and the cheap precompiles), a shared counter
 * (conflicts, so the scheduler's dependency and re-execution paths run), plain value transfers, and the
 * EIP-4788 system call; senders are distinct and addresses random-looking; the transactions mix the four
 * types and access lists and are decoded from RLP and from JSON-RPC objects, as real ones are. Nothing is
 * written to any real state.
 *
 * Covering real blocks' paths matters most in the workers: each sees only part of every block, and V8
 * deoptimizes a function on its first unseen branch. On mainnet block 19929064 (2 workers, forced
 * parallel, 400 runs after start), the workers deoptimized 177 times in the first 50 runs with the
 * token-and-exerciser warm-up, 95 with the wide arithmetic, precompiles and transaction types added; the
 * median of those runs went from 11.6-12.0 to 10.4-11.1 ms (warm: ~7.5-8.5 ms), at ~150 ms more warm-up.
 */
import { addressFromBytes, addressToBytes, addressToWord, type Address } from '../primitives/address.js';
import { bigIntToBytes } from '../primitives/hex.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromBytes, wordToBigInt, type Word } from '../primitives/word.js';
import { blobBaseFee } from '../block/block-env.js';
import { Assembler } from '../evm/assembler.js';
import type { Block } from '../execution/block.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import { BEACON_ROOTS_ADDRESS, BEACON_ROOTS_CODE } from '../execution/execute-transaction.js';
import { MemoryState } from '../state/memory-state.js';
import { SharedState } from '../state/shared-state.js';
import { decodeTransaction } from '../tx/decode.js';
import { encodeTransaction } from '../tx/encode.js';
import { withSender } from '../tx/executable.js';
import { transactionFromRpc, transactionToRpc } from '../tx/rpc.js';
import type { ExecutableTransaction, Transaction } from '../tx/transaction.js';
import { executeBlock, rebuildLastResult, renewBlockMemory, sharedPool } from './execute-block.js';

/**
 * Copies of the token, each with its own code (a distinct byte after the end) at its own address: real
 * blocks call many contracts, so the code-analysis cache and the bloom's address cache miss, and those
 * paths must be compiled too. The exerciser calls the first.
 */
const TOKENS = 32;
const tokenAddress = (t: number): Address => syntheticAddress('token', t);
const TOKEN = tokenAddress(0);
const EXERCISER = syntheticAddress('exerciser', 0);
const COUNTER = syntheticAddress('counter', 0);
const COINBASE = syntheticAddress('coinbase', 0);
const HOLDERS = 4096;
const TXS = 4096;
const GENERATIONS = 2;
const BLOCKS_PER_GENERATION = 2;
/**
 * Extra builds of the last warm-up block's result. The result builders run once per block, so after 4
 * blocks V8 had only compiled their loops on-stack, and a full compile begun then was dropped on a
 * dependency change: the first two real 10k-transaction blocks built their results in ~20-24 ms, later
 * ones in ~12-14 ms.
 */
const RESULT_REBUILDS = 6;
/**
 * Before the last generation's blocks, SHAKEN_BLOCKS short blocks run with random pauses in the workers (as
 * the schedule-fuzzing tests do), alternately the block's first SHAKEN_BLOCK_TXS transactions and its
 * counter calls alone (one chain of dependent transactions). Every worker then meets the scheduler's
 * timing-dependent paths while V8 still collects type feedback: waiting for work, lock contention, waking
 * dependents, validation aborts, reads of ESTIMATE markers, the block's first task. A path first met in a
 * real block deoptimized the worker loop it was inlined in ("insufficient type feedback"), and the block
 * ran on unoptimized code until V8 recompiled it: first 10k ERC-20 blocks in-process with 2+ worker
 * deoptimizations took ~95-118 ms, without ~80-90 ms.
 */
const SCHEDULE_SHAKE_PROBABILITY = 0.05;
const SHAKEN_BLOCKS = 8;
const SHAKEN_BLOCK_TXS = 128;
const TRANSFER_TOPIC = wordFromBytes(keccak256(new TextEncoder().encode('Transfer(address,address,uint256)')));
const ETHER = 10n ** 18n;
/** transfer(address,uint256) */
const TRANSFER_SELECTOR = 0xa9059cbb;

/** transfer(to, amount) on a mapping at slot 0: reverts on insufficient balance, logs Transfer, returns true. */
function assembleToken(): Uint8Array {
  const a = new Assembler();
  const revert = a.newLabel();
  a.push(0x24n).op(0x35).push(0x04n).op(0x35); // CALLDATALOAD amount, to -> [to, amount]
  assembleCallerMappingSlot(a, 0); // KECCAK256(caller . slot 0) -> [sFrom, to, amount]
  a.op(0x80).op(0x54); // SLOAD -> [bFrom, sFrom, to, amount]
  a.op(0x80).op(0x84).op(0x11).pushLabel(revert).op(0x57); // amount > bFrom: revert
  a.op(0x83).op(0x90).op(0x03).op(0x90).op(0x55); // SSTORE sFrom, bFrom - amount -> [to, amount]
  a.op(0x80).push(0n).op(0x52).push(0x40n).push(0n).op(0x20); // memory = to . slot 0; KECCAK256 -> [sTo, to, amount]
  a.op(0x80).op(0x54).op(0x83).op(0x01).op(0x90).op(0x55); // SSTORE sTo, bTo + amount -> [to, amount]
  a.op(0x90).push(0n).op(0x52); // memory[0] = amount -> [to]
  a.op(0x33).push(wordToBigInt(TRANSFER_TOPIC), 32).push(0x20n).push(0n).op(0xa3); // LOG3(0, 32, Transfer, caller, to)
  a.push(1n).push(0n).op(0x52).push(0x20n).push(0n).op(0xf3); // RETURN true
  a.label(revert).op(0x5b).push(0n).push(0n).op(0xfd);
  return a.assemble().code;
}

/**
 * A contract that runs every opcode the interpreter inlines (each PUSH width, DUP and SWAP, the inlined
 * arithmetic, comparisons and bit operations, in-bounds and expanding MLOAD/MSTORE, CALLDATALOAD in and out of
 * the calldata, both JUMPI outcomes) and the table handlers compiled code usually reaches (context reads,
 * copies, hashing, transient and persistent storage in a per-caller slot, logs, a CALL to the token that
 * reverts, RETURNDATACOPY), then returns. Without it the first real block deoptimizes the interpreter on
 * its first unseen opcode and runs unoptimized until V8 recompiles it.
 */
function assembleExerciser(): Uint8Array {
  const a = new Assembler();
  const big = (1n << 255n) - 12345n;
  const token = wordToBigInt(addressToWord(TOKEN));
  const light = a.newLabel();
  const main = a.newLabel();
  a.op(0x36).push(0x40n).op(0x10).pushLabel(main).op(0x57); // calldata over 64 bytes: the exerciser proper
  assembleExerciserModes(a);
  a.label(main).op(0x5b);
  a.push(0x44n).op(0x35).op(0x15).pushLabel(light).op(0x57); // a third calldata word of 0: skip the wide section
  assembleWideArithmetic(a);
  assemblePrecompileCalls(a);
  a.label(light).op(0x5b);
  for (const op of [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0a, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1a, 0x1b, 0x1c, 0x1d]) {
    a.push(big, 32).push(5n).op(op).op(0x50);
    a.push(3n).push(big, 32).op(op).op(0x50);
  }
  for (const op of [0x08, 0x09]) a.push(7n).push(big, 32).push(5n).op(op).op(0x50);
  // Shifts by the amounts compiled code uses (selectors: 224; addresses: 96, 160), in and out of range.
  for (const op of [0x1b, 0x1c, 0x1d]) {
    for (const shift of [0n, 1n, 8n, 31n, 32n, 63n, 64n, 96n, 128n, 160n, 224n, 255n, 256n, 300n]) a.push(big, 32).push(shift).op(op).op(0x50);
  }
  // Comparisons across limbs and signs: equal, differing low, differing high, negative against positive.
  const operands: ReadonlyArray<readonly [bigint, bigint]> = [[5n, 5n], [big, big], [big, big - 1n], [1n << 200n, 1n << 100n], [big + (1n << 255n), 7n], [0n, 1n << 255n]];
  for (const op of [0x10, 0x11, 0x12, 0x13, 0x14]) {
    for (const [x, y] of operands) a.push(y, 32).push(x, 32).op(op).op(0x50).push(x, 32).push(y, 32).op(op).op(0x50);
  }
  for (const op of [0x15, 0x19]) a.push(5n).op(op).push(0n).op(op).op(0x02).op(0x50);
  for (let n = 1; n <= 32; n++) a.push((1n << BigInt(8 * n)) - 3n, n).op(0x50);
  a.op(0x5f).op(0x50);
  for (let i = 0; i < 17; i++) a.push(BigInt(i + 1));
  for (let n = 1; n <= 16; n++) a.op(0x7f + n).op(0x50);
  for (let n = 1; n <= 16; n++) a.op(0x8f + n);
  for (let i = 0; i < 17; i++) a.op(0x50);
  // Context reads: CALLER CALLVALUE CALLDATASIZE ADDRESS ORIGIN GASPRICE CODESIZE RETURNDATASIZE GAS COINBASE
  // TIMESTAMP NUMBER PREVRANDAO GASLIMIT CHAINID SELFBALANCE BASEFEE BLOBBASEFEE MSIZE PC
  for (const op of [0x33, 0x34, 0x36, 0x30, 0x32, 0x3a, 0x38, 0x3d, 0x5a, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x4a, 0x59, 0x58]) a.op(op).op(0x50);
  a.push(0n).op(0x35).op(0x50).push(0x44n).op(0x35).op(0x50).push(0x200n).op(0x35).op(0x50); // CALLDATALOAD in, at, past the end
  a.push(4n).op(0x36).op(0x03).op(0x35).op(0x50); // CALLDATALOAD across the end (CALLDATASIZE - 4)
  a.push(1n).push(0n).op(0x52).push(0n).op(0x51).op(0x50).push(7n).push(3n).op(0x53); // MSTORE, MLOAD, MSTORE8 in bounds
  a.push(2n).push(0x100n).op(0x52).push(0x1c0n).op(0x51).op(0x50); // MSTORE, MLOAD expanding
  a.push(0x40n).push(0n).push(0x20n).op(0x39); // CODECOPY
  a.push(0x44n).push(0n).push(0x60n).op(0x37); // CALLDATACOPY
  a.push(0x40n).push(0x20n).push(0x80n).op(0x5e); // MCOPY
  a.push(0x40n).push(0n).op(0x20).op(0x50); // KECCAK256
  a.op(0x33).op(0x31).op(0x50).push(token).op(0x80).op(0x3b).op(0x50).op(0x3f).op(0x50); // BALANCE, EXTCODESIZE, EXTCODEHASH
  a.push(9n).push(1n).op(0x5d).push(1n).op(0x5c).op(0x50); // TSTORE, TLOAD
  a.op(0x33).push(0n).op(0x52).push(0x20n).push(0n).op(0x20); // per-caller slot
  a.op(0x80).op(0x54).push(1n).op(0x01).op(0x90).op(0x55); // SLOAD, SSTORE slot + 1
  // The caller's slot in mapping 1 holds 1 from genesis: clear it, then restore it (both refund paths).
  assembleCallerMappingSlot(a, 1);
  a.push(0n).op(0x81).op(0x55).push(1n).op(0x90).op(0x55);
  // Calls to itself: one that returns 64 bytes, one that writes, logs and fails, a chain 5 frames deep.
  a.push(0x40n).push(0x300n).push(0n).push(0n).push(0n).op(0x30).push(30_000n).op(0xf1).op(0x50);
  a.push(0n).push(0n).push(1n).push(0n).push(0n).op(0x30).push(30_000n).op(0xf1).op(0x50);
  a.push(4n).push(0n).op(0x52).push(0x20n).push(0x300n).push(0x20n).push(0n).push(0n).op(0x30).op(0x5a).op(0xf1).op(0x50);
  const jumped = a.newLabel();
  const notTaken = a.newLabel();
  a.pushLabel(jumped).op(0x56).op(0xfe).label(jumped).op(0x5b); // JUMP
  a.push(0n).pushLabel(notTaken).op(0x57).label(notTaken).op(0x5b); // JUMPI not taken (falls into the JUMPDEST)
  const taken = a.newLabel();
  a.push(1n).pushLabel(taken).op(0x57).op(0xfe).label(taken).op(0x5b); // JUMPI taken
  a.push(1n).op(0x50).op(0x5b); // a JUMPDEST reached by falling through (compiled code has them after loops' bodies)
  a.push(0x20n).push(0n).op(0xa0); // LOG0
  a.push(1n).push(0x20n).push(0n).op(0xa1);
  a.push(2n).push(1n).push(0x20n).push(0n).op(0xa2);
  a.push(3n).push(2n).push(1n).push(0x20n).push(0n).op(0xa3);
  a.push(4n).push(3n).push(2n).push(1n).push(0x20n).push(0n).op(0xa4);
  // CALL token.transfer(caller, 1): the exerciser holds no tokens, so it reverts (REVERT, return data).
  a.push(BigInt(TRANSFER_SELECTOR) << 224n).push(0n).op(0x52).op(0x33).push(4n).op(0x52).push(1n).push(0x24n).op(0x52);
  a.push(0x20n).push(0x100n).push(0x44n).push(0n).push(0n).push(token).op(0x5a).op(0xf1).op(0x50);
  a.op(0x3d).push(0n).push(0x100n).op(0x3e); // RETURNDATACOPY
  a.push(0x20n).push(0x100n).push(0x44n).push(0n).push(token).op(0x5a).op(0xfa).op(0x50); // STATICCALL
  a.push(0x20n).push(0n).op(0xf3);
  return a.assemble().code;
}

/** Pushes the calling account's slot in mapping `index`: KECCAK256(CALLER . index), memory 0..0x40. */
function assembleCallerMappingSlot(a: Assembler, index: number): void {
  a.op(0x33).push(0n).op(0x52).push(BigInt(index)).push(0x20n).op(0x52).push(0x40n).push(0n).op(0x20);
}

/**
 * The exerciser's answers to its own calls, by calldata size — paths real contracts' calls take and the
 * exerciser proper does not: 0 bytes, RETURN of 64 bytes (copied into the caller's memory); 1 byte, an
 * SSTORE to a cold slot (original 1), a log and a cold account's EXTCODESIZE, then a jump to 2^31 (the
 * frame fails with all its gas, and the journal undoes the write, the slot's and the account's warmth
 * and the log); 32 bytes holding n, RETURN of 32 bytes at n = 0, else a call to itself with n - 1,
 * whose output it returns (call frames deeper than any token transfer's).
 */
function assembleExerciserModes(a: Assembler): void {
  const notEmpty = a.newLabel();
  const notOne = a.newLabel();
  const bottom = a.newLabel();
  a.op(0x36).pushLabel(notEmpty).op(0x57);
  a.push(0x1234n).push(0n).op(0x52).push(0x40n).push(0n).op(0xf3);
  a.label(notEmpty).op(0x5b);
  a.op(0x36).push(1n).op(0x14).op(0x15).pushLabel(notOne).op(0x57);
  assembleCallerMappingSlot(a, 2);
  a.push(2n).op(0x90).op(0x55).push(0x20n).push(0n).op(0xa0);
  a.push(wordToBigInt(addressToWord(syntheticAddress('cold', 0)))).op(0x3b).op(0x50); // EXTCODESIZE: a cold account
  a.push(0x80000000n).op(0x56); // JUMP beyond int32: an invalid jump
  a.label(notOne).op(0x5b);
  a.push(0n).op(0x35).op(0x80).op(0x15).pushLabel(bottom).op(0x57); // [n]
  a.push(1n).op(0x90).op(0x03).push(0n).op(0x52); // memory[0] = n - 1
  a.push(0x20n).push(0n).push(0x20n).push(0n).push(0n).op(0x30).op(0x5a).op(0xf1).op(0x50);
  a.push(0x20n).push(0n).op(0xf3);
  a.label(bottom).op(0x5b);
  a.push(0x20n).push(0n).op(0xf3);
}

/**
 * Operands of every limb width and sign: the u256 routines branch on them (short and long division,
 * small and large exponents, sign extension of either sign, products that overflow 64 or 128 bits).
 */
const WIDE_OPERANDS: readonly bigint[] = [
  0n, 5n, (1n << 32n) + 3n, (1n << 64n) + 7n, (1n << 128n) - 1n, (1n << 200n) + 11n, (1n << 255n) - 19n, 1n << 255n, (1n << 256n) - 1n,
  // A random-looking one, all limbs non-zero (as AMM reserves and prices are). The first AMM blocks still
  // deoptimize mul (int32 overflow) and Knuth division's correction step with it (docs/ARCHITECTURE.md).
  0x9c3f7a5e1d2b4c6f8a0e3d5b7c9f1a2e4d6b8c0a3e5f7d9b1c3e5a7f9d2b4c6en,
];
const EXPONENTS: readonly bigint[] = [0n, 1n, 2n, 3n, 31n, 255n, (1n << 16n) + 1n, (1n << 64n) + 3n];
const MODULI: readonly bigint[] = [0n, 7n, (1n << 64n) + 13n, (1n << 255n) - 19n, (1n << 256n) - 1n];

/**
 * MUL, the divisions, SIGNEXTEND, BYTE and the shifts over every pair of WIDE_OPERANDS, EXP over
 * EXPONENTS, ADDMOD/MULMOD over MODULI: ~20 KB of code (the exerciser's jump targets must stay below
 * 64 KiB, PUSH2's reach). Real contracts reach the u256 routines' long paths (Knuth division, 128-bit
 * products, negative sign extension) that token transfers never take; without this, mainnet blocks
 * deoptimized them in the workers during their first ~50 runs.
 */
function assembleWideArithmetic(a: Assembler): void {
  for (const op of [0x02, 0x04, 0x05, 0x06, 0x07, 0x0b, 0x1a, 0x1b, 0x1c, 0x1d]) {
    for (const x of WIDE_OPERANDS) for (const y of WIDE_OPERANDS) a.push(y).push(x).op(op).op(0x50);
  }
  for (const x of WIDE_OPERANDS) for (const e of EXPONENTS) a.push(e).push(x).op(0x0a).op(0x50);
  for (const op of [0x08, 0x09]) {
    for (const m of MODULI) for (const x of WIDE_OPERANDS.slice(4)) a.push(m).push(x).push(x - 1n).op(op).op(0x50);
  }
}

function pushBytesToMemory(a: Assembler, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < bytes.length; i += 32) {
    const word = new Uint8Array(32);
    word.set(bytes.subarray(i, i + 32));
    a.push(wordToBigInt(wordFromBytes(word)), 32).push(BigInt(at + i)).op(0x52);
  }
}

const hexBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));
const word32 = (n: bigint): string => n.toString(16).padStart(64, '0');
/** Inputs of the cheap precompiles (ECPAIRING and the KZG point evaluation cost milliseconds: left out). */
const PRECOMPILE_INPUTS: ReadonlyArray<readonly [address: number, input: Uint8Array]> = [
  // ecrecover of a valid signature
  [0x01, hexBytes('38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02')],
  [0x02, hexBytes('11'.repeat(64))],
  [0x03, hexBytes('22'.repeat(64))],
  [0x04, hexBytes('33'.repeat(100))],
  // modexp: 32-byte base, exponent and modulus
  [0x05, hexBytes(word32(32n) + word32(32n) + word32(32n) + word32(3n) + word32((1n << 255n) - 1n) + word32((1n << 256n) - 189n))],
  // bn254 add (G1 + G1) and mul (G1 × scalar), with the generator (1, 2)
  [0x06, hexBytes(word32(1n) + word32(2n) + word32(1n) + word32(2n))],
  [0x07, hexBytes(word32(1n) + word32(2n) + word32((1n << 255n) - 19n))],
  // blake2f, 1 round
  [0x09, hexBytes('00000001' + '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b' + '61626300'.padEnd(256, '0') + '03000000000000000000000000000000' + '01')],
];

/** STATICCALLs each cheap precompile with a valid input (their code and the call path to precompiles). */
function assemblePrecompileCalls(a: Assembler): void {
  for (const [address, input] of PRECOMPILE_INPUTS) {
    pushBytesToMemory(a, input, 0x400);
    // STATICCALL(gas, address, 0x400, input length, 0x800, 0x40)
    a.push(0x40n).push(0x800n).push(BigInt(input.length)).push(0x400n).push(BigInt(address)).op(0x5a).op(0xfa).op(0x50);
  }
}

function balanceSlot(holder: Address): Word {
  return mappingSlot(holder, 0);
}

/** Solidity's slot of `mapping(address => …)` at `index` for `holder`: keccak256(holder . index). */
function mappingSlot(holder: Address, index: number): Word {
  const key = new Uint8Array(64);
  addressToBytes(holder, key, 12);
  key[63] = index;
  return wordFromBytes(keccak256(key));
}

/** Addresses with random-looking bytes, as real ones have (hashing and lookups take their general paths). */
function syntheticAddress(tag: string, i: number): Address {
  return addressFromBytes(keccak256(new TextEncoder().encode(`parevm warm-up ${tag} ${i}`)), 12);
}

function holder(i: number, generation: number): Address {
  return syntheticAddress(`holder ${generation}`, i);
}

function transferData(to: Address, amount: bigint, wide = false): Uint8Array {
  const data = new Uint8Array(4 + 64 + (wide ? 32 : 0));
  if (wide) data[data.length - 1] = 1;
  new DataView(data.buffer).setUint32(0, TRANSFER_SELECTOR);
  addressToBytes(to, data, 4 + 12);
  data.set(bigIntToBytes(amount, 32), 36);
  return data;
}

/**
 * The transaction as real ones reach the executor: decoded from RLP (a node's raw transactions) or from
 * JSON-RPC objects (block files), then given their sender. Literals built here would give the
 * transaction objects' fields other representations (array kinds, byte views) than decoding does, and
 * the first real block would deoptimize everything reading them (encoding, validation, receipts).
 */
function asReceived(i: number, tx: Transaction, sender: Address): ExecutableTransaction {
  const decoded = i % 2 === 0 ? decodeTransaction(encodeTransaction(tx)) : transactionFromRpc(JSON.parse(JSON.stringify(transactionToRpc(tx)))).tx;
  return withSender(decoded, sender);
}

/** A versioned hash (version byte 0x01), for the blob transactions. */
const BLOB_HASH = wordFromBigInt((1n << 248n) | 0x1234n);

/**
 * The transaction types as real blocks mix them: mostly EIP-1559 (some with access lists), some legacy
 * (EIP-155) and EIP-2930, and four EIP-4844 ones (a block holds at most six blobs). Tokens, validation,
 * intrinsic gas, encoding for the workers and access-list warming then see every transaction shape.
 */
function transactionType(i: number): 0 | 1 | 2 | 3 {
  if (i % 1024 === 100) return 3;
  if (i % 8 === 5) return 0;
  if (i % 16 === 7) return 1;
  return 2;
}

/** The synthetic genesis and block of one warm-up generation (generations differ in their holders). */
export function warmUpWorkload(generation = 0): { genesis: MemoryState; block: Block } {
  const genesis = new MemoryState();
  for (let i = 0; i < HOLDERS; i++) genesis.setAccount(holder(i, generation), 0n, 1000n * ETHER, new Uint8Array(0));
  const tokenCode = assembleToken();
  for (let t = 0; t < TOKENS; t++) {
    const code = new Uint8Array(tokenCode.length + 1);
    code.set(tokenCode);
    code[tokenCode.length] = t;
    const balances = new Map<Word, Word>();
    for (let i = t; i < HOLDERS; i += TOKENS) balances.set(balanceSlot(holder(i, generation)), wordFromBigInt(10n ** 24n));
    genesis.setAccount(tokenAddress(t), 1n, 0n, code, balances);
  }
  const perCaller = new Map<Word, Word>();
  for (let i = 0; i < HOLDERS; i++) for (const index of [1, 2]) perCaller.set(mappingSlot(holder(i, generation), index), wordFromBigInt(1n));
  genesis.setAccount(EXERCISER, 1n, 0n, assembleExerciser(), perCaller);
  // A shared counter (SLOAD 0, +1, SSTORE 0, and the new count into slot 1 or 2 by its parity): its
  // transactions conflict, so the scheduler's dependency, abort and re-execution paths are compiled too,
  // and a re-execution that reads another count writes another slot (its write set changes).
  const counterCode = [0x5f, 0x54, 0x60, 0x01, 0x01, 0x80, 0x5f, 0x55, 0x80, 0x60, 0x01, 0x16, 0x60, 0x01, 0x01, 0x55, 0x00];
  genesis.setAccount(COUNTER, 1n, 0n, new Uint8Array(counterCode), new Map());
  genesis.setAccount(BEACON_ROOTS_ADDRESS, 1n, 0n, BEACON_ROOTS_CODE, new Map());
  const transactions: ExecutableTransaction[] = [];
  for (let i = 0; i < TXS; i++) {
    const sender = holder(i % HOLDERS, generation);
    const to = holder((i * 7919 + 13) % HOLDERS, generation);
    // Counter calls at 3, 4 and 6 of every 64 (5 stays the exerciser's): close together, so they truly conflict.
    const count = i % 64 >= 3 && i % 64 < 7 && i % 4 !== 1;
    const token = i % 4 >= 2 && !count;
    const exercise = i % 4 === 1;
    const wide = i % 512 === 1;
    const target = count ? COUNTER : exercise ? EXERCISER : token ? tokenAddress((i % HOLDERS) % TOKENS) : to;
    const type = transactionType(i);
    transactions.push(asReceived(i, {
      type, chainId: 1n, nonce: BigInt(Math.floor(i / HOLDERS)), gasPrice: 10n, maxPriorityFeePerGas: type <= 1 ? 10n : 1n, maxFeePerGas: 10n,
      gasLimit: wide ? 1_000_000n : exercise ? 300_000n : token || count ? 100_000n : 21_000n, to: target, value: token || exercise || count ? 0n : 1000n,
      data: token || exercise ? transferData(to, BigInt(1 + (i % 1000)), wide) : new Uint8Array(0),
      accessList: type === 1 || (type === 2 && i % 16 === 6) ? [{ address: target, storageKeys: token ? [balanceSlot(sender)] : [] }, { address: COINBASE, storageKeys: [] }] : [],
      maxFeePerBlobGas: type === 3 ? 10n : 0n, blobVersionedHashes: type === 3 ? [BLOB_HASH] : [], v: type === 0 ? 37n : 0n, r: 0n, s: 0n,
    }, sender));
  }
  const block: Block = {
    env: {
      number: 1n, coinbase: COINBASE, timestamp: 1n, gasLimit: BigInt(TXS) * 300_000n, baseFee: 7n, prevRandao: wordFromBigInt(1n),
      chainId: 1n, excessBlobGas: 0n, blobBaseFee: blobBaseFee(0n), blockHash: () => undefined,
    },
    transactions, withdrawals: [], parentBeaconBlockRoot: wordFromBigInt(0xbeac0n),
  };
  return { genesis, block };
}

/** The SHAKEN_BLOCKS short blocks with random pauses in the workers (see SCHEDULE_SHAKE_PROBABILITY). */
async function runShakenBlocks(block: Block, state: SharedState, workers: number): Promise<void> {
  const short: Block = { ...block, transactions: block.transactions.slice(0, SHAKEN_BLOCK_TXS) };
  const chain: Block = { ...block, transactions: block.transactions.filter((tx) => tx.to === COUNTER) };
  for (let i = 0; i < SHAKEN_BLOCKS; i++) {
    await executeBlock(i % 2 === 0 ? short : chain, state, { workers, forceParallel: true, fallbackRatio: Infinity, delayProbability: SCHEDULE_SHAKE_PROBABILITY });
  }
}

/**
 * Warms this thread's sequential executor up and, with `workers` > 0, starts the shared pool of that many
 * threads and warms it up too. Returns the milliseconds it took.
 *
 * Two synthetic states (`GENERATIONS`), each with its own block run `BLOCKS_PER_GENERATION` times, and
 * fresh shared block memory before the second: a real block arrives on a state the workers have not
 * attached to yet, often in larger block memory, and the first attachment to new buffers otherwise
 * invalidates optimized code that had embedded the old ones (V8 tracks fields assigned once as constants),
 * and per-state caches (code hashes) miss on paths first run with no type feedback. Measured on the first
 * 10k-transaction ERC-20 block after start (interleaved runs, 2 workers): one state and 3 blocks 170-181
 * ms, two states 137-154 ms, two states and fresh memory 129-147 ms.
 */
export async function warmUp(workers: number): Promise<number> {
  const start = performance.now();
  if (workers > 0) await sharedPool(workers).ready();
  for (let generation = 0; generation < GENERATIONS; generation++) {
    const { genesis, block } = warmUpWorkload(generation);
    const state = SharedState.fromMemoryState(genesis);
    for (let i = 0; i < (workers > 0 ? 1 : BLOCKS_PER_GENERATION); i++) executeBlockSequential(block, state);
    if (workers > 0) {
      if (generation > 0) renewBlockMemory();
      if (generation === GENERATIONS - 1) await runShakenBlocks(block, state, workers);
      for (let i = 0; i < BLOCKS_PER_GENERATION; i++) {
        const result = await executeBlock(block, state, { workers, forceParallel: true, fallbackRatio: Infinity });
        const last = generation === GENERATIONS - 1 && i === BLOCKS_PER_GENERATION - 1;
        if (last && result.stats.mode === 'parallel') rebuildLastResult(block, state, RESULT_REBUILDS);
      }
    }
  }
  return performance.now() - start;
}
