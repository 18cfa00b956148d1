/**
 * Receipts drafted on the main thread while the workers still run the block, from whatever output each
 * transaction has at that moment; the result builder keeps a draft only if the transaction's final output
 * is the one it was drafted from.
 *
 * An output record in the arena is never modified once its offset is published in `outputs`, and a new
 * execution writes a new record at a new offset (the arena is bump-allocated per block). So "the final
 * offset equals the draft's offset" means "the draft was built from the final record", and a kept draft
 * is exactly what building the receipt at the end would give. What depends on the transactions before —
 * the cumulative gas, the block-level includability checks — is left to the end.
 *
 * Why: building receipts (logs, topics, blooms, the objects) was ~5–6 ms of a 10k ERC-20 block's ~11–14 ms
 * serial result phase, with every worker idle. Drafted during the run it costs the main thread the same
 * time, but in the parallel phase, where it overlaps the workers: on 2 cores it takes CPU time from them,
 * on more cores it runs beside them.
 */
import type { Address } from '../primitives/address.js';
import { BLOOM_BYTES } from '../block/bloom.js';
import type { Receipt } from '../block/receipt.js';
import type { OutputReader } from './tx-output.js';
import type { TransactionDecoder } from './tx-codec.js';

export class ReceiptDrafts {
  /** Per task: the arena offset of the output the draft was built from (0 = no draft). */
  readonly drafted: Int32Array;
  /** Per task: the drafted receipt (its cumulativeGasUsed is set at the end). */
  readonly receipts: Array<Receipt | null>;
  readonly contractAddresses: Array<Address | null>;
  /**
   * The OR of the drafted receipts' blooms. Exact for the block when every draft is kept; the result
   * builder recomputes the block's bloom otherwise (bits cannot be taken out).
   */
  readonly blockBloom = new Uint8Array(BLOOM_BYTES);
  /** Receipts drafted so far. */
  count = 0;
  /**
   * Set if drafting threw (it should not: it only reads published records). The drafts are then not
   * used at all, since the block bloom may hold bits of a draft left half-made.
   */
  failed = false;
  private next: number;

  constructor(
    private readonly outputs: Int32Array,
    private readonly reader: OutputReader,
    private readonly encoded: TransactionDecoder,
    private readonly firstTx: number,
    private readonly taskCount: number,
  ) {
    this.drafted = new Int32Array(taskCount);
    this.receipts = new Array<Receipt | null>(taskCount).fill(null);
    this.contractAddresses = new Array<Address | null>(taskCount).fill(null);
    this.next = firstTx;
  }

  /**
   * Drafts up to `limit` receipts, in transaction order from where the last call stopped, as long as the
   * next transaction has an output. Returns whether it drafted any (false: nothing to do yet).
   */
  step(limit: number): boolean {
    if (this.failed) return false;
    const outputs = this.outputs;
    let n = 0;
    try {
      while (n < limit && this.next < this.taskCount) {
        const task = this.next;
        const at = Atomics.load(outputs, task);
        if (at === 0) break;
        this.draft(task, at);
        this.next++;
        n++;
      }
    } catch {
      this.failed = true; // the result is then built without drafts, as when not drafting
      return false;
    }
    return n > 0;
  }

  private draft(task: number, at: number): void {
    const reader = this.reader;
    if (reader.invalidReason(at) !== null) return; // the block is invalid if this output is final: no draft
    this.receipts[task] = reader.receipt(at, this.encoded.typeOf(task - this.firstTx), 0n, this.blockBloom);
    this.contractAddresses[task] = reader.contractAddress(at);
    this.drafted[task] = at;
    this.count++;
  }
}
