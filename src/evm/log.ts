/** A log emitted by LOG0..LOG4: the emitting contract, 0-4 topics, and the data bytes. */
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';

export interface Log {
  address: Address;
  topics: Word[];
  data: Uint8Array;
}
