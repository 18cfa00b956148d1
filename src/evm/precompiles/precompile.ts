/**
 * The precompile calling convention: input bytes and the gas available in, a result out. A precompile
 * that fails (out of gas or invalid input) returns ok=false and the caller consumes all gas given to it.
 */
export interface PrecompileResult {
  ok: boolean;
  gasUsed: number;
  output: Uint8Array;
}

export type Precompile = (input: Uint8Array, gasLimit: number) => PrecompileResult;

const NO_OUTPUT = new Uint8Array(0);

export function precompileFailure(): PrecompileResult {
  return { ok: false, gasUsed: 0, output: NO_OUTPUT };
}

/** Success if `gasUsed` fits in `gasLimit`, else an out-of-gas failure. */
export function precompileSuccess(gasUsed: number, gasLimit: number, output: Uint8Array): PrecompileResult {
  if (gasUsed > gasLimit) return precompileFailure();
  return { ok: true, gasUsed, output };
}
