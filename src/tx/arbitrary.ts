/**
 * fast-check generators of transactions (test-only helper, imported by *.test.ts files): unsigned
 * transactions of every type that satisfy the static rules of validate.ts, and private keys.
 */
import fc from 'fast-check';
import { addressFromBytes, type Address } from '../primitives/address.js';
import { wordFromBytes, type Word } from '../primitives/word.js';
import { isValidPrivateKey } from './secp256k1.js';
import type { AccessListItem, Transaction, TxType } from './transaction.js';

const TWO_POW_64 = 1n << 64n;

const address: fc.Arbitrary<Address> = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => addressFromBytes(b));
const word: fc.Arbitrary<Word> = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => wordFromBytes(b));
const blobHash: fc.Arbitrary<Word> = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => {
  b[0] = 0x01;
  return wordFromBytes(b);
});
const accessList: fc.Arbitrary<AccessListItem[]> = fc.array(
  fc.tuple(address, fc.array(word, { maxLength: 3 })).map(([a, keys]) => ({ address: a, storageKeys: keys })),
  { maxLength: 3 },
);
/** Mostly small, sometimes huge: exercises 1-byte, 6-byte and 32-byte scalar paths. */
const fee: fc.Arbitrary<bigint> = fc.oneof(fc.bigInt({ min: 0n, max: 1n << 40n }), fc.bigInt({ min: 0n, max: 1n << 128n }));

export const privateKeyArbitrary: fc.Arbitrary<Uint8Array> = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((k) => isValidPrivateKey(k));

export interface TransactionArbitraryOptions {
  types?: readonly TxType[];
  chainId?: bigint;
  /** Allow EIP-155-less legacy transactions (chainId undefined). Default true. */
  allowUnprotectedLegacy?: boolean;
}

/** Unsigned (v = r = s = 0) transactions that pass validateTransaction for `chainId`. */
export function unsignedTransactionArbitrary(options: TransactionArbitraryOptions = {}): fc.Arbitrary<Transaction> {
  const chainId = options.chainId ?? 1n;
  const types = options.types ?? [0, 1, 2, 3];
  return fc
    .record({
      type: fc.constantFrom(...types),
      unprotected: options.allowUnprotectedLegacy === false ? fc.constant(false) : fc.boolean(),
      nonce: fc.bigInt({ min: 0n, max: TWO_POW_64 - 2n }),
      feeA: fee,
      feeB: fee,
      extraGas: fc.bigInt({ min: 0n, max: 1n << 40n }),
      to: fc.option(address, { nil: null }),
      value: fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
      data: fc.uint8Array({ maxLength: 160 }),
      accessList,
      maxFeePerBlobGas: fee,
      blobVersionedHashes: fc.array(blobHash, { minLength: 1, maxLength: 6 }),
      toForBlob: address,
    })
    .map((r): Transaction => {
      const maxFeePerGas = r.feeA > r.feeB ? r.feeA : r.feeB;
      const priority = r.feeA > r.feeB ? r.feeB : r.feeA;
      const typed = r.type !== 0;
      const dynamic = r.type === 2 || r.type === 3;
      const tx: Transaction = {
        type: r.type,
        chainId: r.type === 0 && r.unprotected ? undefined : chainId,
        nonce: r.nonce,
        gasPrice: maxFeePerGas,
        maxPriorityFeePerGas: dynamic ? priority : maxFeePerGas,
        maxFeePerGas,
        gasLimit: 0n,
        to: r.type === 3 ? r.toForBlob : r.to,
        value: r.value,
        data: r.data,
        accessList: typed ? r.accessList : [],
        maxFeePerBlobGas: r.type === 3 ? r.maxFeePerBlobGas : 0n,
        blobVersionedHashes: r.type === 3 ? r.blobVersionedHashes : [],
        v: 0n,
        r: 0n,
        s: 0n,
      };
      tx.gasLimit = minimumGas(tx) + r.extraGas;
      return tx;
    });
}

/** Intrinsic gas recomputed independently of intrinsic-gas.ts (so the generator does not trust it). */
function minimumGas(tx: Transaction): bigint {
  let gas = tx.to === null ? 53000n + 2n * BigInt(Math.ceil(tx.data.length / 32)) : 21000n;
  for (const b of tx.data) gas += b === 0 ? 4n : 16n;
  for (const item of tx.accessList) gas += 2400n + 1900n * BigInt(item.storageKeys.length);
  return gas;
}
