/**
 * Locates the shared test fixtures (../shared/fixtures next to the project root). Tests that need them
 * call `fixturesDir()` and skip with a clear message when it returns undefined (a user's fresh clone).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest ancestor of this file holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root not found');
    dir = parent;
  }
  return dir;
}

/** Absolute path of ../shared/fixtures (or $PAREVM_FIXTURES), or undefined if absent. */
export function fixturesDir(): string | undefined {
  const dir = process.env['PAREVM_FIXTURES'] ?? resolve(projectRoot(), '..', 'shared', 'fixtures');
  return existsSync(dir) ? dir : undefined;
}

export const FIXTURES_MISSING = 'skipped: ../shared/fixtures is absent (fresh clone); the project\'s own tests still run';
