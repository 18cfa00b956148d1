/**
 * `nft`: a public NFT drop. Users (--accounts, default = --txs) each call the paid `mint()` of one
 * ERC-721 collection; every mint reads and bumps the shared `totalSupply` counter (the token id) and
 * credits the contract's ETH balance: the hot spot that serialises a naive parallel executor.
 */
import type { Address } from '../../primitives/address.js';
import { benchAccounts, type BenchAccount } from '../accounts.js';
import { BlockBuilder, ETHER, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts, type BenchContracts } from '../contracts.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

/** A first mint by a wallet writes four fresh slots: ~95k gas. */
export const MINT_GAS = 150_000n;
export const MINT_PRICE = ETHER / 1000n;
export const MAX_SUPPLY = 10_000_000n;

export function deployNft(chain: GenesisBuilder, c: BenchContracts, maxPerWallet: number): Address {
  return chain.deploy(c.nft.deployData('Parevm Punks', 'PPUNK', MINT_PRICE, MAX_SUPPLY, BigInt(maxPerWallet)), 'NFTDrop');
}

export function addMint(builder: BlockBuilder, c: BenchContracts, nft: Address, user: BenchAccount): void {
  builder.add(user, nft, c.nft.calldata('mint'), MINT_GAS, MINT_PRICE);
}

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts');
  const c = benchContracts();
  const users = benchAccounts(n);
  const chain = new GenesisBuilder();
  for (const u of users) chain.fund(u.address, fundingFor(Math.ceil(txs / n), MINT_GAS, MINT_PRICE));
  const nft = deployNft(chain, c, Math.max(5, Math.ceil(txs / n)));
  const genesis = chain.finish();
  const builder = new BlockBuilder(genesis);
  for (let i = 0; i < txs; i++) addMint(builder, c, nft, users[i % n]!);
  return {
    name: 'nft',
    genesis,
    block: builder.build(),
    description: `${txs} paid NFT mints by ${Math.min(n, txs)} users (shared token-id counter)`,
    contracts: { nft },
  };
}

export const nftWorkload: WorkloadDefinition = { name: 'nft', summary: 'NFT mints by distinct users (shared counter)', defaultTxs: 10_000, build };
