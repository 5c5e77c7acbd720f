// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// The callee of behaviours that must end their own frame: a rule entity calls it with a fixed gas
/// stipend and ignores the outcome, so validation itself still succeeds.
contract RuleSink {
    function noop() external payable {}

    /// Runs out of gas (OP-020).
    function burn() external pure {
        uint256 i;
        while (true) {
            i++;
        }
    }

    /// Executes INVALID (0xfe).
    function invalidOpcode() external pure {
        assembly {
            invalid()
        }
    }

    /// Executes SELFDESTRUCT; since Cancun only its balance moves.
    function destroy() external {
        selfdestruct(payable(address(this)));
    }

    receive() external payable {}
}

/// A contract whose whole runtime code is the single unassigned opcode 0x0c (OP-013).
contract RuleUnassignedOpcode {
    constructor() {
        assembly {
            mstore8(0, 0x0c)
            return(0, 1)
        }
    }
}
