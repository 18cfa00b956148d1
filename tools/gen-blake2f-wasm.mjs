// Generates src/evm/precompiles/blake2f-wasm.generated.ts: the BLAKE2b compression function F (RFC 7693
// §3.2) with a caller-chosen number of rounds, for the EIP-152 precompile, in WebAssembly (native i64).
// The WAT is generated here, assembled with wabt (devDependency, used only by this script) and embedded
// as base64. Rounds run in chunks across calls (`rounds`), state kept in WASM memory: V8 has no on-stack
// replacement for WASM, so one call with 2^32 rounds would stay in baseline (Liftoff) code throughout.
// Run: node tools/gen-blake2f-wasm.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
// memory: h at 0 (64 bytes), m at 64 (128), t at 192 (16), sigma byte offsets at 256 (10 x 16)
const H = 0, M = 64, T = 192, SIG = 256;
const lines = [];
const emit = (s) => lines.push(s);
const i64 = (v) => `(i64.const ${BigInt.asIntN(64, v)})`;
const v = (i) => `$v${i}`;

emit('(module');
emit('  (memory (export "memory") 1)');
const sigmaBytes = SIGMA.flat().map((x) => `\\${(M + 8 * x).toString(16).padStart(2, '0')}`).join('');
emit(`  (data (i32.const ${SIG}) "${sigmaBytes}")`);
const V = 512; // working vector v (16 x u64) between calls
// init(final): v = h || IV, v12 ^= t0, v13 ^= t1, v14 = ~v14 if final
emit('  (func (export "init") (param $final i32)');
for (let i = 0; i < 8; i++) emit(`    (i64.store offset=${V + 8 * i} (i32.const 0) (i64.load offset=${H + 8 * i} (i32.const 0)))`);
for (let i = 0; i < 8; i++) emit(`    (i64.store offset=${V + 64 + 8 * i} (i32.const 0) ${i64(IV[i])})`);
emit(`    (i64.store offset=${V + 96} (i32.const 0) (i64.xor (i64.load offset=${V + 96} (i32.const 0)) (i64.load offset=${T} (i32.const 0))))`);
emit(`    (i64.store offset=${V + 104} (i32.const 0) (i64.xor (i64.load offset=${V + 104} (i32.const 0)) (i64.load offset=${T + 8} (i32.const 0))))`);
emit(`    (if (local.get $final) (then (i64.store offset=${V + 112} (i32.const 0) (i64.xor (i64.load offset=${V + 112} (i32.const 0)) (i64.const -1)))))`);
emit('  )');
// rounds(n, row): n rounds starting at SIGMA row `row` (0..9), v in memory
emit('  (func (export "rounds") (param $rounds i32) (param $row i32) (local $s i32)');
const locals = [];
for (let i = 0; i < 16; i++) locals.push(`(local $v${i} i64)`);
for (let i = 0; i < 16; i++) locals.push(`(local $m${i} i64)`);
emit('    ' + locals.join(' '));
for (let i = 0; i < 16; i++) emit(`    (local.set $v${i} (i64.load offset=${V + 8 * i} (i32.const 0)))`);
emit('    (block $done (loop $round');
emit('      (br_if $done (i32.eqz (local.get $rounds)))');
emit(`      (local.set $s (i32.add (i32.const ${SIG}) (i32.shl (local.get $row) (i32.const 4))))`);
for (let i = 0; i < 16; i++) emit(`      (local.set $m${i} (i64.load (i32.load8_u offset=${i} (local.get $s))))`);
const G = (a, b, c, d, x, y) => {
  emit(`      (local.set ${v(a)} (i64.add (i64.add (local.get ${v(a)}) (local.get ${v(b)})) (local.get $m${x})))`);
  emit(`      (local.set ${v(d)} (i64.rotr (i64.xor (local.get ${v(d)}) (local.get ${v(a)})) (i64.const 32)))`);
  emit(`      (local.set ${v(c)} (i64.add (local.get ${v(c)}) (local.get ${v(d)})))`);
  emit(`      (local.set ${v(b)} (i64.rotr (i64.xor (local.get ${v(b)}) (local.get ${v(c)})) (i64.const 24)))`);
  emit(`      (local.set ${v(a)} (i64.add (i64.add (local.get ${v(a)}) (local.get ${v(b)})) (local.get $m${y})))`);
  emit(`      (local.set ${v(d)} (i64.rotr (i64.xor (local.get ${v(d)}) (local.get ${v(a)})) (i64.const 16)))`);
  emit(`      (local.set ${v(c)} (i64.add (local.get ${v(c)}) (local.get ${v(d)})))`);
  emit(`      (local.set ${v(b)} (i64.rotr (i64.xor (local.get ${v(b)}) (local.get ${v(c)})) (i64.const 63)))`);
};
G(0, 4, 8, 12, 0, 1); G(1, 5, 9, 13, 2, 3); G(2, 6, 10, 14, 4, 5); G(3, 7, 11, 15, 6, 7);
G(0, 5, 10, 15, 8, 9); G(1, 6, 11, 12, 10, 11); G(2, 7, 8, 13, 12, 13); G(3, 4, 9, 14, 14, 15);
emit('      (local.set $row (i32.add (local.get $row) (i32.const 1)))');
emit('      (if (i32.eq (local.get $row) (i32.const 10)) (then (local.set $row (i32.const 0))))');
emit('      (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))');
emit('      (br $round)))');
for (let i = 0; i < 16; i++) emit(`    (i64.store offset=${V + 8 * i} (i32.const 0) (local.get $v${i}))`);
emit('  )');
// finish(): h ^= v[0..8) ^ v[8..16)
emit('  (func (export "finish")');
for (let i = 0; i < 8; i++) emit(`    (i64.store offset=${H + 8 * i} (i32.const 0) (i64.xor (i64.load offset=${H + 8 * i} (i32.const 0)) (i64.xor (i64.load offset=${V + 8 * i} (i32.const 0)) (i64.load offset=${V + 64 + 8 * i} (i32.const 0)))))`);
emit('  )');
emit(')');

const require = createRequire(import.meta.url);
const wabt = await require('wabt')();
const module = wabt.parseWat('blake2f.wat', lines.join('\n'));
module.validate();
const { buffer } = module.toBinary({});
writeFileSync(new URL('../src/evm/precompiles/blake2f-wasm.generated.ts', import.meta.url), `// GENERATED by tools/gen-blake2f-wasm.mjs — do not edit. BLAKE2b F in WebAssembly (${buffer.length} bytes).
/** Memory layout: h at ${H} (8 x u64 LE), m at ${M} (16 x u64 LE), t at ${T} (2 x u64 LE). */
export const BLAKE2F_H_OFFSET = ${H};
export const BLAKE2F_M_OFFSET = ${M};
export const BLAKE2F_T_OFFSET = ${T};
export const BLAKE2F_WASM_BASE64 =
  '${Buffer.from(buffer).toString('base64')}';
`);
console.log(`wrote src/evm/precompiles/blake2f-wasm.generated.ts (${buffer.length} bytes of wasm)`);
