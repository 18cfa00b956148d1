/**
 * A call frame: the machine state of one message call or create (pc, stack, memory, gas) plus the message
 * it runs. Frames are pooled per call depth by the Evm and reused, so a call costs no 32 KiB stack
 * allocation. The stack is a Uint32Array of 1024 words x 8 little-endian u32 limbs; `sp` counts words.
 */
import type { Address } from '../primitives/address.js';
import type { JournalAccount } from '../state/journal.js';
import type { AnalyzedCode } from './code-analysis.js';
import { STACK_LIMIT } from './gas-constants.js';
import { Status } from './status.js';
import type { Evm } from './evm.js';

export const enum FrameKind {
  CALL = 0,
  CREATE = 1,
}

const EMPTY = new Uint8Array(0);
const INITIAL_MEMORY = 4096;

export class Frame {
  // ---- message --------------------------------------------------------------------------------
  kind: FrameKind = FrameKind.CALL;
  depth: number;
  parent: Frame | null = null;
  caller!: Address;
  /** Storage context and ADDRESS. */
  address!: Address;
  account!: JournalAccount;
  value = 0n;
  input: Uint8Array = EMPTY;
  isStatic = false;
  code!: Uint8Array;
  codeLength = 0;
  jumpdests!: Uint8Array;
  /** Basic blocks for gas metering (code-analysis.ts). */
  blockGas!: Int32Array;
  blockMinStack!: Int16Array;
  blockMaxStack!: Int16Array;
  blockStart!: Uint8Array;
  /** The journal checkpoint taken before this frame began: entryCount, logs.length, refund. */
  cpEntries = 0;
  cpLogs = 0;
  cpRefund = 0;

  // ---- machine --------------------------------------------------------------------------------
  pc = 0;
  sp = 0;
  gas = 0;
  /** Gas beyond 2^52, exact (see memory.ts). */
  gasReserve = 0n;
  status: Status = Status.RUNNING;
  readonly stack = new Uint32Array(STACK_LIMIT * 8);
  mem = new Uint8Array(INITIAL_MEMORY);
  memView = new DataView(this.mem.buffer);
  memSize = 0;
  returnData: Uint8Array = EMPTY;
  output: Uint8Array = EMPTY;

  // ---- a call in progress (set while SUSPENDED) -----------------------------------------------
  child: Frame | null = null;
  retOffset = 0;
  retSize = 0;

  constructor(
    readonly evm: Evm,
    depth: number,
  ) {
    this.depth = depth;
  }

  /** Prepares the pooled frame for a new message. */
  begin(kind: FrameKind, parent: Frame | null, code: AnalyzedCode, gas: number, gasReserve: bigint): void {
    this.kind = kind;
    this.parent = parent;
    this.code = code.padded;
    this.codeLength = code.length;
    this.jumpdests = code.jumpdests;
    this.blockGas = code.blockGas;
    this.blockMinStack = code.blockMinStack;
    this.blockMaxStack = code.blockMaxStack;
    this.blockStart = code.blockStart;
    this.pc = 0;
    this.sp = 0;
    this.gas = gas;
    this.gasReserve = gasReserve;
    this.status = Status.RUNNING;
    this.returnData = EMPTY;
    this.output = EMPTY;
    this.child = null;
  }

  /** Clears memory for the next user of this pooled frame. */
  end(): void {
    if (this.memSize > 0) this.mem.fill(0, 0, this.memSize);
    this.memSize = 0;
    this.input = EMPTY;
    this.returnData = EMPTY;
  }

  /** Grows the memory buffer to hold at least `size` bytes (the gas was charged by the caller). */
  growBuffer(size: number): void {
    if (size <= this.mem.length) return;
    const grown = new Uint8Array(Math.max(size, this.mem.length * 2));
    grown.set(this.mem.subarray(0, this.memSize));
    this.mem = grown;
    this.memView = new DataView(grown.buffer);
  }
}
