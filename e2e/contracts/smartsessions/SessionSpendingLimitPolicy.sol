// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import "./SmartSessionTypes.sol";

/// Smart Sessions ERC20SpendingLimitPolicy: init data is abi.encode(address[] tokens, uint256[]
/// limits), no zero token or limit. An action passes when it carries no value and is transfer,
/// transferFrom, approve or increaseAllowance on a token whose spent plus approved amount stays
/// within its limit: transfers add to what was spent (a transferFrom to the account itself spends
/// nothing), approve replaces the approved amount and increaseAllowance adds to it. A token without
/// a limit has a limit of zero. getPolicyData reads one token's state back as the release does.
contract SessionSpendingLimitPolicy is SmartSessionPolicy, IActionPolicy {
    struct Budget {
        uint256 spent;
        uint256 approved;
        uint256 limit;
    }

    error InvalidTokenAddress(address token);
    error InvalidLimit(uint256 limit);

    bytes4 private constant TRANSFER = 0xa9059cbb;
    bytes4 private constant TRANSFER_FROM = 0x23b872dd;
    bytes4 private constant APPROVE = 0x095ea7b3;
    bytes4 private constant INCREASE_ALLOWANCE = 0x39509351;

    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => address[]))) internal tokens;
    mapping(bytes32 id => mapping(address multiplexer => mapping(address account => mapping(address token => Budget))))
        internal budgets;

    function getPolicyData(bytes32 id, address multiplexer, address token, address account)
        external
        view
        returns (uint256 spendingLimit, uint256 alreadySpent, uint256 approvedAmount)
    {
        Budget storage budget = budgets[id][multiplexer][account][token];
        return (budget.limit, budget.spent, budget.approved);
    }

    function checkAction(bytes32 id, address account, address target, uint256 value, bytes calldata data)
        external
        returns (uint256)
    {
        if (value != 0) {
            return VALIDATION_FAILED;
        }
        bytes4 selector = bytes4(data[0:4]);
        uint256 amount;
        if (selector == TRANSFER || selector == APPROVE || selector == INCREASE_ALLOWANCE) {
            (, amount) = abi.decode(data[4:], (address, uint256));
        } else if (selector == TRANSFER_FROM) {
            address to;
            (, to, amount) = abi.decode(data[4:], (address, address, uint256));
            if (to == account) {
                amount = 0;
            }
        } else {
            return VALIDATION_FAILED;
        }
        if (target == address(0)) {
            revert InvalidTokenAddress(target);
        }
        Budget storage budget = budgets[id][msg.sender][account][target];
        if (selector == APPROVE) {
            budget.approved = amount;
        } else if (selector == INCREASE_ALLOWANCE) {
            budget.approved += amount;
        } else {
            budget.spent += amount;
        }
        return budget.spent + budget.approved > budget.limit ? VALIDATION_FAILED : 0;
    }

    function supportsInterface(bytes4 interfaceId) external pure override returns (bool) {
        return interfaceId == type(IERC165).interfaceId || interfaceId == type(IPolicy).interfaceId
            || interfaceId == type(IActionPolicy).interfaceId;
    }

    function _initialize(bytes32 configId, address account, bytes calldata initData) internal override {
        address[] storage previous = tokens[configId][msg.sender][account];
        for (uint256 i = 0; i < previous.length; i++) {
            delete budgets[configId][msg.sender][account][previous[i]];
        }
        delete tokens[configId][msg.sender][account];
        (address[] memory listed, uint256[] memory limits) = abi.decode(initData, (address[], uint256[]));
        for (uint256 i = 0; i < listed.length; i++) {
            if (listed[i] == address(0)) {
                revert InvalidTokenAddress(listed[i]);
            }
            if (limits[i] == 0) {
                revert InvalidLimit(limits[i]);
            }
            budgets[configId][msg.sender][account][listed[i]].limit = limits[i];
            tokens[configId][msg.sender][account].push(listed[i]);
        }
    }
}
