/** BLAKE2F precompile speed (µs per round): node dist/bench/blake2f.bench.js */
import { blake2f } from '../src/evm/precompiles/blake2f.js';

const input = new Uint8Array(213);
input[1] = 0x0f; // 0x000f4240 = 1,000,000 rounds
input[2] = 0x42;
input[3] = 0x40;
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  blake2f(input, 1e9);
  console.log(`blake2f: ${(((performance.now() - t) * 1000) / 1e6).toFixed(4)} µs/round`);
}
