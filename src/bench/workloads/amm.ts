/**
 * `amm`: token swaps through a router on --pools constant-product pairs (default 1 = every swap on the
 * same reserves: fully serial; try 100). Pool p pairs a shared wrapped-ether token with its own token;
 * each user (--accounts, default = --txs) swaps a random amount in a random direction on a random pool
 * with a 0.5% slippage bound, which the generator sets by replaying the pools' reserves in block order
 * (Uniswap V2 getAmountOut), so every swap succeeds. The users' input tokens and router approvals are
 * set up in the genesis.
 */
import type { Address } from '../../primitives/address.js';
import { benchAccounts, type BenchAccount } from '../accounts.js';
import { BENCH_TIMESTAMP, BlockBuilder, ETHER, fundingFor, GenesisBuilder } from '../chain.js';
import { benchContracts, deployToken, mintTo, type BenchContracts } from '../contracts.js';
import { Random } from '../random.js';
import { positiveOption, type Workload, type WorkloadDefinition, type WorkloadOptions } from './workload.js';

/** A router swap costs ~95k gas (~115k when the output creates the recipient's balance). */
export const SWAP_GAS = 250_000n;
export const POOL_WETH = 1_000n * ETHER;
export const POOL_TOKENS = 2_000_000n * ETHER;
const MAX_UINT256 = (1n << 256n) - 1n;

export interface Pool {
  pair: Address;
  token0: Address;
  token1: Address;
  /** Reserves as the generator replays them (in block order). */
  reserve0: bigint;
  reserve1: bigint;
}

export interface AmmDeployment {
  weth: Address;
  router: Address;
  pools: Pool[];
}

export interface SwapPlan {
  pool: number;
  tokenIn: Address;
  amountIn: bigint;
  amountOutMin: bigint;
}

/** Uniswap V2's getAmountOut (0.3% fee). */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint {
  const withFee = amountIn * 997n;
  return (withFee * reserveOut) / (reserveIn * 1000n + withFee);
}

/** Deploys the wrapped-ether token, the router, and `count` pools seeded with liquidity by the deployer. */
export function deployAmm(chain: GenesisBuilder, c: BenchContracts, count: number): AmmDeployment {
  const weth = deployToken(chain, c.erc20, 'Wrapped Ether', 'WETH', 18);
  const router = chain.deploy(c.router.deployData(), 'SwapRouter');
  const pools: Pool[] = [];
  for (let p = 0; p < count; p++) {
    const token = deployToken(chain, c.erc20, `Pool Token ${p}`, `TKN${p}`, 18);
    const pair = chain.deploy(c.pair.deployData(weth, token), `UniswapV2Pair ${p}`);
    const wethIs0 = weth < token;
    pools.push({ pair, token0: wethIs0 ? weth : token, token1: wethIs0 ? token : weth, reserve0: wethIs0 ? POOL_WETH : POOL_TOKENS, reserve1: wethIs0 ? POOL_TOKENS : POOL_WETH });
    mintTo(chain, c.erc20, token, [chain.deployer], () => POOL_TOKENS);
    chain.call(chain.deployer, token, c.erc20.calldata('approve', router, MAX_UINT256), `approve TKN${p}`);
  }
  mintTo(chain, c.erc20, weth, [chain.deployer], () => POOL_WETH * BigInt(count));
  chain.call(chain.deployer, weth, c.erc20.calldata('approve', router, MAX_UINT256), 'approve WETH');
  for (const [p, pool] of pools.entries()) {
    chain.call(chain.deployer, router, c.router.calldata('addLiquidity', pool.pair, pool.reserve0, pool.reserve1, chain.deployer), `add liquidity to pool ${p}`);
  }
  chain.flush();
  return { weth, router, pools };
}

