/**
 * The interpreter loop and the frame loop.
 *
 * `runLoop` executes one frame until it halts or suspends for a child call: per opcode it checks the stack
 * against the fork's tables, charges static gas, and dispatches through the 256-entry handler table. No
 * Promise, no exception: halts are status codes. `runFrames` drives a whole message without recursion:
 * a suspended frame's child runs next; a finished child is delivered to its parent, which resumes.
 */
import type { Frame } from './frame.js';
import { chargeSlow } from './memory.js';
import { finishFrame } from './message-call.js';
import { Status } from './status.js';

export function runLoop(f: Frame): void {
  const evm = f.evm;
  const table = evm.table;
  const fork = evm.fork;
  const staticGas = fork.staticGas;
  const stackMin = fork.stackMin;
  const stackMax = fork.stackMax;
  const code = f.code;
  while (f.status === Status.RUNNING) {
    const op = code[f.pc]!;
    const sp = f.sp;
    if (sp < stackMin[op]!) {
      f.status = Status.STACK_UNDERFLOW;
      break;
    }
    if (sp > stackMax[op]!) {
      f.status = Status.STACK_OVERFLOW;
      break;
    }
    const cost = staticGas[op]!;
    if (f.gas >= cost) f.gas -= cost;
    else if (!chargeSlow(f, cost)) break;
    f.pc++;
    table[op]!(f);
  }
}

/** Runs `root` and every frame it spawns until `root` has finished and delivered its outcome. */
export function runFrames(root: Frame): void {
  let f: Frame | null = root;
  while (f !== null) {
    runLoop(f);
    if (f.status === Status.SUSPENDED) {
      f = f.child!;
      continue;
    }
    const parent: Frame | null = f.parent;
    finishFrame(f);
    f = parent;
  }
}
