/**
 * Micro-benchmark of the precompiles (µs per call, best of 5 timed rounds after a warm-up).
 * Run: `npx tsc -p tsconfig.json && node dist/src/evm/precompiles/precompiles.bench.js`.
 * Inputs are the go-ethereum test vectors (core/vm/testdata/precompiles) so numbers are comparable.
 */
import { hexToBytes } from '../../primitives/hex.js';
import { blake2f } from './blake2f.js';
import { bn254Add } from './bn254-add.js';
import { bn254Mul } from './bn254-mul.js';
import { bn254Pairing } from './bn254-pairing.js';
import { ecrecover } from './ecrecover.js';
import { modexp } from './modexp.js';
import { pointEvaluation } from './point-evaluation.js';
import type { Precompile } from './precompile.js';
import { sha256 } from './sha256.js';

const W = (n: number | bigint) => BigInt(n).toString(16).padStart(64, '0');
const G1_X = '2cf44499d5d27bb186308b7af7af02ac5bc9eeb6a3d147c186b21fb1b76e18da';
const G1_Y = '2c0f001f52110ccfe69108924926e45f0b0c868df0e7bde1fe16d3242dc715f6';
const G2_GEN = '198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
const JEFF1 = '1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411' + G2_GEN;
const POINT_EVALUATION = '01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a';
const BLAKE_12 = '0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b6162630000000000' + '00'.repeat(120) + '03000000000000000000000000000000' + '01';
const ECRECOVER = '38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02';
// 256-bit modulus, 256-bit exponent (a typical RSA-free use: Fermat inverse in a 256-bit field).
const MODEXP_256 = W(32) + W(32) + W(32) + G1_X + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2d' + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f';

const cases: [name: string, fn: Precompile, inputHex: string, iterations: number][] = [
  ['ecrecover', ecrecover, ECRECOVER, 2000],
  ['sha256 (64 B)', sha256, '11'.repeat(64), 50000],
  ['modexp (256-bit base/exp/mod)', modexp, MODEXP_256, 200],
  ['bn254 add', bn254Add, G1_X + G1_Y + G1_X + G1_Y, 2000],
  ['bn254 mul', bn254Mul, G1_X + G1_Y + W((1n << 255n) - 19n), 200],
  ['bn254 pairing (2 pairs)', bn254Pairing, JEFF1, 10],
  ['blake2f (12 rounds)', blake2f, BLAKE_12, 20000],
  ['point evaluation', pointEvaluation, POINT_EVALUATION, 10],
];

for (const [name, fn, inputHex, iterations] of cases) {
  const input = hexToBytes(inputHex);
  if (!fn(input, 1e9).ok) throw new Error(`${name}: benchmark input fails`);
  for (let i = 0; i < Math.min(iterations, 50); i++) fn(input, 1e9);
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) fn(input, 1e9);
    best = Math.min(best, ((performance.now() - start) * 1000) / iterations);
  }
  console.log(`${name.padEnd(32)} ${best.toFixed(best < 10 ? 2 : 0).padStart(10)} µs`);
}
