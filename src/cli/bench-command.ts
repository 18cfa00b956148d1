/**
 * `parevm bench` — runs benchmark workloads (see src/bench/workloads) and prints TPS, Mgas/s and µs/tx.
 *
 *   parevm bench --workload NAME [--txs N] [--accounts N] [--pools N] [--seed N]
 *                [--workers N [--force-parallel] [--no-deltas] | --sequential] [--runs N] [--json]
 *                [--reference] [--out DIR] [--no-warm-up]
 *
 * Without --workload it runs the headline suite: erc20 sequentially with --reference, then erc20 and compute
 * in parallel (one worker per core, or --workers N). Before measuring, the executor is warmed up as a node
 * warms it at start (src/parallel/warm-up.ts). Progress goes to stderr on a TTY; with --json one JSON
 * object per workload, the last line of stdout the last workload's. --out writes the
 * block as a block folder and checks that `parevm run-block --state-root DIR` reproduces it.
 */
import { InvalidInputError, ParevmError } from '../primitives/errors.js';
import { benchContracts } from '../bench/contracts.js';
import { REFERENCE_CALLS, runBenchmark, type BenchConfig, type BenchReport } from '../bench/harness.js';
import { formatReport, formatSummary, reportJson } from '../bench/report.js';
import { checkMode, type ExecutionMode } from '../bench/run-block.js';
import { WORKLOADS, workloadByName } from '../bench/workloads/index.js';
import { intOption, parseCommandArgs } from './args.js';
import { runBlockDir } from './run-block-command.js';
import { availableParallelism } from 'node:os';
import { warmUp } from '../parallel/warm-up.js';

export const BENCH_USAGE = `usage: parevm bench [--workload NAME] [--txs N] [--accounts N] [--pools N] [--seed N]
                    [--workers N [--force-parallel] [--no-deltas] | --sequential] [--runs N] [--json]
                    [--reference] [--out DIR] [--no-warm-up]

workloads:
${WORKLOADS.map((w) => `  ${w.name.padEnd(8)} ${w.summary} (default ${w.defaultTxs} txs)`).join('\n')}

Without --workload: the headline suite (erc20 sequentially with --reference, then erc20 and compute in
parallel on one worker per core, or --workers N).
--runs N: measured repetitions (default 5, after 1 warm-up); the median is reported.
--force-parallel: run in parallel even where the small-block rule would choose the sequential path
  (to measure the parallel path itself; the contention and fault fallbacks still apply).
--no-deltas: every balance credit reads the balance (no commutative fee / value-transfer deltas).
--no-warm-up: skip warming the executor up before measuring (src/parallel/warm-up.ts).`;

const OPTIONS = {
  workload: { type: 'string' },
  txs: { type: 'string' },
  accounts: { type: 'string' },
  pools: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  sequential: { type: 'boolean' },
  'force-parallel': { type: 'boolean' },
  'no-deltas': { type: 'boolean' },
  'no-warm-up': { type: 'boolean' },
  runs: { type: 'string' },
  json: { type: 'boolean' },
  reference: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function optionalInt(value: string | boolean | undefined, name: string): number | undefined {
  return value === undefined ? undefined : intOption(value, name, 0);
}

function progressPrinter(): (message: string) => void {
  if (!process.stderr.isTTY) return () => {};
  return (message) => process.stderr.write(`\r\x1b[2K${message}`);
}

function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}

