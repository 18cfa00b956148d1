/**
 * `parevm statetest [--json] PATH...` — runs GeneralStateTests files or folders (like `revme statetest`
 * and geth's `evm statetest`). Prints each failing case (file, test name, indexes, the check that failed)
 * and ends with `N passed, N failed`; with --json, failures are JSON lines and the last line is
 * {"passed":N,"failed":N,"seconds":S}. Exit code 0 only if every case passed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InvalidInputError } from '../primitives/errors.js';
import { runStateTestFile } from '../statetest/state-test.js';
import { parseCommandArgs } from './args.js';

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

export function statetestCommand(args: string[]): number {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new InvalidInputError('usage: parevm statetest [--json] PATH...');
  const json = values['json'] === true;
  const started = performance.now();
  let passed = 0;
  let failed = 0;
  for (const file of collectJsonFiles(positionals)) {
    const shown = relative(process.cwd(), file) || file;
    let cases;
    try {
      cases = runStateTestFile(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      if (json) console.log(JSON.stringify({ file: shown, error: message }));
      else console.log(`FAIL ${shown}: ${message}`);
      continue;
    }
    for (const c of cases) {
      if (c.passed) {
        passed++;
        continue;
      }
      failed++;
      if (json) console.log(JSON.stringify({ file: shown, test: c.name, index: c.index, indexes: c.indexes, failure: c.failure }));
      else console.log(`FAIL ${shown} ${c.name} [data=${c.indexes.data} gas=${c.indexes.gas} value=${c.indexes.value}]: ${c.failure}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (json) console.log(JSON.stringify({ passed, failed, seconds: Math.round(seconds * 1000) / 1000 }));
  else console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
