// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions UniActionPolicy: init data is abi.encode(ActionConfig), all static. An action
/// passes when its value is within valueLimitPerUse (else the check reverts) and each of the first
/// `length` rules holds for the 32-byte word at 4 + offset of the call data; a limited rule also adds
/// that word to its running total, which must stay within the rule's limit. The public actionConfigs
/// getter answers the whole configuration, running totals included, as the release's does.
contract SessionUniActionPolicy is SmartSessionPolicy, IActionPolicy {
    struct LimitUsage {
        uint256 limit;
        uint256 used;
    }

    /// condition: 0 equal, 1 greater than, 2 less than, 3 at least, 4 at most, 5 not equal,
    /// 6 in range (ref = low << 128 | high); the enum module-sdk encodes as uint8.
    struct ParamRule {
        uint8 condition;
        uint64 offset;
        bool isLimited;
        bytes32 ref;
        LimitUsage usage;
    }

    struct ParamRules {
        uint256 length;
        ParamRule[16] rules;
    }

    struct ActionConfig {
        uint256 valueLimitPerUse;
        ParamRules paramRules;
    }

    error PolicyNotInitialized(bytes32 id, address multiplexer, address account);
    error ValueLimitExceeded(bytes32 id, uint256 value, uint256 limit);
    error UnknownCondition(uint8 condition);

    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => ActionConfig))) public actionConfigs;

    function checkAction(bytes32 id, address account, address, uint256 value, bytes calldata data)
        external
        returns (uint256)
    {
        ActionConfig storage config = actionConfigs[id][msg.sender][account];
        uint256 length = config.paramRules.length;
        if (length == 0) {
            revert PolicyNotInitialized(id, msg.sender, account);
        }
        if (value > config.valueLimitPerUse) {
            revert ValueLimitExceeded(id, value, config.valueLimitPerUse);
        }
        for (uint256 i = 0; i < length; i++) {
            if (!_holds(config.paramRules.rules[i], data)) {
                return VALIDATION_FAILED;
            }
        }
        return 0;
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IActionPolicy).interfaceId;
    }

    function _initialize(bytes32 configId, address account, bytes calldata initData) internal override {
        ActionConfig memory decoded = abi.decode(initData, (ActionConfig));
        ActionConfig storage config = actionConfigs[configId][msg.sender][account];
        config.valueLimitPerUse = decoded.valueLimitPerUse;
        config.paramRules.length = decoded.paramRules.length;
        uint256 length = decoded.paramRules.length < 16 ? decoded.paramRules.length : 16;
        for (uint256 i = 0; i < length; i++) {
            if (decoded.paramRules.rules[i].condition > 6) {
                revert UnknownCondition(decoded.paramRules.rules[i].condition);
            }
            config.paramRules.rules[i] = decoded.paramRules.rules[i];
        }
    }

    function _holds(ParamRule storage rule, bytes calldata data) private returns (bool) {
        uint256 start = 4 + uint256(rule.offset);
        uint256 param = uint256(bytes32(data[start:start + 32]));
        uint256 ref = uint256(rule.ref);
        uint8 condition = rule.condition;
        bool holds;
        if (condition == 0) {
            holds = param == ref;
        } else if (condition == 1) {
            holds = param > ref;
        } else if (condition == 2) {
            holds = param < ref;
        } else if (condition == 3) {
            holds = param >= ref;
        } else if (condition == 4) {
            holds = param <= ref;
        } else if (condition == 5) {
            holds = param != ref;
        } else if (condition == 6) {
            holds = param >= ref >> 128 && param <= uint256(uint128(ref));
        } else {
            revert UnknownCondition(condition);
        }
        if (!holds) {
            return false;
        }
        if (rule.isLimited) {
            if (rule.usage.used + param > rule.usage.limit) {
                return false;
            }
            rule.usage.used += param;
        }
        return true;
    }
}
