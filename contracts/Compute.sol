// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Compute — a CPU-bound contract for measuring raw interpreter throughput (Mgas/s).
/// @notice `run(seed, rounds)`: each round fills a 64-word memory array from a keccak chain, quicksorts
///         it (comparisons, swaps, bounds-checked memory, internal calls), and folds it with mulmod and
///         bit arithmetic; about 175k gas per round. The result is stored per caller, so calls from
///         different senders are independent.
contract Compute {
    uint256 private constant SIZE = 64;
    uint256 private constant P = 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffac73;

    mapping(address caller => bytes32) public lastResult;

    event Computed(address indexed caller, uint256 rounds, bytes32 result);

    function run(uint256 seed, uint256 rounds) external returns (bytes32 h) {
        uint256[] memory data = new uint256[](SIZE);
        h = bytes32(seed);
        uint256 acc = seed | 1;
        for (uint256 r = 0; r < rounds; r++) {
            for (uint256 i = 0; i < SIZE; i++) {
                assembly {
                    mstore(0x00, h)
                    mstore(0x20, i)
                    h := keccak256(0x00, 0x40)
                }
                data[i] = uint256(h);
            }
            _quicksort(data, 0, int256(SIZE - 1));
            for (uint256 i = 0; i < SIZE; i += 4) {
                acc = mulmod(acc ^ data[i], data[i + 1] | 1, P);
                acc = addmod(acc, (data[i + 2] >> 7) * 31 + (data[i + 3] & 0xffff), P);
            }
            h ^= bytes32(acc);
        }
        lastResult[msg.sender] = h;
        emit Computed(msg.sender, rounds, h);
    }

    function _quicksort(uint256[] memory a, int256 lo, int256 hi) private pure {
        while (lo < hi) {
            uint256 pivot = a[uint256(lo + (hi - lo) / 2)];
            int256 i = lo;
            int256 j = hi;
            while (i <= j) {
                while (a[uint256(i)] < pivot) i++;
                while (a[uint256(j)] > pivot) j--;
                if (i <= j) {
                    (a[uint256(i)], a[uint256(j)]) = (a[uint256(j)], a[uint256(i)]);
                    i++;
                    j--;
                }
            }
            // recurse into the smaller half, loop on the larger (bounded stack depth)
            if (j - lo < hi - i) {
                if (lo < j) _quicksort(a, lo, j);
                lo = i;
            } else {
                if (i < hi) _quicksort(a, i, hi);
                hi = j;
            }
        }
    }
}
