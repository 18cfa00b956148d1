/**
 * Test support: the intermediate form of generated contracts and how it becomes bytecode. A Program is a
 * list of instructions (generic opcodes with argument sources, SSTORE sequences, memory fills, precompile
 * calls, CREATE/CREATE2 with nested initcode, branches, loops, bad jumps) and a terminator. The emitter
 * tracks the stack depth so every program is stack-correct by construction, whatever subset of
 * instructions fast-check shrinks it to; values left on the stack are folded into one observable word
 * (stored, or written to memory) before a normal exit.
 */
import { Assembler, type Assembled } from '../evm/assembler.js';

/** Where an opcode argument comes from: a constant to PUSH, a DUP of a stack item, or a 0-input opcode. */
export type Arg = bigint | { dup: number } | { op: number };

export type CallOpcode = 0xf1 | 0xf2 | 0xf4 | 0xfa;

/** What a program does with the address a CREATE/CREATE2 just returned. */
export type CreatedUse =
  | { kind: 'call'; op: CallOpcode; gas: Arg; value: bigint }
  | { kind: 'query'; op: number }
  | { kind: 'again' };

export type Instr =
  | { kind: 'op'; op: number; args: Arg[] }
  | { kind: 'sink'; how: 'pop' | 'sstore' | 'mstore' | 'tstore' | 'log'; at: bigint }
  | { kind: 'stack'; op: 'dup' | 'swap'; n: number }
  | { kind: 'sstores'; slot: bigint; values: bigint[] }
  | { kind: 'mem'; offset: number; data: Uint8Array }
  | { kind: 'precompile'; op: CallOpcode; address: number; gas: Arg; value: bigint; input: Uint8Array; inOffset: number; outOffset: number; outSize: number }
  | { kind: 'create'; op: 0xf0 | 0xf5; value: Arg; salt: bigint; init: Program; memOffset: number; sizeDelta: number; absoluteSize: number | null; uses: CreatedUse[] }
  | { kind: 'branch'; cond: Arg; body: Instr[] }
  | { kind: 'jumpOver'; junk: Uint8Array }
  | { kind: 'badJump'; target: 'self' | 'pushData' | 'pastEnd' | 'huge' | 'stack'; cond: Arg | null }
  | { kind: 'loop'; count: number; body: Instr[] };

export type Terminator =
  | { kind: 'stop' | 'fallOff' | 'invalid' }
  | { kind: 'return' | 'revert'; offset: bigint; size: bigint; efPrefix: boolean }
  | { kind: 'selfdestruct'; beneficiary: Arg }
  | { kind: 'deploy'; runtime: Program | Uint8Array }
  | { kind: 'junk'; bytes: Uint8Array };

export interface Program {
  body: Instr[];
  /** Before a normal exit: fold the stack (and a hash of memory) into one word and SSTORE it / MSTORE it at 0. */
  fold: 'sstore' | 'mstore' | 'none';
  end: Terminator;
}

/** The slot the `sstore` fold writes. */
export const FOLD_SLOT = 0xf01dn;

// Opcodes used by the emitter itself.
const STOP = 0x00, ADD = 0x01, SUB = 0x03, KECCAK256 = 0x20, CODECOPY = 0x39, POP = 0x50, MSTORE = 0x52, MSTORE8 = 0x53;
const SSTORE = 0x55, JUMP = 0x56, JUMPI = 0x57, MSIZE = 0x59, JUMPDEST = 0x5b, TSTORE = 0x5d, PUSH1 = 0x60;
const DUP1 = 0x80, SWAP1 = 0x90, LOG0 = 0xa0, RETURN = 0xf3, REVERT = 0xfd, INVALID = 0xfe, SELFDESTRUCT = 0xff;
const CREATE2 = 0xf5, CALL = 0xf1, CALLCODE = 0xf2;

/** Inputs and outputs of every defined opcode that the generator emits generically. */
export function stackEffect(op: number): [inputs: number, outputs: number] {
  if (op >= 0x5f && op <= 0x7f) return [0, 1];
  if (op >= 0x80 && op <= 0x8f) return [op - 0x7f, op - 0x7e];
  if (op >= 0x90 && op <= 0x9f) return [op - 0x8e, op - 0x8e];
  if (op >= 0xa0 && op <= 0xa4) return [2 + op - 0xa0, 0];
  const e = EFFECTS[op];
  if (e === undefined) throw new Error(`stackEffect: opcode 0x${op.toString(16)} not supported`);
  return e;
}

