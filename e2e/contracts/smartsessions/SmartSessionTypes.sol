// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Types and interfaces shared by the test modules for Smart Sessions. They follow the interfaces the
// SmartSession module calls (IPolicy.initializeWithMultiplexer, IUserOpPolicy, IActionPolicy,
// I1271Policy, ISessionValidator, ERC-165), written for these tests; init data and checks follow the
// encodings @rhinestone/module-sdk 0.4.0 produces.

/// ERC-4337 v0.7's operation, as SmartSession hands it to user-operation policies.
struct PackedUserOperation {
    address sender; uint256 nonce; bytes initCode; bytes callData;
    bytes32 accountGasLimits; uint256 preVerificationGas; bytes32 gasFees;
    bytes paymasterAndData; bytes signature;
}

interface IERC165 {
    function supportsInterface(bytes4 interfaceId) external view returns (bool);
}

/// What SmartSession calls once per session and policy it enables: msg.sender is the multiplexer.
interface IPolicy {
    function initializeWithMultiplexer(address account, bytes32 configId, bytes calldata initData) external;
}

/// A whole-operation policy: 0 passes, 1 fails, otherwise a validity window.
interface IUserOpPolicy {
    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external returns (uint256);
}

/// A policy on one execution of the account: 0 passes, 1 fails, otherwise a validity window.
interface IActionPolicy {
    function checkAction(bytes32 id, address account, address target, uint256 value, bytes calldata data)
        external
        returns (uint256);
}

/// A policy on an ERC-1271 signature made with the session.
interface I1271Policy {
    function check1271SignedAction(bytes32 id, address requestSender, address account, bytes32 hash, bytes calldata signature)
        external
        view
        returns (bool);
}

/// The session validator: stateless, its configuration comes with every call.
interface ISessionValidator {
    function validateSignatureWithData(bytes32 hash, bytes calldata signature, bytes calldata data)
        external
        view
        returns (bool);
}

uint256 constant VALIDATION_FAILED = 1;
uint256 constant MODULE_TYPE_STATELESS_VALIDATOR = 7;

/// validationData = validAfter << 208 | validUntil << 160 (authorizer 0).
function packWindow(uint48 validAfter, uint48 validUntil) pure returns (uint256) {
    return uint256(validAfter) << 208 | uint256(validUntil) << 160;
}

/// What every policy here shares: configurations are kept per (config id, multiplexer, account), as
/// SmartSession expects, and re-initializing a configuration replaces it.
abstract contract SmartSessionPolicy is IERC165, IPolicy {
    event PolicySet(bytes32 id, address multiplexer, address account);

    function initializeWithMultiplexer(address account, bytes32 configId, bytes calldata initData) external {
        _initialize(configId, account, initData);
        emit PolicySet(configId, msg.sender, account);
    }

    function supportsInterface(bytes4 interfaceId) external pure virtual returns (bool);

    /// Stores `initData` for (`configId`, msg.sender, `account`); reverts on data the policy refuses.
    function _initialize(bytes32 configId, address account, bytes calldata initData) internal virtual;
}
