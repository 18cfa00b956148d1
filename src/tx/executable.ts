/**
 * One object layout for every transaction the executors see. Objects built with spreads (`{ ...tx,
 * sender }`), JSON or RPC decoding arrive with assorted V8 hidden classes — a benchmark workload's 200
 * transactions had 192, because a megamorphic object-spread site gives clones fresh maps — and every
 * property read on the hot path then goes megamorphic. Measured on 10k transfers: validateTransaction
 * 1,300 ns -> 128 ns and intrinsicGas 357 ns -> 29 ns per transaction once copied into this layout. The
 * block executors copy each transaction that is not in it yet; code that attaches a sender should use
 * `withSender`, whose result they take as is.
 */
import type { Address } from '../primitives/address.js';
import type { ExecutableTransaction, Transaction } from './transaction.js';

/**
 * The canonical layout: a class, so that `instanceof` tells a block executor that no copy is needed. Its
 * fields are ExecutableTransaction's (declaration merging), assigned in this order by the constructor.
 */
interface CanonicalTransaction extends ExecutableTransaction {}
class CanonicalTransaction {
  constructor(tx: Transaction, sender: Address) {
    this.type = tx.type;
    this.chainId = tx.chainId;
    this.nonce = tx.nonce;
    this.gasPrice = tx.gasPrice;
    this.maxPriorityFeePerGas = tx.maxPriorityFeePerGas;
    this.maxFeePerGas = tx.maxFeePerGas;
    this.gasLimit = tx.gasLimit;
    this.to = tx.to;
    this.value = tx.value;
    this.data = tx.data;
    this.accessList = tx.accessList;
    this.maxFeePerBlobGas = tx.maxFeePerBlobGas;
    this.blobVersionedHashes = tx.blobVersionedHashes;
    this.v = tx.v;
    this.r = tx.r;
    this.s = tx.s;
    this.sender = sender;
  }
}

/** The transaction with its sender, in the canonical layout. */
export function withSender(tx: Transaction, sender: Address): ExecutableTransaction {
  return new CanonicalTransaction(tx, sender);
}

/**
 * Every transaction in the canonical layout: `txs` itself when they all are already (built by
 * `withSender`), else copies. Copying 10k transactions cost ~3 ms of a block on the main thread, and the
 * copies lived as long as the block.
 */
export function canonicalTransactions(txs: readonly ExecutableTransaction[]): readonly ExecutableTransaction[] {
  let i = 0;
  while (i < txs.length && txs[i] instanceof CanonicalTransaction) i++;
  if (i === txs.length) return txs;
  const out: ExecutableTransaction[] = txs.slice(0, i);
  for (; i < txs.length; i++) out.push(withSender(txs[i]!, txs[i]!.sender));
  return out;
}
