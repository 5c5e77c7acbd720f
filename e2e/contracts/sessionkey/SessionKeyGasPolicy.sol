// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A wei budget with ZeroDev GasPolicy's install data, abi.encode(uint128 allowed, bool
/// enforcePaymaster, address allowedPaymaster), its getter gasPolicyConfig(id, account) → (allowed
/// left, enforcePaymaster, allowedPaymaster), and check: an operation may cost at most what is
/// left, its cost being (preVerificationGas + verificationGasLimit + callGasLimit) * maxFeePerGas,
/// and with a paymaster enforced it must use that one; otherwise the policy answers 1, which
/// Kernel turns into a revert.
contract SessionKeyGasPolicy is PolicyModule {
    struct GasPolicyConfig {
        uint128 allowed;
        bool enforcePaymaster;
        address allowedPaymaster;
    }

    mapping(bytes32 id => mapping(address account => GasPolicyConfig)) public gasPolicyConfig;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external payable returns (uint256) {
        require(_live(id, msg.sender), "gas budget not installed");
        GasPolicyConfig storage config = gasPolicyConfig[id][msg.sender];
        uint256 verificationGasLimit = uint128(bytes16(userOp.accountGasLimits));
        uint256 callGasLimit = uint128(uint256(userOp.accountGasLimits));
        uint256 maxFeePerGas = uint128(uint256(userOp.gasFees));
        uint128 cost = uint128((userOp.preVerificationGas + verificationGasLimit + callGasLimit) * maxFeePerGas);
        if (
            config.enforcePaymaster && config.allowedPaymaster != address(0)
                && address(bytes20(userOp.paymasterAndData[0:20])) != config.allowedPaymaster
        ) {
            return 1;
        }
        if (cost > config.allowed) {
            return 1;
        }
        config.allowed -= cost;
        return 0;
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        (uint128 allowed, bool enforcePaymaster, address allowedPaymaster) =
            abi.decode(data, (uint128, bool, address));
        gasPolicyConfig[id][msg.sender] = GasPolicyConfig(allowed, enforcePaymaster, allowedPaymaster);
    }
}
