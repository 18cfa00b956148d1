/**
 * Fresh instances of herumi's mcl (WebAssembly build `mcl-wasm`), one per curve. mcl keeps its curve in
 * global state, so BN254 (ECMUL, ECPAIRING) and BLS12-381 (the KZG point evaluation) each need their own
 * copy of the module and its WebAssembly memory: this loads the package afresh (its CommonJS files are
 * dropped from the require cache first) and initializes the copy for `curve`. No other module imports
 * `mcl-wasm` directly, so no two users can end up sharing an instance whatever the load order.
 * Initialization takes ~50-60 ms per instance and thread.
 */
import { createRequire } from 'node:module';

export type Mcl = typeof import('mcl-wasm');

const require = createRequire(import.meta.url);
const packageDir = require.resolve('mcl-wasm').replace(/dist[\\/][^\\/]*$/, '');

/** A new mcl instance initialized for `curve` (a curve constant of mcl-wasm, e.g. BN_SNARK1). */
export async function freshMcl(curve: (mcl: Mcl) => number): Promise<Mcl> {
  for (const path of Object.keys(require.cache)) if (path.startsWith(packageDir)) delete require.cache[path];
  const mcl = require('mcl-wasm') as Mcl;
  await mcl.init(curve(mcl));
  return mcl;
}
