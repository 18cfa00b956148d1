// Generates src/primitives/keccak-f-wasm.generated.ts: parevm's Keccak-f[1600] in WebAssembly, two exports
// over one memory (layout in the generated file):
//   hashShort(length) — keccak256 of a message of up to 135 bytes (one rate block) at INPUT_OFFSET; the
//     digest replaces its first 32 bytes. The permutation over 25 i64 locals, rounds in a loop.
//   permute2() — Keccak-f[1600] on two states at once with SIMD (each of the 25 lanes an i64x2 holding
//     lane i of both states), for hashing two short messages in one permutation (keccak-pair.ts); the
//     states sit interleaved at PAIR_OFFSET: lane i of state s at byte 16i + 8s.
// Measured on this machine against hash-wasm's module (MIT, embedded by gen-keccak-wasm.mjs), 64-byte
// message: 0.49 µs against 0.62 µs; two 32-byte messages as a pair 0.66 µs against 1.20 µs one after the
// other (node dist/bench/keccak.bench.js). Longer messages stay with hash-wasm (keccak.ts).
// The WAT is generated here, assembled with wabt (devDependency, used only by the generators) and
// embedded as base64. Run: node tools/gen-keccak-f-wasm.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// FIPS 202: round constants and rho offsets (lane x + 5y).
const RC = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn, 0x0000000080000001n,
  0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n, 0x0000000080008009n, 0x000000008000000an,
  0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n, 0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n,
  0x000000000000800an, 0x800000008000000an, 0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
const RHO = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const RATE = 136;
const PAIR_OFFSET = 0; // 25 x 16 bytes
const PAIR_BYTES = 25 * 16;
const RC_OFFSET = 512; // 24 x u64 LE
const INPUT_OFFSET = 1024; // hashShort reads one rate block; keccak.ts writes longer messages here too
const INPUT_BYTES = 16 * 1024;

