/**
 * Test support: what a differential EVM run observes, in one implementation-neutral shape (hex strings
 * and bigints) so that parevm and @ethereumjs/vm results compare with deepEqual-like checks and print
 * readably: per transaction validity, receipt status, gas used, logs, created address and state root;
 * and on demand the post-state of chosen accounts.
 */

export interface LogView {
  address: string;
  topics: string[];
  data: string;
}

export interface TxObservation {
  valid: boolean;
  /** Why the transaction was rejected (not compared: the two implementations word it differently). */
  error?: string;
  status: number;
  gasUsed: bigint;
  logs: LogView[];
  createdAddress: string | null;
  stateRoot: string;
}

export interface AccountView {
  nonce: bigint;
  balance: bigint;
  code: string;
  /** Non-zero values of the probed slots. */
  storage: Record<string, string>;
}

/** The result of one run, with a reader for the final state of any account. */
export interface RunObservation {
  preStateRoot: string;
  txs: TxObservation[];
  /** Addresses (0x-hex) whose state the run wrote, with the slots written (0x 32-byte hex). */
  written: Map<string, Set<string>>;
  /** The final state of `address` with the listed slots, or null if the account does not exist. */
  readAccount(address: string, slots: Iterable<string>): Promise<AccountView | null>;
}

export function noteWrite(written: Map<string, Set<string>>, address: string, slot?: string): void {
  let slots = written.get(address);
  if (slots === undefined) {
    slots = new Set();
    written.set(address, slots);
  }
  if (slot !== undefined) slots.add(slot);
}

/** 0x-hex of a 32-byte slot key. */
export function slotHex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes).toString('hex').padStart(64, '0');
}

/** 0x-hex quantity (no leading zeros) of big-endian bytes. */
export function quantityHex(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex').replace(/^0+/, '');
  return '0x' + (hex === '' ? '0' : hex);
}
