/**
 * Hex <-> bytes / bigint / number conversions for everything that crosses the outside boundary
 * (JSON fixtures, RPC). Strict: malformed hex throws InvalidInputError with the offending value.
 */
import { InvalidInputError } from './errors.js';

const HEX_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex of `bytes`, with `0x` prefix. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '0x';
  for (let i = 0; i < bytes.length; i++) out += HEX_BYTE[bytes[i]!];
  return out;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48; // 0-9
  if (code >= 97 && code <= 102) return code - 87; // a-f
  if (code >= 65 && code <= 70) return code - 55; // A-F
  return -1;
}

function describe(value: string): string {
  return value.length > 80 ? `${JSON.stringify(value.slice(0, 80))}…` : JSON.stringify(value);
}

/** Strips an optional 0x/0X prefix. */
export function strip0x(hex: string): string {
  return hex.length >= 2 && hex[0] === '0' && (hex[1] === 'x' || hex[1] === 'X') ? hex.slice(2) : hex;
}

/**
 * Parses hex (with or without 0x) into bytes. An odd number of digits is left-padded with a zero
 * (quantities like "0x1"); `expectedLength` makes the length exact or fails.
 */
export function hexToBytes(hex: string, expectedLength?: number): Uint8Array {
  if (typeof hex !== 'string') throw new InvalidInputError('expected a hex string', { details: `got ${typeof hex}` });
  let body = strip0x(hex);
  if (body.length % 2 === 1) body = '0' + body;
  const out = new Uint8Array(body.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(body.charCodeAt(2 * i));
    const lo = hexDigit(body.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) throw new InvalidInputError('invalid hex', { details: describe(hex) });
    out[i] = (hi << 4) | lo;
  }
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new InvalidInputError(`expected ${expectedLength} bytes of hex`, { details: `got ${out.length} in ${describe(hex)}` });
  }
  return out;
}

/** Parses a hex quantity ("0x", "0x0", "0x1f", also decimal strings "123") into a bigint. */
export function hexToBigInt(hex: string): bigint {
  if (typeof hex !== 'string') throw new InvalidInputError('expected a hex quantity', { details: `got ${typeof hex}` });
  const body = strip0x(hex);
  if (body === hex) {
    if (!/^[0-9]+$/.test(hex)) throw new InvalidInputError('invalid quantity', { details: describe(hex) });
    return BigInt(hex);
  }
  if (body.length === 0) return 0n;
  if (!/^[0-9a-fA-F]+$/.test(body)) throw new InvalidInputError('invalid hex quantity', { details: describe(hex) });
  return BigInt('0x' + body);
}

/** Parses a hex quantity that must fit in a JS safe integer. */
export function hexToNumber(hex: string): number {
  const v = hexToBigInt(hex);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidInputError('quantity too large', { details: describe(hex) });
  return Number(v);
}

/** Minimal hex quantity: 0 -> "0x0", 255 -> "0xff". */
export function toQuantity(value: bigint | number): string {
  return '0x' + value.toString(16);
}

/** Big-endian bytes of `value`, left-padded to `length` (minimal length if omitted; 0 -> empty). */
export function bigIntToBytes(value: bigint, length?: number): Uint8Array {
  if (value < 0n) throw new InvalidInputError('negative value cannot be encoded as bytes');
  let hex = value === 0n ? '' : value.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  const minimal = hexToBytes(hex);
  if (length === undefined) return minimal;
  if (minimal.length > length) throw new InvalidInputError(`value does not fit in ${length} bytes`);
  const out = new Uint8Array(length);
  out.set(minimal, length - minimal.length);
  return out;
}

/** Big-endian unsigned integer of `bytes`. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '0x';
  for (let i = 0; i < bytes.length; i++) hex += HEX_BYTE[bytes[i]!];
  return BigInt(hex);
}
