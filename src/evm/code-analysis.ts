/**
 * Bytecode analysis done once per code hash: valid JUMPDEST positions (not inside PUSH data) and a copy of
 * the code padded with 33 zero bytes, so the interpreter can read PUSH32 immediates and run off the end
 * (0x00 = STOP) without bounds checks.
 */
import type { Word } from '../primitives/word.js';

export interface AnalyzedCode {
  /** Code followed by 33 zero bytes. */
  readonly padded: Uint8Array;
  /** Length of the real code. */
  readonly length: number;
  /** 1 at every valid JUMPDEST offset. */
  readonly jumpdests: Uint8Array;
}

const PADDING = 33;

export function analyzeCode(code: Uint8Array): AnalyzedCode {
  const length = code.length;
  const padded = new Uint8Array(length + PADDING);
  padded.set(code);
  const jumpdests = new Uint8Array(length);
  for (let pc = 0; pc < length; pc++) {
    const op = code[pc]!;
    if (op === 0x5b) jumpdests[pc] = 1;
    else if (op >= 0x60 && op <= 0x7f) pc += op - 0x5f;
  }
  return { padded, length, jumpdests };
}

/** A bounded per-thread cache of analyses keyed by code hash. */
export class CodeCache {
  private readonly entries = new Map<Word, AnalyzedCode>();

  constructor(private readonly maxEntries = 4096) {}

  get(codeHash: Word, load: () => Uint8Array): AnalyzedCode {
    let analyzed = this.entries.get(codeHash);
    if (analyzed === undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      analyzed = analyzeCode(load());
      this.entries.set(codeHash, analyzed);
    }
    return analyzed;
  }
}
