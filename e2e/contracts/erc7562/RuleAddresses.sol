// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// Where the Java harness (io.seed.bundler.core.erc7562.RuleContracts) installs the helper
/// contracts; fixed so that the behaviours need no constructor arguments and an entity reached by
/// DELEGATECALL sees the same addresses as one reached directly.
library RuleAddresses {
    address internal constant ENTRY_POINT = 0x0000000071727De22E5E9d8BAf0edAc6f37da032;
    address internal constant TOKEN = address(uint160(0x7562 << 144 | 0x01));
    address internal constant SINK = address(uint160(0x7562 << 144 | 0x02));
    address internal constant UNASSIGNED_OPCODE = address(uint160(0x7562 << 144 | 0x03));
    address internal constant TARGET = address(uint160(0x7562 << 144 | 0x04));
    /// A RulesAccount that sends an operation of its own, whose storage other operations read:
    /// the "sender of another UserOperation" of STO-041.
    address internal constant PEER = address(uint160(0x7562 << 144 | 0xa2));
    /// Never given code: the "address without code" of OP-041.
    address internal constant NO_CODE = address(uint160(0x7562 << 144 | 0xff));
}
