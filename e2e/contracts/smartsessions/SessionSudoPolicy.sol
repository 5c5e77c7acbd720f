// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions SudoPolicy: empty init data; every operation, action and signature passes.
contract SessionSudoPolicy is SmartSessionPolicy, IUserOpPolicy, IActionPolicy, I1271Policy {
    function checkUserOpPolicy(bytes32, PackedUserOperation calldata) external pure returns (uint256) {
        return 0;
    }

    function checkAction(bytes32, address, address, uint256, bytes calldata) external pure returns (uint256) {
        return 0;
    }

    function check1271SignedAction(bytes32, address, address, bytes32, bytes calldata) external pure returns (bool) {
        return true;
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IUserOpPolicy).interfaceId || interfaceId == type(IActionPolicy).interfaceId
            || interfaceId == type(I1271Policy).interfaceId;
    }

    function _initialize(bytes32, address, bytes calldata) internal override {}
}