const EFFECTS: Record<number, [number, number]> = {
  0x00: [0, 0], 0x01: [2, 1], 0x02: [2, 1], 0x03: [2, 1], 0x04: [2, 1], 0x05: [2, 1], 0x06: [2, 1], 0x07: [2, 1],
  0x08: [3, 1], 0x09: [3, 1], 0x0a: [2, 1], 0x0b: [2, 1], 0x10: [2, 1], 0x11: [2, 1], 0x12: [2, 1], 0x13: [2, 1],
  0x14: [2, 1], 0x15: [1, 1], 0x16: [2, 1], 0x17: [2, 1], 0x18: [2, 1], 0x19: [1, 1], 0x1a: [2, 1], 0x1b: [2, 1],
  0x1c: [2, 1], 0x1d: [2, 1], 0x20: [2, 1], 0x30: [0, 1], 0x31: [1, 1], 0x32: [0, 1], 0x33: [0, 1], 0x34: [0, 1],
  0x35: [1, 1], 0x36: [0, 1], 0x37: [3, 0], 0x38: [0, 1], 0x39: [3, 0], 0x3a: [0, 1], 0x3b: [1, 1], 0x3c: [4, 0],
  0x3d: [0, 1], 0x3e: [3, 0], 0x3f: [1, 1], 0x40: [1, 1], 0x41: [0, 1], 0x42: [0, 1], 0x43: [0, 1], 0x44: [0, 1],
  0x45: [0, 1], 0x46: [0, 1], 0x47: [0, 1], 0x48: [0, 1], 0x49: [1, 1], 0x4a: [0, 1], 0x50: [1, 0], 0x51: [1, 1],
  0x52: [2, 0], 0x53: [2, 0], 0x54: [1, 1], 0x55: [2, 0], 0x56: [1, 0], 0x57: [2, 0], 0x58: [0, 1], 0x59: [0, 1],
  0x5a: [0, 1], 0x5b: [0, 0], 0x5c: [1, 1], 0x5d: [2, 0], 0x5e: [3, 0], 0xf0: [3, 1], 0xf1: [7, 1], 0xf2: [7, 1],
  0xf3: [2, 0], 0xf4: [6, 1], 0xf5: [4, 1], 0xfa: [6, 1], 0xfd: [2, 0], 0xfe: [0, 0], 0xff: [1, 0],
};

/** Keeps the stack well below 1024 (the generator never needs that much; `junk` can still overflow it). */
const MAX_DEPTH = 900;

/** Assembles a program into bytecode with a listing. */
export function emitProgram(program: Program): Assembled {
  const e = new Emitter();
  e.program(program);
  const out = e.asm.assemble();
  if (e.nested.length === 0) return out;
  const nested = e.nested.map((n) => `  ${n.note} L${n.label}:\n${n.listing.replace(/^/gm, '    ')}`);
  return { code: out.code, listing: `${out.listing}\n${nested.join('\n')}` };
}

/** The bytecode of a program (see emitProgram). */
export function programCode(program: Program): Uint8Array {
  return emitProgram(program).code;
}

/** Absolute stack position (1 = bottom), used internally to DUP a known item. */
interface At {
  at: number;
}

class Emitter {
  readonly asm = new Assembler();
  private depth = 0;
  private readonly segments: Array<{ label: number; data: Uint8Array; note: string }> = [];
  /** Listings of the programs embedded as data (initcode, runtime code). */
  readonly nested: Array<{ label: number; note: string; listing: string }> = [];

  program(p: Program): void {
    this.block(p.body, 0);
    this.end(p);
    for (const s of this.segments) this.asm.label(s.label).bytes(s.data, s.note);
  }

  private push(v: bigint, width?: number): void {
    this.asm.push(v, width);
    this.depth++;
  }

  private op(op: number): void {
    const [inputs, outputs] = stackEffect(op);
    this.asm.op(op);
    this.depth += outputs - inputs;
  }

  private arg(a: Arg | At): void {
    if (typeof a === 'bigint') return this.push(a);
    if ('op' in a) return this.op(a.op);
    if ('at' in a) {
      const n = this.depth - a.at + 1;
      if (n >= 1 && n <= 16) this.op(DUP1 + n - 1);
      else this.push(0n);
      return;
    }
    if (this.depth === 0) return this.push(0n);
    this.op(DUP1 + (a.dup % Math.min(16, this.depth)));
  }

