/**
 * Test support (devDependencies only; never import from runtime code): runs a built differential case in
 * @ethereumjs/vm v10 — Cancun via @ethereumjs/common, a fresh MerkleStateManager holding the pre-state,
 * a block header with our number/timestamp/coinbase/base fee/gas limit/prevRandao/excess blob gas, a mock
 * blockchain answering BLOCKHASH like our BlockEnv, and runTx per transaction (each in its own one-tx
 * block, as the parevm side does). Transactions are decoded from our canonical encoding; their sender is
 * the known signer instead of a recovery (recovery is covered by src/tx/differential.test.ts and costs
 * ~2 ms per transaction in ethereumjs).
 */
import { createBlock, type Block } from '@ethereumjs/block';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { MerkleStateManager } from '@ethereumjs/statemanager';
import { createTxFromRLP, type TypedTransaction } from '@ethereumjs/tx';
import { Address, createAccount } from '@ethereumjs/util';
import { createVM, runTx } from '@ethereumjs/vm';
import { addressToBytes } from '../primitives/address.js';
import { bytesToHex, hexToBytes } from '../primitives/hex.js';
import { wordToBytes } from '../primitives/word.js';
import { referenceKzg } from './reference-kzg.js';
import { testBlockHash, type BuiltCase } from './evm-case.js';
import { noteWrite, quantityHex, slotHex, type AccountView, type RunObservation, type TxObservation } from './evm-observation.js';

type Kzg = NonNullable<NonNullable<ConstructorParameters<typeof Common>[0]['customCrypto']>['kzg']>;
let common: Common | undefined;

/** Cancun mainnet with a real KZG (the point evaluation precompile may be called). */
function cancun(): Common {
  common ??= new Common({ chain: Mainnet, hardfork: Hardfork.Cancun, customCrypto: { kzg: referenceKzg() as unknown as Kzg } });
  return common;
}

const blockchain = {
  async getBlock(n: number | bigint) {
    const hash = testBlockHash(BigInt(n));
    return { hash: () => hash };
  },
  async putBlock() {},
  shallowCopy() {
    return this;
  },
};

function headerOf(built: BuiltCase): Block {
  const env = built.env;
  return createBlock(
    {
      header: {
        number: env.number,
        timestamp: env.timestamp,
        coinbase: new Address(addressToBytes(env.coinbase)),
        baseFeePerGas: env.baseFee,
        gasLimit: env.gasLimit,
        mixHash: wordToBytes(env.prevRandao),
        excessBlobGas: env.excessBlobGas,
        blobGasUsed: 0n,
        parentBeaconBlockRoot: new Uint8Array(32),
      },
    },
    { common: cancun() },
  );
}

/** Records every address and slot the state manager is asked to write. */
function recordWrites(sm: MerkleStateManager, written: Map<string, Set<string>>): void {
  const putAccount = sm.putAccount.bind(sm);
  const deleteAccount = sm.deleteAccount.bind(sm);
  const putCode = sm.putCode.bind(sm);
  const putStorage = sm.putStorage.bind(sm);
  const clearStorage = sm.clearStorage.bind(sm);
  sm.putAccount = (a, acc) => (noteWrite(written, a.toString()), putAccount(a, acc));
  sm.deleteAccount = (a) => (noteWrite(written, a.toString()), deleteAccount(a));
  sm.putCode = (a, code) => (noteWrite(written, a.toString()), putCode(a, code));
  sm.putStorage = (a, key, value) => (noteWrite(written, a.toString(), slotHex(key)), putStorage(a, key, value));
  sm.clearStorage = (a) => (noteWrite(written, a.toString()), clearStorage(a));
}

/** The transaction with its sender fixed (ethereumjs transaction objects are frozen, so it is wrapped). */
function withSender(tx: TypedTransaction, sender: Address): TypedTransaction {
  return Object.create(tx, { getSenderAddress: { value: () => sender } }) as TypedTransaction;
}

export async function runInEthereumJs(built: BuiltCase): Promise<RunObservation> {
  const c = cancun();
  const sm = new MerkleStateManager({ common: c });
  for (const a of built.pre) {
    const address = new Address(addressToBytes(a.address));
    await sm.putAccount(address, createAccount({ nonce: a.nonce, balance: a.balance }));
    if (a.code.length > 0) await sm.putCode(address, a.code);
    for (const [k, v] of a.storage) await sm.putStorage(address, wordToBytes(k), wordToBytes(v));
  }
  const preStateRoot = bytesToHex(await sm.getStateRoot());
  const written = new Map<string, Set<string>>();
  recordWrites(sm, written);
  const vm = await createVM({ common: c, stateManager: sm, blockchain });
  const block = headerOf(built);

  const txs: TxObservation[] = [];
  for (let i = 0; i < built.txs.length; i++) {
    const invalid = async (error: unknown): Promise<TxObservation> => ({
      valid: false,
      error: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 300) : String(error),
      status: 0,
      gasUsed: 0n,
      logs: [],
      createdAddress: null,
      stateRoot: bytesToHex(await sm.getStateRoot()),
    });
    let tx: TypedTransaction;
    try {
      tx = createTxFromRLP(built.encodedTxs[i]!, { common: c });
    } catch (error) {
      txs.push(await invalid(error));
      continue;
    }
    const sender = new Address(addressToBytes(built.txs[i]!.sender));
    try {
      const r = await runTx(vm, { tx: withSender(tx, sender), block, skipHardForkValidation: true });
      txs.push({
        valid: true,
        status: 'status' in r.receipt ? r.receipt.status : -1,
        gasUsed: r.totalGasSpent,
        logs: (r.execResult.logs ?? []).map(([address, topics, data]) => ({ address: bytesToHex(address), topics: topics.map((t) => bytesToHex(t)), data: bytesToHex(data) })),
        createdAddress: r.createdAddress?.toString() ?? null,
        stateRoot: bytesToHex(await sm.getStateRoot()),
      });
    } catch (error) {
      txs.push(await invalid(error));
    }
  }

  return {
    preStateRoot,
    txs,
    written,
    async readAccount(addressHex: string, slots: Iterable<string>): Promise<AccountView | null> {
      const address = new Address(hexToBytes(addressHex));
      const acc = await sm.getAccount(address);
      if (acc === undefined) return null;
      const storage: Record<string, string> = {};
      for (const slot of slots) {
        const v = await sm.getStorage(address, hexToBytes(slot));
        if (v.some((b) => b !== 0)) storage[slot] = quantityHex(v);
      }
      return { nonce: acc.nonce, balance: acc.balance, code: bytesToHex(await sm.getCode(address)), storage };
    },
  };
}

