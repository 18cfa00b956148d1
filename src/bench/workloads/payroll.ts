/**
 * `payroll`: a stablecoin payroll run. One employer hot wallet (as payroll providers and exchanges run
 * them) sends one USD-stablecoin `transfer` per employee, nonce after nonce: the realistic shape of
 * on-chain salary payments, and inherently sequential (every transaction bumps the same nonce and debits
 * the same token balance) — the worst case for a parallel executor. Employees (--accounts, default =
 * --txs) start with no tokens, so each payment creates a balance slot; with fewer employees than
 * transactions some are paid more than once.
 */
import { benchAccounts, namedAccount } from '../accounts.js';
import { BlockBuilder, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts, deployToken, mintTo } from '../contracts.js';
import { Random } from '../random.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

export const PAYROLL_TRANSFER_GAS = 65_000n;
export const USD = 10n ** 6n;

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts');
  const { erc20 } = benchContracts();
  const employer = namedAccount('payroll-employer');
  const employees = benchAccounts(n);
  const chain = new GenesisBuilder();
  chain.fund(employer.address, fundingFor(txs, PAYROLL_TRANSFER_GAS));
  const token = deployToken(chain, erc20, 'USD Stablecoin', 'USDS', 6);
  mintTo(chain, erc20, token, [employer.address], () => BigInt(txs) * 20_000n * USD);
  const genesis = chain.finish();

  const rng = new Random(options.seed);
  const builder = new BlockBuilder(genesis);
  for (let i = 0; i < txs; i++) {
    const salary = rng.bigintBetween(2_500n, 15_000n) * USD + rng.bigintBetween(0n, 99n) * (USD / 100n);
    builder.add(employer, token, erc20.calldata('transfer', employees[i % n]!.address, salary), PAYROLL_TRANSFER_GAS);
  }
  return {
    name: 'payroll',
    genesis,
    block: builder.build(),
    description: `${txs} stablecoin salary transfers from one employer wallet to ${Math.min(n, txs)} employees (one nonce chain: fully serial)`,
    contracts: { token },
  };
}

export const payrollWorkload: WorkloadDefinition = { name: 'payroll', summary: 'one employer wallet pays employees in a stablecoin (serial by nonce)', defaultTxs: 10_000, build };
