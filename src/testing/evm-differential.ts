/**
 * Test support: the differential check of one generated case — run it in parevm (with the fast interpreter
 * and with the reference one, table dispatch and per-opcode checks) and in @ethereumjs/vm,
 * compare per transaction validity, receipt status, gas used, logs, created address and state root, and
 * (when every transaction is valid) that running them as one block gives the same final state. On a
 * mismatch the report lists the differences, a field-by-field diff of every account either side wrote,
 * and the whole case with assembly listings.
 */
import { addressToHex } from '../primitives/address.js';
import { wordToHex } from '../primitives/word.js';
import { runInEthereumJs } from './ethereumjs-runner.js';
import { buildCase, describeCase, type BuiltCase, type EvmCase } from './evm-case.js';
import type { AccountView, RunObservation, TxObservation } from './evm-observation.js';
import { FOLD_SLOT } from './evm-program.js';
import { runInParevm, runWholeBlock } from './parevm-runner.js';

export interface DifferentialOutcome {
  ok: boolean;
  /** Differences, account diff and the case; empty when ok. */
  report: string;
  ours: TxObservation[];
  theirs: TxObservation[];
}

const FOLD_SLOT_HEX = '0x' + FOLD_SLOT.toString(16).padStart(64, '0');

const show = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));

function compareTx(i: number, ours: TxObservation, theirs: TxObservation, out: string[]): void {
  if (ours.valid !== theirs.valid) {
    out.push(`tx ${i}: validity differs — parevm ${ours.valid ? 'accepted' : `rejected (${ours.error})`}, ethereumjs ${theirs.valid ? 'accepted' : `rejected (${theirs.error})`}`);
    return;
  }
  if (!ours.valid) return;
  if (ours.status !== theirs.status) out.push(`tx ${i}: status parevm ${ours.status}, ethereumjs ${theirs.status}`);
  if (ours.gasUsed !== theirs.gasUsed) out.push(`tx ${i}: gas used parevm ${ours.gasUsed}, ethereumjs ${theirs.gasUsed} (difference ${ours.gasUsed - theirs.gasUsed})`);
  if (show(ours.logs) !== show(theirs.logs)) out.push(`tx ${i}: logs differ\n  parevm:     ${show(ours.logs)}\n  ethereumjs: ${show(theirs.logs)}`);
  // ethereumjs names the would-be address of a failed creation too; only a successful one counts.
  if (ours.status === 1 && theirs.status === 1 && ours.createdAddress !== theirs.createdAddress) out.push(`tx ${i}: created address parevm ${ours.createdAddress}, ethereumjs ${theirs.createdAddress}`);
  if (ours.stateRoot !== theirs.stateRoot) out.push(`tx ${i}: state root parevm ${ours.stateRoot}, ethereumjs ${theirs.stateRoot}`);
}

/** Field-by-field differences of every account either side wrote or the pre-state holds. */
async function accountDiff(built: BuiltCase, ours: RunObservation, theirs: RunObservation): Promise<string[]> {
  const slots = new Map<string, Set<string>>();
  const want = (address: string, more: Iterable<string>): void => {
    const set = slots.get(address) ?? new Set<string>([FOLD_SLOT_HEX]);
    for (const s of more) set.add(s);
    slots.set(address, set);
  };
  for (const a of built.pre) want(addressToHex(a.address), [...a.storage.keys()].map(wordToHex));
  for (const [address, s] of ours.written) want(address, s);
  for (const [address, s] of theirs.written) want(address, s);
  const out: string[] = [];
  for (const [address, s] of [...slots].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const a = await ours.readAccount(address, s);
    const b = await theirs.readAccount(address, s);
    if (show(a) === show(b)) continue;
    out.push(`account ${address}:`);
    if (a === null || b === null) {
      out.push(`  parevm:     ${a === null ? 'absent' : show(a)}`, `  ethereumjs: ${b === null ? 'absent' : show(b)}`);
      continue;
    }
    for (const field of ['nonce', 'balance', 'code'] as const) {
      if (a[field] !== b[field]) out.push(`  ${field}: parevm ${fieldText(a, field)}, ethereumjs ${fieldText(b, field)}`);
    }
    for (const slot of new Set([...Object.keys(a.storage), ...Object.keys(b.storage)])) {
      if (a.storage[slot] !== b.storage[slot]) out.push(`  storage ${slot}: parevm ${a.storage[slot] ?? '0x0'}, ethereumjs ${b.storage[slot] ?? '0x0'}`);
    }
  }
  return out;
}

function fieldText(a: AccountView, field: 'nonce' | 'balance' | 'code'): string {
  const v = a[field];
  return typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}… (${(v.length - 2) / 2} bytes)` : String(v);
}

/** Runs `c` in both EVMs and compares everything observable. */
export async function runDifferential(c: EvmCase): Promise<DifferentialOutcome> {
  const built = buildCase(c);
  const differences: string[] = [];
  let ours: RunObservation;
  try {
    ours = runInParevm(built);
  } catch (error) {
    const report = `parevm threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n${describeCase(c, built)}`;
    return { ok: false, report, ours: [], theirs: [] };
  }
  // The fast interpreter (inlined hot opcodes, block metering) against our reference one (table dispatch,
  // per-opcode checks): they must agree on everything, independently of ethereumjs.
  const reference = runInParevm(built, false);
  for (let i = 0; i < built.txs.length; i++) {
    const fast = ours.txs[i]!;
    const slow = reference.txs[i]!;
    if (show(fast) !== show(slow)) differences.push(`tx ${i}: the fast interpreter and the reference interpreter differ\n  fast:      ${show(fast)}\n  reference: ${show(slow)}`);
  }
  const theirs = await runInEthereumJs(built);
  if (ours.preStateRoot !== theirs.preStateRoot) differences.push(`pre-state roots differ (harness bug): parevm ${ours.preStateRoot}, ethereumjs ${theirs.preStateRoot}`);
  for (let i = 0; i < built.txs.length; i++) compareTx(i, ours.txs[i]!, theirs.txs[i]!, differences);

  const fitsOneBlock = built.txs.reduce((sum, t) => sum + t.gasLimit, 0n) <= built.env.gasLimit;
  if (differences.length === 0 && built.txs.length > 1 && fitsOneBlock && ours.txs.every((t) => t.valid)) {
    const whole = runWholeBlock(built);
    const last = ours.txs[ours.txs.length - 1]!.stateRoot;
    const gas = ours.txs.reduce((sum, t) => sum + t.gasUsed, 0n);
    if (whole.stateRoot !== last) differences.push(`parevm: the transactions as one block end at root ${whole.stateRoot}, one block each at ${last}`);
    if (whole.gasUsed !== gas) differences.push(`parevm: the transactions as one block use ${whole.gasUsed} gas, one block each ${gas}`);
  }
  if (differences.length === 0) return { ok: true, report: '', ours: ours.txs, theirs: theirs.txs };

  const accounts = await accountDiff(built, ours, theirs);
  const report = [
    'differences:',
    ...differences.map((d) => '  ' + d),
    'account diff (post-state):',
    ...(accounts.length > 0 ? accounts.map((d) => '  ' + d) : ['  (none among the accounts either side wrote)']),
    'case:',
    describeCase(c, built),
  ].join('\n');
  return { ok: false, report, ours: ours.txs, theirs: theirs.txs };
}
