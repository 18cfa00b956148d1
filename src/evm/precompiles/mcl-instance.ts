/**
 * Fresh instances of herumi's mcl (WebAssembly build `mcl-wasm`), one per curve. mcl keeps its curve in
 * global state, so BN254 (ECMUL, ECPAIRING) and BLS12-381 (the KZG point evaluation) each need their own
 * copy of the module and its WebAssembly memory: this loads the package afresh (its CommonJS files are
 * taken out of the require cache for the load, and whatever was cached before is put back afterwards,
 * so neither this project's instances nor anyone else's `require('mcl-wasm')` see each other) and
 * initializes the copy for `curve`. Initialization takes ~50-60 ms per instance and thread.
 */
import { createRequire } from 'node:module';

export type Mcl = typeof import('mcl-wasm');

const require = createRequire(import.meta.url);
const packageDir = require.resolve('mcl-wasm').replace(/dist[\\/][^\\/]*$/, '');

function takePackageFromCache(): Map<string, NodeJS.Module> {
  const taken = new Map<string, NodeJS.Module>();
  for (const [path, module] of Object.entries(require.cache)) {
    if (!path.startsWith(packageDir) || module === undefined) continue;
    taken.set(path, module);
    delete require.cache[path];
  }
  return taken;
}

/** A new mcl instance initialized for `curve` (a curve constant of mcl-wasm, e.g. BN_SNARK1). */
export async function freshMcl(curve: (mcl: Mcl) => number): Promise<Mcl> {
  const before = takePackageFromCache();
  const mcl = require('mcl-wasm') as Mcl;
  takePackageFromCache();
  for (const [path, module] of before) require.cache[path] = module;
  await mcl.init(curve(mcl));
  return mcl;
}
