// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A validity window with ZeroDev TimestampPolicy's install data, abi.encode(uint48 validAfter,
/// uint48 validUntil), answered as validationData for the EntryPoint to enforce, and its getter
/// timestampPolicyConfig(id, account) → (validAfter, validUntil).
contract SessionKeyTimestampPolicy is PolicyModule {
    struct TimestampPolicyConfig {
        uint48 validAfter;
        uint48 validUntil;
    }

    mapping(bytes32 id => mapping(address account => TimestampPolicyConfig)) public timestampPolicyConfig;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata) external payable returns (uint256) {
        require(_live(id, msg.sender), "window not installed");
        TimestampPolicyConfig memory config = timestampPolicyConfig[id][msg.sender];
        return packWindow(config.validAfter, config.validUntil);
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        (uint48 validAfter, uint48 validUntil) = abi.decode(data, (uint48, uint48));
        timestampPolicyConfig[id][msg.sender] = TimestampPolicyConfig(validAfter, validUntil);
    }
}
