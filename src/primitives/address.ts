/**
 * Address: a 20-byte account address packed into a 10-code-unit JS string, big-endian — the same idea as
 * Word (see word.ts for the measurement): cheap to build from stack limbs, a fast Map key, sorts by value.
 */
import { InvalidInputError } from './errors.js';
import { strip0x } from './hex.js';
import { keccak256 } from './keccak.js';
import type { Word } from './word.js';

export type Address = string & { readonly __address: unique symbol };

export const ZERO_ADDRESS = '\0'.repeat(10) as Address;

export function addressFromBytes(bytes: Uint8Array, offset = 0): Address {
  const b = bytes, o = offset;
  return String.fromCharCode(
    (b[o]! << 8) | b[o + 1]!, (b[o + 2]! << 8) | b[o + 3]!, (b[o + 4]! << 8) | b[o + 5]!, (b[o + 6]! << 8) | b[o + 7]!,
    (b[o + 8]! << 8) | b[o + 9]!, (b[o + 10]! << 8) | b[o + 11]!, (b[o + 12]! << 8) | b[o + 13]!, (b[o + 14]! << 8) | b[o + 15]!,
    (b[o + 16]! << 8) | b[o + 17]!, (b[o + 18]! << 8) | b[o + 19]!,
  ) as Address;
}

export function addressToBytes(a: Address, out: Uint8Array = new Uint8Array(20), offset = 0): Uint8Array {
  for (let i = 0; i < 10; i++) {
    const u = a.charCodeAt(i);
    out[offset + 2 * i] = u >>> 8;
    out[offset + 2 * i + 1] = u & 0xff;
  }
  return out;
}

/** The low 160 bits of the stack word at `st[off .. off+8)` (little-endian u32 limbs). */
export function addressFromLimbs(st: Uint32Array, off: number): Address {
  const l4 = st[off + 4]!, l3 = st[off + 3]!, l2 = st[off + 2]!, l1 = st[off + 1]!, l0 = st[off]!;
  return String.fromCharCode(
    l4 >>> 16, l4 & 0xffff, l3 >>> 16, l3 & 0xffff, l2 >>> 16, l2 & 0xffff, l1 >>> 16, l1 & 0xffff, l0 >>> 16, l0 & 0xffff,
  ) as Address;
}

/** Writes the address as a stack word (zero-extended) into `st[off .. off+8)`. */
export function addressToLimbs(a: Address, st: Uint32Array, off: number): void {
  st[off + 7] = 0;
  st[off + 6] = 0;
  st[off + 5] = 0;
  st[off + 4] = (a.charCodeAt(0) << 16) | a.charCodeAt(1);
  st[off + 3] = (a.charCodeAt(2) << 16) | a.charCodeAt(3);
  st[off + 2] = (a.charCodeAt(4) << 16) | a.charCodeAt(5);
  st[off + 1] = (a.charCodeAt(6) << 16) | a.charCodeAt(7);
  st[off] = (a.charCodeAt(8) << 16) | a.charCodeAt(9);
}

/** The low 20 bytes of a word. */
export function addressFromWord(w: Word): Address {
  return w.slice(6) as Address;
}

/** The address zero-extended to a word. */
export function addressToWord(a: Address): Word {
  return ('\0\0\0\0\0\0' + a) as Word;
}

const HEX4: string[] = Array.from({ length: 65536 }, (_, i) => i.toString(16).padStart(4, '0'));

/** "0x" + 40 lowercase hex digits. */
export function addressToHex(a: Address): string {
  let s = '0x';
  for (let i = 0; i < 10; i++) s += HEX4[a.charCodeAt(i)];
  return s;
}

/** EIP-55 mixed-case checksum form. */
export function addressToChecksumHex(a: Address): string {
  const lower = addressToHex(a).slice(2);
  const hash = keccak256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    out += nibble >= 8 ? lower[i]!.toUpperCase() : lower[i];
  }
  return out;
}

/** Parses exactly 40 hex digits (with or without 0x). Mixed case is accepted without checksum checks. */
export function addressFromHex(hex: string): Address {
  const body = typeof hex === 'string' ? strip0x(hex) : '';
  if (body.length !== 40 || !/^[0-9a-fA-F]*$/.test(body)) throw new InvalidInputError('invalid address', { details: JSON.stringify(hex) });
  const units: number[] = new Array(10);
  for (let i = 0; i < 10; i++) units[i] = parseInt(body.slice(4 * i, 4 * i + 4), 16);
  return String.fromCharCode(...units) as Address;
}

/** The address of a small precompile number (0x01 .. 0x0a). */
export function addressFromNumber(n: number): Address {
  return ('\0\0\0\0\0\0\0\0' + String.fromCharCode(n >>> 16, n & 0xffff)) as Address;
}