export async function benchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values['help'] === true) {
    console.log(BENCH_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new InvalidInputError(`unexpected argument ${JSON.stringify(positionals[0])}`, { details: BENCH_USAGE });
  if (values['workers'] !== undefined && values['sequential'] === true) throw new InvalidInputError('use either --workers N or --sequential');

  let mode: ExecutionMode = { kind: 'sequential' };
  if (values['workers'] !== undefined) {
    const workers = intOption(values['workers'], 'workers', 0);
    if (workers < 1) throw new InvalidInputError('--workers must be at least 1');
    mode = { kind: 'parallel', workers, forceParallel: values['force-parallel'] === true, deltaCredits: values['no-deltas'] !== true };
  } else if (values['force-parallel'] === true || values['no-deltas'] === true) {
    throw new InvalidInputError('--force-parallel and --no-deltas need --workers N');
  }
  await checkMode(mode);

  const repetitions = intOption(values['runs'], 'runs', 5);
  if (repetitions < 1) throw new InvalidInputError('--runs must be at least 1');
  const seed = intOption(values['seed'], 'seed', 1);
  const json = values['json'] === true;
  const outDir = typeof values['out'] === 'string' ? values['out'] : undefined;

  const configs: BenchConfig[] = [];
  const base = { mode, warmup: 1, repetitions };
  const workloadName = values['workload'];
  if (typeof workloadName === 'string') {
    const definition = workloadByName(workloadName);
    configs.push({
      ...base,
      workload: definition.name,
      options: { txs: intOption(values['txs'], 'txs', definition.defaultTxs), accounts: optionalInt(values['accounts'], 'accounts'), pools: optionalInt(values['pools'], 'pools'), seed },
      referenceCalls: values['reference'] === true ? REFERENCE_CALLS : 0,
      ...(outDir !== undefined ? { outDir } : {}),
    });
  } else {
    for (const name of ['txs', 'accounts', 'pools', 'reference', 'out']) {
      if (values[name] !== undefined) throw new InvalidInputError(`--${name} needs --workload (without it, bench runs the fixed headline suite)`);
    }
    const parallel: ExecutionMode = mode.kind === 'parallel' ? mode : values['sequential'] === true ? mode : { kind: 'parallel', workers: availableParallelism() };
    configs.push({ ...base, mode: { kind: 'sequential' }, workload: 'erc20', options: { txs: workloadByName('erc20').defaultTxs, seed }, referenceCalls: REFERENCE_CALLS });
    configs.push({ ...base, mode: parallel, workload: 'erc20', options: { txs: workloadByName('erc20').defaultTxs, seed }, referenceCalls: 0 });
    configs.push({ ...base, mode: parallel, workload: 'compute', options: { txs: workloadByName('compute').defaultTxs, seed }, referenceCalls: 0 });
  }

  const progress = progressPrinter();
  const compileStart = performance.now();
  let compiled = false;
  benchContracts({
    onCompile: () => {
      compiled = true;
      progress('compiling contracts/*.sol with solc (cached in .cache/solc afterwards)');
    },
  });
  if (compiled) {
    clearProgress();
    console.error(`compiled the benchmark contracts in ${((performance.now() - compileStart) / 1000).toFixed(1)} s (cached for later runs)`);
  }

  if (values['no-warm-up'] !== true) {
    const warmStart = performance.now();
    progress('warming the executor up');
    for (const workers of new Set(configs.map((c) => (c.mode.kind === 'parallel' ? c.mode.workers : 0)))) await warmUp(workers);
    clearProgress();
    if (!json) console.error(`warmed the executor up in ${((performance.now() - warmStart) / 1000).toFixed(1)} s`);
  }

  const reports: BenchReport[] = [];
  for (const config of configs) {
    let report: BenchReport;
    try {
      report = await runBenchmark(config, progress);
    } finally {
      clearProgress();
    }
    reports.push(report);
    if (json) console.log(JSON.stringify(reportJson(report)));
    else console.log(formatReport(report, config) + '\n');

    if (report.out !== undefined) {
      const check = await runBlockDir(report.out, { stateRoot: true, workers: 0 });
      const message = check.match
        ? `wrote ${report.out}: parevm run-block --state-root reproduces it (gasUsed, receiptsRoot, logsBloom, senders, stateRoot match)`
        : `wrote ${report.out}, but run-block does NOT reproduce it:\n  ${check.mismatches.join('\n  ')}`;
      (json ? console.error : console.log)(message);
      if (!check.match) throw new ParevmError('the written block folder does not reproduce');
    }
  }
  if (!json && configs.length > 1) console.log(formatSummary(reports));
  return 0;
}
