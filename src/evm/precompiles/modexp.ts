/**
 * Precompile 0x05 MODEXP (EIP-198 input layout, EIP-2565 gas; execution-specs
 * cancun/vm/precompiled_contracts/modexp.py).
 *
 * Input: Blen(32) || Elen(32) || Mlen(32) || B || E || M, all big-endian and read as if the input were
 * followed by infinitely many zero bytes. The three lengths may be any 256-bit value, so the gas is
 * computed on bigints from the bytes actually present, never from materialised padded buffers. After
 * that only M can run past the input: if it has a nonzero byte, B and E lie wholly inside the input;
 * otherwise M = 0 and the result is all zeros. So a huge zero-padded exponent costs nothing.
 *
 * Gas = max(200, ceil(max(Blen, Mlen) / 8)^2 × max(1, iterations) / 3), iterations from Elen and the
 * exponent's first 32 bytes (EIP-2565). Output is B^E mod M as Mlen bytes (all zeros when M = 0, empty
 * when Blen = Mlen = 0).
 */
import { bigIntToBytes, bytesToBigInt } from '../../primitives/hex.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const MIN_GAS = 200n;
const GQUADDIVISOR = 3n;
const EMPTY = new Uint8Array(0);

/** Bytes [start, start + length) of the zero-extended input: the present part and the zero tail. */
interface PaddedOperand {
  present: Uint8Array;
  missing: bigint;
}

function readOperand(input: Uint8Array, start: bigint, length: bigint): PaddedOperand {
  const inputLength = BigInt(input.length);
  if (length === 0n || start >= inputLength) return { present: EMPTY, missing: length };
  const end = start + length < inputLength ? start + length : inputLength;
  const present = input.subarray(Number(start), Number(end));
  return { present, missing: length - BigInt(present.length) };
}

function bitLength(x: bigint): bigint {
  return x === 0n ? 0n : BigInt(x.toString(2).length);
}

/** EIP-2565 gas for the given lengths and the exponent's first min(32, Elen) bytes as an integer. */
export function modexpGas(baseLength: bigint, exponentLength: bigint, modulusLength: bigint, exponentHead: bigint): bigint {
  const maxLength = baseLength > modulusLength ? baseLength : modulusLength;
  const words = (maxLength + 7n) / 8n;
  const headBits = bitLength(exponentHead);
  let iterations = headBits > 0n ? headBits - 1n : 0n;
  if (exponentLength > 32n) iterations += 8n * (exponentLength - 32n);
  if (iterations < 1n) iterations = 1n;
  const cost = (words * words * iterations) / GQUADDIVISOR;
  return cost > MIN_GAS ? cost : MIN_GAS;
}

/** base^e mod m (m > 1, base < m) for e given as big-endian hex digits: fixed 4-bit windows. */
function powMod(base: bigint, expHex: string, m: bigint): bigint {
  const table: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * base) % m);
  let r = 1n;
  for (let i = 0; i < expHex.length; i++) {
    if (r !== 1n) {
      r = (r * r) % m; r = (r * r) % m; r = (r * r) % m; r = (r * r) % m;
    }
    const digit = parseInt(expHex[i]!, 16);
    if (digit !== 0) r = (r * table[digit]!) % m;
  }
  return r;
}

function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

export function modexp(input: Uint8Array, gasLimit: number): PrecompileResult {
  const word = (i: number): bigint => bytesToBigInt(lengthWord(input, 32 * i));
  const baseLength = word(0), exponentLength = word(1), modulusLength = word(2);
  const exponentStart = 96n + baseLength;

  const headLength = exponentLength < 32n ? exponentLength : 32n;
  const head = readOperand(input, exponentStart, headLength);
  const exponentHead = bytesToBigInt(head.present) << (8n * head.missing);
  const gas = modexpGas(baseLength, exponentLength, modulusLength, exponentHead);
  if (gas > BigInt(gasLimit)) return precompileFailure();
  const gasUsed = Number(gas);

  if (baseLength === 0n && modulusLength === 0n) return { ok: true, gasUsed, output: EMPTY };
  // Past the gas check max(Blen, Mlen) ≤ 8·sqrt(3·gasLimit), so the output size fits a JS number.
  const outputLength = Number(modulusLength);
  const modulusOperand = readOperand(input, exponentStart + exponentLength, modulusLength);
  const modulus = bytesToBigInt(modulusOperand.present) << (8n * modulusOperand.missing);
  if (modulus <= 1n) return { ok: true, gasUsed, output: new Uint8Array(outputLength) }; // M = 0 or 1
  // M has a nonzero byte inside the input, so B and E, which precede it, lie wholly inside the input.
  const start = Number(exponentStart);
  const base = bytesToBigInt(input.subarray(96, start)) % modulus;
  const exponentHex = hexOf(input.subarray(start, start + Number(exponentLength)));
  return { ok: true, gasUsed, output: bigIntToBytes(powMod(base, exponentHex, modulus), outputLength) };
}

/** The 32-byte word at `offset` of the zero-extended input. */
function lengthWord(input: Uint8Array, offset: number): Uint8Array {
  if (offset + 32 <= input.length) return input.subarray(offset, offset + 32);
  const out = new Uint8Array(32);
  if (offset < input.length) out.set(input.subarray(offset));
  return out;
}
