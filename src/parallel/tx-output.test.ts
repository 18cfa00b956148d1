/**
 * Output records round-trip: what a worker writes (writeOutput) the main thread reads back (OutputReader)
 * exactly, with its string caches and data slabs, for random outcomes whose logs share and differ in
 * addresses, topics and data sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressFromNumber, type Address } from '../primitives/address.js';
import { wordFromBigInt } from '../primitives/word.js';
import { logsBloom, logsBloomBits, orBloom } from '../block/bloom.js';
import type { Log } from '../evm/log.js';
import { Status } from '../evm/status.js';
import { TransactionOutcome } from '../execution/transaction-outcome.js';
import { OutputReader, writeOutput } from './tx-output.js';

// Few values (so the caches hit) and values that differ only in high words (so a hit must compare all).
const highAddress = (high: number): Address => String.fromCharCode(high, 0, 0, 0, 0, 0, 0, 0, 0, 7) as Address;
const address = fc.oneof(
  fc.constantFrom(addressFromNumber(1), addressFromNumber(2), highAddress(0), highAddress(1), highAddress(0x8000)),
  fc.nat({ max: 1 << 20 }).map((n) => addressFromNumber(n)),
);
const topic = fc.oneof(
  fc.constantFrom(0n, 1n, 1n << 200n, (1n << 200n) + 1n, 1n << 240n, 1n << 255n),
  fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
).map((v) => wordFromBigInt(v));
const log: fc.Arbitrary<Log> = fc.record({
  address,
  topics: fc.array(topic, { maxLength: 4 }),
  data: fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 250, maxLength: 300 })),
});
const outcome = fc.record({
  status: fc.constantFrom(Status.STOP, Status.RETURN, Status.REVERT, Status.OUT_OF_GAS),
  gasUsed: fc.oneof(fc.bigInt({ min: 0n, max: 30_000_000n }), fc.bigInt({ min: 0n, max: (1n << 63n) - 1n })),
  blobGasUsed: fc.nat({ max: 786432 }),
  logs: fc.array(log, { maxLength: 4 }),
  contract: fc.option(address),
  invalid: fc.option(fc.string({ maxLength: 9 })),
  micros: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constant(1e12)),
});

test('writeOutput / OutputReader round trip: status, gas, blob gas, contract, invalid reason, execution time, logs and bloom', () => {
  fc.assert(
    fc.property(fc.array(outcome, { minLength: 1, maxLength: 30 }), (outcomes) => {
      const arena = new Int32Array(new SharedArrayBuffer(1 << 20));
      let next = 1;
      const allocate = (words: number): number => {
        const at = next;
        next += words;
        return at;
      };
      const scratch = { bits: new Float64Array(1) };
      const offsets = outcomes.map((o) => {
        const out = new TransactionOutcome();
        out.status = o.status;
        out.gasUsed = o.gasUsed;
        out.blobGasUsed = o.blobGasUsed;
        out.logs = o.logs;
        out.contractAddress = o.contract;
        out.invalidReason = o.invalid;
        const items = o.logs.length > 0 ? logsBloomBits(o.logs, scratch) : 0;
        return writeOutput(arena, allocate, out, scratch.bits, items, o.micros);
      });
      const reader = new OutputReader(arena);
      const blockBloom = new Uint8Array(256);
      let expectedBlockBloom: Uint8Array = new Uint8Array(256);
      outcomes.forEach((o, i) => {
        const at = offsets[i]!;
        assert.equal(reader.status(at), o.status);
        assert.equal(reader.gasUsedBig(at), o.gasUsed);
        if (o.gasUsed <= BigInt(Number.MAX_SAFE_INTEGER)) assert.equal(reader.gasUsed(at), Number(o.gasUsed));
        assert.equal(reader.blobGasUsed(at), o.blobGasUsed);
        assert.equal(reader.contractAddress(at), o.contract);
        assert.equal(reader.invalidReason(at), o.invalid);
        // Tenths of a microsecond, saturating at 2^31 - 1 tenths (~214 s), read back as a double (to the last bit).
        assert.ok(Math.abs(reader.executionUs(at) - Math.min(0x7fffffff, Math.round(o.micros * 10)) / 10) < 1e-6);
        assert.deepEqual(reader.logs(at).map((l) => ({ ...l, data: [...l.data] })), o.logs.map((l) => ({ ...l, data: [...l.data] })));
        assert.deepEqual([...reader.bloom(at, blockBloom)], [...logsBloom(o.logs)]);
        expectedBlockBloom = orBloom(expectedBlockBloom, logsBloom(o.logs));
      });
      assert.deepEqual([...blockBloom], [...expectedBlockBloom]);
    }),
    { numRuns: 200 },
  );
});
