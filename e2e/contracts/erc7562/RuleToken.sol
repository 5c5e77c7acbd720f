// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// A token whose slots fall in the ERC-7562 storage classes: slots associated with an address a
/// (balanceOf[a] = keccak(a ‖ 1), info[a].c = keccak(a ‖ 2) + 2, allowance[x][a] =
/// keccak(a ‖ keccak(x ‖ 3)), and the slot numbered a itself) and a slot associated with no
/// address (totalSupply, slot 0).
contract RuleToken {
    struct Info {
        uint256 a;
        uint256 b;
        uint256 c;
    }

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => Info) public info;
    mapping(address => mapping(address => uint256)) public allowance;

    /// Writes only the slot associated with {owner}.
    function credit(address owner) external {
        balanceOf[owner] += 1;
    }

    /// Writes a struct member three slots into the record associated with {owner}.
    function touchInfo(address owner) external {
        info[owner].c += 1;
    }

    /// Reads any slot, e.g. the one whose number is an address.
    function slotAt(uint256 slot) external view returns (uint256 value) {
        assembly {
            value := sload(slot)
        }
    }

    /// Writes the slot associated with no address.
    function bumpSupply() external {
        totalSupply += 1;
    }
}
