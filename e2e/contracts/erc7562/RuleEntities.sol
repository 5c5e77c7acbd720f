// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RuleBehaviours} from "./RuleBehaviours.sol";

/// EntryPoint v0.7's packed UserOperation, as validateUserOp and validatePaymasterUserOp take it;
/// the rule entities read only the behaviour fields.
struct PackedUserOperation {
    address sender;
    uint256 nonce;
    bytes initCode; // factory ‖ factoryData: createAccount(salt, factory behaviour)
    bytes callData;
    bytes32 accountGasLimits;
    uint256 preVerificationGas;
    bytes32 gasFees;
    bytes paymasterAndData; // paymaster ‖ gas limits (52 bytes) ‖ paymaster behaviour
    bytes signature; // the account behaviour
}

/// An account whose validateUserOp runs the behaviour in the operation's signature, then pays the
/// missing prefund to the EntryPoint (the fallback call with value that OP-053 allows). It checks
/// no signature: the rules, not the account, are under test. Any slot of it can be read, so that
/// another operation's validation can use its storage (STO-041).
contract RulesAccount is RuleBehaviours {
    function slotAt(uint256 slot) external view returns (uint256 value) {
        assembly {
            value := sload(slot)
        }
    }

    function validateUserOp(PackedUserOperation calldata userOp, bytes32, uint256 missingAccountFunds)
        external
        returns (uint256)
    {
        _enter(userOp.signature, address(this));
        if (missingAccountFunds > 0) {
            (bool paid,) = payable(msg.sender).call{value: missingAccountFunds}("");
            (paid);
        }
        return 0;
    }

    receive() external payable {}
}

/// A factory that runs the behaviour in its factoryData, then deploys a RulesAccount with CREATE2.
/// The account's address depends on the salt only, not on the behaviour.
contract RulesFactory is RuleBehaviours {
    function createAccount(uint256 salt, bytes calldata behaviour) external returns (address) {
        _enter(behaviour, getAddress(salt));
        return address(new RulesAccount{salt: bytes32(salt)}());
    }

    function getAddress(uint256 salt) public view returns (address) {
        bytes32 codeHash = keccak256(type(RulesAccount).creationCode);
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, codeHash)))));
    }

    receive() external payable {}
}

/// A paymaster that runs the behaviour in its paymasterData (paymasterAndData after the 52 bytes
/// of address and gas limits) and sponsors every operation with an empty context.
contract RulesPaymaster is RuleBehaviours {
    uint256 private constant PAYMASTER_DATA_OFFSET = 52;

    function validatePaymasterUserOp(PackedUserOperation calldata userOp, bytes32, uint256)
        external
        returns (bytes memory context, uint256 validationData)
    {
        _enter(userOp.paymasterAndData[PAYMASTER_DATA_OFFSET:], userOp.sender);
        return ("", 0);
    }

    function postOp(uint8, bytes calldata, uint256, uint256) external {}

    receive() external payable {}
}
