/**
 * Test support only (imports devDependencies; never import from runtime code): runs @ethereumjs/evm's
 * own Cancun precompiles as a differential oracle, normalised to our PrecompileResult shape, plus a
 * seeded random byte source so failures reproduce.
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { getActivePrecompiles, NobleBN254, paramsEVM, type PrecompileInput } from '@ethereumjs/evm';
import assert from 'node:assert/strict';
import { bytesToHex } from '../../primitives/hex.js';
import { referenceKzg } from '../../testing/reference-kzg.js';
import type { Precompile, PrecompileResult } from './precompile.js';

const common = new Common({
  chain: Mainnet,
  hardfork: Hardfork.Cancun,
  params: paramsEVM,
  customCrypto: { kzg: referenceKzg() as unknown as NonNullable<ConstructorParameters<typeof Common>[0]['customCrypto']>['kzg'] },
});
const active = getActivePrecompiles(common);
const fakeEvm = { _bn254: new NobleBN254() };

/** @ethereumjs/evm's result for precompile `n` (1..10). */
export async function referenceRun(n: number, data: Uint8Array, gasLimit: number): Promise<PrecompileResult> {
  const fn = active.get(n.toString(16).padStart(40, '0'));
  if (fn === undefined) throw new Error(`no reference precompile ${n}`);
  const input = { data, gasLimit: BigInt(gasLimit), common, _EVM: fakeEvm } as unknown as PrecompileInput;
  const r = await fn(input);
  if (r.exceptionError !== undefined) return { ok: false, gasUsed: 0, output: new Uint8Array(0) };
  return { ok: true, gasUsed: Number(r.executionGasUsed), output: r.returnValue };
}

/** Asserts that ours and the reference agree on ok, and on gasUsed/output when ok. */
export async function assertSameAsReference(n: number, ours: Precompile, data: Uint8Array, gasLimit: number, label = ''): Promise<PrecompileResult> {
  const expected = await referenceRun(n, data, gasLimit);
  const actual = ours(data, gasLimit);
  const where = `${label} precompile ${n} gas ${gasLimit} input ${bytesToHex(data).slice(0, 400)}`;
  assert.equal(actual.ok, expected.ok, `ok differs: ${where}`);
  if (expected.ok) {
    assert.equal(actual.gasUsed, expected.gasUsed, `gasUsed differs: ${where}`);
    assert.equal(bytesToHex(actual.output), bytesToHex(expected.output), `output differs: ${where}`);
  }
  return actual;
}

/** A deterministic xorshift32 byte source. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(bound: number): number {
    return this.next() % bound;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
    return out;
  }
  bigint(bytes: number): bigint {
    let v = 0n;
    for (const b of this.bytes(bytes)) v = (v << 8n) | BigInt(b);
    return v;
  }
}

/** `value` as a 32-byte big-endian word. */
export function word(value: bigint | number): Uint8Array {
  return Uint8Array.from(Buffer.from(BigInt(value).toString(16).padStart(64, '0'), 'hex'));
}
