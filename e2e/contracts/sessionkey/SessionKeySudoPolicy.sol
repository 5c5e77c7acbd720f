// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// ZeroDev SudoPolicy's behaviour: empty install data, every operation allowed.
contract SessionKeySudoPolicy is PolicyModule {
    function checkUserOpPolicy(bytes32, PackedUserOperation calldata) external payable returns (uint256) {
        return 0;
    }

    function _install(bytes32, bytes calldata) internal override {}
}