/** A random swap on a random pool, applied to the replayed reserves. */
export function planSwap(amm: AmmDeployment, rng: Random): SwapPlan {
  const p = rng.int(amm.pools.length);
  const pool = amm.pools[p]!;
  const sellWeth = rng.int(2) === 0;
  const tokenIn = sellWeth ? amm.weth : pool.token0 === amm.weth ? pool.token1 : pool.token0;
  const amountIn = sellWeth ? rng.bigintBetween(ETHER / 100n, 2n * ETHER) : rng.bigintBetween(20n * ETHER, 4_000n * ETHER);
  const zeroForOne = tokenIn === pool.token0;
  const [reserveIn, reserveOut] = zeroForOne ? [pool.reserve0, pool.reserve1] : [pool.reserve1, pool.reserve0];
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut);
  if (zeroForOne) {
    pool.reserve0 += amountIn;
    pool.reserve1 -= amountOut;
  } else {
    pool.reserve1 += amountIn;
    pool.reserve0 -= amountOut;
  }
  return { pool: p, tokenIn, amountIn, amountOutMin: (amountOut * 995n) / 1000n };
}

/**
 * Gives each swapper its input tokens and a one-time unlimited router approval per token (setup), then
 * returns a function that adds the swap transaction to the block.
 */
export function prepareSwaps(chain: GenesisBuilder, c: BenchContracts, amm: AmmDeployment, swaps: ReadonlyArray<{ user: BenchAccount; plan: SwapPlan }>) {
  const needs = new Map<string, bigint>(); // user|token -> total input
  for (const { user, plan } of swaps) {
    const key = user.address + plan.tokenIn;
    needs.set(key, (needs.get(key) ?? 0n) + plan.amountIn);
  }
  for (const [key, amount] of needs) {
    const user = key.slice(0, 10) as Address;
    const token = key.slice(10) as Address;
    chain.call(chain.deployer, token, c.erc20.calldata('mint', user, amount), 'mint swap input');
    chain.call(user, token, c.erc20.calldata('approve', amm.router, MAX_UINT256), 'approve router');
  }
  const deadline = BENCH_TIMESTAMP + 1_200n;
  return (builder: BlockBuilder, user: BenchAccount, plan: SwapPlan): void => {
    const pair = amm.pools[plan.pool]!.pair;
    builder.add(user, amm.router, c.router.calldata('swapExactTokensForTokens', pair, plan.tokenIn, plan.amountIn, plan.amountOutMin, user.address, deadline), SWAP_GAS);
  };
}

function build(options: WorkloadOptions): Workload {
  const txs = positiveOption(options.txs, 10_000, 'txs');
  const n = positiveOption(options.accounts, txs, 'accounts');
  const poolCount = positiveOption(options.pools, 1, 'pools');
  const c = benchContracts();
  const users = benchAccounts(n);
  const chain = new GenesisBuilder();
  for (const u of users) chain.fund(u.address, fundingFor(Math.ceil(txs / n), SWAP_GAS));
  const amm = deployAmm(chain, c, poolCount);

  const rng = new Random(options.seed);
  const swaps = Array.from({ length: txs }, (_, i) => ({ user: users[i % n]!, plan: planSwap(amm, rng) }));
  const addSwap = prepareSwaps(chain, c, amm, swaps);
  const genesis = chain.finish();
  const builder = new BlockBuilder(genesis);
  for (const { user, plan } of swaps) addSwap(builder, user, plan);

  const contracts: Record<string, Address> = { weth: amm.weth, router: amm.router };
  amm.pools.forEach((p, i) => (contracts[`pair${i}`] = p.pair));
  return {
    name: 'amm',
    genesis,
    block: builder.build(),
    description: `${txs} router swaps by ${Math.min(n, txs)} users on ${poolCount} constant-product pool${poolCount === 1 ? '' : 's'}`,
    contracts,
  };
}

export const ammWorkload: WorkloadDefinition = { name: 'amm', summary: 'Uniswap-V2-style swaps (--pools: pools, 1 = fully serial)', defaultTxs: 10_000, build };
