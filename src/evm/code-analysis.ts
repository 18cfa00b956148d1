/**
 * Bytecode analysis done once per code hash: valid JUMPDEST positions (not inside PUSH data), a copy of the
 * code padded with 33 zero bytes (so the interpreter can read PUSH32 immediates and run off the end, where
 * 0x00 = STOP, without bounds checks), and basic blocks for gas metering.
 *
 * A basic block starts at pc 0, at every JUMPDEST, and after every opcode in `fork.endsBlock` (jumps,
 * halts, and GAS / SSTORE / CALL* / CREATE*, which observe the gas left). For each block start the
 * analysis records the block's total static gas and the stack heights at entry for which no opcode of the
 * block can underflow or overflow. The interpreter charges a block's static gas once on entry when both
 * checks pass, and otherwise runs the block opcode by opcode with full checks, so results are exactly
 * those of per-opcode charging: inside a block nothing observes the gas left, and when the precharge
 * makes a dynamic charge run out of gas earlier, per-opcode charging would run out before the block's
 * end as well — either way an exceptional halt that consumes all gas.
 */
import type { Word } from '../primitives/word.js';
import type { ForkSpec } from './fork-spec.js';

export interface AnalyzedCode {
  /** Code followed by 33 zero bytes. */
  readonly padded: Uint8Array;
  /** Length of the real code. */
  readonly length: number;
  /** 1 at every valid JUMPDEST offset. */
  readonly jumpdests: Uint8Array;
  /** At block starts: the block's static gas (length + 1 entries; the end of the code is a block start). */
  readonly blockGas: Int32Array;
  /** At block starts: the lowest stack height at entry that no opcode of the block underflows. */
  readonly blockMinStack: Int16Array;
  /** At block starts: the highest stack height at entry that no opcode of the block overflows. */
  readonly blockMaxStack: Int16Array;
  /** 1 at block starts. */
  readonly blockStart: Uint8Array;
}

const PADDING = 33;
const JUMPDEST = 0x5b;
const PUSH1 = 0x60;
const PUSH32 = 0x7f;

export function analyzeCode(code: Uint8Array, fork: ForkSpec): AnalyzedCode {
  const length = code.length;
  const padded = new Uint8Array(length + PADDING);
  padded.set(code);
  const jumpdests = new Uint8Array(length);
  const blockGas = new Int32Array(length + 1);
  const blockMinStack = new Int16Array(length + 1);
  const blockMaxStack = new Int16Array(length + 1);
  const blockStart = new Uint8Array(length + 1);
  const { staticGas, stackMin, stackMax, stackDelta, endsBlock } = fork;
  let start = 0;
  let gas = 0;
  let height = 0;
  let minStack = 0;
  let maxStack = 0x7fff;
  let pc = 0;
  const close = (): void => {
    blockStart[start] = 1;
    blockGas[start] = gas;
    blockMinStack[start] = minStack;
    blockMaxStack[start] = maxStack;
  };
  // One walk over the opcodes (PUSH data skipped): valid JUMPDESTs and the basic blocks.
  while (pc < length) {
    const op = code[pc]!;
    if (op === JUMPDEST) jumpdests[pc] = 1;
    minStack = Math.max(minStack, stackMin[op]! - height);
    maxStack = Math.min(maxStack, stackMax[op]! - height);
    gas += staticGas[op]!;
    height += stackDelta[op]!;
    const next = op >= PUSH1 && op <= PUSH32 ? pc + 1 + (op - 0x5f) : pc + 1;
    if (endsBlock[op] === 1 || next >= length || code[next] === JUMPDEST) {
      close();
      start = next;
      gas = 0;
      height = 0;
      minStack = 0;
      maxStack = 0x7fff;
    }
    pc = next;
  }
  // The end of the code (and anything past it) is an implicit STOP: an empty block (unless a truncated
  // PUSH runs past the end, where the checked path meets the STOP).
  if (start <= length) close();
  return { padded, length, jumpdests, blockGas, blockMinStack, blockMaxStack, blockStart };
}

/** A bounded per-thread cache of analyses keyed by code hash (for one fork: the Evm's). */
export class CodeCache {
  private readonly entries = new Map<Word, AnalyzedCode>();

  constructor(
    private readonly fork: ForkSpec,
    private readonly maxEntries = 4096,
  ) {}

  get(codeHash: Word, load: () => Uint8Array): AnalyzedCode {
    let analyzed = this.entries.get(codeHash);
    if (analyzed === undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      analyzed = analyzeCode(load(), this.fork);
      this.entries.set(codeHash, analyzed);
    }
    return analyzed;
  }
}
