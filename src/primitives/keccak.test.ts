/**
 * keccak256 (the generated one-block Keccak up to 135 bytes, hash-wasm's module beyond) against
 * @noble/hashes, across lengths, the rate and chunk edges, and with stale bytes left in the buffer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { keccak256, keccak256Concat, keccakBuffer, keccakInPlace, KECCAK_CHUNK, KECCAK_EMPTY } from './keccak.js';
import { bytesToHex } from './hex.js';

function input(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

test('known vectors: empty input and "abc"', () => {
  assert.equal(bytesToHex(KECCAK_EMPTY), '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
  assert.equal(bytesToHex(keccak256(new TextEncoder().encode('abc'))), '0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
});

test('matches @noble/hashes for lengths around the rate (136) and the chunk size', () => {
  const lengths = [1, 20, 31, 32, 33, 64, 135, 136, 137, 271, 272, 273, 1000, KECCAK_CHUNK - 1, KECCAK_CHUNK, KECCAK_CHUNK + 1, 3 * KECCAK_CHUNK + 17];
  for (const [i, length] of lengths.entries()) {
    const data = input(length, i + 1);
    assert.equal(bytesToHex(keccak256(data)), bytesToHex(keccak_256(data)), `length ${length}`);
  }
});

test('keccak256Concat equals the hash of the concatenation', () => {
  const parts = [input(10, 1), input(0, 2), input(KECCAK_CHUNK + 5, 3), input(200, 4)];
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    whole.set(p, at);
    at += p.length;
  }
  assert.equal(bytesToHex(keccak256Concat(parts)), bytesToHex(keccak_256(whole)));
});

test('keccakInPlace leaves the digest at the start of keccakBuffer; keccak256 returns a copy', () => {
  const data = input(64, 9);
  keccakBuffer.set(data);
  keccakInPlace(64);
  assert.equal(bytesToHex(keccakBuffer.slice(0, 32)), bytesToHex(keccak_256(data)));
  const copy = keccak256(data);
  keccak256(input(5, 1));
  assert.equal(bytesToHex(copy), bytesToHex(keccak_256(data)));
});

test('every length 0..300, through keccak256 and through keccakInPlace over a buffer full of stale bytes', () => {
  for (let length = 0; length <= 300; length++) {
    const data = input(length, length + 7);
    const want = bytesToHex(keccak_256(data));
    assert.equal(bytesToHex(keccak256(data)), want, `keccak256, length ${length}`);
    keccakBuffer.fill(0xa5, 0, 400); // what a longer message before it would leave
    keccakBuffer.set(data);
    keccakInPlace(length);
    assert.equal(bytesToHex(keccakBuffer.slice(0, 32)), want, `keccakInPlace, length ${length}`);
  }
  const long = input(KECCAK_CHUNK, 3);
  keccakBuffer.set(long);
  keccakInPlace(KECCAK_CHUNK);
  assert.equal(bytesToHex(keccakBuffer.slice(0, 32)), bytesToHex(keccak_256(long)), 'keccakInPlace, a whole chunk');
});
