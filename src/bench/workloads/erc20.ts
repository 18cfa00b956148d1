/**
 * `erc20`: token transfers. N holders (--accounts, default = --txs) each hold tokens; transaction i is
 * `transfer(random other holder, amount)` sent by holder i mod N, so by default 10,000 distinct senders
 * pay random holders. Fewer holders = more transactions on the same balance slots (and nonce chains).
 */
import type { Address } from '../../primitives/address.js';
import { benchAccounts } from '../accounts.js';
import { BlockBuilder, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts, deployToken, mintTo } from '../contracts.js';
import { Random } from '../random.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

/** A transfer to a holder with a non-zero balance uses ~35k gas, to an empty balance ~52k. */
export const ERC20_TRANSFER_GAS = 65_000n;
export const TOKEN_UNIT = 10n ** 18n;
export const HOLDER_TOKENS = 1_000_000n * TOKEN_UNIT;

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts', 2);
  const { erc20 } = benchContracts();
  const holders = benchAccounts(n);
  const chain = new GenesisBuilder();
  for (const h of holders) chain.fund(h.address, fundingFor(Math.ceil(txs / n), ERC20_TRANSFER_GAS));
  const token: Address = deployToken(chain, erc20, 'Parevm Token', 'PVM', 18);
  mintTo(chain, erc20, token, holders.map((h) => h.address), () => HOLDER_TOKENS);
  const genesis = chain.finish();

  const rng = new Random(options.seed);
  const builder = new BlockBuilder(genesis);
  for (let i = 0; i < txs; i++) {
    const from = i % n;
    const to = holders[rng.intExcept(n, from)]!.address;
    builder.add(holders[from]!, token, erc20.calldata('transfer', to, rng.bigintBetween(TOKEN_UNIT, 100n * TOKEN_UNIT)), ERC20_TRANSFER_GAS);
  }
  return {
    name: 'erc20',
    genesis,
    block: builder.build(),
    description: `${txs} ERC-20 transfers from ${Math.min(n, txs)} senders to random holders (${n} holders)`,
    contracts: { token },
  };
}

export const erc20Workload: WorkloadDefinition = { name: 'erc20', summary: 'ERC-20 transfers between holders (--accounts: holders)', defaultTxs: 10_000, build };
