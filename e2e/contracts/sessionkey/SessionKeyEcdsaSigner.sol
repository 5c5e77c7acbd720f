// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A session key signer with ZeroDev ECDSASigner's install data (the 20-byte key after the 32-byte
/// permission id) and check: the key must have signed the userOpHash, raw or in EIP-191 form; a
/// mismatch returns 1 (signature failure), an unrecoverable signature reverts.
contract SessionKeyEcdsaSigner is IKernelSigner {
    mapping(address account => uint256) public usedIds;
    mapping(bytes32 id => mapping(address account => address)) public signer;

    function onInstall(bytes calldata data) external payable {
        bytes32 id = bytes32(data[0:32]);
        require(signer[id][msg.sender] == address(0), "signer already installed");
        signer[id][msg.sender] = address(bytes20(data[32:52]));
        usedIds[msg.sender]++;
    }

    function onUninstall(bytes calldata data) external payable {
        bytes32 id = bytes32(data[0:32]);
        require(signer[id][msg.sender] != address(0), "signer not installed");
        delete signer[id][msg.sender];
        usedIds[msg.sender]--;
    }

    function isModuleType(uint256 moduleTypeId) external pure returns (bool) {
        return moduleTypeId == MODULE_TYPE_SIGNER;
    }

    function isInitialized(address account) external view returns (bool) {
        return usedIds[account] > 0;
    }

    function checkUserOpSignature(bytes32 id, PackedUserOperation calldata userOp, bytes32 userOpHash)
        external
        payable
        returns (uint256)
    {
        return SignatureRecovery.signedEitherWay(signer[id][msg.sender], userOpHash, userOp.signature) ? 0 : 1;
    }

    function checkSignature(bytes32 id, address, bytes32 hash, bytes calldata sig) external view returns (bytes4) {
        return SignatureRecovery.signedEitherWay(signer[id][msg.sender], hash, sig) ? ERC1271_MAGIC : bytes4(0xffffffff);
    }
}
