// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions ValueLimitPolicy as an action policy: init data is a non-zero uint256 budget of
/// native value; each action spends its value from it, and one over the rest fails. Read back with the
/// release's getters.
contract SessionValueLimitPolicy is SmartSessionPolicy, IActionPolicy {
    struct Budget {
        uint256 limit;
        uint256 used;
    }

    error ZeroLimit();

    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => Budget))) public valueLimitConfigs;

    function getValueLimit(bytes32 id, address multiplexer, address account) external view returns (uint256) {
        return valueLimitConfigs[id][multiplexer][account].limit;
    }

    function getUsed(bytes32 id, address multiplexer, address account) external view returns (uint256) {
        return valueLimitConfigs[id][multiplexer][account].used;
    }

    function checkAction(bytes32 id, address account, address, uint256 value, bytes calldata) external returns (uint256) {
        Budget storage budget = valueLimitConfigs[id][msg.sender][account];
        if (budget.used + value > budget.limit) {
            return VALIDATION_FAILED;
        }
        budget.used += value;
        return 0;
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IActionPolicy).interfaceId;
    }

    function _initialize(bytes32 configId, address account, bytes calldata initData) internal override {
        uint256 limit = uint256(bytes32(initData[0:32]));
        if (limit == 0) {
            revert ZeroLimit();
        }
        valueLimitConfigs[configId][msg.sender][account] = Budget(limit, 0);
    }
}
