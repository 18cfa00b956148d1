/**
 * Micro-benchmark of the transaction hot paths (not a test): `node dist/src/tx/tx.bench.js`. Prints µs
 * per decodeTransaction (type 2, 100 bytes of calldata, one access-list entry), encodeTransaction,
 * transactionHash, signingHash and recoverSender. CPU time is printed beside wall time because the
 * machine is shared: other processes inflate wall time, not CPU time.
 * Measured (2 cores, load ~5): decode 3.1-3.5 µs, hash 7 µs, recoverSender 69-73 µs CPU.
 */
import { addressFromHex } from '../primitives/address.js';
import { hexToBytes } from '../primitives/hex.js';
import { wordFromHex } from '../primitives/word.js';
import { decodeTransaction } from './decode.js';
import { encodeTransaction, signingHash, transactionHash } from './encode.js';
import { SECP256K1_BACKEND } from './secp256k1.js';
import { recoverSender, signTransaction } from './sender.js';
import type { Transaction } from './transaction.js';

function measure(name: string, iterations: number, fn: () => unknown): void {
  for (let i = 0; i < Math.min(iterations, 2000); i++) fn(); // warm up
  let sink: unknown;
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < iterations; i++) sink = fn();
  const cpu = process.cpuUsage(cpuStart);
  const wallUs = Number(process.hrtime.bigint() - wallStart) / 1000 / iterations;
  const cpuUs = (cpu.user + cpu.system) / iterations;
  console.log(`${name.padEnd(40)} ${cpuUs.toFixed(2).padStart(8)} µs CPU ${wallUs.toFixed(2).padStart(8)} µs wall`);
  if (sink === Symbol.for('never')) console.log(sink);
}

const data = new Uint8Array(100);
for (let i = 0; i < data.length; i++) data[i] = i % 3 === 0 ? 0 : (i * 37) & 0xff;
const unsigned: Transaction = {
  type: 2, chainId: 1n, nonce: 0x50e5n, gasPrice: 0x8adb8cdacn, maxPriorityFeePerGas: 0x77359400n, maxFeePerGas: 0x8adb8cdacn,
  gasLimit: 150000n, to: addressFromHex('0x24e59d9d3bd73ccc28dc54062af7ef7bff58bd67'), value: 10n ** 17n, data,
  accessList: [{ address: addressFromHex('0xdac17f958d2ee523a2206206994597c13d831ec7'), storageKeys: [wordFromHex('0x01')] }],
  maxFeePerBlobGas: 0n, blobVersionedHashes: [], v: 0n, r: 0n, s: 0n,
};
const tx = signTransaction(unsigned, hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8'));
const encoded = encodeTransaction(tx);

console.log(`type 2 transaction, ${encoded.length} bytes encoded, secp256k1 backend: ${SECP256K1_BACKEND}`);
measure('decodeTransaction', 200_000, () => decodeTransaction(encoded));
measure('encodeTransaction', 200_000, () => encodeTransaction(tx));
measure('transactionHash (encode + keccak)', 200_000, () => transactionHash(tx));
measure('signingHash', 200_000, () => signingHash(tx));
measure('recoverSender (incl. signingHash)', 20_000, () => recoverSender(tx));
measure('decode + hash + recoverSender', 20_000, () => {
  const t = decodeTransaction(encoded);
  transactionHash(t);
  return recoverSender(t);
});
