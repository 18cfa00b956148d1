/**
 * The Cancun precompiled contracts 0x01–0x0a (execution-specs cancun/vm/precompiled_contracts/
 * __init__.py) by address. `getPrecompile` runs on every CALL, so it looks at the packed address
 * string directly: nine zero code units, then the last unit (the address's last two bytes) 1..10.
 */
import { addressFromNumber, type Address } from '../../primitives/address.js';
import { blake2f } from './blake2f.js';
import { bn254Add } from './bn254-add.js';
import { bn254Mul } from './bn254-mul.js';
import { bn254Pairing } from './bn254-pairing.js';
import { ecrecover } from './ecrecover.js';
import { identity } from './identity.js';
import { modexp } from './modexp.js';
import { pointEvaluation } from './point-evaluation.js';
import type { Precompile } from './precompile.js';
import { ripemd160 } from './ripemd160.js';
import { sha256 } from './sha256.js';

export type { Precompile, PrecompileResult } from './precompile.js';

/** Index i holds the precompile at address i (index 0 unused). */
const BY_NUMBER: readonly (Precompile | undefined)[] = [
  undefined, ecrecover, sha256, ripemd160, identity, modexp, bn254Add, bn254Mul, bn254Pairing, blake2f, pointEvaluation,
];

/** The Cancun precompile at `address`, or undefined. */
export function getPrecompile(address: Address): Precompile | undefined {
  const last = address.charCodeAt(9);
  if (last === 0 || last > 10) return undefined;
  for (let i = 0; i < 9; i++) if (address.charCodeAt(i) !== 0) return undefined;
  return BY_NUMBER[last];
}

/** 0x01..0x0a, warm from the start of every transaction (EIP-2929). */
export const PRECOMPILE_ADDRESSES: readonly Address[] = Object.freeze(
  Array.from({ length: 10 }, (_, i) => addressFromNumber(i + 1)),
);
