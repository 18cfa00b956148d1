/**
 * `compute`: CPU-bound calls for raw interpreter throughput (report Mgas/s). Each transaction calls
 * Compute.run(seed, COMPUTE_ROUNDS) (keccak chain + quicksort + modular arithmetic, ~2.2M gas) from its own sender
 * (--accounts, default = --txs), storing the result per sender: independent transactions.
 */
import { benchAccounts } from '../accounts.js';
import { BlockBuilder, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts } from '../contracts.js';
import { Random } from '../random.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

/** Rounds per call; one round is ~175k gas (measured: 10 rounds 1.85M), so a call is ~2.2M gas. */
export const COMPUTE_ROUNDS = 12n;
export const COMPUTE_GAS = 3_000_000n;

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 50, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts');
  const c = benchContracts();
  const users = benchAccounts(n);
  const chain = new GenesisBuilder();
  for (const u of users) chain.fund(u.address, fundingFor(Math.ceil(txs / n), COMPUTE_GAS));
  const compute = chain.deploy(c.compute.deployData(), 'Compute');
  const genesis = chain.finish();

  const rng = new Random(options.seed);
  const builder = new BlockBuilder(genesis);
  for (let i = 0; i < txs; i++) {
    builder.add(users[i % n]!, compute, c.compute.calldata('run', rng.bigintBetween(1n, 1n << 64n), COMPUTE_ROUNDS), COMPUTE_GAS);
  }
  return {
    name: 'compute',
    genesis,
    block: builder.build(),
    description: `${txs} compute-heavy calls (keccak + sort + mulmod, ${COMPUTE_ROUNDS} rounds each) from ${Math.min(n, txs)} senders`,
    contracts: { compute },
  };
}

export const computeWorkload: WorkloadDefinition = { name: 'compute', summary: 'compute-heavy contract calls (Mgas/s)', defaultTxs: 50, build };
