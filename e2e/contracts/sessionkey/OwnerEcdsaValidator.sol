// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// The account owner's root validator (module type 1): install data is the owner's 20-byte
/// address; operations and ERC-1271 checks (such as Kernel's enable signature) pass when the owner
/// signed the hash, raw or in EIP-191 form.
contract OwnerEcdsaValidator is IKernelModule {
    mapping(address account => address) public owner;

    function onInstall(bytes calldata data) external payable {
        require(owner[msg.sender] == address(0), "owner already set");
        owner[msg.sender] = address(bytes20(data[0:20]));
    }

    function onUninstall(bytes calldata) external payable {
        delete owner[msg.sender];
    }

    function isModuleType(uint256 moduleTypeId) external pure returns (bool) {
        return moduleTypeId == MODULE_TYPE_VALIDATOR;
    }

    function isInitialized(address account) external view returns (bool) {
        return owner[account] != address(0);
    }

    function validateUserOp(PackedUserOperation calldata userOp, bytes32 userOpHash)
        external
        payable
        returns (uint256)
    {
        return SignatureRecovery.signedEitherWay(owner[msg.sender], userOpHash, userOp.signature) ? 0 : 1;
    }

    function isValidSignatureWithSender(address, bytes32 hash, bytes calldata signature)
        external
        view
        returns (bytes4)
    {
        return SignatureRecovery.signedEitherWay(owner[msg.sender], hash, signature)
            ? ERC1271_MAGIC
            : bytes4(0xffffffff);
    }
}
