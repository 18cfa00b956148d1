/** Minimal command-line parsing shared by the subcommands (node:util parseArgs with clear errors). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InvalidInputError } from '../primitives/errors.js';

export function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new InvalidInputError(error instanceof Error ? error.message : String(error));
  }
}

export function intOption(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 0) throw new InvalidInputError(`--${name} expects a non-negative integer`, { details: String(value) });
  return n;
}
