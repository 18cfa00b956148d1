/**
 * `mixed`: a blend like a busy L2 block, in random order: 35% ERC-20 transfers, 25% router swaps (on
 * --pools pools, default 4), 20% ETH transfers, 12% NFT mints, 8% DAO votes. Transaction i is sent by
 * user i mod N (--accounts, default = --txs); recipients are random users. Each kind keeps its own hot
 * spots (pool reserves, the NFT counter, the vote tallies) and the rest is independent.
 */
import type { Address } from '../../primitives/address.js';
import { EMPTY_BYTES } from '../../primitives/bytes.js';
import { benchAccounts, type BenchAccount } from '../accounts.js';
import { BlockBuilder, ETHER, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts, deployToken, mintTo } from '../contracts.js';
import { Random } from '../random.js';
import { deployAmm, planSwap, prepareSwaps, SWAP_GAS, type SwapPlan } from './amm.js';
import { addVote, deployDao, PROPOSALS } from './dao.js';
import { ERC20_TRANSFER_GAS, HOLDER_TOKENS, TOKEN_UNIT } from './erc20.js';
import { addMint, deployNft } from './nft.js';
import { ETH_TRANSFER_GAS, MAX_VALUE } from './raw.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

type Kind = 'erc20' | 'swap' | 'eth' | 'mint' | 'vote';

/** Percentages of each kind. */
export const MIX: ReadonlyArray<readonly [Kind, number]> = [['erc20', 35], ['swap', 25], ['eth', 20], ['mint', 12], ['vote', 8]];

function pickKind(rng: Random): Kind {
  let r = rng.int(100);
  for (const [kind, percent] of MIX) {
    if (r < percent) return kind;
    r -= percent;
  }
  return 'erc20';
}

interface Planned {
  kind: Kind;
  user: BenchAccount;
  swap?: SwapPlan;
  proposal?: number;
}

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts', 2);
  const poolCount = positiveOption(options.pools, 4, 'pools');
  const c = benchContracts();
  const users = benchAccounts(n);
  const rng = new Random(options.seed);
  const chain = new GenesisBuilder();
  // Enough for the costliest kind (a swap's gas, or an ETH transfer's value) for every transaction sent.
  for (const u of users) chain.fund(u.address, fundingFor(Math.ceil(txs / n), SWAP_GAS, MAX_VALUE));

  const token = deployToken(chain, c.erc20, 'Parevm Token', 'PVM', 18);
  const amm = deployAmm(chain, c, poolCount);
  const nft = deployNft(chain, c, Math.max(5, Math.ceil(txs / n)));

  // Plan in block order (swaps replay the reserves); a voter past PROPOSALS votes sends a transfer.
  const votesBy = new Map<Address, number>();
  const plans: Planned[] = [];
  for (let i = 0; i < txs; i++) {
    const user = users[i % n]!;
    let kind = pickKind(rng);
    if (kind === 'vote') {
      const count = votesBy.get(user.address) ?? 0;
      if (count >= PROPOSALS) kind = 'erc20';
      else votesBy.set(user.address, count + 1);
    }
    const plan: Planned = { kind, user };
    if (kind === 'swap') plan.swap = planSwap(amm, rng);
    if (kind === 'vote') plan.proposal = votesBy.get(user.address)!;
    plans.push(plan);
  }

  const senders = (kind: Kind) => [...new Set(plans.filter((p) => p.kind === kind).map((p) => p.user))];
  mintTo(chain, c.erc20, token, senders('erc20').map((u) => u.address), () => HOLDER_TOKENS);
  const addSwap = prepareSwaps(chain, c, amm, plans.filter((p) => p.kind === 'swap').map((p) => ({ user: p.user, plan: p.swap! })));
  const dao = deployDao(chain, c, senders('vote'), rng);
  const genesis = chain.finish();

  const builder = new BlockBuilder(genesis);
  for (const p of plans) {
    switch (p.kind) {
      case 'erc20':
        builder.add(p.user, token, c.erc20.calldata('transfer', rng.pick(users).address, rng.bigintBetween(TOKEN_UNIT, 100n * TOKEN_UNIT)), ERC20_TRANSFER_GAS);
        break;
      case 'swap':
        addSwap(builder, p.user, p.swap!);
        break;
      case 'eth':
        builder.add(p.user, rng.pick(users).address, EMPTY_BYTES, ETH_TRANSFER_GAS, rng.bigintBetween(ETHER / 1000n, MAX_VALUE));
        break;
      case 'mint':
        addMint(builder, c, nft, p.user);
        break;
      case 'vote':
        addVote(builder, c, dao, p.user, p.proposal!, rng);
        break;
    }
  }
  const counts = MIX.map(([kind]) => `${plans.filter((p) => p.kind === kind).length} ${kind}`).join(', ');
  const contracts: Record<string, Address> = { token, weth: amm.weth, router: amm.router, nft, governor: dao.governor, daoToken: dao.token };
  amm.pools.forEach((pool, i) => (contracts[`pair${i}`] = pool.pair));
  return {
    name: 'mixed',
    genesis,
    block: builder.build(),
    description: `${txs} mixed transactions (${counts}) by ${Math.min(n, txs)} users, ${poolCount} pools`,
    contracts,
  };
}

export const mixedWorkload: WorkloadDefinition = { name: 'mixed', summary: 'an L2-like blend of transfers, ERC-20, swaps, mints and votes', defaultTxs: 10_000, build };
