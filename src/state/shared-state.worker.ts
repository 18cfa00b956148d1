/**
 * Test helper for shared-state.test.ts: a worker_threads script that attaches to a SharedState posted by
 * the main thread and answers read queries, to check that another thread sees the same values in place.
 * Message in: ReadRequest (with `handles` to (re-)attach); message out: ReadReply.
 */
import { parentPort } from 'node:worker_threads';
import type { Address } from '../primitives/address.js';
import type { Word } from '../primitives/word.js';
import type { AccountInfo } from './state-reader.js';
import { SharedState, type SharedStateHandles } from './shared-state.js';

export interface ReadRequest {
  handles?: SharedStateHandles;
  addresses: Address[];
  slots: Array<[Address, Word]>;
  codeHashes: Word[];
}

export interface ReadReply {
  version: number;
  /** Stale before this request's re-attach (if any). */
  wasStale: boolean;
  accounts: Array<AccountInfo | null>;
  fields: Array<{ exists: boolean; nonce: bigint; balance: bigint; codeHash: Word; hasStorage: boolean }>;
  storage: Word[];
  codes: Array<Uint8Array | null>;
  accountCount: number;
  slotCount: number;
  stateRoot: Uint8Array;
}

let state: SharedState | undefined;

function answer(request: ReadRequest): ReadReply {
  const wasStale = state?.isStale() ?? false;
  if (request.handles !== undefined) state = SharedState.attach(request.handles);
  const s = state!;
  return {
    version: s.version,
    wasStale,
    accounts: request.addresses.map((a) => {
      const info = s.account(a);
      return info === undefined ? null : { ...info };
    }),
    fields: request.addresses.map((a) => ({ exists: s.exists(a), nonce: s.nonce(a), balance: s.balance(a), codeHash: s.codeHash(a), hasStorage: s.hasStorage(a) })),
    storage: request.slots.map(([a, slot]) => s.storage(a, slot)),
    codes: request.codeHashes.map((h) => {
      try {
        return s.code(h).slice();
      } catch {
        return null;
      }
    }),
    accountCount: s.accountCount(),
    slotCount: s.slotCount(),
    stateRoot: s.stateRoot(),
  };
}

parentPort?.on('message', (request: ReadRequest) => parentPort!.postMessage(answer(request)));