  /** Pushes arguments so that args[0] ends on top. */
  private args(list: ReadonlyArray<Arg | At>): void {
    for (let i = list.length - 1; i >= 0; i--) this.arg(list[i]!);
  }

  private popTo(base: number): void {
    while (this.depth > base) this.op(POP);
  }

  private segment(data: Uint8Array, note: string): number {
    const label = this.asm.newLabel();
    this.segments.push({ label, data, note });
    return label;
  }

  private block(body: readonly Instr[], base: number): void {
    for (const instr of body) {
      if (this.depth > MAX_DEPTH) this.popTo(base);
      this.instr(instr, base);
    }
  }

  private instr(i: Instr, base: number): void {
    switch (i.kind) {
      case 'op':
        this.args(i.args);
        this.op(i.op);
        return;
      case 'sink':
        if (this.depth <= base) return;
        switch (i.how) {
          case 'pop':
            return this.op(POP);
          case 'sstore':
            this.push(i.at);
            return this.op(SSTORE);
          case 'tstore':
            this.push(i.at);
            return this.op(TSTORE);
          case 'mstore':
            this.push(i.at & 0xffffn);
            return this.op(MSTORE);
          case 'log':
            this.push(i.at & 0xffffn);
            this.op(MSTORE);
            this.push(32n);
            this.push(i.at & 0xffffn);
            return this.op(LOG0);
        }
        return;
      case 'stack':
        if (i.op === 'dup') {
          if (this.depth >= i.n) this.op(DUP1 + i.n - 1);
        } else if (this.depth - base >= i.n + 1) {
          this.op(SWAP1 + i.n - 1);
        }
        return;
      case 'sstores':
        for (const v of i.values) {
          this.push(v);
          this.push(i.slot);
          this.op(SSTORE);
        }
        return;
      case 'mem':
        this.mem(i.offset, i.data);
        return;
      case 'precompile': {
        this.mem(i.inOffset, i.input);
        const withValue = i.op === CALL || i.op === CALLCODE;
        const args: Arg[] = [i.gas, BigInt(i.address)];
        if (withValue) args.push(i.value);
        args.push(BigInt(i.inOffset), BigInt(i.input.length), BigInt(i.outOffset), BigInt(i.outSize));
        this.args(args);
        this.op(i.op);
        return;
      }
      case 'create':
        this.create(i);
        return;
      case 'branch': {
        const skip = this.asm.newLabel();
        this.arg(i.cond);
        this.asm.pushLabel(skip);
        this.depth++;
        this.op(JUMPI);
        const entry = this.depth;
        this.block(i.body, entry);
        this.popTo(entry);
        this.asm.label(skip);
        this.op(JUMPDEST);
        return;
      }
      case 'jumpOver': {
        const over = this.asm.newLabel();
        this.asm.pushLabel(over);
        this.depth++;
        this.op(JUMP);
        this.asm.bytes(i.junk, 'junk, never executed');
        this.asm.label(over);
        this.op(JUMPDEST);
        return;
      }
      case 'badJump':
        this.badJump(i);
        return;
      case 'loop': {
        const top = this.asm.newLabel();
        this.push(BigInt(Math.max(1, i.count)));
        this.asm.label(top);
        this.op(JUMPDEST);
        const entry = this.depth;
        this.block(i.body, entry);
        this.popTo(entry);
        this.push(1n);
        this.op(SWAP1);
        this.op(SUB);
        this.op(DUP1);
        this.asm.pushLabel(top);
        this.depth++;
        this.op(JUMPI);
        this.op(POP);
        return;
      }
    }
  }

  /** Writes `data` at `offset` with 32-byte MSTOREs (the last word is zero-padded). */
  private mem(offset: number, data: Uint8Array): void {
    for (let p = 0; p < data.length; p += 32) {
      const chunk = new Uint8Array(32);
      chunk.set(data.subarray(p, p + 32));
      this.push(BigInt('0x' + Buffer.from(chunk).toString('hex')), 32);
      this.push(BigInt(offset + p));
      this.op(MSTORE);
    }
  }

