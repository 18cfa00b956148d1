/**
 * A tiny two-pass EVM assembler with labels, used by the tests' bytecode generator and for the synthetic
 * contract of the worker warm-up. Items are opcodes, minimal PUSHes of constants, PUSH2 of a label's
 * position, labels and raw bytes; `assemble` resolves labels and returns the code with a readable listing
 * (pc, mnemonic, immediate).
 */
import { opcodeName } from './opcodes.js';
import { bytesToHex } from '../primitives/hex.js';

type Item =
  | { kind: 'op'; op: number; imm: Uint8Array | null; note?: string }
  | { kind: 'pushLabel'; label: number }
  | { kind: 'label'; label: number }
  | { kind: 'bytes'; data: Uint8Array; note: string; executable: boolean };

const PUSH1 = 0x60;
const PUSH0 = 0x5f;
const MAX_WORD = (1n << 256n) - 1n;

export interface Assembled {
  code: Uint8Array;
  listing: string;
}

export class Assembler {
  private readonly items: Item[] = [];
  private labels = 0;

  /** A fresh label id, placed later with `label`. */
  newLabel(): number {
    return this.labels++;
  }

  op(op: number, note?: string): this {
    this.items.push(note === undefined ? { kind: 'op', op, imm: null } : { kind: 'op', op, imm: null, note });
    return this;
  }

  /** PUSH0 for 0 (unless `width` is given), else the shortest PUSHn; `width` forces PUSH<width>. */
  push(value: bigint, width?: number): this {
    const v = value & MAX_WORD;
    let hex = v === 0n ? '' : v.toString(16);
    if (hex.length % 2 === 1) hex = '0' + hex;
    let n = hex.length / 2;
    if (width !== undefined && width > n) n = width;
    if (n === 0) return this.op(PUSH0);
    const imm = new Uint8Array(n);
    const raw = Buffer.from(hex, 'hex');
    imm.set(raw, n - raw.length);
    this.items.push({ kind: 'op', op: PUSH1 + n - 1, imm });
    return this;
  }

  pushLabel(label: number): this {
    this.items.push({ kind: 'pushLabel', label });
    return this;
  }

  label(label: number): this {
    this.items.push({ kind: 'label', label });
    return this;
  }

  /** Raw bytes; `executable` ones are listed as a disassembly. */
  bytes(data: Uint8Array, note = 'data', executable = false): this {
    this.items.push({ kind: 'bytes', data, note, executable });
    return this;
  }

  /** Current size in bytes (labels resolve to positions in this numbering). */
  get size(): number {
    let pc = 0;
    for (const item of this.items) pc += itemSize(item);
    return pc;
  }

  assemble(): Assembled {
    const positions = new Map<number, number>();
    let pc = 0;
    for (const item of this.items) {
      if (item.kind === 'label') positions.set(item.label, pc);
      pc += itemSize(item);
    }
    const code = new Uint8Array(pc);
    const lines: string[] = [];
    pc = 0;
    for (const item of this.items) {
      switch (item.kind) {
        case 'label':
          lines.push(`L${item.label}:`);
          break;
        case 'op':
          code[pc] = item.op;
          if (item.imm !== null) code.set(item.imm, pc + 1);
          lines.push(`${pc.toString().padStart(5)}  ${opcodeName(item.op)}${item.imm !== null ? ' ' + bytesToHex(item.imm) : ''}${item.note !== undefined ? '  ; ' + item.note : ''}`);
          break;
        case 'pushLabel': {
          const target = positions.get(item.label);
          if (target === undefined) throw new Error(`assembler: label ${item.label} is never placed`);
          if (target > 0xffff) throw new Error(`assembler: label ${item.label} at ${target} is beyond PUSH2's reach`);
          code[pc] = PUSH1 + 1;
          code[pc + 1] = target >>> 8;
          code[pc + 2] = target & 0xff;
          lines.push(`${pc.toString().padStart(5)}  PUSH2 L${item.label} (${target})`);
          break;
        }
        case 'bytes':
          code.set(item.data, pc);
          if (item.executable) {
            lines.push(`       [${item.note}: ${item.data.length} bytes]`, disassemble(item.data, 200, pc));
            break;
          }
          lines.push(`${pc.toString().padStart(5)}  [${item.note}: ${item.data.length} bytes] ${bytesToHex(item.data.subarray(0, 48))}${item.data.length > 48 ? '…' : ''}`);
          break;
      }
      pc += itemSize(item);
    }
    return { code, listing: lines.join('\n') };
  }
}

function itemSize(item: Item): number {
  switch (item.kind) {
    case 'label':
      return 0;
    case 'op':
      return 1 + (item.imm?.length ?? 0);
    case 'pushLabel':
      return 3;
    case 'bytes':
      return item.data.length;
  }
}

/** A plain disassembly of `code` (for mismatch reports of code the assembler did not produce). */
export function disassemble(code: Uint8Array, maxLines = 400, basePc = 0): string {
  const lines: string[] = [];
  for (let pc = 0; pc < code.length && lines.length < maxLines; ) {
    const op = code[pc]!;
    const n = op >= PUSH1 && op <= PUSH1 + 31 ? op - PUSH1 + 1 : 0;
    const imm = code.subarray(pc + 1, pc + 1 + n);
    lines.push(`${(basePc + pc).toString().padStart(5)}  ${opcodeName(op)}${n > 0 ? ' ' + bytesToHex(imm) : ''}`);
    pc += 1 + n;
  }
  if (lines.length === maxLines) lines.push('  …');
  return lines.join('\n');
}
