import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concatBytes } from '../../primitives/bytes.js';
import { bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { assertSameAsReference, SeededRandom, word } from './ethereumjs-reference.js';
import { modexp, modexpGas } from './modexp.js';

const U256_MAX = (1n << 256n) - 1n;

function input(bLen: bigint | number, eLen: bigint | number, mLen: bigint | number, ...rest: Uint8Array[]): Uint8Array {
  return concatBytes(word(bLen), word(eLen), word(mLen), ...rest);
}

// go-ethereum core/vm/testdata/precompiles/modexp_eip2565.json
const vectors: [name: string, input: string, expected: string, gas: number][] = [
  ['eip_example1', '0000000000000000000000000000000000000000000000000000000000000001000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000200'
    + '3fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
  '0000000000000000000000000000000000000000000000000000000000000001', 1360],
  ['eip_example2', '000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000020'
    + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2efffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f',
  '0000000000000000000000000000000000000000000000000000000000000000', 1360],
  ['nagydani-1-pow0x10001', '000000000000000000000000000000000000000000000000000000000000004000000000000000000000000000000000000000000000000000000000000000030000000000000000000000000000000000000000000000000000000000000040'
    + 'e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5010001fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c6b',
  'c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b8409128a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2', 341],
];

test('modexp known answers (EIP-198 / EIP-2565 vectors)', () => {
  for (const [name, hex, expected, gas] of vectors) {
    const r = modexp(hexToBytes(hex), gas);
    assert.equal(r.ok, true, name);
    assert.equal(r.gasUsed, gas, name);
    assert.equal(bytesToHex(r.output), '0x' + expected, name);
    assert.equal(modexp(hexToBytes(hex), gas - 1).ok, false, name);
  }
});

test('modexp gas formula (EIP-2565)', () => {
  assert.equal(modexpGas(0n, 0n, 0n, 0n), 200n);
  assert.equal(modexpGas(32n, 32n, 32n, (1n << 255n)), (16n * 255n) / 3n);
  assert.equal(modexpGas(64n, 3n, 64n, 0x10001n), 341n);
  assert.equal(modexpGas(64n, 40n, 64n, 1n), (64n * 64n) / 3n); // 8·(40-32) + 0 iterations
  assert.equal(modexpGas(8n, 40n, 8n, 1n), 200n);
  assert.equal(modexpGas(U256_MAX, 0n, 0n, 0n) > (1n << 500n), true);
});

test('modexp edge cases', () => {
  const ok = (data: Uint8Array, gas = 1e7) => modexp(data, gas);
  assert.deepEqual(ok(new Uint8Array(0)), { ok: true, gasUsed: 200, output: new Uint8Array(0) });
  // Blen = Mlen = 0: zero words, so 200 gas whatever the exponent length.
  assert.deepEqual(ok(input(0, U256_MAX, 0)), { ok: true, gasUsed: 200, output: new Uint8Array(0) });
  // Huge lengths fail on gas without allocating.
  for (const [b, e, m] of [[U256_MAX, 1, 1], [1, U256_MAX, 1], [1, 1, U256_MAX], [U256_MAX, U256_MAX, U256_MAX], [1n << 64n, 0, 0]]) {
    assert.equal(ok(input(b!, e!, m!), Number.MAX_SAFE_INTEGER).ok, false);
  }
  // Zero modulus: Mlen zero bytes.
  assert.equal(bytesToHex(ok(input(1, 1, 4, hexToBytes('0x0203'))).output), '0x00000000');
  // Modulus 1: zero. 0^0 mod m = 1.
  assert.equal(bytesToHex(ok(input(1, 1, 1, hexToBytes('0x050301'))).output), '0x00');
  assert.equal(bytesToHex(ok(input(0, 0, 2, hexToBytes('0x0007'))).output), '0x0001');
  // Truncated operands are zero-extended on the right: B = 0x0200, E = 0x03, M = 0x0100 (padded) → 0.
  assert.equal(bytesToHex(ok(input(2, 1, 2, hexToBytes('0x02000301'))).output), '0x0000');
  // Exponent with a long zero tail: 3^(256^40) mod 1000003.
  let expected = 3n;
  for (let i = 0; i < 320; i++) expected = (expected * expected) % 1000003n;
  const tail = input(1, 41, 3, hexToBytes('0x0301'), new Uint8Array(40), hexToBytes('0x0f4243'));
  assert.equal(BigInt(bytesToHex(ok(tail).output)), expected);
  // Exponent running past the input: the modulus is then all padding, so M = 0.
  const missingTail = input(1, 41, 3, hexToBytes('0x03'), hexToBytes('0x01'));
  assert.deepEqual(ok(missingTail), { ok: true, gasUsed: 200, output: new Uint8Array(3) });
  // Huge Mlen within the gas, modulus wholly past the input: zeros, no giant shift.
  assert.deepEqual(ok(input(0, 0, 4096), 1e9).output, new Uint8Array(4096));
});

test('modexp matches @ethereumjs/evm on random and truncated inputs', async () => {
  const random = new SeededRandom(0xe198);
  const sizes = [0, 1, 2, 7, 8, 9, 31, 32, 33, 64, 65, 100];
  for (let i = 0; i < 300; i++) {
    const bLen = sizes[random.int(sizes.length)]!, eLen = sizes[random.int(sizes.length)]!, mLen = sizes[random.int(sizes.length)]!;
    let body = random.bytes(bLen + eLen + mLen);
    if (i % 4 === 0) body = body.subarray(0, random.int(body.length + 1)); // truncated input
    if (i % 9 === 0 && mLen > 0) body.fill(0, bLen + eLen); // zero modulus
    if (i % 11 === 0 && eLen > 0) body.fill(0, bLen, bLen + Math.min(eLen, 3)); // leading zero exponent bytes
    const data = input(bLen, eLen, mLen, body);
    const gas = i % 10 === 0 ? 200 + random.int(200) : 10_000_000;
    await assertSameAsReference(5, modexp, data, gas, `case ${i}`);
  }
  // Exponent longer than 32 bytes whose tail runs past the input.
  for (let i = 0; i < 20; i++) {
    const eLen = 33 + random.int(200);
    const data = input(8, eLen, 8, random.bytes(8), random.bytes(random.int(40)));
    await assertSameAsReference(5, modexp, data, 10_000_000, `tail ${i}`);
  }
  // Large lengths near the gas limit (both sides must agree on OOG vs. success).
  for (const [b, e, m] of [[0, 1 << 20, 0], [1, 1 << 20, 1], [5000, 1, 5000], [1 << 30, 0, 0], [0, 0, 1 << 30]]) {
    await assertSameAsReference(5, modexp, input(b!, e!, m!, random.bytes(64)), 30_000_000, `large ${b}/${e}/${m}`);
  }
});
