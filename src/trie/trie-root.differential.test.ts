/**
 * Differential test: trieRoot / secureTrieRoot against @ethereumjs/mpt (the reference trie, a dev
 * dependency used only here) on seeded random key/value sets chosen to hit every node shape: keys that
 * are prefixes of others, the empty key, long shared prefixes (extensions), inline (< 32 byte) nodes,
 * duplicates and deletions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMPT } from '@ethereumjs/mpt';
import { bytesToHex, hexToBytes } from '../primitives/hex.js';
import { secureTrieRoot, trieRoot, type TrieEntry } from './trie-root.js';

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

function randomBytes(rand: (n: number) => number, length: number, alphabet?: number[]): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = alphabet ? alphabet[rand(alphabet.length)]! : rand(256);
  return out;
}

/** A random insertion sequence with duplicate keys and deletions (empty values). */
function randomEntries(seed: number): TrieEntry[] {
  const rand = prng(seed);
  const narrow = rand(2) === 0; // few distinct bytes -> many shared prefixes and prefix keys
  const alphabet = narrow ? [0x00, 0x01, 0x10, 0x11, 0xab, 0xff] : undefined;
  const maxKeyLength = [1, 3, 8, 33, 70][rand(5)]!;
  const count = [1, 2, 3, 10, 50, 300][rand(6)]!;
  const entries: TrieEntry[] = [];
  for (let i = 0; i < count; i++) {
    const reuse = entries.length > 0 && rand(5) === 0;
    const key = reuse ? entries[rand(entries.length)]![0] : randomBytes(rand, rand(maxKeyLength + 1), alphabet);
    const valueLength = rand(6) === 0 ? 0 : [1, 2, 5, 31, 40, 100][rand(6)]!;
    entries.push([key, randomBytes(rand, valueLength)]);
  }
  return entries;
}

/**
 * The reference root of the final key set (each key's last value, empty = absent), inserted in reverse
 * order. The raw put/delete sequence is not replayed: @ethereumjs/mpt 10.1.3 empties the whole trie when
 * the empty key is deleted from a branch (put 0x1100, put 0x, del 0x -> empty root).
 */
async function referenceRoot(entries: TrieEntry[], useKeyHashing: boolean): Promise<Uint8Array> {
  const final = new Map<string, TrieEntry>();
  for (const entry of entries) final.set(bytesToHex(entry[0]), entry);
  const trie = await createMPT({ useKeyHashing });
  for (const [key, value] of [...final.values()].reverse()) if (value.length > 0) await trie.put(key, value);
  return trie.root();
}

test('trieRoot matches @ethereumjs/mpt on random sets', async () => {
  for (let seed = 1; seed <= 100; seed++) {
    const entries = randomEntries(seed);
    const expected = bytesToHex(await referenceRoot(entries, false));
    assert.equal(bytesToHex(trieRoot(entries)), expected, `seed ${seed}`);
  }
});

test('secureTrieRoot matches @ethereumjs/mpt with key hashing on random sets', async () => {
  for (let seed = 1001; seed <= 1040; seed++) {
    const entries = randomEntries(seed);
    const expected = bytesToHex(await referenceRoot(entries, true));
    assert.equal(bytesToHex(secureTrieRoot(entries)), expected, `seed ${seed}`);
  }
});

test('trieRoot matches @ethereumjs/mpt on 2,000 random 32-byte keys', async () => {
  const rand = prng(7);
  const entries: TrieEntry[] = Array.from({ length: 2000 }, () => [randomBytes(rand, 32), randomBytes(rand, 1 + rand(80))]);
  assert.equal(bytesToHex(trieRoot(entries)), bytesToHex(await referenceRoot(entries, false)));
});

test('the empty key is stored at the root', async () => {
  const cases: TrieEntry[][] = [
    [[new Uint8Array(0), Uint8Array.of(1)]],
    [[new Uint8Array(0), Uint8Array.of(1, 2, 3)], [Uint8Array.of(0x12), hexToBytes('0xabcdef')]],
  ];
  for (const entries of cases) {
    assert.equal(bytesToHex(trieRoot(entries)), bytesToHex(await referenceRoot(entries, false)));
  }
});
