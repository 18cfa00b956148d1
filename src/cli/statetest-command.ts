/**
 * `parevm statetest [--json] [--jobs N] PATH...` — runs GeneralStateTests files or folders (like `revme
 * statetest` and geth's `evm statetest`). Prints each failing case (file, test name, indexes, the check that
 * failed) and ends with `N passed, N failed`; with --json, failures are JSON lines and the last line is
 * {"passed":N,"failed":N,"seconds":S}. Exit code 0 only if every case passed. Files are spread over
 * `--jobs` worker threads (default: one per core); output stays in file order.
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../primitives/errors.js';
import type { FileResult } from '../statetest/state-test-worker.js';
import { intOption, parseCommandArgs } from './args.js';

export function collectJsonFiles(paths: string[]): string[] {
  const files: string[] = [];
  const visit = (path: string): void => {
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new InvalidInputError('no such file or folder', { details: path });
    }
    if (st.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else if (path.endsWith('.json')) {
      files.push(path);
    }
  };
  for (const p of paths) visit(p);
  return files;
}

/** Runs `files` on `jobs` worker threads; calls `onResult` in file order. */
async function runFiles(files: string[], jobs: number, onResult: (r: FileResult) => void): Promise<void> {
  const results: Array<FileResult | undefined> = new Array(files.length);
  let next = 0;
  let printed = 0;
  const flush = (): void => {
    while (printed < files.length && results[printed] !== undefined) onResult(results[printed++]!);
  };
  const workerUrl = new URL('../statetest/state-test-worker.js', import.meta.url);
  const workers = Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, () => new Worker(workerUrl));
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const send = (): void => {
            if (next >= files.length) {
              void worker.terminate().then(() => resolve());
              return;
            }
            const index = next++;
            worker.once('message', (r: FileResult) => {
              results[index] = r;
              flush();
              send();
            });
            worker.postMessage(files[index]);
          };
          worker.on('error', reject);
          send();
        }),
    ),
  );
  flush();
}

export const STATETEST_USAGE = `usage: parevm statetest [--json] [--jobs N] PATH...

Runs GeneralStateTests files, or every .json file below the given folders, under Cancun. For each failing
case: the test name, its data/gas/value indexes and which check failed (state root, logs hash, expected
exception). Ends with "N passed, N failed"; with --json the last line is {"passed":N,"failed":N,"seconds":S}.
--jobs N: files run on N threads (default: one per core). Exit code 0 only if every case passes.`;

export async function statetestCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, jobs: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values['help'] === true) {
    console.log(STATETEST_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new InvalidInputError('usage: parevm statetest [--json] [--jobs N] PATH... (parevm statetest --help)');
  const json = values['json'] === true;
  const jobs = intOption(values['jobs'], 'jobs', availableParallelism());
  const started = performance.now();
  let passed = 0;
  let failed = 0;
  await runFiles(collectJsonFiles(positionals), jobs, (r) => {
    const shown = relative(process.cwd(), r.file) || r.file;
    if (r.error !== undefined) {
      failed++;
      if (json) console.log(JSON.stringify({ file: shown, error: r.error }));
      else console.log(`FAIL ${shown}: ${r.error}`);
      return;
    }
    for (const c of r.cases) {
      if (c.passed) {
        passed++;
        continue;
      }
      failed++;
      if (json) console.log(JSON.stringify({ file: shown, test: c.name, index: c.index, indexes: c.indexes, failure: c.failure }));
      else console.log(`FAIL ${shown} ${c.name} [data=${c.indexes.data} gas=${c.indexes.gas} value=${c.indexes.value}]: ${c.failure}`);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  if (json) console.log(JSON.stringify({ passed, failed, seconds: Math.round(seconds * 1000) / 1000 }));
  else console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