  private embed(program: Program, note: string): { code: Uint8Array; label: number } {
    const { code, listing } = emitProgram(program);
    const label = this.segment(code, note);
    this.nested.push({ label, note, listing });
    return { code, label };
  }

  private create(i: Extract<Instr, { kind: 'create' }>): void {
    const { code: init, label } = this.embed(i.init, 'initcode');
    const size = BigInt(i.absoluteSize ?? Math.max(0, init.length + i.sizeDelta));
    const emitCreate = (): void => {
      this.push(BigInt(init.length));
      this.asm.pushLabel(label);
      this.depth++;
      this.push(BigInt(i.memOffset));
      this.op(CODECOPY);
      const args: Arg[] = [i.value, BigInt(i.memOffset), size];
      if (i.op === CREATE2) args.push(i.salt);
      this.args(args);
      this.op(i.op);
    };
    emitCreate();
    const created: At = { at: this.depth };
    for (const use of i.uses) {
      switch (use.kind) {
        case 'call': {
          const args: Array<Arg | At> = [use.gas, created];
          if (use.op === CALL || use.op === CALLCODE) args.push(use.value);
          args.push(0n, 0n, 0n, 32n);
          this.args(args);
          this.op(use.op);
          break;
        }
        case 'query':
          this.arg(created);
          this.op(use.op);
          break;
        case 'again':
          emitCreate();
          break;
      }
    }
  }

  private badJump(i: Extract<Instr, { kind: 'badJump' }>): void {
    const jumpOp = i.cond === null ? JUMP : JUMPI;
    if (i.cond !== null) this.arg(i.cond);
    switch (i.target) {
      case 'self': {
        const here = this.asm.newLabel();
        this.asm.label(here);
        this.asm.pushLabel(here);
        this.depth++;
        break;
      }
      case 'pushData': {
        const data = this.asm.newLabel();
        this.asm.pushLabel(data);
        this.depth++;
        this.op(jumpOp);
        // PUSH1 0x5b: the 0x5b is push data, not a JUMPDEST.
        this.asm.bytes(Uint8Array.of(PUSH1), 'PUSH1');
        this.asm.label(data);
        this.asm.bytes(Uint8Array.of(JUMPDEST), '0x5b as push data');
        this.depth++;
        return;
      }
      case 'pastEnd':
        this.push(0xfff0n);
        break;
      case 'huge':
        this.push((1n << 256n) - 1n);
        break;
      case 'stack':
        this.arg({ dup: 0 });
        break;
    }
    this.op(jumpOp);
  }

  private fold(how: Program['fold']): void {
    if (how === 'none') return;
    while (this.depth > 1) this.op(ADD);
    this.op(MSIZE);
    this.push(0n);
    this.op(KECCAK256);
    if (this.depth > 1) this.op(ADD);
    if (how === 'sstore') {
      this.push(FOLD_SLOT);
      this.op(SSTORE);
    } else {
      this.push(0n);
      this.op(MSTORE);
    }
  }

  private end(p: Program): void {
    const t = p.end;
    if (t.kind !== 'junk' && t.kind !== 'invalid') this.fold(p.fold);
    switch (t.kind) {
      case 'stop':
        this.op(STOP);
        return;
      case 'fallOff':
        if (this.segments.length > 0) this.op(STOP);
        return;
      case 'invalid':
        this.op(INVALID);
        return;
      case 'return':
      case 'revert':
        if (t.efPrefix) {
          this.push(0xefn);
          this.push(t.offset);
          this.op(MSTORE8);
        }
        this.push(t.size);
        this.push(t.offset);
        this.op(t.kind === 'return' ? RETURN : REVERT);
        return;
      case 'selfdestruct':
        this.arg(t.beneficiary);
        this.op(SELFDESTRUCT);
        return;
      case 'deploy': {
        const { code: runtime, label } = t.runtime instanceof Uint8Array ? { code: t.runtime, label: this.segment(t.runtime, 'runtime code') } : this.embed(t.runtime, 'runtime code');
        this.push(BigInt(runtime.length));
        this.asm.pushLabel(label);
        this.depth++;
        this.push(0n);
        this.op(CODECOPY);
        this.push(BigInt(runtime.length));
        this.push(0n);
        this.op(RETURN);
        return;
      }
      case 'junk':
        this.asm.bytes(t.bytes, 'raw bytes, executed', true);
        return;
    }
  }
}
