/**
 * Result codes of a call frame (after revm's InstructionResult): the interpreter never throws for a halt.
 * 0 is "running"; 1-3 are successful halts; REVERT keeps the remaining gas; codes >= 16 are exceptional
 * halts that consume all gas of the frame. SUSPENDED means "waiting for a child frame"; BLOCKED means a
 * state read depends on an unfinished earlier transaction (parallel execution) and the whole transaction
 * stops at once.
 */
export const enum Status {
  RUNNING = 0,
  STOP = 1,
  RETURN = 2,
  SELFDESTRUCT = 3,
  REVERT = 4,
  SUSPENDED = 5,
  BLOCKED = 6,
  OUT_OF_GAS = 16,
  STACK_UNDERFLOW = 17,
  STACK_OVERFLOW = 18,
  INVALID_OPCODE = 19,
  INVALID_JUMP = 20,
  STATIC_STATE_CHANGE = 21,
  RETURNDATA_OUT_OF_BOUNDS = 22,
  INVALID_CONTRACT_PREFIX = 23,
  CODE_SIZE_LIMIT = 24,
  CREATE_COLLISION = 25,
  PRECOMPILE_FAILURE = 26,
  INITCODE_SIZE_LIMIT = 27,
}

export function isSuccess(status: Status): boolean {
  return status >= Status.STOP && status <= Status.SELFDESTRUCT;
}

export function isExceptionalHalt(status: Status): boolean {
  return status >= Status.OUT_OF_GAS;
}

const NAMES: Record<number, string> = {
  0: 'running', 1: 'stop', 2: 'return', 3: 'selfdestruct', 4: 'revert', 5: 'suspended', 6: 'blocked',
  16: 'out of gas', 17: 'stack underflow', 18: 'stack overflow', 19: 'invalid opcode', 20: 'invalid jump',
  21: 'state change in static call', 22: 'return data out of bounds', 23: 'invalid contract prefix 0xEF',
  24: 'code size limit exceeded', 25: 'create collision', 26: 'precompile failure', 27: 'initcode size limit exceeded',
};

export function statusName(status: Status): string {
  return NAMES[status] ?? `status ${status}`;
}
