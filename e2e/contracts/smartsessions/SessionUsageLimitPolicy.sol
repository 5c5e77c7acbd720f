// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions UsageLimitPolicy: init data is 16 bytes uint128 limit; each operation or action
/// checked takes one use, and with none left the check fails. Read back with the release's getters.
contract SessionUsageLimitPolicy is SmartSessionPolicy, IUserOpPolicy, IActionPolicy {
    struct Usage {
        uint128 limit;
        uint128 used;
    }

    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => Usage))) public usageLimitConfigs;

    function getUsageLimit(bytes32 id, address multiplexer, address account) external view returns (uint128) {
        return usageLimitConfigs[id][multiplexer][account].limit;
    }

    function getUsed(bytes32 id, address multiplexer, address account) external view returns (uint128) {
        return usageLimitConfigs[id][multiplexer][account].used;
    }

    function checkUserOpPolicy(bytes32 id, PackedUserOperation calldata userOp) external returns (uint256) {
        return _use(id, userOp.sender);
    }

    function checkAction(bytes32 id, address account, address, uint256, bytes calldata) external returns (uint256) {
        return _use(id, account);
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IUserOpPolicy).interfaceId || interfaceId == type(IActionPolicy).interfaceId;
    }

    function _initialize(bytes32 configId, address account, bytes calldata initData) internal override {
        usageLimitConfigs[configId][msg.sender][account] = Usage(uint128(bytes16(initData[0:16])), 0);
    }

    function _use(bytes32 id, address account) private returns (uint256) {
        Usage storage usage = usageLimitConfigs[id][msg.sender][account];
        if (usage.used >= usage.limit) {
            return VALIDATION_FAILED;
        }
        usage.used += 1;
        return 0;
    }
}
