/**
 * `raw`: plain ETH transfers. Transaction i is sent by account i mod N to a random other account of the
 * same N (N = --accounts, default = --txs): with N >= txs every sender is distinct, and fewer accounts
 * mean nonce chains and more transactions touching the same balances.
 */
import { EMPTY_BYTES } from '../../primitives/bytes.js';
import { benchAccounts } from '../accounts.js';
import { BlockBuilder, ETHER, fundingFor, GenesisBuilder } from '../chain.js';
import { Random } from '../random.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

export const ETH_TRANSFER_GAS = 21_000n;
/** Transfers send 0.001 to 0.1 ETH. */
export const MAX_VALUE = ETHER / 10n;

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts', 2);
  const users = benchAccounts(n);
  const chain = new GenesisBuilder();
  for (const u of users) chain.fund(u.address, fundingFor(Math.ceil(txs / n), ETH_TRANSFER_GAS, MAX_VALUE));
  const genesis = chain.finish();

  const rng = new Random(options.seed);
  const builder = new BlockBuilder(genesis);
  for (let i = 0; i < txs; i++) {
    const from = i % n;
    const to = rng.intExcept(n, from);
    builder.add(users[from]!, users[to]!.address, EMPTY_BYTES, ETH_TRANSFER_GAS, rng.bigintBetween(ETHER / 1000n, MAX_VALUE));
  }
  return {
    name: 'raw',
    genesis,
    block: builder.build(),
    description: `${txs} ETH transfers among ${n} accounts`,
    contracts: {},
  };
}

export const rawWorkload: WorkloadDefinition = { name: 'raw', summary: 'plain ETH transfers (--accounts: senders/recipients)', defaultTxs: 10_000, build };
