/**
 * The EVM instance: one per thread. It owns the instruction table of its fork, the code-analysis cache,
 * the pooled call frames and the journal; a transaction executor sets the block and transaction
 * environment and runs a message with `run`. Nothing here knows about blocks of transactions or
 * parallelism: state is read through the journal's StateView.
 */
import { ZERO_ADDRESS, type Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { BlockEnv } from '../block/block-env.js';
import { Journal, type JournalAccount } from '../state/journal.js';
import type { StateView } from '../state/state-view.js';
import { EMPTY_CODE_HASH } from '../state/state-reader.js';
import { analyzeCode, CodeCache, type AnalyzedCode } from './code-analysis.js';
import { CANCUN, type ForkSpec } from './fork-spec.js';
import { Frame } from './frame.js';
import { buildInstructionTable, type Handler } from './instruction-table.js';
import { CALL_DEPTH_LIMIT } from './gas-constants.js';
import { runFrames } from './interpreter.js';
import { Status } from './status.js';

/** What the EVM sees of the transaction (ORIGIN, GASPRICE, BLOBHASH). */
export interface TxEnv {
  origin: Address;
  gasPrice: bigint;
  blobHashes: Word[];
}

/** The outcome of a top-level message. */
export class MessageResult {
  status: Status = Status.STOP;
  gasLeft = 0;
  /** Gas left beyond 2^52 (see memory.ts). */
  gasLeftReserve = 0n;
  output: Uint8Array = new Uint8Array(0);
  /** The created contract for a successful create. */
  createdAddress: Address | null = null;
}


export class Evm {
  readonly fork: ForkSpec;
  readonly table: Handler[];
  readonly codeCache: CodeCache;
  private readonly emptyAnalysis: AnalyzedCode;
  readonly journal: Journal;
  block!: BlockEnv;
  /** Set in place for every transaction. */
  readonly tx: TxEnv = { origin: ZERO_ADDRESS, gasPrice: 0n, blobHashes: [] };
  readonly result = new MessageResult();
  /** Inline the hottest opcodes in the interpreter loop (see interpreter.ts); off = table dispatch only. */
  inlineHotOpcodes = true;
  /**
   * Keep the return data of a transaction's top-level call (TransactionOutcome.output, what eth_call
   * returns). Block execution in parallel workers turns it off: no receipt carries it, and copying it
   * out of the frame's memory was ~235 bytes of garbage per ERC-20 transfer.
   */
  keepReturnData = true;
  private readonly frames: Frame[] = [];

  constructor(view: StateView, fork: ForkSpec = CANCUN) {
    this.fork = fork;
    this.table = buildInstructionTable(fork);
    this.codeCache = new CodeCache(fork);
    this.emptyAnalysis = analyzeCode(new Uint8Array(0), fork);
    this.journal = new Journal(view);
  }

  /** The pooled frame for `depth` (0 = the transaction's own frame). */
  frameAt(depth: number): Frame {
    let frame = this.frames[depth];
    if (frame === undefined) {
      if (depth > CALL_DEPTH_LIMIT) throw new Error(`call depth ${depth} beyond the limit`);
      frame = new Frame(this, depth);
      this.frames[depth] = frame;
    }
    return frame;
  }

  /** Analysis of the code of an account, cached by code hash. */
  codeOf(acc: JournalAccount): AnalyzedCode {
    const hash = this.journal.codeHash(acc);
    if (hash === EMPTY_CODE_HASH) return this.emptyAnalysis;
    return this.codeCache.get(hash, () => this.journal.code(acc));
  }

  /** Runs frames until the root frame (already begun) finishes; the outcome is in `result`. */
  run(root: Frame): MessageResult {
    runFrames(root);
    return this.result;
  }
}
