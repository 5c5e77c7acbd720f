// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Types and interfaces shared by the test modules for ZeroDev Kernel v3.1 permissions. They follow
// the interfaces Kernel v3.1 calls (ERC-7579 module types 1 validator, 5 policy, 6 signer), written
// for these tests; the modules' install data and checks follow the published ZeroDev encodings.

struct PackedUserOperation {
    address sender;
    uint256 nonce;
    bytes initCode;
    bytes callData;
    bytes32 accountGasLimits;
    uint256 preVerificationGas;
    bytes32 gasFees;
    bytes paymasterAndData;
    bytes signature;
}

interface IKernelModule {
    function onInstall(bytes calldata data) external payable;
    function onUninstall(bytes calldata data) external payable;
    function isModuleType(uint256 moduleTypeId) external view returns (bool);
    function isInitialized(address account) external view returns (bool);
}

/// Module type 5: judges an operation for one permission id of the calling account.
interface IKernelPolicy is IKernelModule {
    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external payable returns (uint256);
    function checkSignaturePolicy(bytes32 id, address sender, bytes32 hash, bytes calldata sig)
        external
        view
        returns (uint256);
}

/// Module type 6: checks the session key's signature for one permission id of the calling account.
interface IKernelSigner is IKernelModule {
    function checkUserOpSignature(bytes32 id, PackedUserOperation calldata userOp, bytes32 userOpHash)
        external
        payable
        returns (uint256);
    function checkSignature(bytes32 id, address sender, bytes32 hash, bytes calldata sig)
        external
        view
        returns (bytes4);
}

uint256 constant MODULE_TYPE_VALIDATOR = 1;
uint256 constant MODULE_TYPE_POLICY = 5;
uint256 constant MODULE_TYPE_SIGNER = 6;
bytes4 constant ERC1271_MAGIC = 0x1626ba7e;

/// ecrecover over a 65-byte r ‖ s ‖ v or a 64-byte EIP-2098 r ‖ vs signature. Like the recovery the
/// ZeroDev modules use, it reverts on any other length and whenever ecrecover finds no signer (v not
/// 27/28, r or s out of range); high s is accepted, as the precompile accepts it.
library SignatureRecovery {
    error InvalidSignature();

    bytes32 private constant LOWER_255_BITS = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff;

    function recover(bytes32 hash, bytes calldata signature) internal pure returns (address signer) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        if (signature.length == 65) {
            r = bytes32(signature[0:32]);
            s = bytes32(signature[32:64]);
            v = uint8(signature[64]);
        } else if (signature.length == 64) {
            r = bytes32(signature[0:32]);
            bytes32 vs = bytes32(signature[32:64]);
            s = vs & LOWER_255_BITS;
            v = uint8(uint256(vs) >> 255) + 27;
        } else {
            revert InvalidSignature();
        }
        signer = ecrecover(hash, v, r, s);
        if (signer == address(0)) {
            revert InvalidSignature();
        }
    }

    function toEthSignedMessageHash(bytes32 hash) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", hash));
    }

    /// True when `signer` signed `hash` itself or its EIP-191 form; reverts as `recover` does.
    function signedEitherWay(address signer, bytes32 hash, bytes calldata signature) internal pure returns (bool) {
        return recover(hash, signature) == signer || recover(toEthSignedMessageHash(hash), signature) == signer;
    }
}

/// validationData = validAfter << 208 | validUntil << 160 (authorizer 0).
function packWindow(uint48 validAfter, uint48 validUntil) pure returns (uint256) {
    return uint256(validAfter) << 208 | uint256(validUntil) << 160;
}

/// What every policy here shares, as in ZeroDev's policies: install data is the 32-byte permission
/// id then the policy's own data; a permission's policy is NA until installed, then Live, then
/// Deprecated once uninstalled (its settings stay, and the id cannot be installed again), which
/// `status(id, account)` tells; an account counts as initialized while it has a permission using
/// the policy.
abstract contract PolicyModule is IKernelPolicy {
    enum Status {
        NA,
        Live,
        Deprecated
    }

    mapping(address account => uint256) public usedIds;
    mapping(bytes32 id => mapping(address account => Status)) public status;

    function onInstall(bytes calldata data) external payable {
        bytes32 id = bytes32(data[0:32]);
        require(status[id][msg.sender] == Status.NA, "policy already installed");
        _install(id, data[32:]);
        status[id][msg.sender] = Status.Live;
        usedIds[msg.sender]++;
    }

    function onUninstall(bytes calldata data) external payable {
        bytes32 id = bytes32(data[0:32]);
        require(status[id][msg.sender] == Status.Live, "policy not installed");
        status[id][msg.sender] = Status.Deprecated;
        usedIds[msg.sender]--;
    }

    function isModuleType(uint256 moduleTypeId) external pure returns (bool) {
        return moduleTypeId == MODULE_TYPE_POLICY;
    }

    function isInitialized(address account) external view returns (bool) {
        return usedIds[account] > 0;
    }

    function checkSignaturePolicy(bytes32 id, address, bytes32, bytes calldata) external view returns (uint256) {
        require(_live(id, msg.sender), "policy not installed");
        return 0;
    }

    /// Stores the policy's `data` for permission `id` of msg.sender.
    function _install(bytes32 id, bytes calldata data) internal virtual;

    /// True while permission `id` of `account` has the policy installed.
    function _live(bytes32 id, address account) internal view returns (bool) {
        return status[id][account] == Status.Live;
    }
}
