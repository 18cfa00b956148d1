/**
 * Benchmark (not a test): receipts root of 10,000 ERC-20 receipts (one Transfer log each: 3 topics,
 * 32 bytes of data) and state root of 100,000 accounts with one storage slot each.
 * Run: npx tsc -p tsconfig.json && node dist/src/trie/roots.bench.js
 */
import { addressFromNumber, addressToWord } from '../primitives/address.js';
import { keccak256 } from '../primitives/keccak.js';
import { wordFromBigInt, wordFromHex } from '../primitives/word.js';
import { logsBloom } from '../block/bloom.js';
import { receiptsRoot, type Receipt } from '../block/receipt.js';
import type { Log } from '../evm/log.js';
import { stateRoot, type StateAccount } from './state-root.js';

const TRANSFER_TOPIC = wordFromHex('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef');

function median(samples: number[]): number {
  return [...samples].sort((a, b) => a - b)[samples.length >> 1]!;
}

/** Wall time and process CPU time (less disturbed when other processes share the cores). */
function time(label: string, runs: number, fn: () => unknown): void {
  fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const f = (ms: number) => ms.toFixed(1);
  console.log(`${label}: wall median ${f(median(wall))} ms, min ${f(Math.min(...wall))} ms; cpu median ${f(median(cpu))} ms (${runs} runs)`);
}

const transferLogs: Log[] = Array.from({ length: 10_000 }, (_, i) => ({
  address: addressFromNumber(0x100000 + (i % 50)),
  topics: [TRANSFER_TOPIC, addressToWord(addressFromNumber(i * 3 + 1)), addressToWord(addressFromNumber(i * 3 + 2))],
  data: new Uint8Array(32).fill(i & 0xff),
}));
time('logsBloom x 10,000 (one Transfer log each)', 10, () => transferLogs.map((log) => logsBloom([log])));

let gas = 0n;
const receipts: Receipt[] = transferLogs.map((log) => ({
  type: 2,
  status: 1,
  cumulativeGasUsed: (gas += 51_000n),
  logsBloom: logsBloom([log]),
  logs: [log],
}));
time('receiptsRoot of 10,000 ERC-20 receipts', 10, () => receiptsRoot(receipts));

const accounts: StateAccount[] = Array.from({ length: 100_000 }, (_, i) => ({
  address: addressFromNumber(i + 1),
  nonce: BigInt(i % 100),
  balance: BigInt(i) * 10n ** 15n,
  codeHash: wordFromHex('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'),
  storage: [[wordFromBigInt(BigInt(i)), wordFromBigInt(BigInt(i) * 977n + 1n)]],
}));
time('stateRoot of 100,000 accounts with 1 slot each', 5, () => stateRoot(accounts));

// Lower bound: just the keccak256 calls that state root needs (address, slot, storage leaf, account leaf
// per account, plus ~6,700 branch nodes).
const inputs = [new Uint8Array(20), new Uint8Array(32), new Uint8Array(70), new Uint8Array(115)];
const branch = new Uint8Array(532);
time('keccak256 calls of that state root alone', 5, () => {
  for (let i = 0; i < 100_000; i++) for (const input of inputs) keccak256(input);
  for (let i = 0; i < 6_700; i++) keccak256(branch);
});
