// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./KernelModuleTypes.sol";

/// A call scope with ZeroDev CallPolicy's install data (the 32-byte permission id, then
/// abi.encode(Permission[])) and check (the semantics of its latest release, with ONE_OF and
/// SUBSTR_EQUAL): every call of an ERC-7579 execute must match a permission by (call type, target,
/// selector), the zero target standing for any, stay within its value limit and pass all its
/// argument rules; anything else reverts.
contract SessionKeyCallPolicy is PolicyModule {
    enum ParamCondition {
        EQUAL,
        GREATER_THAN,
        LESS_THAN,
        GREATER_THAN_OR_EQUAL,
        LESS_THAN_OR_EQUAL,
        NOT_EQUAL,
        ONE_OF,
        SUBSTR_EQUAL
    }

    struct ParamRule {
        ParamCondition condition;
        uint64 offset;
        bytes32[] params;
    }

    struct Permission {
        bytes1 callType;
        address target;
        bytes4 selector;
        uint256 valueLimit;
        ParamRule[] rules;
    }

    struct Execution {
        address target;
        uint256 value;
        bytes callData;
    }

    error InvalidCallType();
    error CallViolatesTargetRule();
    error CallViolatesValueRule();
    error CallViolatesParamRule();
    error ParamTooShort();

    bytes4 private constant EXECUTE = 0xe9ae5c53;
    bytes1 private constant CALLTYPE_SINGLE = 0x00;
    bytes1 private constant CALLTYPE_BATCH = 0x01;
    bytes1 private constant CALLTYPE_DELEGATECALL = 0xff;

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external payable returns (uint256) {
        bytes calldata callData = userOp.callData;
        require(bytes4(callData[0:4]) == EXECUTE, "call data is not execute");
        bytes1 callType = callData[4];
        uint256 executionAt = 4 + uint256(bytes32(callData[36:68]));
        uint256 executionLength = uint256(bytes32(callData[executionAt:executionAt + 32]));
        bytes calldata execution = callData[executionAt + 32:executionAt + 32 + executionLength];
        if (callType == CALLTYPE_SINGLE) {
            _check(id, CALLTYPE_SINGLE, address(bytes20(execution[0:20])), uint256(bytes32(execution[20:52])), execution[52:]);
        } else if (callType == CALLTYPE_BATCH) {
            Execution[] memory calls = abi.decode(execution, (Execution[]));
            for (uint256 i = 0; i < calls.length; i++) {
                _check(id, CALLTYPE_SINGLE, calls[i].target, calls[i].value, calls[i].callData);
            }
        } else if (callType == CALLTYPE_DELEGATECALL) {
            _check(id, CALLTYPE_DELEGATECALL, address(bytes20(execution[0:20])), 0, execution[20:]);
        } else {
            revert InvalidCallType();
        }
        return 0;
    }

    /// The stored key of a permission.
    function permissionHash(bytes1 callType, address target, bytes4 selector) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(callType, target, selector));
    }

    /// The stored abi.encode(valueLimit, rules) of a permission of `account`, empty when absent.
    function encodedPermissions(bytes32 id, bytes32 key, address account) external view returns (bytes memory) {
        return _load(id, key, account);
    }

    function _check(bytes32 id, bytes1 callType, address target, uint256 value, bytes memory data) private view {
        bytes4 selector = data.length == 0 ? bytes4(0) : _selector(data);
        bytes memory encoded = _load(id, permissionHash(callType, target, selector), msg.sender);
        if (encoded.length == 0) {
            encoded = _load(id, permissionHash(callType, address(0), selector), msg.sender);
        }
        if (encoded.length == 0) {
            revert CallViolatesTargetRule();
        }
        (uint256 valueLimit, ParamRule[] memory rules) = abi.decode(encoded, (uint256, ParamRule[]));
        if (value > valueLimit) {
            revert CallViolatesValueRule();
        }
        for (uint256 i = 0; i < rules.length; i++) {
            if (!_passes(rules[i], data)) {
                revert CallViolatesParamRule();
            }
        }
    }

    function _passes(ParamRule memory rule, bytes memory data) private pure returns (bool) {
        uint256 at = 4 + uint256(rule.offset);
        require(data.length >= at + 32, "argument out of range");
        bytes32 param = _word(data, at);
        ParamCondition condition = rule.condition;
        if (condition == ParamCondition.EQUAL) return param == rule.params[0];
        if (condition == ParamCondition.GREATER_THAN) return param > rule.params[0];
        if (condition == ParamCondition.LESS_THAN) return param < rule.params[0];
        if (condition == ParamCondition.GREATER_THAN_OR_EQUAL) return param >= rule.params[0];
        if (condition == ParamCondition.LESS_THAN_OR_EQUAL) return param <= rule.params[0];
        if (condition == ParamCondition.NOT_EQUAL) return param != rule.params[0];
        if (condition == ParamCondition.ONE_OF) {
            for (uint256 j = 0; j < rule.params.length; j++) {
                if (param == rule.params[j]) return true;
            }
            return false;
        }
        // SUBSTR_EQUAL: the head word is the offset (after the selector) of a dynamic bytes
        // argument; its bytes [start, start + length) must hash to params[2]. Reads past the data
        // see zeros, as calldata reads past its end do.
        uint256 start = uint256(rule.params[0]);
        uint256 length = uint256(rule.params[1]);
        uint256 lengthAt = 4 + uint256(param);
        uint256 argumentLength = uint256(_paddedWord(data, lengthAt));
        if (argumentLength < start + length) revert ParamTooShort();
        return _paddedHash(data, lengthAt + 32 + start, length) == rule.params[2];
    }

    function _selector(bytes memory data) private pure returns (bytes4 selector) {
        require(data.length >= 4, "call data shorter than a selector");
        assembly {
            selector := mload(add(data, 32))
        }
    }

    function _word(bytes memory data, uint256 at) private pure returns (bytes32 word) {
        assembly {
            word := mload(add(add(data, 32), at))
        }
    }

    function _paddedWord(bytes memory data, uint256 at) private pure returns (bytes32 word) {
        for (uint256 i = 0; i < 32; i++) {
            if (at + i < data.length) {
                word |= bytes32(data[at + i]) >> (8 * i);
            }
        }
    }

    function _paddedHash(bytes memory data, uint256 from, uint256 length) private pure returns (bytes32) {
        bytes memory slice = new bytes(length);
        for (uint256 i = 0; i < length && from + i < data.length; i++) {
            slice[i] = data[from + i];
        }
        return keccak256(slice);
    }

    /// Permissions live at keccak256(account ‖ keccak256(id ‖ key)) (length) and the slots after it
    /// (words), storage associated with the account in ERC-7562's sense.
    function _slot(bytes32 id, bytes32 key, address account) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(account, keccak256(abi.encode(id, key)))));
    }

    function _store(bytes32 id, bytes32 key, address account, bytes memory value) private {
        uint256 slot = _slot(id, key, account);
        uint256 words = (value.length + 31) / 32;
        require(words < 128, "permission too large");
        assembly {
            sstore(slot, mload(value))
            for { let i := 0 } lt(i, words) { i := add(i, 1) } {
                sstore(add(add(slot, 1), i), mload(add(add(value, 32), mul(i, 32))))
            }
        }
    }

    function _load(bytes32 id, bytes32 key, address account) private view returns (bytes memory value) {
        uint256 slot = _slot(id, key, account);
        uint256 length;
        assembly {
            length := sload(slot)
        }
        value = new bytes(length);
        uint256 words = (length + 31) / 32;
        assembly {
            for { let i := 0 } lt(i, words) { i := add(i, 1) } {
                mstore(add(add(value, 32), mul(i, 32)), sload(add(add(slot, 1), i)))
            }
        }
    }

    function _install(bytes32 id, bytes calldata data) internal override {
        Permission[] memory permissions = abi.decode(data, (Permission[]));
        for (uint256 i = 0; i < permissions.length; i++) {
            Permission memory permission = permissions[i];
            bytes32 key = permissionHash(permission.callType, permission.target, permission.selector);
            require(_load(id, key, msg.sender).length == 0, "duplicate permissionHash");
            for (uint256 j = 0; j < permission.rules.length; j++) {
                ParamRule memory rule = permission.rules[j];
                if (rule.condition == ParamCondition.SUBSTR_EQUAL) {
                    require(rule.params.length == 3, "substr equal condition must have 3 params");
                } else if (rule.condition != ParamCondition.ONE_OF) {
                    require(rule.params.length == 1, "only OneOf and SubstrEqual condition can have multiple params");
                }
            }
            _store(id, key, msg.sender, abi.encode(permission.valueLimit, permission.rules));
        }
    }
}
