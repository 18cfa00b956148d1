/**
 * SharedState against MemoryState (the reference): random sequences of StateDiffs applied to both, starting
 * from tiny capacities so that every table grows and rehashes; after each step all reads, the counts,
 * toMemoryState and stateRoot agree. Plus a worker_threads reader (shared-state.worker.ts) that sees the
 * same values in place, follows in-place writes, and re-attaches after growth.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { addressFromHex, addressFromNumber, type Address } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromBytes, ZERO_WORD, type Word } from '../primitives/word.js';
import { MemoryState } from './memory-state.js';
import type { AccountDiff, StateDiff } from './state-diff.js';
import { EMPTY_CODE_HASH, type StateReader } from './state-reader.js';
import { SharedState } from './shared-state.js';
import type { ReadReply, ReadRequest } from './shared-state.worker.js';

const ADDRESSES: Address[] = [
  addressFromNumber(1),
  addressFromNumber(2),
  addressFromNumber(0x10000),
  addressFromHex('0x1111111111111111111111111111111111111101'),
  addressFromHex('0x1111111111111111111111111111111111111102'), // differs from the previous in the last word only
  addressFromHex('0xfffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedec'),
];
const SLOTS: Word[] = [0n, 1n, 2n, 3n, 0x100000000n, 1n << 255n, (1n << 256n) - 1n].map(wordFromBigInt).concat([wordFromBytes(keccak256(Uint8Array.of(7)))]);
const VALUES: Word[] = [ZERO_WORD, ZERO_WORD, wordFromBigInt(1n), wordFromBigInt(0x80n), wordFromBigInt(0xdeadbeefn), wordFromBigInt(1n << 200n), wordFromBytes(keccak256(Uint8Array.of(9)))];
const CODES: Uint8Array[] = [Uint8Array.of(0x60, 0x00, 0x60, 0x00, 0xf3), Uint8Array.of(0xfe), new Uint8Array(300).map((_, i) => i)];
const CODE_HASHES: Word[] = CODES.map((c) => wordFromBytes(keccak256(c)));
const U64_MAX = (1n << 64n) - 1n;

const accountDiff = fc
  .record({
    address: fc.constantFrom(...ADDRESSES),
    deleted: fc.boolean(),
    nonce: fc.oneof(fc.constantFrom(0n, 1n, U64_MAX), fc.bigInt(0n, U64_MAX)),
    balance: fc.oneof(fc.constant(0n), fc.bigInt(0n, U64_MAX), fc.bigInt(0n, (1n << 128n) - 1n), fc.bigInt(0n, (1n << 256n) - 1n)),
    code: fc.integer({ min: -1, max: CODES.length - 1 }),
    deploy: fc.boolean(),
    storageCleared: fc.boolean(),
    storage: fc.array(fc.tuple(fc.constantFrom(...SLOTS), fc.constantFrom(...VALUES)), { maxLength: 6 }),
  })
  .map((r): AccountDiff => {
    if (r.deleted) return { address: r.address, nonce: 0n, balance: 0n, codeHash: EMPTY_CODE_HASH, code: null, deleted: true, storageCleared: r.storageCleared, storage: [] };
    const storage = new Map(r.storage);
    return {
      address: r.address,
      nonce: r.nonce,
      balance: r.balance,
      codeHash: r.code < 0 ? EMPTY_CODE_HASH : CODE_HASHES[r.code]!,
      code: r.code >= 0 && r.deploy ? CODES[r.code]! : null,
      deleted: false,
      storageCleared: r.storageCleared,
      storage: [...storage.keys()].sort().map((k): [Word, Word] => [k, storage.get(k)!]),
    };
  });

const stateDiff = fc
  .uniqueArray(accountDiff, { selector: (d) => d.address, maxLength: 5 })
  .map((accounts): StateDiff => ({ accounts: accounts.sort((a, b) => (a.address < b.address ? -1 : 1)) }));

function codeOrNull(reader: StateReader, hash: Word): Uint8Array | null {
  try {
    return reader.code(hash);
  } catch (error) {
    assert.ok(error instanceof InvalidInputError);
    return null;
  }
}

function totalSlots(m: MemoryState): number {
  let n = 0;
  for (const account of m.accounts.values()) n += account.storage.size;
  return n;
}

/** A comparable picture of a MemoryState: sorted accounts with sorted storage, and its codes. */
function snapshot(m: MemoryState): unknown {
  const accounts = [...m.accounts.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    accounts: accounts.map(([address, acc]) => [address, acc.nonce, acc.balance, acc.codeHash, [...acc.storage.entries()].sort()]),
    codes: [...m.codes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([h, c]) => [h, [...c]]),
  };
}

