/**
 * Precompile 0x0a POINT_EVALUATION (EIP-4844; execution-specs
 * cancun/vm/precompiled_contracts/point_evaluation.py): 50000 gas; input exactly 192 bytes
 * versioned_hash(32) || z(32) || y(32) || commitment(48) || proof(48). Succeeds when
 * versioned_hash = 0x01 || sha256(commitment)[1:] and the KZG proof shows p(z) = y for the committed
 * polynomial; returns FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words. Anything else
 * (length, hash, z or y ≥ BLS_MODULUS, bad point encodings, wrong proof) fails, consuming all gas.
 *
 * The verification is kzg-mcl.ts (mcl's BLS12-381 in WebAssembly: ~6 ms per call). Before it,
 * micro-eth-signer's verifier on @noble/curves (~23 ms, ~250 ms for a thread's first call); kzg-wasm
 * (c-kzg) verifies in ~11 ms but its loadKZG() takes ~15 s per thread.
 */
import { concatBytes } from '../../primitives/bytes.js';
import { bigIntToBytes, bytesToBigInt } from '../../primitives/hex.js';
import { verifyKzgProof } from './kzg-mcl.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';
import { sha256Digest } from './sha256.js';

const GAS = 50000;
const INPUT_LENGTH = 192;
const VERSIONED_HASH_VERSION_KZG = 0x01;
export const FIELD_ELEMENTS_PER_BLOB = 4096n;
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

/** FIELD_ELEMENTS_PER_BLOB || BLS_MODULUS, each a 32-byte big-endian word. */
const SUCCESS_OUTPUT = concatBytes(bigIntToBytes(FIELD_ELEMENTS_PER_BLOB, 32), bigIntToBytes(BLS_MODULUS, 32));

function versionedHashMatches(versionedHash: Uint8Array, commitment: Uint8Array): boolean {
  if (versionedHash[0] !== VERSIONED_HASH_VERSION_KZG) return false;
  const digest = sha256Digest(commitment);
  for (let i = 1; i < 32; i++) if (versionedHash[i] !== digest[i]) return false;
  return true;
}

export function pointEvaluation(input: Uint8Array, gasLimit: number): PrecompileResult {
  if (GAS > gasLimit || input.length !== INPUT_LENGTH) return precompileFailure();
  const commitment = input.subarray(96, 144);
  if (!versionedHashMatches(input.subarray(0, 32), commitment)) return precompileFailure();
  const z = bytesToBigInt(input.subarray(32, 64)), y = bytesToBigInt(input.subarray(64, 96));
  if (z >= BLS_MODULUS || y >= BLS_MODULUS) return precompileFailure();
  if (!verifyKzgProof(commitment, z, y, input.subarray(144, 192))) return precompileFailure();
  return { ok: true, gasUsed: GAS, output: SUCCESS_OUTPUT.slice() };
}
