/**
 * ethereum/tests TransactionTests (Cancun): every vector's `txbytes` through decodeTransaction,
 * validateTransaction (chain id 1) and recoverSender must be rejected exactly when the vector has an
 * `exception`, and otherwise give its hash, sender and intrinsic gas.
 *
 * 61 vectors (ttWrongRLP/*, ttSignature/TransactionWithToo{Few,Many}RLPElements) carry no Cancun entry
 * because the filler stopped listing forks for RLP-level failures; they use their latest fork's entry,
 * which is an exception in every one of them (a malformed encoding is malformed in every fork).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { addressToHex } from '../primitives/address.js';
import { InvalidInputError } from '../primitives/errors.js';
import { bytesToHex, hexToBigInt, hexToBytes } from '../primitives/hex.js';
import { fixturesDir, FIXTURES_MISSING } from '../testing/fixtures.js';
import { decodeTransaction } from './decode.js';
import { transactionHash } from './encode.js';
import { intrinsicGas } from './intrinsic-gas.js';
import { recoverSender } from './sender.js';
import { validateTransaction } from './validate.js';

interface ForkResult {
  exception?: string;
  hash?: string;
  sender?: string;
  intrinsicGas?: string;
}

interface Vector {
  file: string;
  name: string;
  txbytes: string;
  result: ForkResult;
  fork: string;
}

const FORK_ORDER = ['Cancun', 'Shanghai', 'Paris', 'London'];

/** Exceptions about the encoding itself: decodeTransaction alone must reject these. */
const ENCODING_EXCEPTION = /^TransactionException\.(RLP_|ADDRESS_TOO_|TYPE_NOT_SUPPORTED)/;

function loadVectors(root: string): Vector[] {
  const vectors: Vector[] = [];
  for (const dir of readdirSync(root).sort()) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (!file.endsWith('.json')) continue;
      const content = JSON.parse(readFileSync(join(root, dir, file), 'utf8')) as Record<string, { txbytes: string; result: Record<string, ForkResult> }>;
      for (const [name, t] of Object.entries(content)) {
        const fork = FORK_ORDER.find((f) => t.result[f] !== undefined);
        assert.ok(fork, `${dir}/${file}: no Cancun-era result`);
        vectors.push({ file: `${dir}/${file}`, name, txbytes: t.txbytes, result: t.result[fork]!, fork });
      }
    }
  }
  return vectors;
}

const root = fixturesDir();

test('TransactionTests (Cancun): decode + static validation + sender recovery', { skip: root ? false : FIXTURES_MISSING }, () => {
  const vectors = loadVectors(join(root!, 'ethereum-tests', 'TransactionTests'));
  assert.ok(vectors.length >= 200, `only ${vectors.length} vectors found`);
  const failures: string[] = [];
  let accepted = 0;
  for (const v of vectors) {
    const id = `${v.file} ${v.name}`;
    let stage = 'decode';
    try {
      const tx = decodeTransaction(hexToBytes(v.txbytes));
      const expectedGas = v.result.intrinsicGas ? hexToBigInt(v.result.intrinsicGas) : 0n;
      if (expectedGas !== 0n && intrinsicGas(tx) !== expectedGas) failures.push(`${id}: intrinsic gas ${intrinsicGas(tx)}, expected ${expectedGas}`);
      stage = 'validate';
      validateTransaction(tx, { chainId: 1n });
      stage = 'sender';
      const sender = recoverSender(tx);
      if (v.result.exception) {
        failures.push(`${id}: accepted, expected ${v.result.exception}`);
        continue;
      }
      accepted++;
      if (addressToHex(sender) !== v.result.sender!.toLowerCase()) failures.push(`${id}: sender ${addressToHex(sender)}, expected ${v.result.sender}`);
      if (bytesToHex(transactionHash(tx)) !== v.result.hash!.toLowerCase()) failures.push(`${id}: hash ${bytesToHex(transactionHash(tx))}, expected ${v.result.hash}`);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) failures.push(`${id}: ${stage} threw a non-InvalidInputError: ${String(err)}`);
      else if (!v.result.exception) failures.push(`${id}: rejected at ${stage} (${err.message}), expected valid`);
      else if (ENCODING_EXCEPTION.test(v.result.exception) && stage !== 'decode') {
        failures.push(`${id}: ${v.result.exception} rejected only at ${stage} (${err.message})`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(accepted, vectors.filter((v) => !v.result.exception).length);
});
