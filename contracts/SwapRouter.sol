// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SwapRouter — the one-transaction swap flow of Uniswap V2's router, for a single pair.
/// @notice The user approves the router once per token; `swapExactTokensForTokens` quotes the output
///         from the pair's reserves (0.3% fee), enforces the deadline and the slippage bound, pulls the
///         input straight into the pair with transferFrom, and calls `swap`. `addLiquidity` seeds a pool.

interface IERC20 {
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

interface IUniswapV2Pair {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;
    function mint(address to) external returns (uint256 liquidity);
}

contract SwapRouter {
    error Expired();
    error InvalidToken(address token);
    error InsufficientOutputAmount(uint256 amountOut, uint256 amountOutMin);
    error InsufficientInputAmount();
    error InsufficientLiquidity();
    error TransferFromFailed(address token);

    function swapExactTokensForTokens(
        address pair,
        address tokenIn,
        uint256 amountIn,
        uint256 amountOutMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountOut) {
        if (block.timestamp > deadline) revert Expired();
        IUniswapV2Pair p = IUniswapV2Pair(pair);
        bool zeroForOne;
        if (tokenIn == p.token0()) zeroForOne = true;
        else if (tokenIn != p.token1()) revert InvalidToken(tokenIn);
        (uint112 reserve0, uint112 reserve1,) = p.getReserves();
        amountOut = zeroForOne ? getAmountOut(amountIn, reserve0, reserve1) : getAmountOut(amountIn, reserve1, reserve0);
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
        _safeTransferFrom(tokenIn, msg.sender, pair, amountIn);
        (uint256 amount0Out, uint256 amount1Out) = zeroForOne ? (uint256(0), amountOut) : (amountOut, uint256(0));
        p.swap(amount0Out, amount1Out, to, new bytes(0));
    }

    function addLiquidity(address pair, uint256 amount0, uint256 amount1, address to) external returns (uint256 liquidity) {
        IUniswapV2Pair p = IUniswapV2Pair(pair);
        _safeTransferFrom(p.token0(), msg.sender, pair, amount0);
        _safeTransferFrom(p.token1(), msg.sender, pair, amount1);
        liquidity = p.mint(to);
    }

    /// Uniswap V2's getAmountOut: the output for `amountIn` after the 0.3% fee.
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut) public pure returns (uint256) {
        if (amountIn == 0) revert InsufficientInputAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientLiquidity();
        uint256 amountInWithFee = amountIn * 997;
        return (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    function _safeTransferFrom(address token, address from, address to, uint256 value) private {
        (bool success, bytes memory data) = token.call(abi.encodeCall(IERC20.transferFrom, (from, to, value)));
        if (!success || (data.length != 0 && !abi.decode(data, (bool)))) revert TransferFromFailed(token);
    }
}
