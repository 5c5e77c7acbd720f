// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// ZeroDev SudoPolicy's behaviour: empty install data, every operation allowed.
contract SessionKeySudoPolicy is PolicyModule {
    mapping(bytes32 id => mapping(address account => bool)) public installed;

    function checkUserOpPolicy(bytes32, PackedUserOperation calldata) external payable returns (uint256) {
        return 0;
    }

    function _install(bytes32 id, bytes calldata) internal override {
        require(!installed[id][msg.sender], "sudo already installed");
        installed[id][msg.sender] = true;
    }

    function _uninstall(bytes32 id) internal override {
        require(installed[id][msg.sender], "sudo not installed");
        delete installed[id][msg.sender];
    }

    function _live(bytes32 id, address account) internal view override returns (bool) {
        return installed[id][account];
    }
}
