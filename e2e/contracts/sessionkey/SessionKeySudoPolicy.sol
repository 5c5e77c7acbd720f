// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// ZeroDev SudoPolicy's behaviour: empty install data, every operation allowed.
contract SessionKeySudoPolicy is IKernelPolicy {
    mapping(address account => uint256) public usedIds;

    function onInstall(bytes calldata) external payable {
        usedIds[msg.sender]++;
    }

    function onUninstall(bytes calldata) external payable {
        usedIds[msg.sender]--;
    }

    function isModuleType(uint256 moduleTypeId) external pure returns (bool) {
        return moduleTypeId == MODULE_TYPE_POLICY;
    }

    function isInitialized(address account) external view returns (bool) {
        return usedIds[account] > 0;
    }

    function checkUserOpPolicy(bytes32, PackedUserOperation calldata) external payable returns (uint256) {
        return 0;
    }

    function checkSignaturePolicy(bytes32, address, bytes32, bytes calldata) external pure returns (uint256) {
        return 0;
    }
}