function assertSameState(m: MemoryState, s: SharedState): void {
  for (const a of ADDRESSES) {
    const expected = m.account(a);
    const actual = s.account(a);
    assert.deepEqual(actual, expected === undefined ? undefined : { nonce: expected.nonce, balance: expected.balance, codeHash: expected.codeHash, hasStorage: expected.hasStorage });
    assert.equal(s.exists(a), expected !== undefined);
    assert.equal(s.nonce(a), expected?.nonce ?? 0n);
    assert.equal(s.balance(a), expected?.balance ?? 0n);
    assert.equal(s.codeHash(a), expected?.codeHash ?? ZERO_WORD);
    assert.equal(s.hasStorage(a), expected?.hasStorage ?? false);
    for (const slot of SLOTS) assert.equal(s.storage(a, slot), m.storage(a, slot));
  }
  for (const hash of [EMPTY_CODE_HASH, ...CODE_HASHES]) assert.deepEqual(codeOrNull(s, hash), codeOrNull(m, hash));
  assert.equal(s.accountCount(), m.accounts.size);
  assert.equal(s.slotCount(), totalSlots(m));
  assert.deepEqual(s.stateRoot(), m.stateRoot());
}

test('SharedState agrees with MemoryState over random diff sequences (with growth)', () => {
  fc.assert(
    fc.property(stateDiff, fc.boolean(), fc.array(stateDiff, { minLength: 1, maxLength: 8 }), (initial, viaCopy, steps) => {
      const m = new MemoryState();
      m.apply(initial);
      let s: SharedState;
      let startVersion = -1;
      if (viaCopy) {
        s = SharedState.fromMemoryState(m);
      } else {
        s = SharedState.empty({ accounts: 1, slots: 1, codeBytes: 1 });
        startVersion = s.version;
        s.apply(initial);
      }
      assertSameState(m, s);
      for (const diff of steps) {
        m.apply(diff);
        s.apply(diff);
        assertSameState(m, s);
      }
      assert.deepEqual(snapshot(s.toMemoryState()), snapshot(m));
      if (!viaCopy && totalSlots(m) > 4) assert.notEqual(s.version, startVersion, 'growth changes the version');
    }),
    { numRuns: 150 },
  );
});

test('SharedState hash table: many inserts and deletes in one address keep every slot findable', () => {
  const m = new MemoryState();
  const s = SharedState.empty({ accounts: 1, slots: 1 });
  const address = ADDRESSES[0]!;
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  for (let round = 0; round < 40; round++) {
    const storage = new Map<Word, Word>();
    for (let i = 0; i < 200; i++) storage.set(wordFromBigInt(BigInt(random() % 600)), random() % 3 === 0 ? ZERO_WORD : wordFromBigInt(BigInt(random() + 1)));
    const diff: StateDiff = {
      accounts: [{ address, nonce: 1n, balance: 0n, codeHash: EMPTY_CODE_HASH, code: null, deleted: false, storageCleared: round % 13 === 12, storage: [...storage.entries()].sort() }],
    };
    m.apply(diff);
    s.apply(diff);
    for (let slot = 0n; slot < 600n; slot++) assert.equal(s.storage(address, wordFromBigInt(slot)), m.storage(address, wordFromBigInt(slot)));
    assert.equal(s.slotCount(), totalSlots(m));
  }
  assert.deepEqual(s.stateRoot(), m.stateRoot());
});

test('SharedState versions differ between states', () => {
  const a = SharedState.empty(), b = SharedState.empty();
  assert.notEqual(a.version, b.version);
  assert.equal(SharedState.attach(a.handles()).version, a.version);
});

