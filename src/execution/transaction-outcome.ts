/** The outcome of executing one transaction: validity, status, gas, logs; the state changes stay in the journal. */
import type { Address } from '../primitives/address.js';
import type { Log } from '../evm/log.js';
import { Status } from '../evm/status.js';

export class TransactionOutcome {
  /** Why the transaction is not includable (the state is unchanged), or null if it executed. */
  invalidReason: string | null = null;
  /** Index of the earlier transaction a read depended on (parallel execution), or -1. */
  blockedOn = -1;
  /** Result of the top-level message. */
  status: Status = Status.STOP;
  /** Gas charged to the sender after refunds (what the receipt counts). */
  gasUsed = 0n;
  blobGasUsed = 0;
  logs: Log[] = [];
  output: Uint8Array = new Uint8Array(0);
  contractAddress: Address | null = null;

  /** Makes a reused outcome fresh (the executors reuse one per thread instead of allocating per transaction). */
  reset(): this {
    this.invalidReason = null;
    this.blockedOn = -1;
    this.status = Status.STOP;
    this.gasUsed = 0n;
    this.blobGasUsed = 0;
    this.logs = NO_LOGS;
    this.output = NO_OUTPUT;
    this.contractAddress = null;
    return this;
  }
}

const NO_LOGS: Log[] = [];
const NO_OUTPUT = new Uint8Array(0);
