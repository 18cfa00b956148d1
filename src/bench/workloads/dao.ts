/**
 * `dao`: governance votes. Voters (--accounts, default = --txs) hold a governance token (random weights)
 * and vote for/against/abstain (60/30/10%) on one of 3 open proposals; every vote adds the voter's weight
 * to a per-proposal tally shared by all voters (the hot spot). A voter votes at most once per proposal,
 * so --txs may be at most 3 x --accounts.
 */
import type { Address } from '../../primitives/address.js';
import { InvalidInputError } from '../../primitives/errors.js';
import { benchAccounts, type BenchAccount } from '../accounts.js';
import { BlockBuilder, ETHER, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts, deployToken, mintTo, type BenchContracts } from '../contracts.js';
import { Random } from '../random.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

/** A vote (fresh hasVoted slot, tally update, balanceOf call) uses ~60-80k gas. */
export const VOTE_GAS = 120_000n;
export const PROPOSALS = 3;
export const VOTING_PERIOD = 50_400n;

export interface Dao {
  token: Address;
  governor: Address;
  /** Each voter's weight (its token balance). */
  weights: Map<Address, bigint>;
}

/** Deploys the governance token and the governor, funds the voters' weights, opens PROPOSALS proposals. */
export function deployDao(chain: GenesisBuilder, c: BenchContracts, voters: readonly BenchAccount[], rng: Random): Dao {
  const token = deployToken(chain, c.erc20, 'Parevm DAO', 'PDAO', 18);
  const governor = chain.deploy(c.governor.deployData(token, 1_000n * ETHER), 'Governor');
  const weights = new Map<Address, bigint>();
  for (const v of voters) weights.set(v.address, rng.bigintBetween(1n, 10_000n) * ETHER);
  mintTo(chain, c.erc20, token, [chain.deployer], () => 100_000n * ETHER);
  mintTo(chain, c.erc20, token, voters.map((v) => v.address), (i) => weights.get(voters[i]!.address)!);
  for (let p = 1; p <= PROPOSALS; p++) chain.call(chain.deployer, governor, c.governor.calldata('propose', `Proposal ${p}: fund the ecosystem grant round`, VOTING_PERIOD), `propose ${p}`);
  chain.flush();
  return { token, governor, weights };
}

/** Adds a vote on `proposalId` with a random support (60% for, 30% against, 10% abstain). */
export function addVote(builder: BlockBuilder, c: BenchContracts, dao: Dao, voter: BenchAccount, proposalId: number, rng: Random): void {
  const r = rng.int(10);
  const support = r < 6 ? 1 : r < 9 ? 0 : 2;
  builder.add(voter, dao.governor, c.governor.calldata('vote', BigInt(proposalId), support), VOTE_GAS);
}

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts');
  if (txs > PROPOSALS * n) throw new InvalidInputError(`dao: each voter votes once per proposal, so --txs must be at most ${PROPOSALS} x --accounts`, { details: `txs ${txs}, accounts ${n}` });
  const c = benchContracts();
  const voters = benchAccounts(n);
  const rng = new Random(options.seed);
  const chain = new GenesisBuilder();
  for (const v of voters) chain.fund(v.address, fundingFor(PROPOSALS, VOTE_GAS));
  const dao = deployDao(chain, c, voters, rng);
  const genesis = chain.finish();

  // Voter i's k-th vote goes to the k-th proposal of its own random order.
  const orders = voters.map(() => rng.shuffle(Array.from({ length: PROPOSALS }, (_, p) => p + 1)));
  const builder = new BlockBuilder(genesis);
  for (let i = 0; i < txs; i++) {
    const v = i % n;
    addVote(builder, c, dao, voters[v]!, orders[v]![Math.floor(i / n)]!, rng);
  }
  return {
    name: 'dao',
    genesis,
    block: builder.build(),
    description: `${txs} token-weighted votes by ${Math.min(n, txs)} voters on ${PROPOSALS} proposals (shared tallies)`,
    contracts: { token: dao.token, governor: dao.governor },
  };
}

export const daoWorkload: WorkloadDefinition = { name: 'dao', summary: 'DAO votes by distinct voters on 3 proposals (hot tallies)', defaultTxs: 10_000, build };