test('SharedState.apply rejects fields that do not fit, before changing anything', () => {
  const s = SharedState.empty();
  const good: AccountDiff = { address: ADDRESSES[0]!, nonce: 1n, balance: 5n, codeHash: EMPTY_CODE_HASH, code: null, deleted: false, storageCleared: false, storage: [] };
  assert.throws(() => s.apply({ accounts: [good, { ...good, address: ADDRESSES[1]!, nonce: 1n << 64n }] }), InvalidInputError);
  assert.throws(() => s.apply({ accounts: [{ ...good, balance: 1n << 256n }] }), InvalidInputError);
  assert.throws(() => s.apply({ accounts: [{ ...good, balance: -1n }] }), InvalidInputError);
  assert.equal(s.accountCount(), 0);
  assert.throws(() => SharedState.attach(s.handles()).apply({ accounts: [good] }), InvalidInputError);
});

function request(handles: ReadRequest['handles']): ReadRequest {
  return { handles, addresses: ADDRESSES, slots: ADDRESSES.flatMap((a) => SLOTS.map((slot): [Address, Word] => [a, slot])), codeHashes: [EMPTY_CODE_HASH, ...CODE_HASHES] };
}

function assertReplyMatches(reply: ReadReply, m: MemoryState): void {
  ADDRESSES.forEach((a, i) => {
    const expected = m.account(a);
    assert.deepEqual(reply.accounts[i], expected === undefined ? null : { nonce: expected.nonce, balance: expected.balance, codeHash: expected.codeHash, hasStorage: expected.hasStorage });
    assert.deepEqual(reply.fields[i], {
      exists: expected !== undefined,
      nonce: expected?.nonce ?? 0n,
      balance: expected?.balance ?? 0n,
      codeHash: expected?.codeHash ?? ZERO_WORD,
      hasStorage: expected?.hasStorage ?? false,
    });
  });
  assert.deepEqual(reply.storage, request(undefined).slots.map(([a, slot]) => m.storage(a, slot)));
  assert.deepEqual(reply.codes, [EMPTY_CODE_HASH, ...CODE_HASHES].map((h) => codeOrNull(m, h)));
  assert.equal(reply.accountCount, m.accounts.size);
  assert.equal(reply.slotCount, totalSlots(m));
  assert.deepEqual(reply.stateRoot, m.stateRoot());
}

test('a worker thread attaches and reads the same values, follows in-place writes, re-attaches after growth', async () => {
  const m = new MemoryState();
  const s = SharedState.empty({ accounts: 2, slots: 2, codeBytes: 8 });
  const both = (diff: StateDiff) => {
    m.apply(diff);
    s.apply(diff);
  };
  const live = (address: Address, balance: bigint, storage: Array<[Word, Word]>, code = -1): AccountDiff => ({
    address, nonce: 1n, balance, codeHash: code < 0 ? EMPTY_CODE_HASH : CODE_HASHES[code]!, code: code < 0 ? null : CODES[code]!, deleted: false, storageCleared: false, storage,
  });
  both({ accounts: [live(ADDRESSES[0]!, 10n, [[SLOTS[0]!, VALUES[2]!]])] });

  const worker = new Worker(new URL('./shared-state.worker.js', import.meta.url));
  try {
    const ask = async (req: ReadRequest): Promise<ReadReply> => {
      worker.postMessage(req);
      const [reply] = (await once(worker, 'message')) as [ReadReply];
      return reply;
    };
    let reply = await ask(request(s.handles()));
    assertReplyMatches(reply, m);

    // In place (no new buffers): the attached worker sees the write without re-attaching.
    const version = s.version;
    both({ accounts: [live(ADDRESSES[0]!, (1n << 200n) + 3n, [[SLOTS[0]!, VALUES[4]!]])] });
    assert.equal(s.version, version);
    reply = await ask(request(undefined));
    assert.equal(reply.wasStale, false);
    assertReplyMatches(reply, m);

    // Growth of every table: new buffers, a new version; the worker's view is stale until it re-attaches.
    both({
      accounts: ADDRESSES.map((a, i) => live(a, BigInt(i) << 70n, SLOTS.map((slot, j): [Word, Word] => [slot, VALUES[2 + ((i + j) % 4)]!]), i % CODES.length)),
    });
    assert.notEqual(s.version, version);
    reply = await ask(request(s.handles()));
    assert.equal(reply.wasStale, true);
    assert.equal(reply.version, s.version);
    assertReplyMatches(reply, m);
  } finally {
    await worker.terminate();
  }
});
