/**
 * Differential fuzzing of parevm's EVM against @ethereumjs/vm on generated contracts and transactions
 * (see evm-differential.ts). Usage: `node dist/src/testing/fuzz-evm.js [--runs N] [--seed S] [--max-txs K] [--empty-accounts]`
 * (`npm run fuzz:evm -- --runs 5000`); `--empty-accounts` also puts EIP-161 empty accounts in pre-states. Prints progress and a summary; on a mismatch prints the shrunk
 * case with its report and exits 1.
 */
import fc from 'fast-check';
import { intOption, parseCommandArgs } from '../cli/args.js';
import { opcodeName } from '../evm/opcodes.js';
import { InvalidInputError } from '../primitives/errors.js';
import { buildCase, type EvmCase } from './evm-case.js';
import { evmCaseArbitrary } from './evm-case-generator.js';
import { runDifferential } from './evm-differential.js';

interface Tally {
  cases: number;
  txs: number;
  valid: number;
  succeeded: number;
  failed: number;
  opcodes: Set<number>;
}

/** Opcodes present in the generated code (push data skipped). */
function noteOpcodes(c: EvmCase, into: Set<number>): void {
  const built = buildCase(c);
  const codes = [...built.pre.map((a) => a.code), ...built.txs.filter((t) => t.to === null).map((t) => t.data)];
  for (const code of codes) {
    for (let pc = 0; pc < code.length; pc++) {
      const op = code[pc]!;
      into.add(op);
      if (op >= 0x60 && op <= 0x7f) pc += op - 0x5f;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { runs: { type: 'string' }, seed: { type: 'string' }, 'max-txs': { type: 'string' }, 'empty-accounts': { type: 'boolean' }, help: { type: 'boolean' } });
  if (values['help'] === true) {
    console.log('usage: fuzz-evm [--runs N (2000)] [--seed S (random)] [--max-txs K (3)] [--empty-accounts]');
    return 0;
  }
  const runs = intOption(values['runs'], 'runs', 2000);
  const seed = values['seed'] === undefined ? Date.now() % 2 ** 31 : intOption(values['seed'], 'seed', 0);
  const maxTransactions = intOption(values['max-txs'], 'max-txs', 3);
  const emptyAccounts = values['empty-accounts'] === true;
  if (maxTransactions < 1) throw new InvalidInputError('--max-txs must be at least 1');
  console.log(`fuzz-evm: ${runs} cases, seed ${seed}, up to ${maxTransactions} transactions per case`);

  const tally: Tally = { cases: 0, txs: 0, valid: 0, succeeded: 0, failed: 0, opcodes: new Set() };
  const start = performance.now();
  let failures = 0;
  const details = await fc.check(
    fc.asyncProperty(evmCaseArbitrary({ maxTransactions, emptyAccounts }), async (c) => {
      const outcome = await runDifferential(c);
      if (!outcome.ok) {
        if (failures++ === 0) console.log(`mismatch after ${tally.cases} cases; shrinking…`);
        return false;
      }
      if (failures > 0) return true;
      tally.cases++;
      noteOpcodes(c, tally.opcodes);
      for (const t of outcome.ours) {
        tally.txs++;
        if (!t.valid) continue;
        tally.valid++;
        if (t.status === 1) tally.succeeded++;
        else tally.failed++;
      }
      if (tally.cases % 100 === 0) {
        const s = (performance.now() - start) / 1000;
        console.log(`  ${tally.cases}/${runs} cases, ${s.toFixed(1)} s (${((s * 1000) / tally.cases).toFixed(1)} ms/case)`);
      }
      return true;
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  const seconds = (performance.now() - start) / 1000;

  if (details.failed && details.counterexample !== null) {
    const [shrunk] = details.counterexample;
    const outcome = await runDifferential(shrunk);
    console.log(`\nMISMATCH (seed ${seed}, path ${details.counterexamplePath}, ${details.numShrinks} shrinks):\n${outcome.report}`);
    return 1;
  }
  if (details.failed) {
    console.log(`fuzz-evm: the property errored: ${String(details.errorInstance)}`);
    return 1;
  }
  const missing = [...Array(256).keys()].filter((op) => !tally.opcodes.has(op) && !opcodeName(op).startsWith('UNDEFINED'));
  console.log(
    `\nfuzz-evm: ${tally.cases} cases passed in ${seconds.toFixed(1)} s (${((seconds * 1000) / tally.cases).toFixed(1)} ms/case); ` +
      `${tally.txs} transactions: ${tally.txs - tally.valid} rejected by both, ${tally.succeeded} succeeded, ${tally.failed} failed/reverted.`,
  );
  console.log(`defined opcodes never generated: ${missing.length === 0 ? 'none' : missing.map(opcodeName).join(' ')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof InvalidInputError ? `fuzz-evm: ${error.message}` : error);
    process.exit(2);
  },
);
