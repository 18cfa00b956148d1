/** Formats BenchReports: the results table, the JSON line (--json) and the suite summary. */
import type { BenchReport } from './harness.js';

const int = (x: number | bigint) => (typeof x === 'bigint' ? x : Math.round(x)).toLocaleString('en-US');
const fixed = (x: number, digits: number) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => '  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ')).join('\n');
}

export function formatReport(r: BenchReport, runs: { warmup: number; repetitions: number }): string {
  const mode = r.workers === 0 ? 'sequential' : `parallel, ${r.workers} workers`;
  const lines = [
    `${r.workload}: ${r.description}`,
    `  ${mode}; median of ${runs.repetitions} runs after ${runs.warmup} warm-up (samples ${r.samples.map((s) => s.toFixed(3)).join(', ')} s); setup ${r.buildSeconds.toFixed(1)} s`,
    '',
  ];
  const header = ['mode', 'txs', 'gas', 'time (s)', 'TPS', 'Mgas/s', 'µs/tx', 'CPU cores'];
  const row = [mode, int(r.txs), int(r.gasUsed), fixed(r.seconds, 3), int(r.tps), fixed(r.mgasPerSec, 1), fixed(r.usPerTx, 2), fixed(r.cpuCores, 2)];
  if (r.workers > 0) {
    header.push('speedup', 're-exec ratio', 'ideal speedup');
    row.push(`${fixed(r.speedup ?? 0, 2)}×`, fixed(r.reexecutions / r.txs, 3), `${fixed(r.idealSpeedup, 2)}×`);
  }
  lines.push(table([header, row]), '');
  const dependent = `${int(r.dependentTxs)} of ${int(r.txs)} txs read a value an earlier tx wrote`;
  lines.push(`  ideal speedup by data dependencies${r.workers > 0 ? ` (capped at ${r.workers} workers)` : ' (unlimited workers)'}: ${fixed(r.idealSpeedup, 2)}× — ${dependent}`);
  const x = r.executor;
  if (x !== undefined) {
    lines.push(x.mode === 'parallel'
      ? `  executor: ${int(x.executions)} executions, ${int(x.validations)} validations, ${int(x.aborts)} aborts, ${int(x.dependencyWaits)} dependency waits; critical path ${int(x.criticalPathGas)} of ${int(x.totalGas)} gas (${int(x.criticalPathLength)} txs) -> ideal speedup ${x.idealSpeedup['2']}x / ${x.idealSpeedup['8']}x / ${x.idealSpeedup['32']}x at 2 / 8 / 32 threads (by measured time: ${x.idealSpeedupByTime['2']}x / ${x.idealSpeedupByTime['8']}x / ${x.idealSpeedupByTime['32']}x)`
      : `  executor: ran sequentially — ${x.fallbackReason}`);
    lines.push(`  time: parallel run ${fixed(x.timing.parallelMs, 1)} ms, result ${fixed(x.timing.resultMs, 1)} ms${x.timing.sequentialMs > 0 ? `, sequential ${fixed(x.timing.sequentialMs, 1)} ms` : ''}`);
    if (x.hottestLocations.length > 0) lines.push(`  hottest locations: ${x.hottestLocations.map((h) => `${h.location} (${h.writers} writers)`).join(', ')}`);
  }
  if (r.failedTxs > 0) lines.push(`  WARNING: ${int(r.failedTxs)} transactions reverted (the workload should generate only successful ones)`);
  if (r.reference !== undefined) {
    const ref = r.reference;
    lines.push(
      `  reference, the same ${ref.calls} ERC-20 transfer calls (after ${ref.warmup} warm-up):`,
      `    @ethereumjs/evm runCall: ${fixed(ref.usPerCall, 1)} µs/call in its best case (a fresh EVM per 25 calls holding only their accounts), ${fixed(ref.oneEvm.usPerCall, 1)} µs/call with one EVM holding all their accounts`,
      `    parevm: ${fixed(ref.ours.usPerCall, 2)} µs per message call (the runCall equivalent), ${fixed(r.usPerTx, 2)} µs per full transaction in a block`,
      `    -> per call ${fixed(ref.callRatio, 1)}x faster than the best case, ${fixed(ref.callRatioOneEvm, 1)}x than one EVM; full transaction vs best-case call ${fixed(ref.ratio, 1)}x`,
    );
  }
  return lines.join('\n');
}

/** The --json object (bigints as numbers). */
export function reportJson(r: BenchReport): Record<string, unknown> {
  return {
    workload: r.workload,
    description: r.description,
    txs: r.txs,
    gasUsed: Number(r.gasUsed),
    workers: r.workers,
    seconds: r.seconds,
    bestSeconds: r.bestSeconds,
    samples: r.samples,
    tps: r.tps,
    mgasPerSec: r.mgasPerSec,
    usPerTx: r.usPerTx,
    cpuCores: r.cpuCores,
    reexecutions: r.reexecutions,
    reexecutionRatio: r.reexecutions / r.txs,
    idealSpeedup: r.idealSpeedup,
    dependentTxs: r.dependentTxs,
    failedTxs: r.failedTxs,
    ...(r.speedup !== undefined ? { speedup: r.speedup, sequentialSeconds: r.sequentialSeconds } : {}),
    ...(r.reference !== undefined
      ? {
          reference: {
            engine: r.reference.engine, usPerCall: r.reference.usPerCall, usPerCallOneEvm: r.reference.oneEvm.usPerCall, calls: r.reference.calls,
            oursUsPerCall: r.reference.ours.usPerCall, ratio: r.reference.ratio, callRatio: r.reference.callRatio, callRatioOneEvm: r.reference.callRatioOneEvm,
          },
        }
      : {}),
    ...(r.out !== undefined ? { out: r.out } : {}),
    ...(r.executor !== undefined ? { executor: JSON.parse(JSON.stringify(r.executor, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))) } : {}),
  };
}

/** The headline summary after the suite. */
export function formatSummary(reports: readonly BenchReport[]): string {
  const lines = ['summary'];
  for (const r of reports) {
    let line = `  ${r.workload.padEnd(8)} ${int(r.txs).padStart(6)} txs  ${fixed(r.usPerTx, 2).padStart(8)} µs/tx  ${int(r.tps).padStart(7)} TPS  ${fixed(r.mgasPerSec, 1).padStart(7)} Mgas/s`;
    if (r.reference !== undefined) line += `  (per ERC-20 call: ${fixed(r.reference.callRatio, 1)}x @ethereumjs best case, ${fixed(r.reference.callRatioOneEvm, 1)}x one EVM)`;
    lines.push(line);
  }
  return lines.join('\n');
}
