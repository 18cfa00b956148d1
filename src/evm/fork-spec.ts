/**
 * Per-fork instruction tables: static gas, stack inputs and outputs, and which opcodes exist. The
 * interpreter charges the static part and checks the stack before dispatch; handlers add only the dynamic
 * part. Cancun is the only fork so far; an earlier fork or Prague is a new `ForkSpec` built the same way.
 *
 * Where an opcode's cost depends on warm/cold access (BALANCE, EXT*, SLOAD, CALL*), the static entry is
 * the warm cost and the handler adds the cold surcharge; this is arithmetically identical to the spec's
 * single charge, including the 63/64 rule of calls.
 */
import { isDefinedOpcode } from './opcodes.js';
import { STACK_LIMIT } from './gas-constants.js';

export interface ForkSpec {
  readonly name: string;
  readonly staticGas: Int32Array;
  /** Minimum stack height to execute the opcode. */
  readonly stackMin: Int16Array;
  /** Maximum stack height before the opcode such that it does not overflow. */
  readonly stackMax: Int16Array;
  /** Items pushed minus items popped. */
  readonly stackDelta: Int8Array;
  /**
   * 1 for opcodes that end a basic block for gas metering (code-analysis.ts): jumps, halts, undefined
   * opcodes, and the opcodes whose behaviour depends on the gas left (GAS, SSTORE's stipend check, the
   * CALL and CREATE families' 63/64 rule).
   */
  readonly endsBlock: Uint8Array;
}

/** Opcodes that observe the gas left, besides jumps and halts. */
const GAS_OBSERVERS = [0x5a, 0x55, 0xf0, 0xf1, 0xf2, 0xf4, 0xf5, 0xfa];
const HALTS_AND_JUMPS = [0x00, 0x56, 0x57, 0xf3, 0xfd, 0xfe, 0xff];

// [opcode, static gas, pops, pushes]
const CANCUN_TABLE: ReadonlyArray<readonly [number, number, number, number]> = [
  [0x00, 0, 0, 0], [0x01, 3, 2, 1], [0x02, 5, 2, 1], [0x03, 3, 2, 1], [0x04, 5, 2, 1], [0x05, 5, 2, 1],
  [0x06, 5, 2, 1], [0x07, 5, 2, 1], [0x08, 8, 3, 1], [0x09, 8, 3, 1], [0x0a, 10, 2, 1], [0x0b, 5, 2, 1],
  [0x10, 3, 2, 1], [0x11, 3, 2, 1], [0x12, 3, 2, 1], [0x13, 3, 2, 1], [0x14, 3, 2, 1], [0x15, 3, 1, 1],
  [0x16, 3, 2, 1], [0x17, 3, 2, 1], [0x18, 3, 2, 1], [0x19, 3, 1, 1], [0x1a, 3, 2, 1], [0x1b, 3, 2, 1],
  [0x1c, 3, 2, 1], [0x1d, 3, 2, 1],
  [0x20, 30, 2, 1],
  [0x30, 2, 0, 1], [0x31, 100, 1, 1], [0x32, 2, 0, 1], [0x33, 2, 0, 1], [0x34, 2, 0, 1], [0x35, 3, 1, 1],
  [0x36, 2, 0, 1], [0x37, 3, 3, 0], [0x38, 2, 0, 1], [0x39, 3, 3, 0], [0x3a, 2, 0, 1], [0x3b, 100, 1, 1],
  [0x3c, 100, 4, 0], [0x3d, 2, 0, 1], [0x3e, 3, 3, 0], [0x3f, 100, 1, 1],
  [0x40, 20, 1, 1], [0x41, 2, 0, 1], [0x42, 2, 0, 1], [0x43, 2, 0, 1], [0x44, 2, 0, 1], [0x45, 2, 0, 1],
  [0x46, 2, 0, 1], [0x47, 5, 0, 1], [0x48, 2, 0, 1], [0x49, 3, 1, 1], [0x4a, 2, 0, 1],
  [0x50, 2, 1, 0], [0x51, 3, 1, 1], [0x52, 3, 2, 0], [0x53, 3, 2, 0], [0x54, 100, 1, 1], [0x55, 0, 2, 0],
  [0x56, 8, 1, 0], [0x57, 10, 2, 0], [0x58, 2, 0, 1], [0x59, 2, 0, 1], [0x5a, 2, 0, 1], [0x5b, 1, 0, 0],
  [0x5c, 100, 1, 1], [0x5d, 100, 2, 0], [0x5e, 3, 3, 0], [0x5f, 2, 0, 1],
  [0xa0, 375, 2, 0], [0xa1, 750, 3, 0], [0xa2, 1125, 4, 0], [0xa3, 1500, 5, 0], [0xa4, 1875, 6, 0],
  [0xf0, 32000, 3, 1], [0xf1, 100, 7, 1], [0xf2, 100, 7, 1], [0xf3, 0, 2, 0], [0xf4, 100, 6, 1],
  [0xf5, 32000, 4, 1], [0xfa, 100, 6, 1], [0xfd, 0, 2, 0], [0xfe, 0, 0, 0], [0xff, 5000, 1, 0],
];

function buildSpec(name: string, rows: ReadonlyArray<readonly [number, number, number, number]>): ForkSpec {
  const staticGas = new Int32Array(256);
  const stackMin = new Int16Array(256);
  const stackMax = new Int16Array(256).fill(STACK_LIMIT);
  const stackDelta = new Int8Array(256);
  const endsBlock = new Uint8Array(256);
  const set = (op: number, gas: number, pops: number, pushes: number): void => {
    staticGas[op] = gas;
    stackMin[op] = pops;
    stackMax[op] = STACK_LIMIT - Math.max(0, pushes - pops);
    stackDelta[op] = pushes - pops;
  };
  for (const [op, gas, pops, pushes] of rows) set(op, gas, pops, pushes);
  for (let n = 1; n <= 32; n++) set(0x5f + n, 3, 0, 1);
  for (let n = 1; n <= 16; n++) set(0x7f + n, 3, n, n + 1);
  for (let n = 1; n <= 16; n++) set(0x8f + n, 3, n + 1, n + 1);
  for (let op = 0; op < 256; op++) if (!isDefinedOpcode(op)) set(op, 0, 0, 0);
  for (let op = 0; op < 256; op++) if (!isDefinedOpcode(op)) endsBlock[op] = 1;
  for (const op of [...GAS_OBSERVERS, ...HALTS_AND_JUMPS]) endsBlock[op] = 1;
  return { name, staticGas, stackMin, stackMax, stackDelta, endsBlock };
}

export const CANCUN: ForkSpec = buildSpec('Cancun', CANCUN_TABLE);
