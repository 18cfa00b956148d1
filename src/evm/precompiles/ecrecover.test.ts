import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concatBytes } from '../../primitives/bytes.js';
import { bytesToHex, hexToBytes } from '../../primitives/hex.js';
import { ecdsaSign } from '../../tx/secp256k1.js';
import { ecrecover } from './ecrecover.js';
import { assertSameAsReference, SeededRandom, word } from './ethereumjs-reference.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// go-ethereum core/vm/testdata/precompiles/ecRecover.json, "ValidKey".
const VALID = '38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02';

test('ecrecover known answer', () => {
  const r = ecrecover(hexToBytes(VALID), 3000);
  assert.equal(r.ok, true);
  assert.equal(r.gasUsed, 3000);
  assert.equal(bytesToHex(r.output), '0x000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d');
  assert.equal(ecrecover(hexToBytes(VALID), 2999).ok, false);
});

test('ecrecover: invalid signatures give empty output, not failure', () => {
  const v29 = hexToBytes(VALID);
  v29[63] = 29;
  for (const input of [new Uint8Array(0), new Uint8Array(128), hexToBytes(VALID).subarray(0, 63), v29]) {
    assert.deepEqual(ecrecover(input, 3000), { ok: true, gasUsed: 3000, output: new Uint8Array(0) });
  }
});

function signed(random: SeededRandom): { hash: Uint8Array; v: number; r: bigint; s: bigint } {
  let key = random.bytes(32);
  key[0] = 0x11; // keep it below n
  const hash = random.bytes(32);
  const { signature, recid } = ecdsaSign(hash, key);
  return { hash, v: 27 + recid, r: BigInt(bytesToHex(signature.subarray(0, 32))), s: BigInt(bytesToHex(signature.subarray(32))) };
}

test('ecrecover matches @ethereumjs/evm on valid and malformed signatures', async () => {
  const random = new SeededRandom(1);
  for (let i = 0; i < 40; i++) {
    const { hash, v, r, s } = signed(random);
    const input = (vWord: Uint8Array, rr: bigint, ss: bigint) => concatBytes(hash, vWord, word(rr), word(ss));
    const cases: Uint8Array[] = [
      input(word(v), r, s),
      input(word(55 - v), r, s), // the other parity: a different (or no) key
      input(word(N - s === s ? s : v), r, N - s), // high s is accepted
      input(word(v), 0n, s),
      input(word(v), r, 0n),
      input(word(v), N, s),
      input(word(v), r, N),
      input(word(v), N + 1n, s),
      input(word(0), r, s),
      input(word(1), r, s),
      input(word(29), r, s),
      input(word((1n << 255n) + BigInt(v)), r, s),
      concatBytes(input(word(v), r, s), random.bytes(40)), // trailing bytes are ignored
      input(word(v), r, s).subarray(0, 64 + random.int(64)), // truncated: zero-padded
      random.bytes(128),
      concatBytes(random.bytes(32), word(27 + random.int(2)), random.bytes(64)),
    ];
    for (const data of cases) await assertSameAsReference(1, ecrecover, data, 3000, `signature ${i}`);
  }
});
