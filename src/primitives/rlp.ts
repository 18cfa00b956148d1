/**
 * RLP (Recursive Length Prefix), Ethereum Yellow Paper appendix B. `rlpDecode` is strict: it rejects
 * non-canonical encodings (a single byte < 0x80 wrapped in a string header, long forms for short
 * payloads, leading zeros in lengths) and trailing bytes, each with one clear InvalidInputError.
 */
import { InvalidInputError } from './errors.js';
import { bigIntToBytes } from './hex.js';

export type RlpInput = Uint8Array | readonly RlpInput[];
export type RlpValue = Uint8Array | RlpValue[];

function encodeLength(length: number, offset: number): Uint8Array {
  if (length < 56) return Uint8Array.of(offset + length);
  const lenBytes: number[] = [];
  for (let l = length; l > 0; l = Math.floor(l / 256)) lenBytes.unshift(l & 0xff);
  return Uint8Array.of(offset + 55 + lenBytes.length, ...lenBytes);
}

function encodedLength(input: RlpInput): number {
  if (input instanceof Uint8Array) {
    if (input.length === 1 && input[0]! < 0x80) return 1;
    return headerLength(input.length) + input.length;
  }
  let payload = 0;
  for (const item of input) payload += encodedLength(item);
  return headerLength(payload) + payload;
}

function headerLength(payloadLength: number): number {
  if (payloadLength < 56) return 1;
  let n = 0;
  for (let l = payloadLength; l > 0; l = Math.floor(l / 256)) n++;
  return 1 + n;
}

function writeHeader(out: Uint8Array, pos: number, payloadLength: number, offset: number): number {
  const header = encodeLength(payloadLength, offset);
  out.set(header, pos);
  return pos + header.length;
}

function write(out: Uint8Array, pos: number, input: RlpInput): number {
  if (input instanceof Uint8Array) {
    if (input.length === 1 && input[0]! < 0x80) {
      out[pos] = input[0]!;
      return pos + 1;
    }
    pos = writeHeader(out, pos, input.length, 0x80);
    out.set(input, pos);
    return pos + input.length;
  }
  let payload = 0;
  for (const item of input) payload += encodedLength(item);
  pos = writeHeader(out, pos, payload, 0xc0);
  for (const item of input) pos = write(out, pos, item);
  return pos;
}

/** RLP-encodes a byte string or a (nested) list of them. */
export function rlpEncode(input: RlpInput): Uint8Array {
  const out = new Uint8Array(encodedLength(input));
  write(out, 0, input);
  return out;
}

/** Minimal big-endian bytes of a non-negative integer, as RLP expects for scalars (0 -> empty). */
export function rlpScalar(value: bigint | number): Uint8Array {
  return bigIntToBytes(typeof value === 'number' ? BigInt(value) : value);
}

/**
 * Deepest list nesting accepted. Decoding recurses per level, so unbounded nesting (a few hundred KB of
 * nested list headers) would overflow the JS stack with a RangeError; no Ethereum structure nests deeper
 * than a handful of levels.
 */
export const RLP_MAX_DEPTH = 1024;

interface Decoded {
  value: RlpValue;
  end: number;
}

function fail(message: string, pos: number): never {
  throw new InvalidInputError('malformed RLP', { details: `${message} at byte ${pos}` });
}

function readLength(bytes: Uint8Array, pos: number, lengthOfLength: number, end: number): number {
  if (pos + lengthOfLength > end) fail('length runs past the end of input', pos);
  if (bytes[pos] === 0) fail('length has leading zeros', pos);
  let length = 0;
  for (let i = 0; i < lengthOfLength; i++) length = length * 256 + bytes[pos + i]!;
  if (length < 56) fail('long form used for a short payload', pos);
  if (!Number.isSafeInteger(length)) fail('length too large', pos);
  return length;
}

function decodeAt(bytes: Uint8Array, pos: number, end: number, depth: number): Decoded {
  if (pos >= end) fail('unexpected end of input', pos);
  const prefix = bytes[pos]!;
  if (prefix < 0x80) return { value: bytes.subarray(pos, pos + 1), end: pos + 1 };
  if (prefix < 0xb8) {
    const length = prefix - 0x80;
    const start = pos + 1;
    if (start + length > end) fail('string runs past the end of input', pos);
    if (length === 1 && bytes[start]! < 0x80) fail('single byte below 0x80 must not have a header', pos);
    return { value: bytes.subarray(start, start + length), end: start + length };
  }
  if (prefix < 0xc0) {
    const lengthOfLength = prefix - 0xb7;
    const length = readLength(bytes, pos + 1, lengthOfLength, end);
    const start = pos + 1 + lengthOfLength;
    if (start + length > end) fail('string runs past the end of input', pos);
    return { value: bytes.subarray(start, start + length), end: start + length };
  }
  let start: number;
  let length: number;
  if (prefix < 0xf8) {
    length = prefix - 0xc0;
    start = pos + 1;
  } else {
    const lengthOfLength = prefix - 0xf7;
    length = readLength(bytes, pos + 1, lengthOfLength, end);
    start = pos + 1 + lengthOfLength;
  }
  const listEnd = start + length;
  if (listEnd > end) fail('list runs past the end of input', pos);
  if (depth >= RLP_MAX_DEPTH) fail(`lists nested deeper than ${RLP_MAX_DEPTH} levels`, pos);
  const items: RlpValue[] = [];
  let p = start;
  while (p < listEnd) {
    const item = decodeAt(bytes, p, listEnd, depth + 1);
    items.push(item.value);
    p = item.end;
  }
  return { value: items, end: listEnd };
}

/** Decodes exactly one RLP item spanning all of `bytes`. Returned byte strings are views into `bytes`. */
export function rlpDecode(bytes: Uint8Array): RlpValue {
  const { value, end } = decodeAt(bytes, 0, bytes.length, 0);
  if (end !== bytes.length) fail(`${bytes.length - end} trailing bytes`, end);
  return value;
}

/** Decodes one item at the start of `bytes` and returns it with the position after it. */
export function rlpDecodePrefix(bytes: Uint8Array): { value: RlpValue; end: number } {
  return decodeAt(bytes, 0, bytes.length, 0);
}
