/**
 * A young-generation garbage collection on demand, for idle moments such as the end of start-up.
 *
 * V8 collects its young generation (scavenge) when it fills up, and a scavenge's cost is what survives it.
 * Start-up (loading state, warming the executor up) leaves the young generation part full; the first
 * block then triggered a scavenge in the middle of its result building, when that block's receipts and
 * diff were alive: 15-20 ms of a ~110 ms 10k-transaction block (--trace-gc). Collecting once at the end
 * of start-up, when little young data is alive, costs a few milliseconds there instead.
 *
 * Node exposes `gc` only under --expose-gc; the flag can be set at run time, after which a new V8 context
 * has the function (the main context's global object was created before). It is looked up once. A full
 * collection is not offered: it shrinks the young generation, which the next block then regrows through
 * slower scavenges (measured: first block 141 ms median against 116 without it).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'minor' | 'major'; execution?: 'sync' }) => void;

let gcFunction: GcFunction | null | undefined;

function lookUpGc(): GcFunction | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as GcFunction) : null;
  } catch {
    return null;
  }
}

/** Collects the young generation now. Returns false where this V8 does not allow it (nothing happens). */
export function collectYoungGeneration(): boolean {
  gcFunction ??= lookUpGc();
  if (gcFunction === null) return false;
  gcFunction({ type: 'minor' });
  return true;
}
