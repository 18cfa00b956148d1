/**
 * The header's withdrawalsRoot (EIP-4895): the ordered trie keyed by rlp(index) of
 * rlp([index, validatorIndex, address, amountGwei]) for each withdrawal of the block.
 */
import { addressToBytes, type Address } from '../primitives/address.js';
import { rlpEncode, rlpScalar } from '../primitives/rlp.js';
import { orderedTrieRoot } from '../trie/trie-root.js';

export interface Withdrawal {
  /** The withdrawal's global index (not its position in the block). */
  index: bigint;
  validatorIndex: bigint;
  address: Address;
  /** In Gwei, as in the header; the credited balance is amount * 10^9 wei. */
  amount: bigint;
}

/** rlp([index, validatorIndex, address, amount]). */
export function encodeWithdrawal(w: Withdrawal): Uint8Array {
  return rlpEncode([rlpScalar(w.index), rlpScalar(w.validatorIndex), addressToBytes(w.address), rlpScalar(w.amount)]);
}

export function withdrawalsRoot(withdrawals: readonly Withdrawal[]): Uint8Array {
  return orderedTrieRoot(withdrawals.map(encodeWithdrawal));
}