const lines = [];
const emit = (s) => lines.push(s);
const hexBytes = (values) => values.map((c) => Array.from({ length: 8 }, (_, i) => '\\' + Number((c >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('')).join('');

/**
 * The 24 rounds over locals $a0..$a24 (scratch $b*, $c*, $d*, counter $round) in type `t` (i64 or v128).
 * theta; rho and pi (B[y, 2x + 3y] = rotl(A[x, y] ^ D[x], RHO[x, y])); chi (A[x, y] = B[x, y] ^
 * (~B[x + 1, y] & B[x + 2, y])); iota on lane 0.
 */
function rounds(t) {
  const xor = t === 'i64' ? 'i64.xor' : 'v128.xor';
  const rotl = (v, n) => {
    if (n === 0) return v;
    return t === 'i64' ? `(i64.rotl ${v} (i64.const ${n}))` : `(v128.or (i64x2.shl ${v} (i32.const ${n})) (i64x2.shr_u ${v} (i32.const ${64 - n})))`;
  };
  const andNot = (keep, negate) => (t === 'i64' ? `(i64.and (i64.xor ${negate} (i64.const -1)) ${keep})` : `(v128.andnot ${keep} ${negate})`);
  const rc = t === 'i64' ? `(i64.load offset=${RC_OFFSET} (i32.shl (local.get $round) (i32.const 3)))` : `(v128.load64_splat offset=${RC_OFFSET} (i32.shl (local.get $round) (i32.const 3)))`;
  emit('    (local.set $round (i32.const 0))');
  emit('    (loop $rounds');
  for (let x = 0; x < 5; x++) emit(`      (local.set $c${x} (${xor} (${xor} (${xor} (local.get $a${x}) (local.get $a${x + 5})) (${xor} (local.get $a${x + 10}) (local.get $a${x + 15}))) (local.get $a${x + 20})))`);
  for (let x = 0; x < 5; x++) emit(`      (local.set $d${x} (${xor} (local.get $c${(x + 4) % 5}) ${rotl(`(local.get $c${(x + 1) % 5})`, 1)}))`);
  for (let i = 0; i < 25; i++) {
    const x = i % 5, y = Math.floor(i / 5);
    emit(`      (local.set $b${y + 5 * ((2 * x + 3 * y) % 5)} ${rotl(`(${xor} (local.get $a${i}) (local.get $d${x}))`, RHO[i])})`);
  }
  for (let i = 0; i < 25; i++) {
    const x = i % 5, y = Math.floor(i / 5);
    let value = `(${xor} (local.get $b${i}) ${andNot(`(local.get $b${(x + 2) % 5 + 5 * y})`, `(local.get $b${(x + 1) % 5 + 5 * y})`)})`;
    if (i === 0) value = `(${xor} ${value} ${rc})`;
    emit(`      (local.set $a${i} ${value})`);
  }
  emit('      (local.set $round (i32.add (local.get $round) (i32.const 1)))');
  emit('      (br_if $rounds (i32.lt_u (local.get $round) (i32.const 24))))');
}

function locals(t) {
  for (let i = 0; i < 25; i++) emit(`    (local $a${i} ${t}) (local $b${i} ${t})`);
  for (let x = 0; x < 5; x++) emit(`    (local $c${x} ${t}) (local $d${x} ${t})`);
  emit('    (local $round i32)');
}

emit('(module');
emit('  (memory (export "memory") 1)');
emit(`  (data (i32.const ${RC_OFFSET}) "${hexBytes(RC)}")`);

emit('  (func (export "hashShort") (param $length i32)');
locals('i64');
// Pad: zero the rest of the block, then 0x01 after the message and 0x80 in the last byte (0x81 if one).
emit(`    (memory.fill (i32.add (i32.const ${INPUT_OFFSET}) (local.get $length)) (i32.const 0) (i32.sub (i32.const ${RATE}) (local.get $length)))`);
emit(`    (i32.store8 offset=${INPUT_OFFSET} (local.get $length) (i32.const 1))`);
emit(`    (i32.store8 offset=${INPUT_OFFSET + RATE - 1} (i32.const 0) (i32.or (i32.load8_u offset=${INPUT_OFFSET + RATE - 1} (i32.const 0)) (i32.const 0x80)))`);
for (let i = 0; i < RATE / 8; i++) emit(`    (local.set $a${i} (i64.load offset=${INPUT_OFFSET + 8 * i} (i32.const 0)))`);
rounds('i64');
for (let i = 0; i < 4; i++) emit(`    (i64.store offset=${INPUT_OFFSET + 8 * i} (i32.const 0) (local.get $a${i}))`);
emit('  )');

emit('  (func (export "permute2")');
locals('v128');
for (let i = 0; i < 25; i++) emit(`    (local.set $a${i} (v128.load offset=${PAIR_OFFSET + 16 * i} (i32.const 0)))`);
rounds('v128');
for (let i = 0; i < 25; i++) emit(`    (v128.store offset=${PAIR_OFFSET + 16 * i} (i32.const 0) (local.get $a${i}))`);
emit('  )');
emit(')');

const require = createRequire(import.meta.url);
const wabt = await require('wabt')();
const module = wabt.parseWat('keccak-f.wat', lines.join('\n'), { simd: true, bulk_memory: true });
module.validate();
const { buffer } = module.toBinary({});
writeFileSync(new URL('../src/primitives/keccak-f-wasm.generated.ts', import.meta.url), `// GENERATED by tools/gen-keccak-f-wasm.mjs — do not edit. Keccak-f[1600] in WebAssembly (${buffer.length} bytes).
/** keccak256's rate, the block hashShort pads to (bytes absorbed per permutation). */
export const KECCAK_F_RATE = ${RATE};
/** Message buffer [INPUT_OFFSET, INPUT_OFFSET + INPUT_BYTES): hashShort hashes its first ≤ 135 bytes; the digest replaces bytes 0..32. */
export const KECCAK_F_INPUT_OFFSET = ${INPUT_OFFSET};
export const KECCAK_F_INPUT_BYTES = ${INPUT_BYTES};
/** permute2's two states, interleaved: lane i of state s at PAIR_OFFSET + 16i + 8s (u64 LE). */
export const KECCAK_F_PAIR_OFFSET = ${PAIR_OFFSET};
export const KECCAK_F_PAIR_BYTES = ${PAIR_BYTES};
export const KECCAK_F_WASM_BASE64 =
  '${Buffer.from(buffer).toString('base64')}';
`);
console.log(`wrote src/primitives/keccak-f-wasm.generated.ts (${buffer.length} bytes)`);
