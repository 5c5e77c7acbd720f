// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A validity window with ZeroDev TimestampPolicy's install data, abi.encode(uint48 validAfter,
/// uint48 validUntil), answered as validationData for the EntryPoint to enforce.
contract SessionKeyTimestampPolicy is IKernelPolicy {
    struct Window {
        uint48 validAfter;
        uint48 validUntil;
        bool live;
    }

    mapping(address account => uint256) public usedIds;
    mapping(bytes32 id => mapping(address account => Window)) public windows;

    function onInstall(bytes calldata data) external payable {
        bytes32 id = bytes32(data[0:32]);
        require(!windows[id][msg.sender].live, "window already installed");
        (uint48 validAfter, uint48 validUntil) = abi.decode(data[32:], (uint48, uint48));
        windows[id][msg.sender] = Window(validAfter, validUntil, true);
        usedIds[msg.sender]++;
    }

    function onUninstall(bytes calldata data) external payable {
        bytes32 id = bytes32(data[0:32]);
        require(windows[id][msg.sender].live, "window not installed");
        delete windows[id][msg.sender];
        usedIds[msg.sender]--;
    }

    function isModuleType(uint256 moduleTypeId) external pure returns (bool) {
        return moduleTypeId == MODULE_TYPE_POLICY;
    }

    function isInitialized(address account) external view returns (bool) {
        return usedIds[account] > 0;
    }

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata) external payable returns (uint256) {
        Window memory window = windows[id][msg.sender];
        require(window.live, "window not installed");
        return packWindow(window.validAfter, window.validUntil);
    }

    function checkSignaturePolicy(bytes32 id, address, bytes32, bytes calldata) external view returns (uint256) {
        require(windows[id][msg.sender].live, "window not installed");
        return 0;
    }
}
