/**
 * `parevm run-block [--json] [--state-root] DIR...` — executes block folders (block.json + pre_state.json,
 * block_hashes.json in DIR or its parent) and compares gasUsed, receiptsRoot, logsBloom and every recovered
 * sender with the header and `from`; with --state-root also the post-state root (only meaningful when the
 * pre-state is the whole state). Per block: number, txs, gas, times and each field's match; with --json
 * one object per block {"number","txs","gasUsed","ms","recoverMs","rootMs","match","mismatches"}, where
 * `ms` is execution alone (after loading and sender recovery, up to and including the receipts).
 * Exit code 0 only if every block matches.
 */
import { addressToHex } from '../primitives/address.js';
import { bytesEqual } from '../primitives/bytes.js';
import { bytesToHex } from '../primitives/hex.js';
import { InvalidInputError } from '../primitives/errors.js';
import { loadBlockFixture } from '../block/block-fixture.js';
import { receiptsRoot } from '../block/receipt.js';
import { executeBlockSequential } from '../execution/execute-block-sequential.js';
import type { ExecutableTransaction } from '../tx/transaction.js';
import { recoverSender } from '../tx/sender.js';
import { withSender } from '../tx/executable.js';
import { parseCommandArgs } from './args.js';

export interface RunBlockReport {
  number: number;
  txs: number;
  gasUsed: number;
  ms: number;
  recoverMs: number;
  rootMs: number;
  match: boolean;
  mismatches: string[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function runBlockDir(dir: string, checkStateRoot: boolean): RunBlockReport {
  const fixture = loadBlockFixture(dir);
  const mismatches: string[] = [];

  const recoverStart = performance.now();
  const transactions: ExecutableTransaction[] = fixture.transactions.map((tx, i) => {
    const sender = recoverSender(tx);
    const from = fixture.froms[i];
    if (from !== undefined && from !== sender) mismatches.push(`tx ${i} sender: expected ${addressToHex(from)}, recovered ${addressToHex(sender)}`);
    return withSender(tx, sender);
  });
  const recoverMs = performance.now() - recoverStart;

  const execStart = performance.now();
  const result = executeBlockSequential({ env: fixture.env, transactions, withdrawals: fixture.withdrawals, parentBeaconBlockRoot: fixture.parentBeaconBlockRoot }, fixture.pre);
  const ms = performance.now() - execStart;

  const h = fixture.header;
  if (result.gasUsed !== h.gasUsed) mismatches.push(`gasUsed: expected ${h.gasUsed}, got ${result.gasUsed}`);
  const receipts = receiptsRoot(result.receipts);
  if (!bytesEqual(receipts, h.receiptsRoot)) mismatches.push(`receiptsRoot: expected ${bytesToHex(h.receiptsRoot)}, got ${bytesToHex(receipts)}`);
  if (!bytesEqual(result.logsBloom, h.logsBloom)) mismatches.push('logsBloom differs from the header');
  if (result.blobGasUsed !== h.blobGasUsed) mismatches.push(`blobGasUsed: expected ${h.blobGasUsed}, got ${result.blobGasUsed}`);

  let rootMs = 0;
  if (checkStateRoot) {
    const rootStart = performance.now();
    fixture.pre.apply(result.diff);
    const root = fixture.pre.stateRoot();
    rootMs = performance.now() - rootStart;
    if (!bytesEqual(root, h.stateRoot)) mismatches.push(`stateRoot: expected ${bytesToHex(h.stateRoot)}, got ${bytesToHex(root)}`);
  }
  return { number: Number(h.number), txs: transactions.length, gasUsed: Number(result.gasUsed), ms: round(ms), recoverMs: round(recoverMs), rootMs: round(rootMs), match: mismatches.length === 0, mismatches };
}

export function runBlockCommand(args: string[]): number {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'state-root': { type: 'boolean' } });
  if (positionals.length === 0) throw new InvalidInputError('usage: parevm run-block [--json] [--state-root] DIR...');
  let allMatch = true;
  for (const dir of positionals) {
    let report: RunBlockReport;
    try {
      report = runBlockDir(dir, values['state-root'] === true);
    } catch (error) {
      allMatch = false;
      const message = error instanceof Error ? error.message : String(error);
      if (values['json'] === true) console.log(JSON.stringify({ dir, match: false, error: message }));
      else console.log(`block ${dir}: error: ${message}`);
      continue;
    }
    allMatch &&= report.match;
    if (values['json'] === true) {
      console.log(JSON.stringify(report));
    } else {
      const status = report.match ? 'match' : 'MISMATCH';
      console.log(`block ${report.number}: ${report.txs} txs, ${report.gasUsed} gas, exec ${report.ms.toFixed(2)} ms, recover ${report.recoverMs.toFixed(2)} ms${values['state-root'] === true ? `, root ${report.rootMs.toFixed(2)} ms` : ''} — gasUsed, receiptsRoot, logsBloom, senders${values['state-root'] === true ? ', stateRoot' : ''}: ${status}`);
      for (const m of report.mismatches) console.log(`  ${m}`);
    }
  }
  return allMatch ? 0 : 1;
}
