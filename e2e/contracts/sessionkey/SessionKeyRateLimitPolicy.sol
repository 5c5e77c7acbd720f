// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// Spaced uses with ZeroDev RateLimitPolicy's install data, 18 packed bytes uint48 interval ‖
/// uint48 count ‖ uint48 startAt, and check: with no use left it answers 1 (Kernel reverts);
/// otherwise it takes one use, valid from startAt, and moves startAt one interval on.
contract SessionKeyRateLimitPolicy is PolicyModule {
    struct Limit {
        uint48 interval;
        uint48 count;
        uint48 startAt;
        bool live;
    }

    mapping(bytes32 id => mapping(address account => Limit)) public limits;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata) external payable returns (uint256) {
        Limit storage limit = limits[id][msg.sender];
        require(limit.live, "rate limit not installed");
        if (limit.count == 0) {
            return 1;
        }
        uint48 startAt = limit.startAt;
        limit.count -= 1;
        limit.startAt = startAt + limit.interval;
        return packWindow(startAt, 0);
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        require(!limits[id][msg.sender].live, "rate limit already installed");
        limits[id][msg.sender] =
            Limit(uint48(bytes6(data[0:6])), uint48(bytes6(data[6:12])), uint48(bytes6(data[12:18])), true);
    }

    function _uninstall(bytes32 id) internal override {
        require(limits[id][msg.sender].live, "rate limit not installed");
        delete limits[id][msg.sender];
    }

    function _live(bytes32 id, address account) internal view override returns (bool) {
        return limits[id][account].live;
    }
}
