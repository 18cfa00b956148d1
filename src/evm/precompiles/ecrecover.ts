/**
 * Precompile 0x01 ECRECOVER (execution-specs cancun/vm/precompiled_contracts/ecrecover.py): 3000 gas;
 * input hash(32) || v(32) || r(32) || s(32), zero-padded. Returns the signer address left-padded to
 * 32 bytes, or EMPTY output (still a success) when v is not 27/28, r or s is outside [1, n), or no key
 * can be recovered. High s is accepted (no EIP-2 rule here).
 *
 * Recovery uses native libsecp256k1 through src/tx/secp256k1.ts (~50 µs vs ~1.7 ms for @noble/curves).
 */
import { sliceZeroPadded } from '../../primitives/bytes.js';
import { hexToBytes } from '../../primitives/hex.js';
import { keccak256 } from '../../primitives/keccak.js';
import { ecdsaRecoverUncompressed } from '../../tx/secp256k1.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';

const GAS = 3000;
const INPUT_LENGTH = 128;
const EMPTY = new Uint8Array(0);

/** secp256k1 group order n, big-endian. */
const SECP256K1_N = hexToBytes('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');

/** True when the 32-byte big-endian scalar at `offset` is in [1, n). */
function isValidScalar(data: Uint8Array, offset: number): boolean {
  let nonZero = false;
  for (let i = 0; i < 32; i++) {
    if (data[offset + i] !== 0) { nonZero = true; break; }
  }
  if (!nonZero) return false;
  for (let i = 0; i < 32; i++) {
    const b = data[offset + i]!, n = SECP256K1_N[i]!;
    if (b !== n) return b < n;
  }
  return false; // equal to n
}

/** The recovery id (0/1) when the v word is exactly 27 or 28, else -1. */
function recoveryId(data: Uint8Array): number {
  for (let i = 32; i < 63; i++) if (data[i] !== 0) return -1;
  const v = data[63]!;
  return v === 27 || v === 28 ? v - 27 : -1;
}

export function ecrecover(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit) return precompileFailure();
  const data = input.length >= INPUT_LENGTH ? input : sliceZeroPadded(input, 0, INPUT_LENGTH);
  const recid = recoveryId(data);
  if (recid < 0 || !isValidScalar(data, 64) || !isValidScalar(data, 96)) return { ok: true, gasUsed: GAS, output: EMPTY };
  let publicKey: Uint8Array;
  try {
    publicKey = ecdsaRecoverUncompressed(data.subarray(64, 128), recid, data.subarray(0, 32));
  } catch {
    return { ok: true, gasUsed: GAS, output: EMPTY };
  }
  const output = new Uint8Array(32);
  output.set(keccak256(publicKey.subarray(1)).subarray(12), 12);
  return { ok: true, gasUsed: GAS, output };
}
