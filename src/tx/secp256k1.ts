/**
 * The secp256k1 operations transactions need, from the `secp256k1` npm package (a CommonJS binding to
 * bitcoin-core's libsecp256k1 with prebuilt binaries). Measured on this machine: ecdsaRecover ~52 µs
 * native vs ~1.7 ms for @noble/curves. If the native binary cannot load, the package's pure-JS
 * `elliptic` fallback is used (same results, much slower); `SECP256K1_BACKEND` says which one runs.
 */
import { createRequire } from 'node:module';

interface Secp256k1 {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaSign(msg32: Uint8Array, seckey: Uint8Array): { signature: Uint8Array; recid: number };
  privateKeyVerify(seckey: Uint8Array): boolean;
  publicKeyCreate(seckey: Uint8Array, compressed: boolean): Uint8Array;
}

const require = createRequire(import.meta.url);

function load(): { lib: Secp256k1; backend: 'native' | 'elliptic' } {
  try {
    return { lib: require('secp256k1/bindings') as Secp256k1, backend: 'native' };
  } catch {
    return { lib: require('secp256k1/elliptic') as Secp256k1, backend: 'elliptic' };
  }
}

const { lib, backend } = load();

export const SECP256K1_BACKEND: 'native' | 'elliptic' = backend;

/** The 65-byte uncompressed public key (0x04 || x || y) that signed `msg32`; throws (plain Error) if none. */
export function ecdsaRecoverUncompressed(sig64: Uint8Array, recid: number, msg32: Uint8Array): Uint8Array {
  return lib.ecdsaRecover(sig64, recid, msg32, false);
}

/** A deterministic (RFC 6979) low-s signature: 64 bytes r || s and the recovery id. */
export function ecdsaSign(msg32: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number } {
  return lib.ecdsaSign(msg32, privateKey);
}

export function isValidPrivateKey(privateKey: Uint8Array): boolean {
  return privateKey instanceof Uint8Array && privateKey.length === 32 && lib.privateKeyVerify(privateKey);
}

/** The 65-byte uncompressed public key of a valid private key. */
export function publicKeyUncompressed(privateKey: Uint8Array): Uint8Array {
  return lib.publicKeyCreate(privateKey, false);
}
