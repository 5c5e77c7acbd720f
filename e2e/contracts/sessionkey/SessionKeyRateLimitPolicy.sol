// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// Spaced uses with ZeroDev RateLimitPolicy's install data, 18 packed bytes uint48 interval ‖
/// uint48 count ‖ uint48 startAt, its getter rateLimitConfigs(id, account) → (interval, count
/// left, next startAt), and check: with no use left it answers 1 (Kernel reverts); otherwise it
/// takes one use, valid from startAt, and moves startAt one interval on.
contract SessionKeyRateLimitPolicy is PolicyModule {
    struct RateLimitConfig {
        uint48 interval;
        uint48 count;
        uint48 startAt;
    }

    mapping(bytes32 id => mapping(address account => RateLimitConfig)) public rateLimitConfigs;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata) external payable returns (uint256) {
        require(_live(id, msg.sender), "rate limit not installed");
        RateLimitConfig storage config = rateLimitConfigs[id][msg.sender];
        if (config.count == 0) {
            return 1;
        }
        uint48 startAt = config.startAt;
        config.count -= 1;
        config.startAt = startAt + config.interval;
        return packWindow(startAt, 0);
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        rateLimitConfigs[id][msg.sender] =
            RateLimitConfig(uint48(bytes6(data[0:6])), uint48(bytes6(data[6:12])), uint48(bytes6(data[12:18])));
    }
}
