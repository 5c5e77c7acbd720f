// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A wei budget with ZeroDev GasPolicy's install data, abi.encode(uint128 allowed, bool
/// enforcePaymaster, address allowedPaymaster), and check: an operation may cost at most what is
/// left, its cost being (preVerificationGas + verificationGasLimit + callGasLimit) * maxFeePerGas,
/// and with a paymaster enforced it must use that one; otherwise the policy answers 1, which
/// Kernel turns into a revert.
contract SessionKeyGasPolicy is PolicyModule {
    struct Budget {
        uint128 allowed;
        bool enforcePaymaster;
        address allowedPaymaster;
        bool live;
    }

    mapping(bytes32 id => mapping(address account => Budget)) public budgets;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external payable returns (uint256) {
        Budget storage budget = budgets[id][msg.sender];
        require(budget.live, "gas budget not installed");
        uint256 verificationGasLimit = uint128(bytes16(userOp.accountGasLimits));
        uint256 callGasLimit = uint128(uint256(userOp.accountGasLimits));
        uint256 maxFeePerGas = uint128(uint256(userOp.gasFees));
        uint128 cost = uint128((userOp.preVerificationGas + verificationGasLimit + callGasLimit) * maxFeePerGas);
        if (
            budget.enforcePaymaster && budget.allowedPaymaster != address(0)
                && address(bytes20(userOp.paymasterAndData[0:20])) != budget.allowedPaymaster
        ) {
            return 1;
        }
        if (cost > budget.allowed) {
            return 1;
        }
        budget.allowed -= cost;
        return 0;
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        require(!budgets[id][msg.sender].live, "gas budget already installed");
        (uint128 allowed, bool enforcePaymaster, address allowedPaymaster) =
            abi.decode(data, (uint128, bool, address));
        budgets[id][msg.sender] = Budget(allowed, enforcePaymaster, allowedPaymaster, true);
    }

    function _uninstall(bytes32 id) internal override {
        require(budgets[id][msg.sender].live, "gas budget not installed");
        delete budgets[id][msg.sender];
    }

    function _live(bytes32 id, address account) internal view override returns (bool) {
        return budgets[id][account].live;
    }
}
