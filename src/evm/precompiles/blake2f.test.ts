import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { blake2f } from './blake2f.js';
import { assertSameAsReference, SeededRandom } from './ethereumjs-reference.js';

// EIP-152 test vectors 4..8 (also go-ethereum core/vm/testdata/precompiles/blake2F.json).
const H_M = '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b'
  + '6162630000000000' + '00'.repeat(120) + '0300000000000000' + '0000000000000000';
const vectors: [rounds: string, flag: string, expected: string][] = [
  ['00000000', '01', '08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b'],
  ['0000000c', '01', 'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923'],
  ['0000000c', '00', '75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735'],
  ['00000001', '01', 'b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421'],
];

test('blake2f EIP-152 vectors', () => {
  for (const [rounds, flag, expected] of vectors) {
    const input = hexToBytes(rounds + H_M + flag);
    assert.equal(input.length, 213);
    const gas = parseInt(rounds, 16);
    const r = blake2f(input, gas);
    assert.equal(r.ok, true);
    assert.equal(r.gasUsed, gas);
    assert.equal(bytesToHex(r.output), '0x' + expected);
    if (gas > 0) assert.equal(blake2f(input, gas - 1).ok, false);
  }
});

test('blake2f EIP-152 vector 8: 8,000,000 rounds', () => {
  const input = hexToBytes('007a1200' + H_M + '01');
  const r = blake2f(input, 8_000_000);
  assert.equal(bytesToHex(r.output), '0x6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4bb7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189');
});

test('blake2f rejects bad lengths and flags', () => {
  const good = hexToBytes('0000000c' + H_M + '01');
  assert.equal(blake2f(good.subarray(0, 212), 1e6).ok, false);
  assert.equal(blake2f(new Uint8Array([...good, 0]), 1e6).ok, false);
  assert.equal(blake2f(new Uint8Array(0), 1e6).ok, false);
  for (const flag of [2, 0x80, 0xff]) {
    const bad = good.slice();
    bad[212] = flag;
    assert.equal(blake2f(bad, 1e6).ok, false);
  }
});

test('blake2f matches @ethereumjs/evm on random inputs', async () => {
  const random = new SeededRandom(152);
  for (let i = 0; i < 200; i++) {
    const length = i % 20 === 0 ? 212 + random.int(3) : 213;
    const input = random.bytes(length);
    input[0] = 0;
    input[1] = 0;
    input[2] = random.int(2); // up to 511 rounds
    if (length === 213 && i % 7 !== 0) input[212] = random.int(2);
    const rounds = (input[2]! << 8) | input[3]!;
    const gas = i % 5 === 0 ? Math.max(0, rounds - 1) : rounds + random.int(100);
    await assertSameAsReference(9, blake2f, input, gas, `case ${i}`);
  }
});
