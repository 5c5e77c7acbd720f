// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A validity window with ZeroDev TimestampPolicy's install data, abi.encode(uint48 validAfter,
/// uint48 validUntil), answered as validationData for the EntryPoint to enforce.
contract SessionKeyTimestampPolicy is PolicyModule {
    struct Window {
        uint48 validAfter;
        uint48 validUntil;
        bool live;
    }

    mapping(bytes32 id => mapping(address account => Window)) public windows;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata) external payable returns (uint256) {
        Window memory window = windows[id][msg.sender];
        require(window.live, "window not installed");
        return packWindow(window.validAfter, window.validUntil);
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        require(!windows[id][msg.sender].live, "window already installed");
        (uint48 validAfter, uint48 validUntil) = abi.decode(data, (uint48, uint48));
        windows[id][msg.sender] = Window(validAfter, validUntil, true);
    }

    function _uninstall(bytes32 id) internal override {
        require(windows[id][msg.sender].live, "window not installed");
        delete windows[id][msg.sender];
    }

    function _live(bytes32 id, address account) internal view override returns (bool) {
        return windows[id][account].live;
    }
}
