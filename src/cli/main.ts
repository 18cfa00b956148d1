#!/usr/bin/env node
/**
 * The `parevm` command: dispatches to the subcommands. Bad input ends with one clear error line and exit
 * code 2; an unexpected internal error prints its stack and exit code 3.
 */
import { ParevmError } from '../primitives/errors.js';

const USAGE = `usage: parevm <command> [options]

commands:
  statetest [--json] [--jobs N] PATH...   run Ethereum GeneralStateTests (files or folders)
  run-block [--json] [--state-root] [--workers N | --sequential] [--runs N] DIR...
                                          execute block folders and compare with their headers
  bench [--workload NAME] [...]           benchmark workloads, sequential and parallel

parevm <command> --help describes a command.`;

type Command = (args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  statetest: async () => (await import('./statetest-command.js')).statetestCommand,
  'run-block': async () => (await import('./run-block-command.js')).runBlockCommand,
  bench: async () => (await import('./bench-command.js')).benchCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    console.error(`parevm: unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return 2;
  }
  const command = await load();
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ParevmError) {
      console.error(`parevm: ${error.message}`);
      process.exitCode = 2;
    } else {
      console.error(error);
      process.exitCode = 3;
    }
  },
);
