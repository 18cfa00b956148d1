/**
 * The compiled benchmark contracts (contracts/*.sol) as calldata codecs, and the deployments the
 * workloads share (an ERC-20 token with funded holders).
 */
import type { Address } from '../primitives/address.js';
import { ContractCodec } from './abi.js';
import type { GenesisBuilder } from './chain.js';
import { artifact, loadArtifacts } from './solc.js';

export interface BenchContracts {
  erc20: ContractCodec;
  pair: ContractCodec;
  router: ContractCodec;
  nft: ContractCodec;
  governor: ContractCodec;
  compute: ContractCodec;
}

let memo: { artifacts: object; contracts: BenchContracts } | undefined;

/** Codecs of the compiled contracts (compiled or read from .cache/solc on first use). */
export function benchContracts(options: { onCompile?: () => void } = {}): BenchContracts {
  const artifacts = loadArtifacts(options);
  if (memo?.artifacts === artifacts) return memo.contracts;
  const contracts: BenchContracts = {
    erc20: new ContractCodec(artifact(artifacts, 'ERC20')),
    pair: new ContractCodec(artifact(artifacts, 'UniswapV2Pair')),
    router: new ContractCodec(artifact(artifacts, 'SwapRouter')),
    nft: new ContractCodec(artifact(artifacts, 'NFTDrop')),
    governor: new ContractCodec(artifact(artifacts, 'Governor')),
    compute: new ContractCodec(artifact(artifacts, 'Compute')),
  };
  memo = { artifacts, contracts };
  return contracts;
}

/** Deploys an ERC20 owned by the deployer. */
export function deployToken(chain: GenesisBuilder, erc20: ContractCodec, name: string, symbol: string, decimals: number): Address {
  return chain.deploy(erc20.deployData(name, symbol, decimals), `ERC20 ${symbol}`);
}

/** Queues mints of `amount(i)` tokens to each holder (setup, from the token's owner). */
export function mintTo(chain: GenesisBuilder, erc20: ContractCodec, token: Address, holders: readonly Address[], amount: (i: number) => bigint): void {
  holders.forEach((holder, i) => chain.call(chain.deployer, token, erc20.calldata('mint', holder, amount(i)), `mint to holder ${i}`));
}
