/**
 * Differential checks against @ethereumjs/tx (the reference TypeScript implementation) on random signed
 * transactions of all four types: encoding, hash, signing hash, sender, intrinsic gas, and signatures.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Common, createCustomCommon, Hardfork, Mainnet } from '@ethereumjs/common';
import { createTx, createTxFromRLP, type TypedTxData } from '@ethereumjs/tx';
import fc from 'fast-check';
import { addressToHex } from '../primitives/address.js';
import { bytesToHex } from '../primitives/hex.js';
import { wordToHex } from '../primitives/word.js';
import { privateKeyArbitrary, unsignedTransactionArbitrary } from './arbitrary.js';
import { decodeTransaction } from './decode.js';
import { encodeTransaction, signingHash, transactionHash } from './encode.js';
import { intrinsicGas } from './intrinsic-gas.js';
import { privateKeyToAddress, recoverSender, signTransaction } from './sender.js';
import type { Transaction } from './transaction.js';
import { validateTransaction } from './validate.js';

/** ethereumjs insists on a KZG library for blob transactions even without blobs; none is called here. */
const noKzg = new Proxy({}, { get: () => () => { throw new Error('KZG not available in this test'); } }) as never;
const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun, customCrypto: { kzg: noKzg } });

/** The same unsigned transaction as @ethereumjs/tx input data. */
function toEthereumJs(tx: Transaction): TypedTxData {
  const base = {
    type: tx.type,
    nonce: tx.nonce,
    gasLimit: tx.gasLimit,
    to: tx.to === null ? undefined : addressToHex(tx.to),
    value: tx.value,
    data: tx.data,
  };
  const accessList = tx.accessList.map((i) => ({ address: addressToHex(i.address), storageKeys: i.storageKeys.map(wordToHex) }));
  switch (tx.type) {
    case 0:
      return { ...base, gasPrice: tx.gasPrice } as TypedTxData;
    case 1:
      return { ...base, chainId: tx.chainId, gasPrice: tx.gasPrice, accessList } as TypedTxData;
    case 2:
      return { ...base, chainId: tx.chainId, maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas, accessList } as TypedTxData;
    case 3:
      return {
        ...base, chainId: tx.chainId, maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas, accessList,
        maxFeePerBlobGas: tx.maxFeePerBlobGas, blobVersionedHashes: tx.blobVersionedHashes.map(wordToHex),
      } as TypedTxData;
  }
}

test('random signed transactions: round trip and agreement with @ethereumjs/tx', () => {
  fc.assert(
    fc.property(unsignedTransactionArbitrary(), privateKeyArbitrary, (unsigned, key) => {
      const signed = signTransaction(unsigned, key);
      const encoded = encodeTransaction(signed);
      assert.deepEqual(decodeTransaction(encoded), signed);
      validateTransaction(signed, { chainId: 1n });
      const sender = recoverSender(signed);
      assert.equal(sender, privateKeyToAddress(key));

      const theirs = createTxFromRLP(encoded, { common });
      assert.equal(bytesToHex(theirs.serialize()), bytesToHex(encoded));
      assert.equal(bytesToHex(theirs.hash()), bytesToHex(transactionHash(signed)));
      assert.equal(bytesToHex(theirs.getHashedMessageToSign()), bytesToHex(signingHash(signed)));
      assert.equal(theirs.getSenderAddress().toString(), addressToHex(sender));
      assert.equal(theirs.getIntrinsicGas(), intrinsicGas(signed));
      assert.deepEqual(theirs.getValidationErrors(), []);

      // Both sign deterministically (RFC 6979, low s), so their signature must equal ours. ethereumjs
      // always signs legacy transactions with EIP-155 under Cancun, so unprotected ones are skipped.
      if (signed.type !== 0 || signed.chainId !== undefined) {
        const signedByThem = createTx(toEthereumJs(unsigned), { common }).sign(key);
        assert.equal(bytesToHex(signedByThem.serialize()), bytesToHex(encoded));
      }
    }),
    { numRuns: 300 },
  );
});

test('random signed transactions on another chain id (EIP-155 and typed)', () => {
  const chainId = 0x1234567n;
  const other = createCustomCommon({ chainId: Number(chainId) }, Mainnet, { hardfork: Hardfork.Cancun, customCrypto: { kzg: noKzg } });
  fc.assert(
    fc.property(unsignedTransactionArbitrary({ chainId, allowUnprotectedLegacy: false }), privateKeyArbitrary, (unsigned, key) => {
      const signed = signTransaction(unsigned, key);
      if (signed.type === 0) assert.ok(signed.v === 35n + 2n * chainId || signed.v === 36n + 2n * chainId);
      const encoded = encodeTransaction(signed);
      const decoded = decodeTransaction(encoded);
      assert.equal(decoded.chainId, chainId);
      assert.equal(recoverSender(decoded), privateKeyToAddress(key));
      validateTransaction(decoded, { chainId });
      assert.throws(() => validateTransaction(decoded, { chainId: 1n }), /chain id/);
      const theirs = createTxFromRLP(encoded, { common: other });
      assert.equal(theirs.getSenderAddress().toString(), addressToHex(recoverSender(decoded)));
    }),
    { numRuns: 60 },
  );
});
